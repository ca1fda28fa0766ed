"""Forms of the network's pages: a request to join, an application, a juror's scores and
declaration, the board's decisions. Cleaning only; every rule is the actions' to enforce."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.communities.geography import oblast_choices
from hromada.communities.models import Community
from hromada.network.models import UKRAINE
from hromada.network.models_contests import Contest, Criterion

TEXT_MAX = 5000


def _no_nul(value: str) -> str:
    return value.replace("\x00", "")


class JoinRequestForm(forms.Form):
    community = forms.ModelChoiceField(
        label=_("Громада на платформі"),
        queryset=Community.objects.none(),
        required=False,
        empty_label=_("— громади ще немає на платформі —"),
    )
    name = forms.CharField(
        label=_("Назва громади (якщо її немає на платформі)"), max_length=200, required=False
    )
    country = forms.RegexField(
        label=_("Країна (двобуквений код, наприклад UA, PL)"),
        regex=r"^[A-Za-z]{2}$",
        initial=UKRAINE,
        max_length=2,
        error_messages={"invalid": _("Два латинські літери, наприклад UA.")},
    )
    oblast = forms.ChoiceField(label=_("Область (для громад України)"), required=False)
    region = forms.CharField(
        label=_("Регіон (для громад за кордоном)"), max_length=200, required=False
    )
    contact_name = forms.CharField(label=_("Контактна особа"), max_length=200)
    contact_email = forms.EmailField(label=_("Електронна пошта"))
    contact_phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    motivation = forms.CharField(
        label=_("Чому громада хоче приєднатися"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document = forms.FileField(
        label=_("Документ (рішення ради, лист-звернення; PDF, DOCX, ODT)"), required=False
    )

    def __init__(self, *args: Any, communities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["community"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = communities if communities is not None else Community.objects.none()
        oblast = self.fields["oblast"]
        assert isinstance(oblast, forms.ChoiceField)
        oblast.choices = [("", "—"), *oblast_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("name", "region", "contact_name", "contact_phone", "motivation"):
            if isinstance(data.get(key), str):
                data[key] = _no_nul(data[key])
        if data.get("country"):
            data["country"] = data["country"].upper()
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Рішення"),
        choices=[("accept", _("Прийняти")), ("reject", _("Відхилити"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Обґрунтування"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApplicationForm(forms.Form):
    """One text field per question of the call (named q<pk>)."""

    def __init__(
        self, *args: Any, contest: Contest, initial_answers: dict[str, str], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        for question in contest.questions.all():
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,  # a draft may be partial; submitting checks the required ones
                max_length=TEXT_MAX,
                initial=initial_answers.get(str(question.pk), ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def answers(self) -> dict[str, str]:
        return {name[1:]: _no_nul(value) for name, value in self.cleaned_data.items()}


class DocumentForm(forms.Form):
    required = forms.TypedChoiceField(label=_("Документ"), coerce=int)
    file = forms.FileField(label=_("Файл (PDF, DOCX, ODT, XLSX або зображення, до 10 МБ)"))

    def __init__(self, *args: Any, contest: Contest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["required"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(doc.pk, doc.title) for doc in contest.required_documents.all()]


class ConflictForm(forms.Form):
    conflicts = forms.ModelMultipleChoiceField(
        label=_("Громади, з якими у вас конфлікт інтересів"),
        queryset=Community.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Громади, де ви працюєте чи живете, вилучено з вашого списку автоматично. "
            "Позначте інші: де працюють ваші родичі, з якими ви маєте договір тощо."
        ),
    )
    note = forms.CharField(
        label=_("Пояснення (необов'язково)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["conflicts"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = communities


class ScoreForm(forms.Form):
    """A score and an optional comment for each criterion, and a comment for the community."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (вага %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                choices=[(str(n), str(n)) for n in range(criterion.max_score + 1)],
                coerce=int,
            )
            self.fields[f"note{criterion.pk}"] = forms.CharField(
                label=_("Коментар до «%(name)s»") % {"name": criterion.name},
                required=False,
                max_length=2000,
            )
        self.fields["comment"] = forms.CharField(
            label=_("Загальний коментар для громади"),
            required=False,
            max_length=TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: _no_nul(self.cleaned_data[f"note{c.pk}"]) for c in self.criteria}


class SelectionForm(forms.Form):
    winners = forms.MultipleChoiceField(label=_("Переможці"), widget=forms.CheckboxSelectMultiple)
    rationale = forms.CharField(
        label=_("Обґрунтування вибору (буде оприлюднено)"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["winners"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
