"""Forms of paper ballots and service points: they parse input; actions_paper decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.budgeting.models_paper import ServicePoint
from hromada.communities.models import Community
from hromada.core.forms import WholeNumberField


class PaperBallotForm(forms.Form):
    point = forms.TypedChoiceField(label=_("Пункт прийому"), coerce=int)
    identifier = forms.CharField(
        label=_("РНОКПП або номер паспорта / ID-картки виборця"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("З документа, який ви бачите. Зберігається лише його захищений хеш."),
    )
    # ASCII digits only (int() alone would take "١٩٨٠"); the action checks the age.
    birth_year = WholeNumberField(
        label=_("Рік народження"), min_value=1900, max_value=9999, help_text=_("З документа особи.")
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        points = ServicePoint.objects.filter(community=community, active=True)
        self.fields["point"].choices = [(p.pk, p.name) for p in points]  # type: ignore[attr-defined]


class ServicePointForm(forms.Form):
    name = forms.CharField(label=_("Назва"), max_length=200)
    kind = forms.ChoiceField(label=_("Тип"), choices=ServicePoint.Kind.choices)
    settlement = forms.TypedChoiceField(
        label=_("Населений пункт"), coerce=int, required=False, empty_value=None
    )
    address = forms.CharField(label=_("Адреса"), max_length=300, required=False)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (s.pk, s.name) for s in community.settlements.all()
        ]


class ReconcileForm(forms.Form):
    """The commission's choice between two entries of one paper ballot, and why."""

    entry = forms.CharField(max_length=40, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Чому обрано цю версію"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Наприклад: «звірено з паперовим бюлетенем, позначка біля №3 чітка»."),
    )
