"""The counting commission's form: the decision that approves the results."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FreezeForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Номер рішення"),
        max_length=100,
        help_text=_("Наприклад, протокол засідання комісії або рішення сесії ради."),
    )
    decision_date = forms.DateField(
        label=_("Дата рішення"), widget=forms.DateInput(attrs={"type": "date"})
    )
