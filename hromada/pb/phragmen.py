"""Sequential Phragmén for approval ballots, exact, with pabutools' semantics.

Voters earn money continuously; a project is bought as soon as its supporters together hold its
cost, and the supporters' loads become equal. Only projects costing at most the budget take part.
The rule stops when one of the projects with the smallest new load would exceed the budget.

Loads are kept per class of voters with equal load (one exact value each) and updated lazily:
a project's new load never decreases, so the last value bounds it from below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from gmpy2 import mpq

from hromada.pb.model import JSONDict, Number, Outcome, number_to_json
from hromada.pb.profile import Profile

INFINITE = (1, mpq(0))  # sort key of a project nobody approves: pabutools' float('inf')


def run_phragmen(profile: Profile, ranks: Sequence[int]) -> Outcome:
    """Sequential Phragmén; ties by ``ranks`` (smaller wins)."""
    budget = mpq(profile.budget)
    costs = [mpq(c) for c in profile.costs]
    remaining = {j for j in range(profile.num_projects) if costs[j] <= budget}
    voter_class = np.zeros(profile.num_voters, dtype=np.int64)
    loads: list[Any] = [mpq(0)]
    spent = mpq(0)
    selected: list[int] = []
    explanations: dict[str, JSONDict] = {}
    ties: list[JSONDict] = []
    bound: dict[int, tuple[int, Any]] = {}
    for j in remaining:
        votes = int(profile.votes[j])
        bound[j] = INFINITE if votes == 0 else (0, costs[j] / votes)
    round_no = 0
    stop_reason = ""
    while remaining:
        round_no += 1
        best: tuple[int, Any] | None = None
        tied: list[int] = []
        for j in sorted(remaining, key=lambda j: (bound[j], ranks[j])):
            if best is not None and bound[j] > best:
                break
            bound[j] = _new_load(profile, j, costs[j], voter_class, loads)
            if best is None or bound[j] < best:
                best, tied = bound[j], [j]
            elif bound[j] == best:
                tied.append(j)
        assert best is not None
        tied.sort(key=ranks.__getitem__)
        too_big = [j for j in tied if spent + costs[j] > budget]
        if too_big:
            stop_reason = profile.ids[too_big[0]]
            for j in tied:
                explanations[profile.ids[j]] = {
                    "status": "rejected",
                    "round": round_no,
                    "reason": f"the rule stopped: project {stop_reason} would exceed the budget",
                }
            break
        winner = tied[0]
        if len(tied) > 1:
            ties.append(
                {
                    "stage": "phragmen",
                    "round": round_no,
                    "projects": [profile.ids[j] for j in tied],
                    "winner": profile.ids[winner],
                }
            )
        remaining.discard(winner)
        selected.append(winner)
        spent += costs[winner]
        load = best[1]
        explanations[profile.ids[winner]] = {
            "status": "selected",
            "round": round_no,
            "new_load": "inf" if best[0] else str(load),
            "budget_left_after": number_to_json(budget - spent),
        }
        if best[0] == 0:
            voter_class[profile.supporters[winner]] = len(loads)
            loads.append(load)
    for j in range(profile.num_projects):
        pid = profile.ids[j]
        if pid in explanations:
            continue
        reason = "costs more than the whole budget"
        if costs[j] <= budget:
            reason = f"the rule stopped at round {round_no} before reaching it"
        explanations[pid] = {"status": "rejected", "reason": reason}
    cost: Number = sum((profile.costs[j] for j in selected), 0)
    details: JSONDict = {"rounds": round_no}
    return Outcome(
        "phragmen",
        [profile.ids[j] for j in selected],
        cost,
        profile.budget,
        explanations,
        ties,
        details,
    )


def _new_load(
    profile: Profile, j: int, cost: Any, voter_class: Any, loads: list[Any]
) -> tuple[int, Any]:
    votes = int(profile.votes[j])
    if votes == 0:
        return INFINITE
    counts = np.bincount(voter_class[profile.supporters[j]], minlength=len(loads))
    total = sum((loads[k] * int(counts[k]) for k in np.flatnonzero(counts).tolist()), mpq(0))
    return 0, (total + cost) / votes
