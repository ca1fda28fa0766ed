"""Template filters for money and numbers as Ukrainians write them, and the timeline question."""

from __future__ import annotations

from typing import Any

from django import template

from hromada.core.money import format_uah, group_thousands
from hromada.core.timeline import decide

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
def may(obj: Any, action: str) -> bool:
    """`{% if process|may:"vote" %}`: whether the object's timeline allows `action` now."""
    return decide(obj, action).allowed
