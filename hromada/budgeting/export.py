"""A process's sub-budget as a Pabulib `.pb` file: open data anyone can recompute.

The file is written once, when the results are stored, by `hromada.pb`'s own writer (one writer
for the engine and the platform) from the very election the rule ran on; its text and SHA-256 are
kept beside the snapshot, so serving it reads one row and the digest on the page never drifts.
A voter id is `receipts.published_voter_id` of the ballot's receipt, a keyed hash: only the
receipt's holder (through the receipt page) can find their line, nobody can trace a line to a
person. META carries the rule, its thresholds and the tie rule (a lottery names its seed), so
that `python -m hromada.pb check` reproduces the `selected` column.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.utils import timezone

from hromada import pb
from hromada.budgeting import ballot_types
from hromada.budgeting.models import Process, ResultSnapshot, SnapshotVotes, SubBudget

CACHE_SECONDS = 600

if TYPE_CHECKING:
    from hromada.budgeting.results import SubBudgetResult


def _meta(process: Process, sub_budget: SubBudget, election: pb.Election) -> dict[str, str]:
    meta = {
        "description": f"{process.title}: {sub_budget.name}",
        "country": "Ukraine",
        "unit": process.community.name,
        "subunit": sub_budget.name,
        "instance": str(timezone.localtime(process.voting_start).year),
        # The rule, its thresholds and the tie rule: what `check` needs to recompute.
        **election.meta,
        "date_begin": timezone.localtime(process.voting_start).strftime("%d.%m.%Y"),
        "date_end": timezone.localtime(process.voting_end).strftime("%d.%m.%Y"),
        "currency": "UAH",
        "language": "uk",
    }
    # The ballot's limits (max_length, max_sum_points...): what a voter could mark.
    meta.update(ballot_types.pabulib_meta(sub_budget, election.budget))
    return meta


def published_file(
    process: Process,
    sub_budget: SubBudget,
    election: pb.Election,
    result: SubBudgetResult,
    *,
    voter_ids: list[str],
) -> str:
    """The `.pb` text of a counted sub-budget, written by `hromada.pb.format_pabulib`."""
    by_number = {str(row.project.number): row for row in result.rows}
    projects = [
        replace(
            project,
            votes=by_number[project.id].votes,
            # Points decide on cumulative and ranking ballots: the `score` column.
            score=by_number[project.id].points,
            selected=int(by_number[project.id].selected),
        )
        for project in election.projects
    ]
    published = pb.Election(
        budget=election.budget,
        projects=projects,
        ballots=election.ballots,
        vote_type=election.vote_type,
        meta=_meta(process, sub_budget, election),
        voters=[{"voter_id": voter_id} for voter_id in voter_ids],
    )
    return pb.format_pabulib(published)


def pabulib_text(
    process: Process, sub_budget: SubBudget, snapshot: ResultSnapshot | None = None
) -> str:
    """The published file of a sub-budget (storing the results first if nobody has yet)."""
    if snapshot is None:
        from hromada.budgeting.actions import stored_results  # actions imports this module

        snapshot = stored_results(process)
    # A stored file never changes: the snapshot is replaced, not edited, when results change.
    key = f"pb-file:{snapshot.pk}:{sub_budget.pk}:{snapshot.computed_at.timestamp()}"
    text = cache.get(key)
    if text is None:
        text = (
            SnapshotVotes.objects.filter(snapshot=snapshot, sub_budget=sub_budget)
            .values_list("pb_text", flat=True)
            .first()
        ) or ""
        cache.set(key, text, CACHE_SECONDS)
    return str(text)
