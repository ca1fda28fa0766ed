"""Forms of the staff's editors: a contest call (lists typed one item a line) and an indicator
of the maturity framework. Forms parse; the actions decide (network/actions_calls.py,
network/actions_framework.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.communities.geography import SizeBand
from hromada.core.forms import WholeNumberField
from hromada.core.params import parse_int
from hromada.network.actions_calls import CallData
from hromada.network.actions_framework import IndicatorData
from hromada.network.models_contests import Contest
from hromada.network.models_maturity import Indicator, Theme

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\x00", "").splitlines() if line.strip()]


class CallForm(forms.Form):
    slug = forms.SlugField(label=_("Адреса (латиницею)"), max_length=80)
    title = forms.CharField(label=_("Назва"), max_length=200)
    text = forms.CharField(label=_("Текст оголошення"), widget=forms.Textarea, max_length=50_000)
    opens_at = forms.DateTimeField(label=_("Прийом заявок з"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Прийом заявок до"), widget=DATETIME)
    review_ends_at = forms.DateTimeField(label=_("Оцінювання журі до"), widget=DATETIME)
    announce_at = forms.DateTimeField(label=_("Оголошення результатів"), widget=DATETIME)
    winners_count = WholeNumberField(label=_("Скільки переможців"), min_value=1, max_value=100)
    blind_review = forms.BooleanField(label=_("Сліпе оцінювання"), required=False)
    members_only = forms.BooleanField(label=_("Лише для членів мережі"), required=False)
    size_bands = forms.MultipleChoiceField(
        label=_("Дозволені розміри громад (жоден — будь-які)"),
        choices=SizeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    exclude_oblast_centres = forms.BooleanField(label=_("Крім обласних центрів"), required=False)
    max_per_oblast = WholeNumberField(
        label=_("Не більше переможців з однієї області (0 — без обмеження)"),
        min_value=0,
        max_value=100,
    )
    disagreement_threshold = WholeNumberField(
        label=_("Поріг розбіжності оцінок, балів зі 100"), min_value=1, max_value=100
    )
    questions = forms.CharField(
        label=_("Питання анкети, кожне з нового рядка"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
    )
    documents = forms.CharField(
        label=_("Потрібні документи, кожен з нового рядка"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10_000,
    )
    criteria = forms.CharField(
        label=_("Критерії: назва | вага | найвища оцінка, кожен з нового рядка"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
    )

    def clean_criteria(self) -> list[tuple[str, int, int]]:
        parsed = []
        for line in _lines(self.cleaned_data["criteria"]):
            parts = [part.strip() for part in line.split("|")]
            weight = parse_int(parts[1], minimum=1, maximum=100) if len(parts) == 3 else None
            top = parse_int(parts[2], minimum=1, maximum=1000) if len(parts) == 3 else None
            if not parts[0] or weight is None or top is None:
                raise forms.ValidationError(
                    _(
                        "Рядок «%(line)s»: напишіть назву | вагу | найвищу оцінку, "
                        "наприклад «Команда | 2 | 10»."
                    ),
                    params={"line": line[:80]},
                )
            parsed.append((parts[0][:200], weight, top))
        return parsed

    def data_object(self) -> CallData:
        values = {k: v for k, v in self.cleaned_data.items() if k != "slug"}
        values["title"] = values["title"].replace("\x00", "")
        values["text"] = values["text"].replace("\x00", "")
        values["questions"] = [q[:500] for q in _lines(values["questions"])]
        values["documents"] = [d[:300] for d in _lines(values["documents"])]
        return CallData(**values)

    @staticmethod
    def initial_of(contest: Contest) -> dict[str, Any]:
        names = ("slug", "title", "text", "opens_at", "closes_at", "review_ends_at", "announce_at",
                 "winners_count", "blind_review", "members_only", "size_bands",
                 "exclude_oblast_centres", "max_per_oblast", "disagreement_threshold")  # fmt: skip
        initial = {name: getattr(contest, name) for name in names}
        initial["questions"] = "\n".join(q.text for q in contest.questions.all())
        initial["documents"] = "\n".join(d.title for d in contest.required_documents.all())
        initial["criteria"] = "\n".join(
            f"{c.name} | {c.weight} | {c.max_score}" for c in contest.criteria.all()
        )
        return initial


class IndicatorForm(forms.Form):
    theme = forms.ChoiceField(label=_("Тема"), choices=Theme.choices)
    title = forms.CharField(label=_("Показник"), max_length=300)
    guidance = forms.CharField(
        label=_("Як оцінювати (що означає кожен рівень)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    evidence = forms.CharField(label=_("Яке підтвердження просимо"), required=False, max_length=500)
    weight = WholeNumberField(label=_("Вага"), min_value=1, max_value=10, initial=1)
    max_level = WholeNumberField(label=_("Найвищий рівень"), min_value=1, max_value=5, initial=2)
    active = forms.BooleanField(label=_("Використовується"), required=False, initial=True)

    def data_object(self) -> IndicatorData:
        return IndicatorData(**self.cleaned_data)

    @staticmethod
    def initial_of(indicator: Indicator) -> dict[str, Any]:
        names = ("theme", "title", "guidance", "evidence", "weight", "max_level", "active")
        return {name: getattr(indicator, name) for name in names}
