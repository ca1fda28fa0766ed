"""The staff form of an implementation milestone."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import HryvniaField, WholeNumberField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class MilestoneForm(forms.Form):
    date = forms.DateField(label=_("Дата"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Що зроблено"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    percent_done = forms.IntegerField(label=_("Виконано, %"), min_value=0, max_value=100)
    contracted = HryvniaField(
        label=_("Укладено договорів усього, грн"), required=False, min_value=Decimal(0)
    )
    paid = HryvniaField(label=_("Сплачено всього, грн"), required=False, min_value=Decimal(0))
    photos = MultipleFileField(label=_("Фото"), required=False)
    documents = MultipleFileField(label=_("Документи (PDF, DOCX, ODT, XLSX, ODS)"), required=False)


REASON_HELP = _("Публічна: жителі побачать її в журналі змін процесу.")


class MilestoneEditForm(forms.Form):
    """A correction of a published milestone: the same figures, and why they change."""

    date = forms.DateField(label=_("Дата"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Що зроблено"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    # ASCII digits only: int() alone would take "١٠".
    percent_done = WholeNumberField(label=_("Виконано, %"), min_value=0, max_value=100)
    contracted = HryvniaField(
        label=_("Укладено договорів усього, грн"), required=False, min_value=Decimal(0)
    )
    paid = HryvniaField(label=_("Сплачено всього, грн"), required=False, min_value=Decimal(0))
    reason = forms.CharField(
        label=_("Причина виправлення"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class MilestoneDeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина вилучення"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )
