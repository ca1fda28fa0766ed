"""Object lookups that answer a JSON 404 for any address part, never the site's HTML 404 page
(the router's default pattern refuses dots and the like before DRF sees them) nor a 500 (a NUL
byte or a number no column holds must not reach the database)."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotFound

from hromada.core.params import is_slug, parse_int


class StrictLookupMixin:
    lookup_field = "pk"
    lookup_value_regex = r"[^/]+"  # everything up to the next "/" reaches get_object

    def get_object(self) -> Any:
        value = self.kwargs.get(self.lookup_field, "")  # type: ignore[attr-defined]
        if self.lookup_field == "slug":
            valid = is_slug(value)
        else:
            valid = parse_int(value, minimum=1) is not None
        if not valid:
            raise NotFound()
        return super().get_object()  # type: ignore[misc]
