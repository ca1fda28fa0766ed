"""Forms of supporters, review and appeals: they parse input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.budgeting.forms import REVIEW_GROUNDS
from hromada.budgeting.models_review import ReviewAssignment
from hromada.core.forms import HryvniaField, WholeNumberField


class PaperSupportForm(forms.Form):
    identifier = forms.CharField(
        label=_("РНОКПП або номер документа"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Зберігається лише як ключований хеш, щоб одну особу не врахувати двічі."),
    )
    # The action checks the range and the age rule, with the message the person needs.
    birth_year = WholeNumberField(label=_("Рік народження"), min_value=0, max_value=9999)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].widget.attrs.update({"inputmode": "numeric"})


class AssignReviewForm(forms.Form):
    department = forms.ChoiceField(label=_("Підрозділ"))

    def __init__(self, *args: Any, departments: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d, d) for d in departments]  # type: ignore[attr-defined]


class ConclusionForm(forms.Form):
    feasibility = forms.ChoiceField(
        label=_("Реалізовуваність"), choices=ReviewAssignment.Feasibility.choices
    )
    legality = forms.ChoiceField(label=_("Законність"), choices=ReviewAssignment.Legality.choices)
    land = forms.ChoiceField(label=_("Земельна ділянка"), choices=ReviewAssignment.Land.choices)
    cost_estimate = HryvniaField(
        label=_("Оцінка вартості, грн"),
        required=False,
        help_text=_("Якщо ваша оцінка відрізняється від авторської."),
    )
    recommendation = forms.ChoiceField(
        label=_("Рекомендація"),
        choices=ReviewAssignment.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    ground = forms.ChoiceField(
        label=_("Підстава відхилення"),
        choices=[("", "—"), *REVIEW_GROUNDS],
        required=False,
        help_text=_("Обов'язково, якщо рекомендуєте відхилити."),
    )
    reason = forms.CharField(
        label=_("Обґрунтування"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Чому рішення слід переглянути"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Апеляція і рішення комісії публічні: їх видно в історії проєкту."),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Рішення комісії"),
        choices=[
            ("admit", _("Задовольнити: допустити проєкт до голосування")),
            ("dismiss", _("Відхилити апеляцію")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Обґрунтування"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
