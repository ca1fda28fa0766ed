"""The phases of a participatory-budget process, declared once and read everywhere.

Each phase is a half-open interval [start, end) between two of the process's dates. Actions
ask `require_phase` and get a translated refusal that names the phase's dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.core.errors import ActionRefused

if TYPE_CHECKING:
    from hromada.budgeting.models import Process


@dataclass(frozen=True)
class Phase:
    key: str
    label: Promise
    start_field: str | None  # None: from the beginning of time
    end_field: str | None  # None: open-ended


PHASES: tuple[Phase, ...] = (
    Phase("information", gettext_lazy("Інформування"), None, "submission_start"),
    Phase("submission", gettext_lazy("Подання проєктів"), "submission_start", "submission_end"),
    Phase("review", gettext_lazy("Розгляд проєктів"), "submission_end", "voting_start"),
    Phase("voting", gettext_lazy("Голосування"), "voting_start", "voting_end"),
    Phase("counting", gettext_lazy("Підрахунок голосів"), "voting_end", "results_date"),
    Phase("implementation", gettext_lazy("Реалізація"), "results_date", "implementation_end"),
    Phase("finished", gettext_lazy("Завершено"), "implementation_end", None),
)
PHASE_BY_KEY = {phase.key: phase for phase in PHASES}
RESULTS_PHASES = frozenset({"implementation", "finished"})


def _bound(process: Process, field: str | None) -> datetime | None:
    return None if field is None else getattr(process, field)


def current_phase(process: Process, now: datetime | None = None) -> Phase:
    now = now or timezone.now()
    for phase in PHASES:
        start, end = _bound(process, phase.start_field), _bound(process, phase.end_field)
        if (start is None or start <= now) and (end is None or now < end):
            return phase
    return PHASES[-1]


def is_phase(process: Process, *keys: str, now: datetime | None = None) -> bool:
    return current_phase(process, now).key in keys


def results_public(process: Process, now: datetime | None = None) -> bool:
    return current_phase(process, now).key in RESULTS_PHASES


def phase_dates(process: Process, key: str) -> str:
    """'from 1 March 10:00 to 31 March 23:59' in the active language."""
    phase = PHASE_BY_KEY[key]
    start, end = _bound(process, phase.start_field), _bound(process, phase.end_field)
    parts = []
    if start is not None:
        parts.append(_("з %(date)s") % {"date": _format(start)})
    if end is not None:
        parts.append(_("до %(date)s") % {"date": _format(end)})
    return " ".join(parts)


def _format(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def require_phase(process: Process, key: str, now: datetime | None = None) -> None:
    if current_phase(process, now).key != key:
        raise ActionRefused(
            _("Це можна зробити лише на етапі «%(phase)s» (%(dates)s). Зараз етап «%(now)s».")
            % {
                "phase": PHASE_BY_KEY[key].label,
                "dates": phase_dates(process, key),
                "now": current_phase(process, now).label,
            }
        )
