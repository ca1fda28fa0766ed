"""The network's staff edit the maturity framework: add an indicator, reword one, retire it.

An indicator already rated in some assessment keeps its theme, weight and scale: changing them
would silently rescore every earlier assessment (and the peers' medians) and make the progress
between rounds meaningless. To measure differently, retire it (`active` off: earlier
assessments keep it) and add a new one. Its wording, guidance and evidence asked stay editable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.network.models import Network
from hromada.network.models_maturity import AssessmentAnswer, Indicator, Theme

LOCKED_ONCE_RATED = ("theme", "weight", "max_level")


@dataclass
class IndicatorData:
    theme: str
    title: str
    guidance: str = ""
    evidence: str = ""
    weight: int = 1
    max_level: int = 2
    active: bool = True


def _clean(text: str, limit: int) -> str:
    return text.replace("\x00", "").strip()[:limit]


def _checked(data: IndicatorData) -> dict[str, Any]:
    if data.theme not in Theme.values:
        raise ActionRefused(_("Оберіть тему зі списку."), field="theme")
    title = _clean(data.title, 300)
    if not title:
        raise ActionRefused(_("Назвіть показник."), field="title")
    if not 1 <= data.weight <= 10:
        raise ActionRefused(_("Вага — від 1 до 10."), field="weight")
    if not 1 <= data.max_level <= 5:
        raise ActionRefused(_("Найвищий рівень — від 1 до 5."), field="max_level")
    return {
        "theme": data.theme,
        "title": title,
        "guidance": _clean(data.guidance, 5000),
        "evidence": _clean(data.evidence, 500),
        "weight": data.weight,
        "max_level": data.max_level,
        "active": data.active,
    }


@transaction.atomic
def save_indicator(
    actor: Any, network: Network, data: IndicatorData, indicator: Indicator | None = None
) -> Indicator:
    require_perm(actor, "network.manage", network)
    values = _checked(data)
    if indicator is None:
        position = Indicator.objects.filter(network=network, theme=values["theme"]).count() + 1
        indicator = Indicator.objects.create(network=network, position=position, **values)
        record("network.indicator_added", actor=actor, target=indicator)
        return indicator
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk, network=network)
    if AssessmentAnswer.objects.filter(indicator=indicator).exists():
        for name in LOCKED_ONCE_RATED:
            if values[name] != getattr(indicator, name):
                raise ActionRefused(
                    _(
                        "Громади вже оцінили себе за цим показником: тему, вагу й шкалу не "
                        "змінюють. Вимкніть його й додайте новий."
                    ),
                    field=name,
                )
    changed = sorted(name for name, value in values.items() if getattr(indicator, name) != value)
    for name, value in values.items():
        setattr(indicator, name, value)
    indicator.save()
    record("network.indicator_edited", actor=actor, target=indicator, changed=changed)
    return indicator
