"""Form rendering shared by every page: one field wrapper with errors tied to their inputs."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from hromada.core.errors import ActionRefused
from hromada.core.params import INT64_MAX, parse_int
from hromada.core.uploads import check_pixels


class HromadaFormRenderer(TemplatesSetting):
    form_template_name = "core/form.html"


class HryvniaField(forms.DecimalField):
    """An amount typed in hryvnias (spaces and a decimal comma allowed), cleaned to kopiykas."""

    default_error_messages = {
        "invalid": _("Введіть суму в гривнях, наприклад 150000 або 99 999,50.")
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)

    def clean(self, value: Any) -> int | None:
        amount = super().clean(value)
        if amount is None:
            return None
        try:
            return int((amount * 100).to_integral_exact())
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class WholeNumberField(forms.IntegerField):
    """A whole number in ASCII digits (spaces between thousands allowed), within the column's
    range: int() alone would take "²" or "١٢" and numbers no column can hold."""

    default_error_messages = {
        "invalid": _("Введіть ціле число цифрами 0–9, наприклад 1500."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", INT64_MAX)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        text = str(value).replace("\u00a0", "").replace(" ", "")
        number = parse_int(text, minimum=None, maximum=None) if len(text) <= 19 else None
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class PictureField(forms.ImageField):
    """An image upload refused with a clear reason when it claims too many pixels (an image
    bomb), instead of Django's general "not a valid image"."""

    def to_python(self, data: Any) -> Any:
        if data not in self.empty_values and hasattr(data, "seek"):
            try:
                check_pixels(data)
            except ActionRefused as exc:
                raise forms.ValidationError(exc.message, code="too_many_pixels") from None
        return super().to_python(data)
