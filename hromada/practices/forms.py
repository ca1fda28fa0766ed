"""Practice forms: a quick one (title, summary, theme) and the full one."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.communities.models import Community
from hromada.core.forms import WholeNumberField
from hromada.core.params import INT32_MAX, INT64_MAX, parse_int
from hromada.practices.actions import PracticeData
from hromada.practices.models import Practice
from hromada.practices.vocabulary import (
    Instrument,
    Kind,
    Language,
    SizeBand,
    Theme,
    oblast_choices,
)

ENTRY_ADDRESS = re.compile(r"/practices/([0-9]+)")  # a pasted link to an entry
ENTRY_NUMBER = re.compile(r"\s*([0-9]+)(?![0-9])")  # "12" or "12 — title", as the form shows them


class QuickPracticeForm(forms.Form):
    title = forms.CharField(label=_("Назва"), max_length=200)
    summary = forms.CharField(
        label=_("Коротко: що зробили і що вийшло"), widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.MultipleChoiceField(
        label=_("Тема"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )

    def to_data(self) -> PracticeData:
        data = self.cleaned_data
        return PracticeData(title=data["title"], summary=data["summary"], themes=data["themes"])


class PracticeForm(QuickPracticeForm):
    # The community on the platform right after the free-text place; related entries last.
    field_order = [
        "title", "kind", "language", "summary", "body", "themes", "instruments", "place",
        "community", "oblast", "size_band",
    ]  # fmt: skip

    kind = forms.ChoiceField(label=_("Тип запису"), choices=Kind.choices)
    language = forms.ChoiceField(label=_("Мова тексту"), choices=Language.choices)
    body = forms.CharField(
        label=_("Докладно"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("Контекст, кроки, результати в цифрах, висновки."),
    )
    instruments = forms.MultipleChoiceField(
        label=_("Інструменти"),
        choices=Instrument.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    place = forms.CharField(label=_("Громада або місце"), max_length=200, required=False)
    oblast = forms.ChoiceField(
        label=_("Область"), choices=lambda: [("", "—"), *oblast_choices()], required=False
    )
    size_band = forms.ChoiceField(
        label=_("Розмір громади"), choices=[("", "—"), *SizeBand.choices], required=False
    )
    year = WholeNumberField(label=_("Рік початку"), min_value=1991, max_value=9999, required=False)
    year_end = WholeNumberField(
        label=_("Рік завершення"), min_value=1991, max_value=9999, required=False
    )
    participants = WholeNumberField(
        label=_("Учасників"), min_value=0, max_value=INT32_MAX, required=False
    )
    money_uah = WholeNumberField(
        label=_("Коштів, грн"), min_value=0, max_value=INT64_MAX, required=False
    )
    projects = WholeNumberField(
        label=_("Проєктів"), min_value=0, max_value=INT32_MAX, required=False
    )
    contacts = forms.CharField(
        label=_("Контакти"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    links = forms.CharField(
        label=_("Посилання"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("По одному на рядок, з https://"),
    )
    community = forms.ModelChoiceField(
        label=_("Громада на платформі"),
        queryset=Community.objects.order_by("name"),
        required=False,
        empty_label="—",
        help_text=_("Якщо громада вже працює на платформі; інакше назвіть місце вище."),
    )
    related = forms.CharField(
        label=_("Пов'язані записи"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Адреса або номер опублікованого запису, по одному на рядок."),
    )

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for link in links:
            if not link.startswith(("http://", "https://")):
                raise forms.ValidationError(
                    _("Посилання має починатися з https://: %(v)s") % {"v": link}
                )
        return links

    def clean_related(self) -> list[int]:
        """Entry numbers from lines such as "12 — title" or an entry's address."""
        ids = []
        for line in self.cleaned_data["related"].splitlines():
            if not line.strip():
                continue
            found = ENTRY_ADDRESS.search(line) or ENTRY_NUMBER.match(line)
            number = parse_int(found.group(1), minimum=1, maximum=INT64_MAX) if found else None
            if number is None:
                raise forms.ValidationError(
                    _("Не вдалося впізнати запис: %(v)s") % {"v": line.strip()[:100]}
                )
            ids.append(number)
        return ids

    def to_data(self) -> PracticeData:
        data = self.cleaned_data
        fields: dict[str, Any] = {
            name: data.get(name) for name in PracticeData.__dataclass_fields__
        }
        fields["community"] = data["community"].pk if data.get("community") else None
        fields["related"] = data.get("related") or []
        for name in ("summary", "body", "place", "oblast", "size_band", "contacts"):
            fields[name] = fields[name] or ""
        fields["instruments"] = fields["instruments"] or []
        return PracticeData(**fields)

    @classmethod
    def initial_for(cls, practice: Practice) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(practice, name) for name in cls.base_fields if hasattr(practice, name)
        }
        initial["themes"] = [t.code for t in practice.tags.all() if t.facet == "theme"]
        initial["instruments"] = [t.code for t in practice.tags.all() if t.facet == "instrument"]
        initial["links"] = "\n".join(practice.links)
        initial["community"] = practice.community_id
        initial["related"] = "\n".join(
            f"{other.pk} — {other.title}" for other in practice.related.order_by("pk")
        )
        return initial


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Рішення"),
        choices=[
            ("publish", _("Опублікувати")),
            ("return", _("Повернути автору")),
            ("reject", _("Відхилити")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Коментар автору"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    verified = forms.BooleanField(label=_("Позначка «Перевірено редакторами»"), required=False)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Назва файлу"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Файл"), help_text=_("PDF, документ, таблиця або зображення, до 10 МБ.")
    )
