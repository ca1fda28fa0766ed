"""Open access to the practices base: the same search and filters as the site, and entries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from hromada.api.lookups import StrictLookupMixin
from hromada.api.schema import NOT_FOUND, OneObjectListSchema
from hromada.practices.models import Practice
from hromada.practices.search import FACETS, SORTS, search, search_arguments


class PracticeSerializer(serializers.ModelSerializer[Practice]):
    themes = serializers.SerializerMethodField()
    instruments = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Practice
        fields = [
            "id", "kind", "title", "summary", "body", "language", "themes", "instruments",
            "place", "oblast", "size_band", "year", "year_end", "participants", "money_uah",
            "projects", "contacts", "links", "verified", "published_at", "url",
        ]  # fmt: skip

    def get_themes(self, practice: Practice) -> list[str]:
        return practice.theme_codes

    def get_instruments(self, practice: Practice) -> list[str]:
        return practice.instrument_codes

    def get_url(self, practice: Practice) -> str:
        return practice.get_absolute_url()


class PracticeHitSerializer(PracticeSerializer):
    """An entry as a search result: how well it matched and the matching passage."""

    score = serializers.FloatField()
    snippet = serializers.CharField()

    class Meta(PracticeSerializer.Meta):
        fields = [*PracticeSerializer.Meta.fields, "score", "snippet"]


SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="query (Ukrainian, Russian or English)"),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
    OpenApiParameter("page", OpenApiTypes.INT),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, many=True, description="facet filter")
        for name in FACETS
    ],
]


@extend_schema_view(retrieve=extend_schema(responses={200: PracticeSerializer, 404: NOT_FOUND}))
class PracticeViewSet(StrictLookupMixin, viewsets.ReadOnlyModelViewSet[Practice]):
    """Published practices. `list` is the site's search: the same query, filters and facets."""

    serializer_class = PracticeSerializer
    pagination_class = None  # the search pages itself: page, pages and total in its answer
    schema = OneObjectListSchema()

    def get_queryset(self) -> QuerySet[Practice]:
        return Practice.objects.filter(status=Practice.Status.PUBLISHED)

    @extend_schema(
        operation_id="practices_search",
        parameters=SEARCH_PARAMETERS,
        responses=inline_serializer(
            "PracticeSearch",
            {
                "query": serializers.CharField(),
                "total": serializers.IntegerField(),
                "page": serializers.IntegerField(),
                "pages": serializers.IntegerField(),
                "facets": serializers.DictField(
                    child=serializers.DictField(child=serializers.IntegerField())
                ),
                "suggestion": serializers.CharField(allow_null=True),
                "ms": serializers.FloatField(),
                "results": PracticeHitSerializer(many=True),
            },
        ),
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        asked = search_arguments(request.query_params)
        result = search(asked["q"], asked["filters"], sort=asked["sort"], page=asked["page"])
        results = PracticeSerializer([hit.practice for hit in result.hits], many=True).data
        for row, hit in zip(results, result.hits, strict=True):
            row["score"] = round(hit.score, 6)
            row["snippet"] = str(hit.snippet)
        return Response(
            {
                "query": result.query,
                "total": result.total,
                "page": result.page,
                "pages": result.pages,
                "facets": result.facet_counts(),
                "suggestion": result.suggestion,
                "ms": result.ms,
                "results": results,
            }
        )
