"""Forms of the events pages. The registration form is built from the organiser's questions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from hromada.core.forms import WholeNumberField
from hromada.events.models import Event, ForumOutput, Question, Session
from hromada.events.selectors import sessions_with_seats

PHONE = re.compile(r"^\+?[0-9 ()\-]{7,20}$")
MAX_TEXT = 1000


def _clean_text(value: str) -> str:
    return value.replace("\x00", "").strip()


class PhoneField(forms.CharField):
    default_error_messages = {
        "invalid": _("Введіть номер телефону цифрами, наприклад +380 50 123 45 67.")
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if text and not (PHONE.match(text) and text.isascii()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return str(text)


def question_field(question: Question) -> forms.Field:
    common: dict[str, Any] = {"label": question.label, "required": question.required}
    options = [(o, o) for o in question.options]
    kind = question.kind
    if kind == Question.Kind.CHOICE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.YES_NO:
        choices = [("yes", _("Так")), ("no", _("Ні"))]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.NUMBER:
        return WholeNumberField(min_value=0, max_value=1_000_000, **common)
    if kind == Question.Kind.PHONE:
        return PhoneField(**common)
    return forms.CharField(max_length=300 if kind != Question.Kind.TEXT else MAX_TEXT, **common)


def session_label(session: Session, free: int | None) -> str:
    when = date_format(timezone.localtime(session.starts_at), "j E, H:i")
    label = f"{when} · {session.title}"
    if session.room:
        label += f" · {session.room}"
    if free is not None:
        label += " · " + (
            str(_("місць немає"))
            if free == 0
            else ngettext("%(n)s вільне місце", "%(n)s вільних місць", free) % {"n": free}
        )
    return label


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Ім'я та прізвище"), max_length=200)
    email = forms.EmailField(label=_("Електронна пошта"), max_length=254)
    colleagues = forms.CharField(
        label=_("Колеги, яких ви реєструєте разом із собою"),
        help_text=_("Кожен з нового рядка: ім'я та прізвище, за бажанням кома і пошта."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )
    consent = forms.BooleanField(
        label=_("Я згоден(на) на обробку персональних даних"), required=False
    )

    def __init__(self, *args: Any, event: Event, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(event.questions.all())
        # The purpose is read right where the person agrees to it.
        # Django renders help text unescaped: the organiser's words are escaped here.
        purpose = [escape(event.consent_purpose)]
        if event.export_emails:
            purpose.append(
                escape(_("Ваша пошта буде в списку учасників, який отримує організатор."))
            )
        self.fields["consent"].help_text = " ".join(purpose)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = question_field(question)
        if event.choose_sessions and not editing:
            self.fields["sessions"] = forms.TypedMultipleChoiceField(
                label=_("Сесії, на які ви підете"),
                coerce=int,
                choices=[(s.pk, session_label(s, free)) for s, free in sessions_with_seats(event)],
                widget=forms.CheckboxSelectMultiple,
                required=False,  # the action says which is missing, with the rooms' seats
            )
        if editing:
            for name in ("email", "colleagues", "consent"):
                del self.fields[name]
        elif event.max_group_size <= 1:
            del self.fields["colleagues"]

    def clean_full_name(self) -> str:
        name = _clean_text(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Напишіть ім'я та прізвище."))
        return name

    def clean_colleagues(self) -> list[tuple[str, str]]:
        people = []
        for line in self.cleaned_data.get("colleagues", "").splitlines():
            name, _sep, email = _clean_text(line).partition(",")
            name, email = name.strip()[:200], email.strip()
            if not name:
                continue
            if email:
                try:
                    forms.EmailField().clean(email)
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("«%(email)s» не схоже на адресу пошти.") % {"email": email[:60]}
                    ) from None
            people.append((name, email))
        return people

    def answers(self) -> dict[str, Any]:
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if value not in (None, "", []):
                found[str(question.pk)] = _clean_text(value) if isinstance(value, str) else value
        return found


class EventForm(forms.ModelForm):
    reminder_hours_text = forms.CharField(
        label=_("Нагадування, годин до початку"),
        help_text=_("Через кому, наприклад 168, 24, 1."),
        required=False,
        max_length=100,
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "format",
            "description",
            "organisers",
            "partners",
            "language",
            "audience",
            "venue",
            "online_url",
            "online_access_code",
            "capacity",
            "max_group_size",
            "group_policy",
            "offer_hours",
            "moderated",
            "invitation_only",
            "invitation_code",
            "consent_purpose",
            "export_emails",
            "registration_opens",
            "registration_closes",
            "starts_at",
            "ends_at",
            "parent",
            "choose_sessions",
        ]
        field_classes: dict[str, Any] = {}
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("registration_opens", "registration_closes", "starts_at", "ends_at")
        }

    def __init__(self, *args: Any, organiser: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A series belongs to one organiser: a community's, or a network's.
        series = Event.objects.none()
        if organiser is not None:
            field = "network" if organiser._meta.model_name == "network" else "community"
            series = Event.objects.filter(**{field: organiser})
        self.fields["parent"].queryset = series  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["reminder_hours_text"].initial = ", ".join(
                str(h) for h in self.instance.reminder_hours
            )
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(  # type: ignore[attr-defined]
                pk=self.instance.pk
            )

    def clean_reminder_hours_text(self) -> list[int]:
        hours = []
        for part in self.cleaned_data.get("reminder_hours_text", "").split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or not 1 <= int(part) <= 24 * 60:
                raise forms.ValidationError(_("Години — цілі числа від 1 до 1440 через кому."))
            hours.append(int(part))
        return sorted(set(hours), reverse=True)

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["reminder_hours"] = self.cleaned_data["reminder_hours_text"]
        return data


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Питання"), max_length=300)
    kind = forms.ChoiceField(label=_("Тип"), choices=Question.Kind.choices)
    required = forms.BooleanField(label=_("Обов'язкове"), required=False)
    exported = forms.BooleanField(label=_("Входить в експорт учасників"), required=False)
    choices = forms.CharField(
        label=_("Варіанти, кожен з нового рядка"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Назва"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Початок"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Кінець"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room = forms.CharField(label=_("Зала"), max_length=100, required=False)
    speakers = forms.CharField(label=_("Спікери"), max_length=300, required=False)
    capacity = WholeNumberField(
        label=_("Місць у залі"), min_value=1, max_value=100_000, required=False
    )


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), choices=ForumOutput.Kind.choices)
    text = forms.CharField(
        label=_("Зміст"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposed_by = forms.CharField(label=_("Хто запропонував"), max_length=300, required=False)


class ExhibitorForm(forms.Form):
    organisation = forms.CharField(label=_("Організація"), max_length=200)
    stand = forms.CharField(label=_("Стенд"), max_length=50, required=False)
    description = forms.CharField(
        label=_("Що представляє"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    practices = forms.CharField(
        label=_("Номери практик з бази, через кому"), max_length=200, required=False
    )

    def clean_practices(self) -> list[int]:
        numbers = []
        for part in self.cleaned_data.get("practices", "").split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or len(part) > 9:
                raise forms.ValidationError(_("Номери практик — цілі числа через кому."))
            numbers.append(int(part))
        return numbers


class MaterialsForm(forms.Form):
    materials = forms.CharField(
        label=_("Матеріали"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    recording_url = forms.URLField(
        label=_("Запис"), max_length=500, required=False, assume_scheme="https"
    )
    public = forms.BooleanField(label=_("Показати всім, а не лише учасникам"), required=False)


class MessageForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=_("Кому"),
        choices=[
            ("confirmed", _("підтвердженим")),
            ("waitlisted", _("у списку очікування")),
            ("pending", _("тим, хто чекає рішення")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=pgettext_lazy("email", "Тема"), max_length=200)
    message = forms.CharField(label=_("Текст"), max_length=5000, widget=forms.Textarea)


class MoveForm(forms.Form):
    position = WholeNumberField(label=_("Нове місце в черзі"), min_value=1, max_value=100_000)
    reason = forms.CharField(label=_("Причина"), max_length=300)


class DeclineForm(forms.Form):
    approve = forms.BooleanField(required=False)
    reason = forms.CharField(label=_("Причина відмови"), max_length=300, required=False)
