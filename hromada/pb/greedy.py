"""The greedy family: rank projects once, then fund down the list while money lasts.

``greedy`` skips a project that no longer fits and goes on; ``greedy-no-skip`` stops there;
``greedy-threshold`` first drops projects whose score is below a threshold. With ``sat="cost"``
the rank is by votes (pabutools' greedy_utilitarian_welfare with Cost_Sat); with
``sat="cardinality"`` by votes per unit of cost. All comparisons are exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

from hromada.pb.model import JSONDict, Number, Outcome, number_to_json

GreedyVariant = Literal["skip", "no-skip"]
WITHDRAWN_COST = 999_999_999  # Pabulib's marker for a project withdrawn after the vote


def greedy_density(measure: Number, cost: Number, sat: str) -> tuple[int, Fraction]:
    """Sort key part: ``(1, 0)`` means infinite density (a free, supported project).

    pabutools computes the density as total satisfaction / cost. Under Cost_Sat a free project
    gives zero satisfaction, so its density is 0, not infinite; we keep that quirk so outcomes
    (including selection order) match.
    """
    if sat == "cost":
        if cost > 0 and measure > 0:
            return 0, Fraction(measure)
        return 0, Fraction(0)
    if measure <= 0:
        return 0, Fraction(0)
    if cost == 0:
        return 1, Fraction(0)
    return 0, Fraction(measure) / Fraction(cost)


def run_greedy(
    rule: str,
    ids: Sequence[str],
    costs: Sequence[Number],
    measures: Sequence[Number],
    budget: Number,
    tie_ranks: Sequence[int],
    *,
    sat: str = "cost",
    variant: GreedyVariant = "skip",
    threshold: Number | None = None,
    measure_name: str = "votes",
) -> Outcome:
    """Fund projects in order of density (ties by ``tie_ranks``, smaller first)."""
    m = len(ids)
    density = [greedy_density(measures[j], costs[j], sat) for j in range(m)]
    order = sorted(range(m), key=lambda j: (-density[j][0], -density[j][1], tie_ranks[j]))
    left: Number = budget
    selected: list[str] = []
    explanations: dict[str, JSONDict] = {}
    stopped_at: str | None = None
    for rank, j in enumerate(order, start=1):
        pid = ids[j]
        info: JSONDict = {
            "status": "rejected",
            "rank": rank,
            measure_name: number_to_json(measures[j]),
            "cost": number_to_json(costs[j]),
            "budget_left_before": number_to_json(left),
        }
        if sat == "cardinality":
            info["density"] = "inf" if density[j][0] else str(density[j][1])
        explanations[pid] = info
        if threshold is not None and measures[j] < threshold:
            info["reason"] = f"{measure_name} below threshold {number_to_json(threshold)}"
            continue
        if stopped_at is not None:
            info["reason"] = f"greedy-no-skip stopped at project {stopped_at}"
            continue
        if costs[j] <= left:
            left -= costs[j]
            selected.append(pid)
            info["status"] = "selected"
            info["reason"] = "fits in the money left"
            continue
        if variant == "no-skip" and costs[j] != WITHDRAWN_COST:
            stopped_at = pid
            info["reason"] = "does not fit in the money left; greedy-no-skip stops here"
        else:
            info["reason"] = "does not fit in the money left"
    ties = _decisive_ties(order, ids, density, explanations, measures, threshold)
    spent = budget - left
    details: JSONDict = {
        "order": [ids[j] for j in order],
        "budget_left": number_to_json(left),
        "sat": sat,
        "measure": measure_name,
    }
    if threshold is not None:
        details["threshold"] = number_to_json(threshold)
    return Outcome(rule, selected, spent, budget, explanations, ties, details)


def _decisive_ties(
    order: Sequence[int],
    ids: Sequence[str],
    density: Sequence[tuple[int, Fraction]],
    explanations: dict[str, JSONDict],
    measures: Sequence[Number],
    threshold: Number | None,
) -> list[JSONDict]:
    """Groups of equal density whose members ended differently: the tie order decided."""
    ties: list[JSONDict] = []
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and density[order[end]] == density[order[start]]:
            end += 1
        group = [ids[j] for j in order[start:end]]
        statuses = {explanations[pid]["status"] for pid in group}
        if len(group) > 1 and len(statuses) > 1:
            below = threshold is not None and measures[order[start]] < threshold
            if not below:
                ties.append(
                    {
                        "stage": "greedy order",
                        "projects": group,
                        "order": group,
                        "selected": [
                            pid for pid in group if explanations[pid]["status"] == "selected"
                        ],
                    }
                )
        start = end
    return ties
