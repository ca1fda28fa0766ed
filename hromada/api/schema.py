"""Pieces of the OpenAPI description shared by the API's views, so the schema says what the
API really answers (Schemathesis checks it on every test run: tests/api)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

T = TypeVar("T")

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
NOT_FOUND = OpenApiResponse(
    ERROR, description="No such object, a page number past the last page, or not public yet."
)


def document_rate_limit(result: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: every operation may answer 429 once a client exceeds its rate
    (settings API_RATE_ANON / API_RATE_USER), with a Retry-After header."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {}).setdefault(
                "429",
                {
                    "description": "Too many requests: wait for the seconds in Retry-After.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            )
    return result


def read_only_viewset_schema(serializer: object) -> Callable[[T], T]:
    """list and retrieve of a read-only viewset, each with its documented 404."""
    decorate = extend_schema_view(
        list=extend_schema(responses={200: serializer, 404: NOT_FOUND}),
        retrieve=extend_schema(responses={200: serializer, 404: NOT_FOUND}),
    )

    def apply(viewset: T) -> T:
        return decorate(viewset)  # type: ignore[type-var]

    return apply


class OneObjectListSchema(AutoSchema):
    """For a `list` that answers one object (a search with its own paging and facets), not the
    array drf-spectacular assumes every `list` returns."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        if getattr(self.view, "action", None) == "list":
            return False
        return bool(super()._is_list_view(serializer))
