"""Read-only open data: processes, their public projects and, once announced, their results."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from hromada.api.lookups import StrictLookupMixin
from hromada.api.schema import NOT_FOUND, read_only_viewset_schema
from hromada.budgeting.actions import stored_results
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.budgeting.phases import current_phase, results_public
from hromada.budgeting.snapshots import results_from_snapshot
from hromada.core.params import is_slug


class SubBudgetSerializer(serializers.ModelSerializer[SubBudget]):
    class Meta:
        model = SubBudget
        fields = ["id", "name", "amount", "min_cost", "max_cost", "ballot_rule", "max_choices"]


class ProcessSerializer(serializers.ModelSerializer[Process]):
    community = serializers.CharField(source="community.name")
    phase = serializers.SerializerMethodField()
    sub_budgets = SubBudgetSerializer(many=True)

    class Meta:
        model = Process
        fields = [
            "id", "slug", "title", "community", "phase", "total_budget", "voter_min_age",
            "tie_breaking", "lottery_seed", "submission_start", "submission_end", "review_end",
            "voting_start", "voting_end", "results_date", "implementation_end", "sub_budgets",
        ]  # fmt: skip

    def get_phase(self, process: Process) -> str:
        return current_phase(process).key


class ProjectSerializer(serializers.ModelSerializer[Project]):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id", "process", "number", "sub_budget", "title", "description", "cost", "location",
            "status", "submitted_at", "implementation", "implementation_note",
        ]  # fmt: skip

    def to_representation(self, instance: Project) -> dict[str, Any]:
        """What DRF's field-by-field walk gives (a test compares the two), written out: the walk
        was a third of the project list's time (50 projects x 12 fields a page)."""
        submitted_at = self.fields["submitted_at"].to_representation(instance.submitted_at)
        return {
            "id": instance.pk,
            "process": instance.process.slug,
            "number": instance.number,
            "sub_budget": instance.sub_budget_id,
            "title": instance.title,
            "description": instance.description,
            "cost": instance.cost,
            "location": instance.location,
            "status": instance.status,
            "submitted_at": submitted_at,
            "implementation": instance.implementation,
            "implementation_note": instance.implementation_note,
        }


class ResultRowSerializer(serializers.Serializer[Any]):
    project = serializers.IntegerField(source="project.number")
    title = serializers.CharField(source="project.title")
    cost = serializers.IntegerField(source="project.cost")
    votes = serializers.IntegerField()
    selected = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True)


class SubBudgetResultSerializer(serializers.Serializer[Any]):
    sub_budget = serializers.CharField(source="sub_budget.name")
    amount = serializers.IntegerField(source="sub_budget.amount")
    spent = serializers.IntegerField()
    ballots = serializers.IntegerField()
    rows = ResultRowSerializer(many=True)


@read_only_viewset_schema(ProcessSerializer)
class ProcessViewSet(StrictLookupMixin, viewsets.ReadOnlyModelViewSet[Process]):
    """Participatory-budget processes. Amounts are in kopiykas."""

    serializer_class = ProcessSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Process]:
        return Process.objects.select_related("community").prefetch_related("sub_budgets")

    @extend_schema(responses={200: SubBudgetResultSerializer(many=True), 404: NOT_FOUND})
    @action(detail=True, pagination_class=None)
    def results(self, request: Request, slug: str | None = None) -> Response:
        process = self.get_object()
        if not results_public(process):
            return Response({"detail": "Results are not announced yet."}, status=404)
        snapshot = stored_results(process)
        # The outcome never changes for a stored snapshot: serialise it once.
        key = f"api-results:{process.pk}:{snapshot.pk}:{snapshot.computed_at.timestamp()}"
        data = cache.get(key)
        if data is None:
            results = results_from_snapshot(process, snapshot)
            data = list(SubBudgetResultSerializer(results, many=True).data)
            cache.set(key, data, 600)
        return Response(data)


@read_only_viewset_schema(ProjectSerializer)
class ProjectViewSet(StrictLookupMixin, viewsets.ReadOnlyModelViewSet[Project]):
    """Projects as published on the site (every status, with the public review outcome)."""

    serializer_class = ProjectSerializer

    def get_queryset(self) -> QuerySet[Project]:
        # Only what the serializer shows: the joined process's eight dates and texts cost more
        # to read and convert than the projects themselves (450 datetimes on a page of 50).
        fields = [f for f in ProjectSerializer.Meta.fields if f not in ("process", "sub_budget")]
        queryset = (
            Project.objects.select_related("process")
            .only(*fields, "sub_budget_id", "process__slug")
            .order_by("process", "number")
        )
        process = self.request.query_params.get("process")
        if not process:
            return queryset
        # A value that cannot be a slug (say, with a NUL byte) matches no process.
        return queryset.filter(process__slug=process) if is_slug(process) else queryset.none()
