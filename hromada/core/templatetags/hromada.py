"""Template filters for money and numbers as Ukrainians write them, and pictures' widths."""

from __future__ import annotations

import contextlib
from typing import Any

from django import template

from hromada.core.money import format_uah, group_thousands
from hromada.core.uploads import VARIANT_WIDTHS, variant_name

register = template.Library()


@register.filter
def uah(kopiykas: int | None) -> str:
    return "" if kopiykas is None else format_uah(kopiykas)


@register.filter
def grouped(number: int | None) -> str:
    return "" if number is None else group_thousands(int(number))


@register.filter
def percent_of(part: int, whole: int) -> int:
    return 0 if not whole else max(0, min(100, round(100 * part / whole)))


@register.filter
def srcset(image: Any) -> str:
    """The `srcset` of a stored picture: its narrower copies (core.uploads) and itself."""
    if not image:
        return ""
    storage = image.storage
    parts = [
        f"{storage.url(variant_name(image.name, width))} {width}w"
        for width in VARIANT_WIDTHS
        if storage.exists(variant_name(image.name, width))
    ]
    if not parts:
        return ""
    # If the file itself is gone, its copies are still worth offering.
    with contextlib.suppress(OSError, ValueError):
        parts.append(f"{image.url} {image.width}w")
    return ", ".join(parts)
