"""Read-only open data: processes, their public projects and, once announced, their results."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from hromada.accounts.models import ResidenceBasis
from hromada.api.lookups import StrictLookupMixin
from hromada.api.schema import NOT_FOUND, read_only_viewset_schema
from hromada.budgeting.actions import stored_results
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.budgeting.phases import current_phase, results_public
from hromada.budgeting.snapshots import results_from_snapshot
from hromada.core.params import is_slug


class SubBudgetSerializer(serializers.ModelSerializer[SubBudget]):
    # `share`: hundredths of a per cent of the total (40 % = 4000), null when set as an amount.
    settlement = serializers.CharField(source="settlement.name", allow_null=True, default=None)

    class Meta:
        model = SubBudget
        fields = [
            "id", "name", "kind", "share", "amount", "min_cost", "max_cost", "settlement",
            "residents_only", "ballot_rule", "max_choices",
        ]  # fmt: skip


def _bases() -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=ResidenceBasis.choices))


class ProcessSerializer(serializers.ModelSerializer[Process]):
    """A process with its regulation's settings (docs/regulation.md, docs/review.md)."""

    community = serializers.CharField(source="community.name")
    phase = serializers.SerializerMethodField()
    sub_budgets = SubBudgetSerializer(many=True)
    author_bases = _bases()
    supporter_bases = _bases()
    voter_bases = _bases()

    class Meta:
        model = Process
        fields = [
            "id", "slug", "title", "community", "phase", "total_budget", "reserve_percent",
            "author_min_age", "author_max_age", "author_bases", "max_projects_per_author",
            "supporter_min_age", "supporter_bases", "voter_min_age", "voter_bases",
            "supporters_required", "support_top", "support_start", "support_end",
            "review_days", "appeal_days", "min_votes", "tie_breaking", "lottery_seed",
            "submission_start", "submission_end", "review_end", "voting_start", "voting_end",
            "results_date", "implementation_end", "sub_budgets",
        ]  # fmt: skip
        read_only_fields = fields

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
        sub_budgets = SubBudget.objects.select_related("settlement")
        return Process.objects.select_related("community").prefetch_related(
            Prefetch("sub_budgets", queryset=sub_budgets)
        )

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
