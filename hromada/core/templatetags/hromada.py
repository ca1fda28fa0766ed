"""Template filters for money and numbers as Ukrainians write them."""

from __future__ import annotations

from django import template

from hromada.core.money import format_uah, group_thousands

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
