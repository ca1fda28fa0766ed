"""The public API on the greedy family: tie-breaking kinds, explanations, reported ties."""

from __future__ import annotations

import json

import pytest

from hromada.pb import Election, Project, TieBreaking, compute


def skatepark_election() -> Election:
    projects = [
        Project(id="12", cost=150000, name="Skatepark", categories=("small",)),
        Project(id="7", cost=150000, name="Library"),
        Project(id="3", cost=300000, name="Bridge"),
        Project(id="9", cost=50000, name="Benches"),
    ]
    ballots = [["12", "7"], ["7", "3"], ["12", "3"], ["9"]]
    return Election(budget=500000, projects=projects, ballots=ballots, vote_type="approval")


def test_platform_example_runs_and_serialises() -> None:
    e = skatepark_election()
    out = compute(
        e, rule="greedy", sat="cost", tie_breaking=TieBreaking("order", order=["7", "12"])
    )
    # 12, 7 and 3 have two votes each; the priority order puts 7 first, then 12, then 3 by id.
    assert out.selected == ["7", "12", "9"]
    assert out.cost == 350000
    assert set(out.explanations) == {"12", "7", "3", "9"}
    assert out.explanations["3"]["status"] == "rejected"
    assert out.explanations["3"]["budget_left_before"] == 200000
    assert out.ties == [
        {
            "stage": "greedy order",
            "projects": ["7", "12", "3"],
            "order": ["7", "12", "3"],
            "selected": ["7", "12"],
        }
    ]
    json.dumps(out.to_json())


@pytest.mark.parametrize(
    ("tie", "expected"),
    [
        (TieBreaking("lexicographic"), ["12", "3", "9"]),  # '12' < '3' < '7' as strings
        (TieBreaking("order", order=["3"]), ["3", "12", "9"]),
        (TieBreaking("min-cost"), ["12", "7", "9"]),  # equal cost and votes: then by id
    ],
)
def test_tie_breaking_kinds(tie: TieBreaking, expected: list[str]) -> None:
    assert compute(skatepark_election(), "greedy", tie_breaking=tie).selected == expected


def test_lottery_is_deterministic_from_seed() -> None:
    e = skatepark_election()
    runs = {
        seed: compute(e, "greedy", tie_breaking=TieBreaking("lottery", seed=seed)).selected
        for seed in ["council-2026", "another", "third", "x", "y", "z"]
    }
    again = compute(e, "greedy", tie_breaking=TieBreaking("lottery", seed="council-2026"))
    assert again.selected == runs["council-2026"]
    assert len({tuple(r) for r in runs.values()}) > 1  # the seed matters


def test_tie_breaking_validation() -> None:
    with pytest.raises(ValueError, match="seed"):
        TieBreaking("lottery")
    with pytest.raises(ValueError, match="order"):
        TieBreaking("order")
    with pytest.raises(ValueError, match="unknown rule"):
        compute(skatepark_election(), "borda")


def test_greedy_threshold_and_no_skip() -> None:
    projects = [Project("a", 60), Project("b", 50), Project("c", 10), Project("d", 5)]
    ballots = [["a", "b", "c"], ["a", "b", "c"], ["a", "b"], ["a", "d"]]
    e = Election(100, projects, ballots, meta={"min_project_score_threshold": "2"})
    assert compute(e, "greedy").selected == ["a", "c", "d"]
    assert compute(e, "greedy-threshold").selected == ["a", "c"]
    assert compute(e, "greedy-threshold").explanations["d"]["reason"].startswith("votes below")
    no_skip = compute(e, "greedy-no-skip")
    assert no_skip.selected == ["a"]
    assert no_skip.explanations["c"]["reason"] == "greedy-no-skip stopped at project b"


def test_greedy_no_skip_passes_over_withdrawn_projects() -> None:
    projects = [Project("w", 999999999), Project("a", 60), Project("b", 30)]
    e = Election(100, projects, [["w", "a", "b"], ["w", "a"], ["w"]])
    assert compute(e, "greedy-no-skip").selected == ["a", "b"]


def test_greedy_cardinality_ranks_by_votes_per_cost() -> None:
    projects = [Project("big", 90), Project("small", 10), Project("free", 0)]
    e = Election(95, projects, [["big"], ["big"], ["small"], ["free"]])
    assert compute(e, "greedy", sat="cardinality").selected == ["free", "small"]
    assert compute(e, "greedy", sat="cost").selected == ["big", "free"]


def test_cumulative_greedy_uses_points_and_ordinal_uses_score() -> None:
    projects = [Project("a", 50, score=1), Project("b", 50, score=9)]
    cumulative = Election(50, projects, [{"a": 3}, {"b": 1}, {"b": 1}], vote_type="cumulative")
    assert compute(cumulative, "greedy").selected == ["a"]
    ordinal = Election(50, projects, [["a", "b"], ["a"]], vote_type="ordinal")
    assert compute(ordinal, "greedy").selected == ["b"]
    assert compute(ordinal, "greedy", measure="votes").selected == ["a"]


def test_budget_never_exceeded_with_fraction_costs() -> None:
    from fractions import Fraction

    projects = [Project("a", Fraction(1, 3)), Project("b", Fraction(2, 3)), Project("c", 1)]
    e = Election(1, projects, [["a", "b", "c"]])
    out = compute(e, "greedy")
    assert out.cost <= 1
    assert out.selected == ["a", "b"]
    assert out.to_json()["cost"] == 1
