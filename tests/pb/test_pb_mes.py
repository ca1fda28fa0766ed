"""MES through the public API: explanations, completions, comparison, sub-budgets, ties."""

from __future__ import annotations

import json

import pytest

from hromada.pb import Election, Project, TieBreaking, compute, compute_by_category


def park_election() -> Election:
    projects = [
        Project("park", 60),
        Project("road", 40),
        Project("bench", 10),
        Project("lamp", 30),
        Project("nobody", 5),
    ]
    ballots = [["park", "bench"], ["park"], ["park", "road"], ["road", "lamp"], ["lamp"]]
    return Election(budget=100, projects=projects, ballots=ballots)


def test_mes_explanations_say_round_rho_and_why_others_lost() -> None:
    out = compute(park_election(), "mes", sat="cost")
    assert out.selected == ["park", "lamp"]
    park = out.explanations["park"]
    assert park["status"] == "selected" and park["round"] == 1
    assert park["rho"] == "1/3"  # 3 supporters share 60 equally: 20 each = cost * 1/3
    assert park["effective_vote_count"] == 3.0
    assert park["supporters_money"] == 60.0
    road = out.explanations["road"]
    assert road["status"] == "rejected"
    assert road["reason"] == "its supporters no longer had enough money"
    assert road["beaten_by"] in {"park", "lamp"}
    assert out.explanations["nobody"]["reason"] == "no supporters"
    json.dumps(out.to_json())


def test_add1_completion_spends_more_and_add1u_fills_with_greedy() -> None:
    e = park_election()
    plain = compute(e, "mes")
    add1 = compute(e, "mes", completion="add1")
    add1u = compute(e, "mes", completion="add1u")
    assert add1.cost >= plain.cost
    assert add1u.cost >= add1.cost
    assert add1u.cost <= e.budget
    assert add1.details["mes_runs"] >= 1
    for pid in set(add1u.selected) - set(add1.selected):
        assert add1u.explanations[pid]["stage"] == "greedy completion"


def test_comparison_switches_to_greedy_when_more_voters_prefer_it() -> None:
    projects = [Project("big", 90), Project("a", 45), Project("b", 45)]
    ballots = [["big"]] * 4 + [["a", "b"]] * 3
    out = compute(Election(90, projects, ballots), "mes", comparison=True)
    # Worked by hand: each of the 7 voters holds 90/7. "big" needs 90 from its 4 supporters
    # (they hold 360/7 < 90) and "a"/"b" need 45 from 3 (they hold 270/7 < 45): MES funds
    # nothing. Greedy by votes funds "big" (4 votes, the whole budget). Its 4 voters get more
    # from greedy, nobody gets more from MES, so the comparison switches to greedy.
    assert out.details["comparison"] == {
        "voters_preferring_mes": 0,
        "voters_preferring_greedy": 4,
        "winner": "greedy",
    }
    assert out.selected == ["big"]


def test_comparison_keeps_mes_when_greedy_is_not_strictly_preferred() -> None:
    projects = [Project("big", 100), Project("a", 20), Project("b", 20)]
    ballots = [["big"]] * 4 + [["a"]] * 3 + [["b"]] * 3
    out = compute(Election(100, projects, ballots), "mes", comparison=True)
    # Worked by hand: each of the 10 voters holds 10. "big"'s 4 supporters hold 40 < 100;
    # "a" and "b" each have 3 supporters holding 30 >= 20, so MES funds both. Greedy funds
    # "big" (4 votes) and then nothing fits. 6 voters prefer MES, 4 prefer greedy: MES stays.
    assert out.details["comparison"] == {
        "voters_preferring_mes": 6,
        "voters_preferring_greedy": 4,
        "winner": "mes",
    }
    assert sorted(out.selected) == ["a", "b"]


def test_mes_ties_are_reported_and_follow_the_rule() -> None:
    projects = [Project("x", 50), Project("y", 50)]
    e = Election(50, projects, [["x", "y"], ["x", "y"]])
    out = compute(e, "mes", tie_breaking=TieBreaking("order", order=["y", "x"]))
    assert out.selected == ["y"]
    assert out.ties[0]["projects"] == ["y", "x"] and out.ties[0]["winner"] == "y"
    assert compute(e, "mes").selected == ["x"]


def test_points_satisfaction_on_cumulative_ballots() -> None:
    projects = [Project("a", 30), Project("b", 30)]
    ballots = [{"a": 3, "b": 1}, {"a": 1, "b": 3}, {"b": 2}]
    e = Election(60, projects, ballots, vote_type="cumulative")
    out = compute(e, "mes", sat="points")
    assert out.cost <= 60
    assert out.selected[0] == "b"


def test_sub_budgets_run_separately() -> None:
    projects = [
        Project("s1", 30, categories=("small",)),
        Project("s2", 30, categories=("small",)),
        Project("l1", 200, categories=("large",)),
        Project("l2", 150, categories=("large",)),
    ]
    ballots = [["s1", "l1"], ["s2", "l1"], ["s1", "l2"]]
    e = Election(1000, projects, ballots)
    results = compute_by_category(e, {"small": 40, "large": 200}, rule="greedy")
    assert results["small"].selected == ["s1"]
    assert results["large"].selected == ["l1"]
    assert results["large"].budget == 200
    mes = compute_by_category(e, {"small": 60, "large": 350}, rule="mes")
    # Worked by hand (every voter approves one project of each category). Small, 60 among 3
    # voters: 20 each; "s1"'s two supporters hold 40 >= 30, "s2"'s one holds 20 < 30. Large, 350
    # among 3: 350/3 each; "l1"'s two hold 700/3 >= 200, "l2"'s one holds 350/3 < 150.
    assert mes["small"].selected == ["s1"]
    assert mes["large"].selected == ["l1"]
    assert (mes["small"].budget, mes["large"].budget) == (60, 350)


def test_add1_that_would_run_for_ages_stops_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hromada.pb import completions

    monkeypatch.setattr(completions, "MAX_ADD1_STEPS", 10)
    # One voter of ten wants a project costing 600: add1 needs ~500 runs to reach it.
    e = Election(1000, [Project("far", 600)], [["far"]] + [[]] * 9)
    with pytest.raises(ValueError, match="add1 did not settle after 10 MES runs"):
        compute(e, "mes", completion="add1")
    with pytest.raises(ValueError, match="add1 did not settle"):
        compute(e, "mes", completion="add1-checker")
