"""Forms of participatory budgets: they parse and describe input; the actions decide."""

from __future__ import annotations

import itertools
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from hromada.budgeting.models import Process, Project, SubBudget
from hromada.budgeting.rule_changes import RuleChange
from hromada.core.forms import HryvniaField, PictureField
from hromada.core.params import parse_int

MAX_IMAGE_BYTES = 5 * 1024 * 1024


class ProjectForm(forms.Form):
    sub_budget = forms.TypedChoiceField(label=_("Підбюджет"), coerce=int)
    title = forms.CharField(label=_("Назва проєкту"), max_length=200)
    description = forms.CharField(
        label=_("Опис"),
        widget=forms.Textarea,
        help_text=_("Що саме буде зроблено, для кого і чому це важливо."),
        min_length=50,
    )
    cost = HryvniaField(label=_("Вартість, грн"), help_text=_("Повна кошторисна вартість."))
    location = forms.CharField(label=_("Місце реалізації"), max_length=300)
    image = PictureField(label=_("Зображення (необов'язково)"), required=False)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sub_budget"].choices = [  # type: ignore[attr-defined]
            (sb.pk, sb.name) for sb in process.sub_budgets.all()
        ]

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image and image.size > MAX_IMAGE_BYTES:
            raise ValidationError(_("Зображення має бути не більше 5 МБ."))
        return image


class RevisionForm(ProjectForm):
    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, process=process, **kwargs)
        # The sub-budget and image stay as submitted: a revision answers the reviewers' comment.
        del self.fields["sub_budget"]
        del self.fields["image"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Рішення"),
        choices=[
            ("admit", _("Допустити до голосування")),
            ("return", _("Повернути на доопрацювання")),
            ("reject", _("Відхилити")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Коментар або причина"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Обов'язково, якщо проєкт повертається або відхиляється. Коментар публічний."),
    )


class ImplementationForm(forms.Form):
    status = forms.ChoiceField(label=_("Стан реалізації"), choices=Project.Implementation.choices)
    note = forms.CharField(
        label=_("Звіт для жителів"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


# The process's dates in the order the phases run.
DATE_FIELDS = [
    "submission_start",
    "submission_end",
    "review_end",
    "voting_start",
    "voting_end",
    "results_date",
    "implementation_end",
]


class ProcessForm(forms.ModelForm):
    # Its page lists this form's and the sub-budgets' errors in one summary at the top.
    summary_elsewhere = True

    class Meta:
        model = Process
        fields = [
            "title",
            "slug",
            "description",
            "voter_min_age",
            "author_min_age",
            "max_projects_per_author",
            "tie_breaking",
            "lottery_seed",
            "min_votes",
            *DATE_FIELDS,
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in DATE_FIELDS
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        moments = [(name, data.get(name)) for name in DATE_FIELDS]
        for (_before, earlier), (name, later) in itertools.pairwise(moments):
            if earlier and later and later < earlier:
                self.add_error(name, _("Ця дата має бути не раніше за попередню."))
        if data.get("tie_breaking") == Process.TieBreaking.LOTTERY and not data.get("lottery_seed"):
            self.add_error("lottery_seed", _("Для жеребкування оприлюдніть ключ заздалегідь."))
        return data


class SubBudgetForm(forms.Form):
    name = forms.CharField(label=_("Назва підбюджету"), max_length=200)
    amount = HryvniaField(label=_("Сума, грн"))
    max_cost = HryvniaField(label=_("Найбільша вартість проєкту, грн"))
    # A select always posts a value: with the first option as its initial value, an untouched
    # spare sub-budget posts "unchanged" and the formset skips it instead of asking for a name.
    ballot_rule = forms.ChoiceField(
        label=_("Бюлетень"),
        choices=SubBudget.BallotRule.choices,
        initial=SubBudget.BallotRule.choices[0][0],
    )
    max_choices = forms.IntegerField(
        label=_("Скільки проєктів можна обрати (K)"), min_value=1, max_value=10, required=False
    )
    winner_rule = forms.ChoiceField(
        label=_("Правило визначення переможців"),
        choices=SubBudget.WinnerRule.choices,
        initial=SubBudget.WinnerRule.GREEDY_THRESHOLD,
        required=False,  # not posted: the platform's default rule
    )
    threshold_per_100k = forms.IntegerField(
        label=_("Для порогу, що зростає: додаткових голосів на кожні 100 000 грн"),
        min_value=0,
        max_value=100_000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ballot_rule") == SubBudget.BallotRule.APPROVAL and not data.get("max_choices"):
            self.add_error("max_choices", _("Вкажіть, скільки проєктів може обрати житель."))
        return data


SubBudgetFormSet = formset_factory(SubBudgetForm, extra=2, min_num=1, validate_min=True)


def parse_ballot(post: Any) -> dict[int, list[int]]:
    """Read `sb-<sub-budget id>` checkboxes. Anything that is not a number is a forged ballot."""
    choices: dict[int, list[int]] = {}
    for key in post:
        if not key.startswith("sb-"):
            continue
        sub_budget = parse_int(key[3:], minimum=1)
        values = [parse_int(value, minimum=1) for value in post.getlist(key)]
        if sub_budget is None or None in values:
            raise ValidationError(_("Бюлетень пошкоджено. Оновіть сторінку і спробуйте ще раз."))
        choices[sub_budget] = [value for value in values if value is not None]
    return choices


def _value_field(rule: RuleChange) -> forms.Field:
    label = _("Нове значення")
    if rule.kind == "date":
        return forms.DateTimeField(
            label=label,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        )
    if rule.kind == "money":
        return HryvniaField(label=_("Нова сума, грн"))
    if rule.kind == "number":
        return forms.IntegerField(label=label, min_value=0, max_value=10_000_000)
    if rule.kind == "choice":
        return forms.ChoiceField(label=label, choices=Process.TieBreaking.choices)
    if rule.kind == "long_text":
        return forms.CharField(label=label, widget=forms.Textarea)
    return forms.CharField(label=label, max_length=200)


class RuleChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина зміни"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Публічна: жителі побачать її в журналі змін правил процесу."),
    )

    def __init__(self, *args: Any, rule: RuleChange, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"value": _value_field(rule), "reason": self.fields["reason"]}
