"""Scores of a contest's jury, aggregated — pure Python, no Django, so it can be read and tested
alone (tests/network/test_scoring.py works examples by hand).

Each juror scores each criterion from 0 to its `max_score`. A juror's total for an application
is the weighted mean of the criteria's scores as fractions of their maxima, on a 0–100 scale:

    total = 100 × Σ weight·(score / max) / Σ weight

An application's jury result is the median of its jurors' totals (one harsh or generous juror
cannot move it alone), with the mean beside it and the spread (highest total − lowest) showing
disagreement: a spread at or above the contest's threshold flags it for discussion. Ranking is
by median, then mean; applications equal in both share a rank (1, 2, 2, 4), and the board sees
the tie. Exact fractions throughout, so equal really means equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

# An application's or a criterion's key: anything hashable (ids on the platform, names in tests).
Key = Any


@dataclass(frozen=True)
class CriterionSpec:
    key: Key
    weight: int
    max_score: int


def juror_total(scores: Mapping[Key, int], criteria: Sequence[CriterionSpec]) -> Fraction:
    """One juror's weighted total for one application, 0–100. Every criterion must be scored."""
    weight_sum = sum(criterion.weight for criterion in criteria)
    if not criteria or weight_sum <= 0:
        raise ValueError("a contest needs criteria with a positive total weight")
    weighted = Fraction(0)
    for criterion in criteria:
        if criterion.key not in scores:
            raise ValueError(f"criterion {criterion.key!r} is not scored")
        value = scores[criterion.key]
        if not 0 <= value <= criterion.max_score:
            raise ValueError(f"score {value} outside 0..{criterion.max_score}")
        weighted += Fraction(criterion.weight * value, criterion.max_score)
    return 100 * weighted / weight_sum


def median(values: Sequence[Fraction]) -> Fraction:
    if not values:
        raise ValueError("median of nothing")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def mean(values: Sequence[Fraction]) -> Fraction:
    if not values:
        raise ValueError("mean of nothing")
    return Fraction(sum(values, Fraction(0))) / len(values)


def spread(values: Sequence[Fraction]) -> Fraction:
    return max(values) - min(values) if values else Fraction(0)


@dataclass(frozen=True)
class Aggregate:
    key: Key
    totals: tuple[Fraction, ...]  # one per juror who scored it, in the order given
    median: Fraction | None  # None: nobody has scored it yet
    mean: Fraction | None
    spread: Fraction
    flagged: bool  # the jurors disagree by the threshold or more
    criterion_means: Mapping[Key, Fraction] = field(default_factory=dict)  # raw scores


def aggregate(
    key: Key,
    reviews: Sequence[Mapping[Key, int]],
    criteria: Sequence[CriterionSpec],
    threshold: int | Fraction,
) -> Aggregate:
    """The jury's result for one application from its complete reviews (criterion → score)."""
    totals = tuple(juror_total(review, criteria) for review in reviews)
    if not totals:
        return Aggregate(key, (), None, None, Fraction(0), False, {})
    gap = spread(totals)
    per_criterion = {
        criterion.key: mean([Fraction(review[criterion.key]) for review in reviews])
        for criterion in criteria
    }
    return Aggregate(
        key, totals, median(totals), mean(totals), gap, len(totals) > 1 and gap >= threshold,
        per_criterion,
    )  # fmt: skip


@dataclass(frozen=True)
class Ranked:
    rank: int | None  # None: not scored, so not ranked
    aggregate: Aggregate
    tied: bool  # shares its rank with another application


def _sort_key(entry: Aggregate) -> tuple[Fraction, Fraction]:
    assert entry.median is not None and entry.mean is not None
    return (entry.median, entry.mean)


def rank(aggregates: Sequence[Aggregate]) -> list[Ranked]:
    """Best first: by median, then mean; equal in both share a rank (competition ranking).
    Unscored applications come last, unranked, in the order given."""
    scored = sorted(
        (entry for entry in aggregates if entry.median is not None), key=_sort_key, reverse=True
    )
    ranked: list[Ranked] = []
    for position, entry in enumerate(scored):
        same_as_previous = position > 0 and _sort_key(scored[position - 1]) == _sort_key(entry)
        same_as_next = position + 1 < len(scored) and _sort_key(scored[position + 1]) == _sort_key(
            entry
        )
        number = ranked[-1].rank if same_as_previous else position + 1
        ranked.append(Ranked(number, entry, same_as_previous or same_as_next))
    ranked.extend(Ranked(None, entry, False) for entry in aggregates if entry.median is None)
    return ranked


@dataclass(frozen=True)
class Suggestion:
    chosen: tuple[Key, ...]  # the top N, in ranking order, within the constraint
    tied_at_cutoff: tuple[Key, ...]  # left out, but equal to the last one chosen
    skipped_by_constraint: tuple[Key, ...]  # ranked above the cutoff, left out by the cap


def suggest_selection(
    ranked: Sequence[Ranked],
    count: int,
    group_of: Mapping[Key, str] | None = None,
    max_per_group: int = 0,
) -> Suggestion:
    """The top `count` ranked applications, at most `max_per_group` from one group (an oblast)
    when it is positive. The board decides; this shows what the ranking says and where a tie or
    the cap makes it a choice."""
    chosen: list[Ranked] = []
    skipped: list[Key] = []
    per_group: dict[str, int] = {}
    for entry in ranked:
        if entry.rank is None or len(chosen) >= count:
            continue
        key = entry.aggregate.key
        group = (group_of or {}).get(key, "")
        if max_per_group > 0 and per_group.get(group, 0) >= max_per_group:
            skipped.append(key)
            continue
        per_group[group] = per_group.get(group, 0) + 1
        chosen.append(entry)
    tied: list[Key] = []
    if chosen and len(chosen) == count:
        last = _sort_key(chosen[-1].aggregate)
        taken = {entry.aggregate.key for entry in chosen} | set(skipped)
        tied = [
            entry.aggregate.key
            for entry in ranked
            if entry.rank is not None
            and entry.aggregate.key not in taken
            and _sort_key(entry.aggregate) == last
        ]
    return Suggestion(tuple(e.aggregate.key for e in chosen), tuple(tied), tuple(skipped))
