"""Check a Pabulib file: is it valid, and does its META ``rule`` reproduce its ``selected``?

Only rules whose exact semantics are known are recomputed. City-specific rules
(``greedy-exclusive``, ``greedy-custom``) and ``unknown`` are reported as not checkable rather
than guessed at: ``reproduced`` is then ``None``. When the rule's own tie-breaking misses the
official result but the file's project order (the official order in Pabulib) gives it, the
result is one of the tied outcomes: ``reproduced`` is ``"tie"`` and ``tie`` says which projects
were tied and what that order selects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hromada.pb.compute import compute, meta_threshold
from hromada.pb.model import Election, JSONDict, Outcome, TieBreaking
from hromada.pb.ordinal import score_mismatches, with_positional_scores
from hromada.pb.pabulib import PabulibError, read_pabulib
from hromada.pb.thresholds import RULE as RISING_RULE
from hromada.pb.thresholds import meta_rising_threshold, run_rising_threshold


@dataclass(frozen=True)
class RuleSpec:
    """How a Pabulib META ``rule`` value maps onto :func:`compute` options."""

    rule: str
    completion: str = "none"
    comparison: bool = False
    tie_breaking: TieBreaking = field(default_factory=TieBreaking)
    sat: str = "cost"


# equalshares.net and the Pabulib checker break ties by lowest cost, then most votes, and run
# add1 the way cities do (docs/pb-rules.md, "Completions"); Wieliczka reproduces only that way.
CHECKER_TIES = TieBreaking("min-cost")
FILE_ORDER = TieBreaking("file-order")
KNOWN_RULES: dict[str, RuleSpec] = {
    "greedy": RuleSpec("greedy"),
    "greedy-threshold": RuleSpec("greedy-threshold"),
    "greedy-no-skip": RuleSpec("greedy-no-skip"),
    # Not Pabulib names: rules a Hromada process may publish (see thresholds.py). The add1
    # completion as pabutools runs it stops at the first exhaustive outcome.
    "equalshares/add1-pabutools": RuleSpec("mes", "add1", tie_breaking=CHECKER_TIES),
    "greedy-per-cost": RuleSpec("greedy", sat="cardinality"),
    RISING_RULE: RuleSpec(RISING_RULE),
    "equalshares": RuleSpec("mes", tie_breaking=CHECKER_TIES),
    "equalshares/add1": RuleSpec("mes", "add1-checker", tie_breaking=CHECKER_TIES),
    "equalshares/add1-comparison": RuleSpec(
        "mes", "add1-checker", comparison=True, tie_breaking=CHECKER_TIES
    ),
}


def official_selection(election: Election) -> list[str] | None:
    """Ids marked ``selected`` = 1 in the file (2/3 mark extra funding), or None if no column."""
    if all(p.selected is None for p in election.projects):
        return None
    return [p.id for p in election.projects if p.selected == 1]


def reproduce(
    election: Election, progress: bool = False, tie_breaking: TieBreaking | None = None
) -> tuple[Outcome | None, str]:
    """Recompute the file's META rule; ``(None, reason)`` when it cannot be done faithfully.

    ``tie_breaking`` replaces the rule's usual one (``check`` retries with the file's order);
    without it, a META ``tie_breaking`` (as :meth:`TieBreaking.parse` reads it) does.
    """
    name = election.meta.get("rule", "").strip()
    spec = KNOWN_RULES.get(name)
    if spec is None:
        return None, f"rule '{name}' is city-specific or unknown; not recomputed"
    try:
        # Ordinal ballots whose META says how places earn points: the ballots decide, not the
        # score column (check_election reports a column that disagrees).
        election = with_positional_scores(election)
    except ValueError as exc:
        return None, str(exc)
    if tie_breaking is None and election.meta.get("tie_breaking", "").strip():
        # Not a Pabulib key: Hromada's exports record the process's own tie rule here.
        try:
            tie_breaking = TieBreaking.parse(election.meta["tie_breaking"])
        except ValueError as exc:
            return None, f"META tie_breaking: {exc}"
    if spec.rule == RISING_RULE:
        try:
            base, per_cost = meta_rising_threshold(election)
        except ValueError as exc:
            return None, str(exc)
        return run_rising_threshold(election, base, per_cost, tie_breaking or spec.tie_breaking), ""
    threshold = meta_threshold(election) if spec.rule.startswith("greedy") else None
    outcome = compute(
        election,
        spec.rule,
        sat=spec.sat,
        completion=spec.completion,
        comparison=spec.comparison,
        tie_breaking=tie_breaking or spec.tie_breaking,
        # Pabulib puts the threshold in META for greedy-no-skip files too (Gdynia): apply it.
        threshold=threshold,
        progress=progress,
    )
    return outcome, ""


def check_election(election: Election, progress: bool = False) -> JSONDict:
    """The ``check`` report for an election that parsed."""
    report: JSONDict = {
        "valid": True,
        "errors": [],
        "rule": election.meta.get("rule"),
        "reproduced": None,
        "missing": [],
        "extra": [],
        "warnings": list(election.warnings),
    }
    official = official_selection(election)
    if official is None:
        report["note"] = "the file has no 'selected' column"
        return report
    outcome, reason = reproduce(election, progress=progress)
    if outcome is None:
        report["note"] = reason
        return report
    ours = set(outcome.selected)
    theirs = set(official)
    report["reproduced"] = ours == theirs
    report["missing"] = sorted(theirs - ours)
    report["extra"] = sorted(ours - theirs)
    report["selected"] = outcome.selected
    report["ties"] = outcome.ties
    if ours != theirs:
        tie = reproduced_by_file_order(election, theirs, outcome, progress)
        if tie is not None:
            report["reproduced"] = "tie"
            report["tie"] = tie
    wrong_scores = score_mismatches(election)
    if wrong_scores:
        report["reproduced"] = False
        report["note"] = "score column differs from the ballots' positional points"
        report["score_mismatch"] = wrong_scores
    return report


def reproduced_by_file_order(
    election: Election, official: set[str], outcome: Outcome, progress: bool
) -> JSONDict | None:
    """Whether the official result is the one the file's project order gives to the ties.

    Pabulib lists projects in the official order, and a different tie-breaking changes only
    which of exactly tied projects goes first; so a match here means the official result is one
    of the tied outcomes, not a different result.
    """
    by_file, _ = reproduce(election, progress=progress, tie_breaking=FILE_ORDER)
    if by_file is None or set(by_file.selected) != official:
        return None
    tied = {pid for t in (*outcome.ties, *by_file.ties) for pid in t["projects"]}
    return {
        "tie_breaking": FILE_ORDER.kind,
        "projects": [p.id for p in election.projects if p.id in tied],
        "selected": by_file.selected,
        "ties": by_file.ties,
    }


def check_file(path: str | Path, progress: bool = False, strict: bool = False) -> JSONDict:
    """Validate ``path`` and, when its rule is known, check its ``selected`` column."""
    try:
        election = read_pabulib(path, strict=strict)
    except PabulibError as exc:
        return {
            "valid": False,
            "errors": exc.messages,
            "rule": None,
            "reproduced": None,
            "missing": [],
            "extra": [],
            "warnings": [],
        }
    return check_election(election, progress=progress)
