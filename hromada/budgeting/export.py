"""A process's sub-budget as a Pabulib `.pb` file: open data anyone can recompute.

A voter id is `receipts.published_voter_id` of the ballot's receipt, a keyed hash: only the
receipt's holder (through the receipt page) can find their line, nobody can trace a line to a
person. The file is built from the stored results: the VOTES lines were written once when the
results were stored, so serving the file reads one row instead of every choice.
"""

from __future__ import annotations

import csv
import io

from django.core.cache import cache
from django.utils import timezone

from hromada.budgeting.actions import stored_results
from hromada.budgeting.models import Process, ResultSnapshot, SnapshotVotes, SubBudget
from hromada.budgeting.results import published_tie_breaking
from hromada.budgeting.snapshots import results_from_snapshot

CACHE_SECONDS = 600


def _uah(kopiykas: int) -> str:
    hryvnias, rest = divmod(kopiykas, 100)
    return str(hryvnias) if rest == 0 else f"{hryvnias}.{rest:02d}"


def _meta(process: Process, sub_budget: SubBudget, projects: int, votes: int) -> dict[str, str]:
    meta = {
        "description": f"{process.title}: {sub_budget.name}",
        "country": "Ukraine",
        "unit": process.community.name,
        "subunit": sub_budget.name,
        "instance": str(timezone.localtime(process.voting_start).year),
        "num_projects": str(projects),
        "num_votes": str(votes),
        "budget": _uah(sub_budget.amount),
        "vote_type": "approval",
        "rule": "greedy-threshold" if process.min_votes else "greedy",
        # Not a Pabulib key (extra keys are allowed): how a tie was settled, so that
        # `python -m hromada.pb check` reproduces the result. A lottery names its seed.
        "tie_breaking": published_tie_breaking(process).describe(),
        "date_begin": timezone.localtime(process.voting_start).strftime("%d.%m.%Y"),
        "date_end": timezone.localtime(process.voting_end).strftime("%d.%m.%Y"),
        "currency": "UAH",
        "language": "uk",
    }
    if process.min_votes:
        meta["min_project_score_threshold"] = str(process.min_votes)
    if sub_budget.ballot_rule == SubBudget.BallotRule.APPROVAL and sub_budget.max_choices:
        meta["max_length"] = str(sub_budget.max_choices)
    else:
        meta["max_sum_cost"] = _uah(sub_budget.amount)
    return meta


def pabulib_text(
    process: Process, sub_budget: SubBudget, snapshot: ResultSnapshot | None = None
) -> str:
    if snapshot is None:
        snapshot = stored_results(process)
    result = next(r for r in results_from_snapshot(process, snapshot) if r.sub_budget == sub_budget)
    lines = (
        SnapshotVotes.objects.filter(snapshot=snapshot, sub_budget=sub_budget)
        .values_list("lines", flat=True)
        .first()
    ) or ""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(_meta(process, sub_budget, len(result.rows), result.ballots).items())
    writer.writerow(["PROJECTS"])
    writer.writerow(["project_id", "cost", "votes", "name", "selected"])
    for row in sorted(result.rows, key=lambda r: r.project.number):
        writer.writerow(
            [
                row.project.number,
                _uah(row.project.cost),
                row.votes,
                row.project.title,
                int(row.selected),
            ]
        )
    writer.writerow(["VOTES"])
    writer.writerow(["voter_id", "vote"])
    return out.getvalue() + lines


def cached_pabulib_text(process: Process, sub_budget: SubBudget, snapshot: ResultSnapshot) -> str:
    """The file, generated once per stored snapshot (and again after ten minutes, so that a
    renamed process shows its new title)."""
    key = f"pb-export:{process.pk}:{sub_budget.pk}:{snapshot.pk}:{snapshot.computed_at.timestamp()}"
    text = cache.get(key)
    if text is None:
        text = pabulib_text(process, sub_budget, snapshot)
        cache.set(key, text, CACHE_SECONDS)
    return text
