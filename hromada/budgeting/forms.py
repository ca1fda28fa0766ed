"""Forms of participatory budgets: they parse and describe input; the actions decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import ResidenceBasis
from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.models import Process, Project, SubBudget, default_bases
from hromada.budgeting.rule_changes import RuleChange
from hromada.core.forms import HryvniaField, PictureField, WholeNumberField
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
    cost = HryvniaField(
        label=_("Вартість, грн"), help_text=_("Повна кошторисна вартість, разом із резервом.")
    )
    reserve = HryvniaField(
        label=_("З неї резерв на непередбачені витрати, грн"),
        required=False,
        min_value=Decimal(0),
    )
    location = forms.CharField(label=_("Місце реалізації"), max_length=300)
    image = PictureField(label=_("Зображення (необов'язково)"), required=False)

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sub_budget"].choices = [  # type: ignore[attr-defined]
            (sb.pk, sb.name) for sb in process.sub_budgets.all()
        ]
        if process.reserve_percent:
            self.fields["reserve"].required = True
            self.fields["reserve"].help_text = _(
                "За положенням — щонайменше %(percent)s %% від вартості робіт (вартість робіт — "
                "це вся вартість без резерву)."
            ) % {"percent": process.reserve_percent}
        else:
            self.fields["reserve"].help_text = _("Необов'язково: положення резерву не вимагає.")

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


# A reviewer rejects on one of these; "short of supporters" is decided by the count alone.
REVIEW_GROUNDS = [
    (v, label) for v, label in RejectionGround.choices if v not in ("supporters", "support_vote")
]


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
    ground = forms.ChoiceField(
        label=_("Підстава відхилення"),
        choices=[("", "—"), *REVIEW_GROUNDS],
        required=False,
        help_text=_("Обов'язково, якщо проєкт відхиляється: підстави з положення."),
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


def _in_hryvnias(kopiykas: Any) -> Any:
    """A kopiyka amount as the hryvnias the money inputs show (initial values of a template)."""
    return Decimal(kopiykas) / 100 if isinstance(kopiykas, int) else kopiykas


class PercentField(forms.DecimalField):
    """A share typed in per cent (40 or 33,33), cleaned to hundredths of a per cent (4000)."""

    default_error_messages = {"invalid": _("Введіть частку у відсотках, наприклад 40 або 33,33.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=100, **kwargs
        )
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace(" ", "").replace(",", ".").rstrip("%")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return Decimal(value) / 100 if isinstance(value, int) else value

    def clean(self, value: Any) -> int | None:
        share = super().clean(value)
        return None if share is None else int(share * 100)


def _bases_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=ResidenceBasis.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=default_bases,  # what the model holds when a regulation says nothing else
    )


OPTIONAL_WITH_DEFAULT = ("supporters_required", "review_days", "appeal_days")


class ProcessForm(forms.ModelForm):
    # Its page lists this form's and the sub-budgets' errors in one summary at the top.
    summary_elsewhere = True
    # The template the process was started from, kept with it for the record.
    regulation_template = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    total_budget = HryvniaField(
        label=_("Загальний бюджет, грн"),
        required=False,
        help_text=_(
            "Підбюджети задають сумою або часткою від нього; разом — рівно 100 %. Порожньо — "
            "сума підбюджетів."
        ),
    )
    author_bases = _bases_field(_("Хто може подавати проєкти: підстави"))
    supporter_bases = _bases_field(_("Хто може підтримувати проєкти: підстави"))
    voter_bases = _bases_field(_("Хто може голосувати: підстави"))

    class Meta:
        model = Process
        fields = [
            "title",
            "slug",
            "description",
            "total_budget",
            "reserve_percent",
            "author_min_age",
            "author_max_age",
            "author_bases",
            "max_projects_per_author",
            "supporter_min_age",
            "supporter_bases",
            "voter_min_age",
            "voter_bases",
            "bar_own_project_votes",
            "min_votes",
            "tie_breaking",
            "lottery_seed",
            *DATE_FIELDS,
            "regulation_template",
            # Supporters, review and appeals (checked together by Process.clean).
            "supporters_required",
            "support_top",
            "support_start",
            "support_end",
            "review_days",
            "appeal_days",
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in [*DATE_FIELDS, "support_start", "support_end"]
        }
        # ASCII digits only (int() alone would take "١٦"), within the column's range.
        field_classes = dict.fromkeys(
            (
                "author_min_age",
                "author_max_age",
                "supporter_min_age",
                "voter_min_age",
                "reserve_percent",
                "max_projects_per_author",
                "min_votes",
                "support_top",
            ),
            WholeNumberField,
        )
        help_texts = {
            "reserve_percent": _(
                "Скільки відсотків від вартості робіт автор має закласти в кошторис на "
                "непередбачені витрати (0 — не вимагати)."
            ),
            "support_top": _(
                "Порожньо — проходять усі проєкти, що зібрали потрібну кількість прихильників. "
                "Число N — збір підтримки стає голосуванням: у кожному підбюджеті далі проходять "
                "N проєктів з найбільшою підтримкою (за рівної підтримки на N-му місці — усі)."
            ),
            "author_max_age": _("Порожньо — без обмеження; для шкільного бюджету — 18."),
            "voter_min_age": _("Вік рахують за роком народження: з року, у якому виповнюється N."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "total_budget" in self.initial:
            self.initial["total_budget"] = _in_hryvnias(self.initial["total_budget"])
        for name in ("reserve_percent", "author_min_age", "supporter_min_age", "voter_min_age"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        # A form posted without them (an older page, a script) gets the regulation defaults.
        for name in OPTIONAL_WITH_DEFAULT:
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in OPTIONAL_WITH_DEFAULT:
            if data.get(name) is None:
                data[name] = self.fields[name].initial
        # Dates in order, the lottery's key, the money: regulation.contradictions, in the action.
        return data


class SubBudgetForm(forms.Form):
    name = forms.CharField(label=_("Назва підбюджету"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Вид підбюджету"),
        choices=SubBudget.Kind.choices,
        initial=SubBudget.Kind.choices[0][0],
    )
    share = PercentField(
        label=_("Частка загального бюджету, %"),
        required=False,
        help_text=_("Або частка, або сума нижче — одне з двох."),
    )
    amount = HryvniaField(label=_("Сума, грн"), required=False)
    min_cost = HryvniaField(
        label=_("Найменша вартість проєкту, грн"), required=False, min_value=Decimal(0)
    )
    max_cost = HryvniaField(label=_("Найбільша вартість проєкту, грн"))
    settlement = forms.TypedChoiceField(
        label=_("Населений пункт або район"), coerce=int, required=False, empty_value=None
    )
    residents_only = forms.BooleanField(
        label=_("Лише для тих, чия підстава участі підтверджена в цьому населеному пункті"),
        required=False,
    )
    # A select always posts a value: with the first option as its initial value, an untouched
    # spare sub-budget posts "unchanged" and the formset skips it instead of asking for a name.
    ballot_rule = forms.ChoiceField(
        label=_("Бюлетень"),
        choices=SubBudget.BallotRule.choices,
        initial=SubBudget.BallotRule.choices[0][0],
    )
    max_choices = forms.IntegerField(
        label=_("Скільки проєктів можна обрати (K) або місць у рейтингу (N)"),
        min_value=1,
        max_value=10,
        required=False,
    )
    points_total = forms.IntegerField(
        label=_("Для бюлетеня з балами: скільки балів має виборець (P)"),
        min_value=1,
        max_value=100,
        required=False,
    )
    points_per_project = forms.IntegerField(
        label=_("Для бюлетеня з балами: найбільше балів одному проєкту (M)"),
        min_value=1,
        max_value=100,
        required=False,
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

    def __init__(self, *args: Any, settlements: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement"].choices = [  # type: ignore[attr-defined]
            ("", _("— уся громада —")),
            *[(settlement.pk, settlement.name) for settlement in settlements],
        ]
        for name in ("amount", "min_cost", "max_cost"):
            if name in self.initial:
                self.initial[name] = _in_hryvnias(self.initial[name])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule = data.get("ballot_rule")
        if rule == SubBudget.BallotRule.APPROVAL and not data.get("max_choices"):
            self.add_error("max_choices", _("Вкажіть, скільки проєктів може обрати житель."))
        # Ranking places and points: regulation.contradictions, for the form and the action.
        return data


SubBudgetFormSet = formset_factory(SubBudgetForm, extra=1, min_num=1, validate_min=True)


MARK_PREFIXES = ("pts-", "rank-")  # points of a cumulative ballot, places of a ranking one
MAX_MARK = 10**9  # anything larger is no number a voter meant; the rule's own limit is far below


def _damaged() -> ValidationError:
    return ValidationError(_("Бюлетень пошкоджено. Оновіть сторінку і спробуйте ще раз."))


def parse_ballot(post: Any) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Read a ballot: `sb-<sub-budget id>` checkboxes or radio buttons (an empty radio value is
    "none here"), and `pts-<sub-budget id>-<project id>` points or `rank-...` places (empty or 0:
    not chosen). Returns the chosen project ids per sub-budget and their marks (ballot_types.py).
    Anything that is not a number is a forged ballot; a mark that is not a whole number is a typo.
    """
    choices: dict[int, list[int]] = {}
    marks: dict[int, int] = {}
    for key in post:
        if key.startswith("sb-"):
            sub_budget = parse_int(key[3:], minimum=1)
            raw = [value for value in post.getlist(key) if value != ""]
            values = [parse_int(value, minimum=1) for value in raw]
            if sub_budget is None or None in values:
                raise _damaged()
            choices.setdefault(sub_budget, []).extend(v for v in values if v is not None)
        elif key.startswith(MARK_PREFIXES):
            _parse_mark(key, post.get(key, ""), choices, marks)
    return choices, marks


def _parse_mark(key: str, raw: str, choices: dict[int, list[int]], marks: dict[int, int]) -> None:
    parts = key.split("-")
    ids = [parse_int(part, minimum=1) for part in parts[1:]]
    if len(ids) != 2 or None in ids:
        raise _damaged()
    sub_budget, project = ids
    assert sub_budget is not None and project is not None
    raw = raw.strip()
    mark = parse_int(raw, minimum=0, maximum=MAX_MARK) if raw else 0
    if mark is None:
        raise ValidationError(
            _("Бали й місця вводьте цілими числами, наприклад 3; «%(typed)s» — не таке число.")
            % {"typed": raw[:20].replace("\x00", "")}
        )
    if mark:
        choices.setdefault(sub_budget, []).append(project)
        marks[project] = mark


def posted_choices(post: Any) -> tuple[set[int], dict[int, int]]:
    """What a refused ballot had ticked and its readable marks, to show it again filled in."""
    chosen = {
        parse_int(value, minimum=1)
        for key in post
        if key.startswith("sb-")
        for value in post.getlist(key)
    } - {None}
    marks = {}
    for key in post:
        if key.startswith(MARK_PREFIXES):
            project = parse_int(key.rsplit("-", 1)[-1], minimum=1)
            mark = parse_int(post.get(key, "").strip(), minimum=1, maximum=MAX_MARK)
            if project is not None and mark is not None:
                marks[project] = mark
    return {pk for pk in chosen if pk is not None}, marks


def _value_field(rule: RuleChange) -> forms.Field:
    label = _("Нове значення")
    if rule.kind == "date":
        return forms.DateTimeField(
            label=label,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        )
    if rule.kind == "money":
        return HryvniaField(label=_("Нова сума, грн"))
    if rule.kind in ("number", "optional_number"):
        return WholeNumberField(
            label=label,
            min_value=0,
            max_value=10_000_000,
            required=rule.kind == "number",
            help_text=_("Порожньо — без обмеження.") if rule.kind == "optional_number" else "",
        )
    if rule.kind == "bases":  # none ticked: the regulation's own message says why not
        return forms.MultipleChoiceField(
            label=label,
            choices=ResidenceBasis.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
    if rule.kind == "choice":
        return forms.ChoiceField(label=label, choices=Process.TieBreaking.choices)
    if rule.kind == "winner_rule":
        return forms.ChoiceField(label=label, choices=SubBudget.WinnerRule.choices)
    if rule.kind == "yes_no":
        return forms.TypedChoiceField(
            label=label, choices=[("1", _("так")), ("0", _("ні"))], coerce=lambda v: v == "1"
        )
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
