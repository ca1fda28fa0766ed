"""Template filters for money and numbers as Ukrainians write them, pictures' widths, and the
timeline question."""

from __future__ import annotations

import contextlib
from typing import Any

from django import template
from django.utils.safestring import SafeString

from hromada.core.money import format_uah, group_thousands
from hromada.core.timeline import decide
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
def may(obj: Any, action: str) -> bool:
    """`{% if process|may:"vote" %}`: whether the object's timeline allows `action` now."""
    return decide(obj, action).allowed


@register.inclusion_tag("core/error_summary.html")
def error_summary(*forms_or_formsets: Any) -> dict[str, Any]:
    """Every field error of the given forms (and formsets' forms, plus a formset's own errors),
    each linking to its field, for the top of the page: on a phone the fields with errors may
    be far below the button. A form's non-field errors already stand at its top."""
    items: list[tuple[str, str, str]] = []
    for entry in forms_or_formsets:
        if entry is None:
            continue
        forms = list(entry) if hasattr(entry, "management_form") else [entry]
        if hasattr(entry, "non_form_errors"):
            items += [("", "", str(error)) for error in entry.non_form_errors()]
        for form in forms:
            if not form.is_bound:
                continue
            for name, errors in form.errors.items():
                if name in form.fields:
                    field = form[name]
                    items += [(field.auto_id, str(field.label), str(e)) for e in errors]
    return {"error_items": items}


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


@register.simple_tag(takes_context=True)
def page_panels(context: template.Context, page: str, obj: Any) -> SafeString:
    """The panels other apps add to this page about `obj` (core.registry.PagePanel)."""
    from hromada.core.registry import render_page_panels

    request = context.get("request")
    if request is None:
        return SafeString("")
    return SafeString("".join(render_page_panels(request, page, obj)))
