"""Forms of the community and staff pages: they parse input; the actions decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.communities.geography import oblast_choices
from hromada.communities.models import Community, PlatformRole, Settlement, StaffRole


class CommunityForm(forms.ModelForm):
    class Meta:
        model = Community
        fields = ["name", "slug", "oblast", "kind", "size_band", "population", "description"]
        help_texts = {
            "slug": _("Латинські літери, цифри й дефіс; стоїть в адресах сторінок громади.")
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("oblast", "kind", "size_band"):
            self.fields[name].required = True
        self.fields["population"].widget.attrs.update({"inputmode": "numeric"})
        # Names in the page's language and its alphabetical order; the stored value stays the
        # Ukrainian name.
        self.fields["oblast"].choices = [("", "—"), *oblast_choices()]  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        """The action checks the address, with a message of its own."""


class SettlementForm(forms.ModelForm):
    class Meta:
        model = Settlement
        fields = ["name", "kind", "population"]

    def validate_unique(self) -> None:
        """The action checks the name within the community."""


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Електронна пошта"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Роль"), choices=StaffRole.Role.choices)
    department = forms.CharField(
        label=_("Підрозділ"),
        max_length=200,
        required=False,
        help_text=_("Для експерта-рецензента: наприклад, «Управління освіти»."),
    )


class PlatformInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Електронна пошта"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Роль"), choices=PlatformRole.Role.choices)
