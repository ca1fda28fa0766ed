"""Participation maturity scores — pure Python, no Django (tests/network/test_maturity.py).

Each indicator is rated on its own scale 0..max_level (0–2 or 0–3) and has a weight. A theme's
score is the weighted share of the maximum, on a 0–100 scale:

    score(theme) = 100 × Σ weight·level/max_level ÷ Σ weight      (over the theme's indicators)

and the overall score the same over every indicator. Peers are compared by the median of their
theme scores, shown only when at least `MIN_PEERS` communities share it, so that no single
community's result can be read off the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

MIN_PEERS = 3


@dataclass(frozen=True)
class Rated:
    theme: str
    weight: int
    level: int
    max_level: int


def _score(rated: Sequence[Rated]) -> Fraction:
    weights = sum(item.weight for item in rated)
    if weights <= 0:
        return Fraction(0)
    for item in rated:
        if not 0 <= item.level <= item.max_level or item.max_level <= 0:
            raise ValueError(f"level {item.level} outside 0..{item.max_level}")
    return (
        100 * sum((Fraction(i.weight * i.level, i.max_level) for i in rated), Fraction(0)) / weights
    )


def theme_scores(rated: Sequence[Rated], themes: Sequence[str]) -> dict[str, Fraction | None]:
    """Each theme's score in the order given; None for a theme with no indicator rated."""
    return {
        theme: _score([item for item in rated if item.theme == theme])
        if any(item.theme == theme for item in rated)
        else None
        for theme in themes
    }


def overall(rated: Sequence[Rated]) -> Fraction:
    return _score(rated)


def _median(values: Sequence[Fraction]) -> Fraction:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def peer_medians(
    peers: Sequence[Mapping[str, Fraction | None]], themes: Sequence[str]
) -> dict[str, Fraction | None]:
    """The median score of each theme over the peers' results; None below MIN_PEERS."""
    medians: dict[str, Fraction | None] = {}
    for theme in themes:
        values = [peer[theme] for peer in peers if peer.get(theme) is not None]
        known = [value for value in values if value is not None]
        medians[theme] = _median(known) if len(known) >= MIN_PEERS else None
    return medians
