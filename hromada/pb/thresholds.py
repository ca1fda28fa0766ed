"""Greedy with a threshold that rises with a project's cost (``greedy-threshold-cost``).

Some regulations ask more support of a dearer project: it needs at least
``base + cost × per_cost`` votes (e.g. 50 votes plus 10 per 100,000 UAH). Projects below their own
threshold leave the race; the rest are funded greedily by votes, exactly as ``greedy``. Written
in a Pabulib file as META ``rule`` = ``greedy-threshold-cost`` with
``min_project_score_threshold`` (the base) and ``min_project_score_threshold_per_cost`` (votes
per currency unit, e.g. ``1/10000``); ``check`` recomputes it from those keys.
"""

from __future__ import annotations

from hromada.pb.compute import compute
from hromada.pb.model import Election, Number, Outcome, TieBreaking, number_to_json
from hromada.pb.pabulib import parse_number

RULE = "greedy-threshold-cost"


def required_votes(base: Number, per_cost: Number, cost: Number) -> Number:
    """The votes a project of this cost needs (exact; a project needs at least this many)."""
    return base + cost * per_cost


def meta_rising_threshold(election: Election) -> tuple[Number, Number]:
    """``(base, per_cost)`` from META; ValueError when either is missing or not a number."""
    base = election.meta.get("min_project_score_threshold", "").strip()
    per_cost = election.meta.get("min_project_score_threshold_per_cost", "").strip()
    if not base or not per_cost:
        raise ValueError(
            f"{RULE} needs META min_project_score_threshold and "
            "min_project_score_threshold_per_cost"
        )
    return parse_number(base), parse_number(per_cost)


def run_rising_threshold(
    election: Election,
    base: Number,
    per_cost: Number,
    tie_breaking: TieBreaking | None = None,
) -> Outcome:
    """Drop projects below their cost's threshold, then greedy by votes on the rest.

    The tie-breaking sees every project (a lottery ticket or the file order does not depend on
    which projects dropped out), and every project is explained: those dropped with the votes
    they needed, the rest as greedy explains them.
    """
    votes = {p.id: 0 for p in election.projects}
    for ballot in election.ballots:
        for pid in ballot:
            if pid in votes:
                votes[pid] += 1
    needed = {p.id: required_votes(base, per_cost, p.cost) for p in election.projects}
    passing = [p for p in election.projects if votes[p.id] >= needed[p.id]]
    keep = {p.id for p in passing}
    rest = Election(
        budget=election.budget,
        projects=passing,
        ballots=[[pid for pid in ballot if pid in keep] for ballot in election.ballots],
        vote_type=election.vote_type,
        meta=dict(election.meta),
    )
    if tie_breaking is not None and tie_breaking.kind == "file-order":
        # File order over the remaining projects is the same relative order.
        tie_breaking = TieBreaking("order", order=[p.id for p in election.projects])
    outcome = compute(rest, "greedy", sat="cost", tie_breaking=tie_breaking)
    for p in election.projects:
        info = outcome.explanations.setdefault(
            p.id, {"status": "rejected", "votes": votes[p.id], "cost": number_to_json(p.cost)}
        )
        info["threshold"] = number_to_json(needed[p.id])
        if p.id not in keep:
            info["reason"] = f"votes below threshold {number_to_json(needed[p.id])}"
    outcome.rule = RULE
    outcome.details["threshold_base"] = number_to_json(base)
    outcome.details["threshold_per_cost"] = number_to_json(per_cost)
    return outcome
