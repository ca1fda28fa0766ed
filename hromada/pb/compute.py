"""``compute()``: the one entry point the platform and the CLI call to run a rule.

It validates the choice of rule and options, compiles the ballots once and dispatches to the
rule modules. Per-category (sub-budget) runs are :func:`compute_by_category`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from hromada.pb.greedy import GreedyVariant, run_greedy
from hromada.pb.model import Election, Number, Outcome, Project, TieBreaking
from hromada.pb.pabulib import parse_number
from hromada.pb.profile import Profile, compile_profile
from hromada.pb.tiebreaking import tie_ranks

RULES = ("greedy", "greedy-threshold", "greedy-no-skip", "mes", "phragmen")
SATS = ("cost", "cardinality", "points")
COMPLETIONS = ("none", "add1", "add1-checker", "add1u")
Measure = Literal["auto", "votes", "score"]


def _measures(election: Election, profile: Profile, measure: Measure) -> tuple[list[Number], str]:
    """What greedy ranks by: the file's ``score`` column or support counted from the ballots.

    ``auto`` takes the score column when every project has one and the ballots carry no points
    of their own (ordinal ballots, as in Kraków), otherwise counts from the ballots: approvals,
    or total points for cumulative/scoring ballots.
    """
    has_score = bool(election.projects) and all(p.score is not None for p in election.projects)
    if measure == "score" or (measure == "auto" and has_score and election.vote_type == "ordinal"):
        if not has_score:
            raise ValueError("measure 'score' needs a score for every project")
        return [p.score if p.score is not None else 0 for p in election.projects], "score"
    if profile.has_points:
        return [int(x) for x in profile.points], "points"
    return [int(x) for x in profile.votes], "votes"


def meta_threshold(election: Election) -> Number | None:
    """META ``min_project_score_threshold`` as an exact number, if present."""
    text = election.meta.get("min_project_score_threshold", "").strip()
    return parse_number(text) if text else None


def compute(
    election: Election,
    rule: str = "greedy",
    sat: str = "cost",
    completion: str = "none",
    comparison: bool = False,
    tie_breaking: TieBreaking | None = None,
    threshold: Number | None = None,
    measure: Measure = "auto",
    progress: bool = False,
) -> Outcome:
    """Run ``rule`` on ``election`` and return the :class:`Outcome` with explanations.

    ``sat`` is the satisfaction MES and Phragmén use (``cost``, ``cardinality``; ``points`` for
    cumulative/scoring ballots) and, for greedy, ``cost`` ranks by votes while ``cardinality``
    ranks by votes per cost. ``completion`` and ``comparison`` apply to MES. ``threshold``
    overrides META ``min_project_score_threshold`` for ``greedy-threshold``.
    """
    tie_breaking = tie_breaking or TieBreaking()
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose from {', '.join(RULES)}")
    if sat not in SATS:
        raise ValueError(f"unknown satisfaction {sat!r}; choose from {', '.join(SATS)}")
    if completion not in COMPLETIONS:
        raise ValueError(f"unknown completion {completion!r}; choose from {', '.join(COMPLETIONS)}")
    if rule != "mes" and (completion != "none" or comparison):
        raise ValueError("completions and --comparison apply to rule 'mes' only")
    profile = compile_profile(election)
    ranks = tie_ranks(tie_breaking, profile.ids, profile.costs, [int(v) for v in profile.votes])
    if rule.startswith("greedy"):
        measures, name = _measures(election, profile, measure)
        if rule == "greedy-threshold" and threshold is None:
            threshold = meta_threshold(election)
            if threshold is None:
                raise ValueError("greedy-threshold needs META min_project_score_threshold")
        variant: GreedyVariant = "no-skip" if rule == "greedy-no-skip" else "skip"
        outcome = run_greedy(
            rule,
            profile.ids,
            profile.costs,
            measures,
            profile.budget,
            ranks,
            sat="cardinality" if sat == "cardinality" else "cost",
            variant=variant,
            threshold=threshold,
            measure_name=name,
        )
    elif rule == "mes":
        from hromada.pb.completions import run_mes_with_completion

        outcome = run_mes_with_completion(
            profile, sat, completion, comparison, ranks, tie_breaking, progress=progress
        )
    else:
        from hromada.pb.phragmen import run_phragmen

        outcome = run_phragmen(profile, ranks)
    outcome.details["tie_breaking"] = tie_breaking.to_json()
    return outcome


def compute_by_category(
    election: Election,
    budgets: Mapping[str, Number],
    rule: str = "greedy",
    **options: object,
) -> dict[str, Outcome]:
    """Run ``rule`` separately in each sub-budget: ``budgets`` maps a category to its money.

    A project belongs to the first of its categories that has a budget; ballots are restricted to
    the projects of the category, so a voter's money in MES is the category budget / voters.
    """
    outcomes: dict[str, Outcome] = {}
    for category, budget in budgets.items():
        projects = [p for p in election.projects if _home(p, budgets) == category]
        keep = {p.id for p in projects}
        ballots = [
            {k: v for k, v in b.items() if k in keep}
            if isinstance(b, Mapping)
            else [k for k in b if k in keep]
            for b in election.ballots
        ]
        sub = Election(
            budget=budget,
            projects=projects,
            ballots=ballots,
            vote_type=election.vote_type,
            meta=dict(election.meta),
        )
        outcomes[category] = compute(sub, rule, **options)  # type: ignore[arg-type]
        outcomes[category].details["category"] = category
    return outcomes


def _home(project: Project, budgets: Mapping[str, Number]) -> str | None:
    return next((c for c in project.categories if c in budgets), None)
