"""Forms of the accounts pages. They parse input; the rules live in actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.accounts import register_csv
from hromada.accounts.register_csv import OLDEST_BIRTH_YEAR
from hromada.communities.models import Community, Settlement
from hromada.core.forms import WholeNumberField


def _identifier_widget() -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})


class BirthYearField(WholeNumberField):
    """A year in ASCII digits (int() alone would take "١٩٩٠" or "²")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Рік народження"))
        super().__init__(min_value=OLDEST_BIRTH_YEAR, max_value=9999, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "bday-year"})

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and value > timezone.localdate().year:
            raise forms.ValidationError(_("Рік народження не може бути в майбутньому."))


if TYPE_CHECKING:
    _SettlementChoice = forms.ModelChoiceField[Settlement]
else:  # ModelChoiceField is generic only in the type stubs
    _SettlementChoice = forms.ModelChoiceField


class SettlementChoiceField(_SettlementChoice):
    def label_from_instance(self, obj: Settlement) -> str:
        # Two communities may both have a "Вишневе": show whose it is.
        return f"{obj.name} ({obj.community.name})"


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=gettext_lazy("Ім'я та прізвище"), max_length=200, required=False
    )
    community = forms.ModelChoiceField(
        label=gettext_lazy("Моя громада"),
        queryset=Community.objects.all(),
        required=False,
        empty_label=gettext_lazy("— оберіть громаду —"),
    )
    settlement = SettlementChoiceField(
        label=gettext_lazy("Населений пункт або район"),
        queryset=Settlement.objects.select_related("community"),
        required=False,
        empty_label=gettext_lazy("— не вказано —"),
        help_text=gettext_lazy("Має належати до вашої громади."),
    )
    birth_year = BirthYearField(
        required=False,
        help_text=gettext_lazy("Від віку залежить право подавати проєкти й голосувати."),
    )

    def __init__(
        self, *args: Any, birth_year_locked: bool = False, name_locked: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if name_locked:
            # Staff decide residence claims by this name: it is the one eID vouched for.
            self.fields["full_name"].disabled = True
            self.fields["full_name"].help_text = _(
                "Засвідчено через eID; змінити можна лише в ЦНАП."
            )
        if birth_year_locked:
            # Disabled fields ignore posted values, so a tampered form cannot change it either.
            self.fields["birth_year"].disabled = True
            self.fields["birth_year"].help_text = _(
                "Підтверджено під час верифікації; змінити можна лише в ЦНАП."
            )


class RegisterVerifyForm(forms.Form):
    identifier = forms.CharField(
        label=gettext_lazy("РНОКПП (податковий номер) або номер у реєстрі громади"),
        max_length=40,
        widget=_identifier_widget(),
    )


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Файл реєстру (CSV)"),
        help_text=gettext_lazy(
            "Стовпці: identifier (обов'язковий), birth_year (необов'язковий). Кодування UTF-8, "
            "розділювач «,» або «;». Новий файл повністю замінює попередній реєстр."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = register_csv.MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Файл завеликий: найбільше можна %(max)s МБ.") % {"max": limit // 1024 // 1024}
            )
        return upload


def _settlement_field(community: Community | None) -> forms.ModelChoiceField[Settlement]:
    queryset = (
        Settlement.objects.filter(community=community) if community else Settlement.objects.none()
    )
    return forms.ModelChoiceField(
        label=gettext_lazy("Населений пункт або район підстави"),
        queryset=queryset,
        required=False,
        empty_label=gettext_lazy("— не вказано —"),
        help_text=gettext_lazy(
            "Де саме ви живете, працюєте чи навчаєтеся: деякі підбюджети лише для жителів свого "
            "населеного пункту."
        ),
    )


def _basis_field() -> forms.ChoiceField:
    from hromada.accounts.models import ResidenceBasis

    return forms.ChoiceField(label=gettext_lazy("Підстава"), choices=ResidenceBasis.choices)


class OperatorVerifyForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Електронна пошта облікового запису особи"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    identifier = forms.CharField(
        label=gettext_lazy("РНОКПП або номер паспорта / ID-картки"),
        max_length=40,
        widget=_identifier_widget(),
    )
    birth_year = BirthYearField(help_text=gettext_lazy("З документа особи."))

    def __init__(self, *args: Any, community: Community | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["basis"] = _basis_field()
        self.fields["basis"].required = False
        self.fields["basis"].initial = "registered"
        self.fields["basis"].help_text = _(
            "Підстава, документ якої ви бачили (без вибору — зареєстроване місце проживання)."
        )
        self.fields["settlement"] = _settlement_field(community)

    def clean_basis(self) -> str:
        return self.cleaned_data.get("basis") or "registered"


class ResidenceClaimForm(forms.Form):
    details = forms.CharField(
        label=gettext_lazy("Пояснення для працівника громади"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Наприклад: адреса, місце роботи чи навчання, номер довідки ВПО. Документ покажете "
            "працівникові, якщо він попросить."
        ),
    )
    document = forms.FileField(
        label=gettext_lazy("Скан або фото документа (необов'язково)"),
        required=False,
        help_text=gettext_lazy(
            "PDF, JPEG або PNG до 10 МБ. Працівник громади перевірить його, і документ буде "
            "видалено одразу після рішення: зберігається лише те, що підтверджено, ким і коли."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, community: Community | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Basis first, then where, then the explanation and the document.
        self.fields = {
            "basis": _basis_field(),
            "settlement": _settlement_field(community),
            **self.fields,
        }


class ResidenceDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "confirm"), ("refuse", "refuse")])
    reason = forms.CharField(label=gettext_lazy("Причина відмови"), max_length=500, required=False)
