"""Score aggregation, worked by hand, and properties that hold for any scores."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.network.scoring import (
    CriterionSpec,
    aggregate,
    juror_total,
    mean,
    median,
    rank,
    spread,
    suggest_selection,
)

CRITERIA = [CriterionSpec("ready", 2, 10), CriterionSpec("team", 1, 5)]


def test_juror_total_by_hand() -> None:
    # 100 × (2·8/10 + 1·3/5) / 3 = 100 × (1.6 + 0.6) / 3 = 220/3 ≈ 73.3
    assert juror_total({"ready": 8, "team": 3}, CRITERIA) == Fraction(220, 3)
    assert juror_total({"ready": 10, "team": 5}, CRITERIA) == 100
    assert juror_total({"ready": 0, "team": 0}, CRITERIA) == 0


def test_weights_matter() -> None:
    # The heavier criterion full, the light one empty: 2/3 of the maximum; the other way 1/3.
    assert juror_total({"ready": 10, "team": 0}, CRITERIA) == Fraction(200, 3)
    assert juror_total({"ready": 0, "team": 5}, CRITERIA) == Fraction(100, 3)


def test_missing_or_out_of_range_scores_are_refused() -> None:
    with pytest.raises(ValueError, match="not scored"):
        juror_total({"ready": 8}, CRITERIA)
    with pytest.raises(ValueError, match="outside"):
        juror_total({"ready": 11, "team": 1}, CRITERIA)


def test_median_mean_spread_by_hand() -> None:
    values = [Fraction(40), Fraction(70), Fraction(100)]
    assert median(values) == 70
    assert mean(values) == 70
    assert spread(values) == 60
    assert median([Fraction(40), Fraction(70)]) == 55  # even count: mean of the middle two
    assert median([Fraction(90), Fraction(10), Fraction(50), Fraction(60)]) == 55


def test_aggregate_flags_disagreement_at_the_threshold() -> None:
    # Totals: 100 × (2·10/10 + 5/5)/3 = 100 and 100 × (2·4/10 + 0)/3 = 80/3 ≈ 26.7: spread 73.3.
    result = aggregate(
        "A-01", [{"ready": 10, "team": 5}, {"ready": 4, "team": 0}], CRITERIA, threshold=25
    )
    assert result.totals == (Fraction(100), Fraction(80, 3))
    assert result.median == result.mean == Fraction(190, 3)
    assert result.flagged
    assert result.criterion_means == {"ready": 7, "team": Fraction(5, 2)}
    calm = aggregate("A-02", [{"ready": 8, "team": 3}, {"ready": 7, "team": 3}], CRITERIA, 25)
    assert calm.spread == Fraction(20, 3) and not calm.flagged
    alone = aggregate("A-03", [{"ready": 0, "team": 5}], CRITERIA, 0)
    assert not alone.flagged  # one juror cannot disagree with anybody


def test_unscored_application_is_not_ranked() -> None:
    result = aggregate("A-09", [], CRITERIA, 25)
    assert result.median is None
    ranking = rank([result, aggregate("A-01", [{"ready": 1, "team": 1}], CRITERIA, 25)])
    assert [(r.rank, r.aggregate.key) for r in ranking] == [(1, "A-01"), (None, "A-09")]


def _one(key: str, ready: int, team: int) -> object:
    return aggregate(key, [{"ready": ready, "team": team}], CRITERIA, 25)


def test_ties_share_a_rank_and_show_at_the_cutoff() -> None:
    ranking = rank([_one("a", 9, 5), _one("b", 7, 5), _one("c", 7, 5), _one("d", 2, 1)])  # type: ignore[list-item]
    assert [(r.rank, r.aggregate.key, r.tied) for r in ranking] == [
        (1, "a", False),
        (2, "b", True),
        (2, "c", True),
        (4, "d", False),
    ]
    suggestion = suggest_selection(ranking, 2)
    assert suggestion.chosen == ("a", "b")
    assert suggestion.tied_at_cutoff == ("c",)
    assert suggest_selection(ranking, 3).tied_at_cutoff == ()


def test_median_breaks_before_mean() -> None:
    # x: totals 60, 60, 90 → median 60, mean 70; y: 62, 62, 62 → median 62 ranks first.
    crit = [CriterionSpec("k", 1, 100)]
    x = aggregate("x", [{"k": 60}, {"k": 60}, {"k": 90}], crit, 50)
    y = aggregate("y", [{"k": 62}, {"k": 62}, {"k": 62}], crit, 50)
    assert [r.aggregate.key for r in rank([x, y])] == ["y", "x"]
    # Equal medians: the mean decides.
    z = aggregate("z", [{"k": 60}, {"k": 60}, {"k": 61}], crit, 50)
    assert [r.aggregate.key for r in rank([z, x])] == ["x", "z"]


def test_cap_per_oblast_skips_and_says_so() -> None:
    ranking = rank([_one("a", 10, 5), _one("b", 9, 5), _one("c", 5, 5)])  # type: ignore[list-item]
    groups = {"a": "Полтавська", "b": "Полтавська", "c": "Сумська"}
    suggestion = suggest_selection(ranking, 2, groups, max_per_group=1)
    assert suggestion.chosen == ("a", "c")
    assert suggestion.skipped_by_constraint == ("b",)


scores = st.integers(min_value=0, max_value=10)
reviews = st.lists(
    st.fixed_dictionaries({"ready": scores, "team": st.integers(0, 5)}), min_size=1, max_size=7
)


@given(reviews)
def test_median_and_mean_lie_within_the_totals(given_reviews: list[dict[str, int]]) -> None:
    result = aggregate("x", given_reviews, CRITERIA, 25)
    assert result.median is not None and result.mean is not None
    assert min(result.totals) <= result.median <= max(result.totals)
    assert min(result.totals) <= result.mean <= max(result.totals)
    assert result.spread == max(result.totals) - min(result.totals) >= 0
    assert all(0 <= total <= 100 for total in result.totals)


@given(reviews)
def test_order_of_jurors_does_not_matter(given_reviews: list[dict[str, int]]) -> None:
    forward = aggregate("x", given_reviews, CRITERIA, 25)
    backward = aggregate("x", list(reversed(given_reviews)), CRITERIA, 25)
    assert (forward.median, forward.mean, forward.spread) == (
        backward.median,
        backward.mean,
        backward.spread,
    )


@given(st.integers(1, 10), st.integers(0, 10), st.integers(0, 5))
def test_scaling_all_weights_changes_nothing(factor: int, ready: int, team: int) -> None:
    scaled = [CriterionSpec(c.key, c.weight * factor, c.max_score) for c in CRITERIA]
    assert juror_total({"ready": ready, "team": team}, scaled) == juror_total(
        {"ready": ready, "team": team}, CRITERIA
    )


@given(st.lists(reviews, min_size=1, max_size=8), st.integers(1, 5))
def test_ranking_is_ordered_and_selection_is_the_top(
    per_application: list[list[dict[str, int]]], count: int
) -> None:
    aggregates = [aggregate(i, r, CRITERIA, 25) for i, r in enumerate(per_application)]
    ranking = rank(aggregates)
    keys = [(r.aggregate.median, r.aggregate.mean) for r in ranking]
    assert keys == sorted(keys, reverse=True)
    assert all(r.rank is not None and r.rank <= i + 1 for i, r in enumerate(ranking))
    suggestion = suggest_selection(ranking, count)
    assert len(suggestion.chosen) == min(count, len(ranking))
    worst_chosen = min(keys[: len(suggestion.chosen)])
    assert all(keys[i] <= worst_chosen for i in range(len(suggestion.chosen), len(keys)))
    # Whoever is left out but equal to the last chosen is shown as tied.
    for i in range(len(suggestion.chosen), len(keys)):
        assert (keys[i] == worst_chosen) == (ranking[i].aggregate.key in suggestion.tied_at_cutoff)
