"""Results of a finished vote as stored data: computed once, then read by every page.

Computing reads every choice of every ballot (346,000 rows for a city of 60,000 voters) and runs
the engine; a results page must not do that on each request. `compute_snapshot` does it once
(`actions.store_results` writes it), `results_from_snapshot` turns the stored rows back into the
`SubBudgetResult`s the page, the API and the `.pb` export show, with a fixed number of queries.

How anyone checks the ballots a snapshot was computed from: in each sub-budget's `.pb` file take
the `vote` column of the VOTES section (project numbers, comma-separated: ascending, best first
on an ordinal ballot, by decreasing points on a cumulative one, whose line is `vote;points`),
sort those strings (plain code-point order), join them with newlines and take SHA-256: that is
the sub-budget's `ballots_sha256`. The snapshot's `ballots_hash` is the SHA-256 of the sub-budgets'
digests, in the order the results page lists the sub-budgets, joined with newlines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from hromada.budgeting.ballot_types import vote_cells
from hromada.budgeting.export import published_file
from hromada.budgeting.models import Process, Project, ResultSnapshot
from hromada.budgeting.results import (
    ResultRow,
    SubBudgetResult,
    admitted_projects,
    election_for,
    explain,
    numbered_ballots,
    outcome_for,
    result_from_outcome,
)
from hromada.budgeting.selectors import published_ballots_by_sub_budget


def _engine_version() -> str:
    try:
        release = version("hromada")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        release = "dev"
    return f"hromada.pb {release}; rule per sub-budget"


ENGINE_VERSION = _engine_version()


def vote_line(numbers: Iterable[int]) -> str:
    """One ballot in one sub-budget as the `.pb` file writes it: project numbers, ascending."""
    return ",".join(str(number) for number in sorted(numbers))


def ballots_digest(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def combined_digest(digests: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


@dataclass
class ComputedSnapshot:
    sub_budgets: list[dict[str, Any]]
    votes: dict[int, str]  # sub-budget id → its VOTES rows "voter_id;vote", shuffled
    ballots_hash: str
    files: dict[int, tuple[str, str]]  # sub-budget id → the published `.pb` text and its SHA-256


def _entry(result: SubBudgetResult, digest: str) -> dict[str, Any]:
    return {
        "sub_budget": result.sub_budget.pk,
        "rule": result.sub_budget.winner_rule,
        "greedy_selected": result.greedy_selected,
        "voter_budget": result.voter_budget,
        "file_sha256": result.file_sha256,
        "spent": result.spent,
        "ballots": result.ballots,
        "ballots_sha256": digest,
        "ties": result.tie_orders,
        "rows": [
            {
                "project": row.project.pk,
                "number": row.project.number,
                "votes": row.votes,
                "selected": row.selected,
                "rank": row.rank,
                "points": row.points,
                "explanation": row.explanation,
            }
            for row in result.rows
        ],
    }


def compute_snapshot(process: Process) -> ComputedSnapshot:
    """Run each sub-budget's rule on the ballots as they are now, and write its `.pb` file.

    The engine runs on the very election the file holds, so the published file reproduces the
    stored result by construction. Each line's voter id is derived from the ballot's receipt
    (receipts.published_voter_id, a keyed hash): the receipt's holder finds their line, and the
    lines, ordered by that id, say nothing about the order in which people voted.
    """
    published = published_ballots_by_sub_budget(process)
    entries, votes, digests, files = [], {}, [], {}
    for sub_budget in process.sub_budgets.all():
        projects = admitted_projects(sub_budget)
        rows = numbered_ballots(sub_budget, projects, published.get(sub_budget.pk, {}))
        ballots = [ballot for _voter, ballot in rows]
        cells = [";".join(vote_cells(ballot)) for ballot in ballots]
        digest = ballots_digest(cells)
        election = election_for(process, sub_budget, projects, ballots)
        outcome = outcome_for(process, sub_budget, election)
        result = result_from_outcome(process, sub_budget, projects, election, outcome)
        text = published_file(
            process, sub_budget, election, result, voter_ids=[voter for voter, _ in rows]
        )
        result.file_sha256 = hashlib.sha256(text.encode()).hexdigest()
        files[sub_budget.pk] = (text, result.file_sha256)
        votes[sub_budget.pk] = "".join(
            f"{voter};{line}\n" for (voter, _ballot), line in zip(rows, cells, strict=True)
        )
        digests.append(digest)
        entries.append(_entry(result, digest))
    return ComputedSnapshot(entries, votes, combined_digest(digests), files)


def results_from_snapshot(process: Process, snapshot: ResultSnapshot) -> list[SubBudgetResult]:
    """The stored outcome with today's projects (implementation state changes after the vote).

    Two queries whatever the number of projects (sub-budgets, projects; a third if the rows were
    deferred), nothing per row.
    """
    sub_budgets = {sb.pk: sb for sb in process.sub_budgets.all()}
    entries = [e for e in snapshot.sub_budgets if e["sub_budget"] in sub_budgets]
    ids = [row["project"] for entry in entries for row in entry["rows"]]
    projects = {p.pk: p for p in Project.objects.filter(process=process, pk__in=ids)}
    tie_rule = process.get_tie_breaking_display()
    results = []
    for entry in entries:
        sub_budget = sub_budgets[entry["sub_budget"]]
        rows = []
        for row in entry["rows"]:
            project = projects.get(row["project"])
            if project is None:  # deleted since: nothing to link to
                continue
            # Set the cached relations so that links and names need no query per project.
            project.process, project.sub_budget = process, sub_budget
            rows.append(
                ResultRow(
                    project,
                    row["votes"],
                    row["selected"],
                    row["rank"],
                    row["explanation"],
                    points=row.get("points"),
                )
            )
        result = SubBudgetResult(
            sub_budget,
            rows,
            entry["spent"],
            entry["ballots"],
            entry["ties"],
            tie_rule,
            entry.get("greedy_selected"),
            entry.get("file_sha256", ""),
            entry.get("voter_budget"),
        )
        explain(result)
        results.append(result)
    return results
