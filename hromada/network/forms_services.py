"""Forms of the services pages: the catalogue's editor, a community's request, and the steps of
a case. Cleaning only (no NUL bytes, bounded lengths); every rule is the actions' to enforce."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import User
from hromada.communities.models import Community
from hromada.network.models_maturity import Theme
from hromada.network.models_services import Service

TEXT_MAX = 10000


def _text(label: Any, *, rows: int = 4, required: bool = True, max_length: int = TEXT_MAX) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class CleanTextForm(forms.Form):
    """Every text a person types loses its NUL bytes (PostgreSQL refuses them)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = value.replace("\x00", "")
        return data


class ServiceForm(CleanTextForm):
    title = forms.CharField(label=_("Назва послуги"), max_length=200)
    description = _text(_("Опис"), rows=5, required=False)
    audience = forms.ChoiceField(label=_("Хто може замовити"), choices=Service.Audience.choices)
    themes = forms.MultipleChoiceField(
        label=_("Теми зрілості, які послуга посилює"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(label=_("Порядок у каталозі"), min_value=0, max_value=999)
    active = forms.BooleanField(label=_("Пропонується зараз"), required=False, initial=True)


class ServiceRequestForm(CleanTextForm):
    community = forms.ModelChoiceField(
        label=_("Громада"), queryset=Community.objects.none(), empty_label=None
    )
    request_text = _text(_("Що потрібно громаді"), rows=5)

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["community"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = communities


class ExpertField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class CaseDecisionForm(CleanTextForm):
    decision = forms.ChoiceField(
        label=_("Рішення"),
        choices=[("accept", _("Прийняти й призначити експерта")), ("decline", _("Відхилити"))],
        widget=forms.RadioSelect,
    )
    expert = ExpertField(label=_("Експерт"), queryset=User.objects.none(), required=False)
    reason = _text(_("Обґрунтування (обов'язкове, якщо відхилено)"), rows=3, required=False)

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = experts


class ExpertForm(CaseDecisionForm):
    """Another expert for a case already accepted: the decision's expert field alone."""

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, experts=experts, **kwargs)
        del self.fields["decision"], self.fields["reason"]
        self.fields["expert"].required = True


class PlanForm(CleanTextForm):
    plan = _text(_("План роботи"), rows=6, required=False)


class DocumentRequestForm(CleanTextForm):
    title = forms.CharField(label=_("Який документ потрібен"), max_length=200)
    note = forms.CharField(label=_("Пояснення"), max_length=1000, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Файл (PDF, DOCX, ODT, XLSX або зображення, до 10 МБ)"))


class MeetingForm(CleanTextForm):
    starts_at = forms.DateTimeField(
        label=_("Коли"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Де (адреса або посилання)"), max_length=300, required=False)
    event = forms.SlugField(
        label=_("Або подія на платформі (її адреса)"), max_length=80, required=False
    )
    note = _text(_("Про що"), rows=3, required=False)


class NoteForm(CleanTextForm):
    text = _text(_("Нотатка"), rows=3)


class CloseForm(CleanTextForm):
    outputs = _text(_("Результати роботи"), rows=5)


class SurveyForm(CleanTextForm):
    rating = forms.TypedChoiceField(
        label=_("Наскільки корисною була послуга (1 — зовсім ні, 5 — дуже)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = _text(_("Що було корисним і що варто змінити"), rows=4, required=False)


class WorkingGroupForm(CleanTextForm):
    name = forms.CharField(label=_("Ім'я та прізвище"), max_length=200)
    role = forms.CharField(label=_("Роль у робочій групі"), max_length=200)
    email = forms.EmailField(label=_("Електронна пошта (необов'язково)"), required=False)
