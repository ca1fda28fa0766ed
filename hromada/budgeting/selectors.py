"""Reads of participatory budgets that are more than one query."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hromada.budgeting.models import (
    Ballot,
    BallotChoice,
    Participation,
    Process,
    Project,
    ResultSnapshot,
    SubBudget,
)
from hromada.budgeting.phases import Phase, current_phase


@dataclass
class ProcessCard:
    process: Process
    phase: Phase
    projects: int
    ballots: int


def _count_of(model: Any) -> Coalesce:
    """Rows of `model` per process as a correlated subquery.

    Counting projects and ballots through two joins in one query multiplied them (80 projects x
    60,000 ballots = 4.8 million rows to sort); a subquery counts one table on its own index
    (COUNT(*): an index-only scan, no table rows read).
    """
    counted = (
        model.objects.filter(process=OuterRef("pk"))
        .order_by()
        .values("process")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


LIVE_COUNTS_KEY = "pb-live-ballot-counts"
LIVE_COUNTS_SECONDS = 30


def live_ballot_counts() -> dict[int, int]:
    """Ballots per process whose results are not stored yet, recounted at most every 30 s.

    The home page is read most while a vote is on, and counting 60,000 index entries on every
    read costs ~5 ms of the database for a figure people glance at; half a minute late is fine.
    """
    counts = cache.get(LIVE_COUNTS_KEY)
    if counts is None:
        counts = dict(
            Ballot.objects.filter(process__result_snapshot__isnull=True)
            .order_by()
            .values("process")
            .annotate(n=Count("*"))
            .values_list("process", "n")
        )
        cache.set(LIVE_COUNTS_KEY, counts, LIVE_COUNTS_SECONDS)
    return counts


def processes_with_phase(community: Any = None) -> list[ProcessCard]:
    queryset = Process.objects.select_related("community").annotate(
        n_projects=_count_of(Project),
        # Once results are stored their count is final.
        n_ballots=F("result_snapshot__ballots_count"),
    )
    if community is not None:
        queryset = queryset.filter(community=community)
    processes = list(queryset)
    live = live_ballot_counts() if any(process.n_ballots is None for process in processes) else {}
    return [
        ProcessCard(
            process,
            current_phase(process),
            process.n_projects,
            process.n_ballots if process.n_ballots is not None else live.get(process.pk, 0),
        )
        for process in processes
    ]


def public_projects(process: Process) -> QuerySet[Project]:
    return process.projects.select_related("sub_budget").order_by("sub_budget__position", "number")


def ballot_projects_by_sub_budget(process: Process) -> list[tuple[SubBudget, list[Project]]]:
    admitted = public_projects(process).filter(status=Project.Status.ADMITTED)
    return [
        (sb, [p for p in admitted if p.sub_budget_id == sb.pk]) for sb in process.sub_budgets.all()
    ]


def ballot_of(user: Any, process: Process) -> Participation | None:
    """Whether this person has voted (online or, through their account, on paper): their
    participation, which says nothing about the ballot."""
    if not user.is_authenticated:
        return None
    return Participation.objects.filter(process=process, voter=user).first()


def published_ballots_by_sub_budget(
    process: Process,
) -> dict[int, dict[str, list[tuple[int, int | None]]]]:
    """For each sub-budget, every non-empty ballot's (project id, mark) pairs by its published
    voter id (receipts.published_voter_id): the rows of the `.pb` file's VOTES section. The mark
    is the points of a cumulative ballot or the place of a ranking one, None on the others."""
    rows = (
        BallotChoice.objects.filter(ballot__process=process)
        .values_list("ballot__public_id", "project_id", "project__sub_budget_id", "points", "rank")
        .order_by("ballot__public_id", "project_id")
    )
    ballots: dict[int, dict[str, list[tuple[int, int | None]]]] = {}
    for public_id, project_id, sub_budget_id, points, rank in rows:
        mark = points if points is not None else rank
        ballots.setdefault(sub_budget_id, {}).setdefault(public_id, []).append((project_id, mark))
    return ballots


def approvals_by_sub_budget(process: Process) -> dict[int, list[list[int]]]:
    """For each sub-budget, every non-empty ballot as the list of project ids it marks."""
    return {
        sb_id: [[pid for pid, _mark in ballot] for ballot in by_ballot.values()]
        for sb_id, by_ballot in published_ballots_by_sub_budget(process).items()
    }


def projects_version(process: Process, sub_budgets: Iterable[SubBudget]) -> str:
    """Changes whenever the public project list does: every submission, revision and review
    writes a status-change row, so the newest row's id and the count of projects name the list;
    the sub-budgets' names (shown on each card) are part of it too. Pages cache the rendered list
    under it."""
    marks = process.projects.aggregate(n=Count("id", distinct=True), last=Max("history__id"))
    names = "|".join(f"{sb.pk}={sb.name}" for sb in sub_budgets)
    digest = hashlib.sha256(names.encode()).hexdigest()[:16]
    return f"{marks['n']}.{marks['last']}.{digest}"


def result_snapshot(process: Process) -> ResultSnapshot | None:
    """The stored results without their rows: enough to name a cached page."""
    return ResultSnapshot.objects.filter(process=process).defer("sub_budgets").first()


def implementation_version(process: Process) -> str:
    """The implementation state of every project that has one: shown beside the winners."""
    started = (
        process.projects.exclude(implementation=Project.Implementation.NOT_STARTED)
        .order_by("pk")
        .values_list("pk", "implementation")
    )
    return ",".join(f"{pk}:{state}" for pk, state in started)
