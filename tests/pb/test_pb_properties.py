"""Random small elections: the engine agrees with pabutools, and the invariants always hold."""

from __future__ import annotations

from fractions import Fraction

from gmpy2 import mpq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.pb import Election, Project, compute
from hromada.pb.mes import run_mes
from hromada.pb.profile import compile_profile

from .pb_oracle import pabutools_outcome, pabutools_points_mes

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def elections(draw: st.DrawFn, max_projects: int = 6, max_voters: int = 8) -> Election:
    m = draw(st.integers(1, max_projects))
    costs = draw(st.lists(st.integers(0, 12), min_size=m, max_size=m))
    ids = [str(i) for i in draw(st.permutations(list(range(m))))]  # '10' < '9' matters
    ids = [i if draw(st.booleans()) else f"{i}0" for i in ids]
    ids = list(dict.fromkeys(ids))
    projects = [Project(pid, c) for pid, c in zip(ids, costs, strict=False)]
    n = draw(st.integers(0, max_voters))
    ballots = [sorted(draw(st.sets(st.sampled_from(ids), max_size=len(ids)))) for _ in range(n)]
    budget = draw(st.integers(0, 30))
    return Election(budget=budget, projects=projects, ballots=ballots)


def _free(e: Election) -> set[str]:
    return {p.id for p in e.projects if p.cost == 0}


def _same_modulo_free_order(e: Election, ours: list[str], theirs: list[str]) -> None:
    assert set(ours) == set(theirs)
    free = _free(e)
    assert [x for x in ours if x not in free] == [x for x in theirs if x not in free]


@SETTINGS
@given(elections(), st.sampled_from(["cost", "cardinality"]))
def test_greedy_matches_pabutools(e: Election, sat: str) -> None:
    out = compute(e, "greedy", sat=sat)
    _same_modulo_free_order(e, out.selected, pabutools_outcome(e, "greedy", sat))
    assert out.cost <= e.budget


@SETTINGS
@given(elections(), st.sampled_from(["cost", "cardinality"]))
def test_mes_matches_pabutools(e: Election, sat: str) -> None:
    out = compute(e, "mes", sat=sat)
    _same_modulo_free_order(e, out.selected, pabutools_outcome(e, "mes", sat))
    assert out.cost <= e.budget


@SETTINGS
@given(elections(max_projects=5, max_voters=5), st.sampled_from(["cost", "cardinality"]))
def test_mes_add1_matches_pabutools(e: Election, sat: str) -> None:
    out = compute(e, "mes", sat=sat, completion="add1")
    _same_modulo_free_order(e, out.selected, pabutools_outcome(e, "mes", sat, "add1"))
    assert out.cost <= e.budget


@SETTINGS
@given(elections())
def test_phragmen_matches_pabutools(e: Election) -> None:
    out = compute(e, "phragmen")
    assert set(out.selected) == set(pabutools_outcome(e, "phragmen"))
    assert out.cost <= e.budget


@SETTINGS
@given(elections(), st.sampled_from(["cost", "cardinality"]))
def test_no_mes_voter_pays_more_than_they_had(e: Election, sat: str) -> None:
    profile = compile_profile(e)
    if profile.num_voters == 0:
        return
    start = mpq(e.budget) / profile.num_voters
    run = run_mes(profile, sat, list(range(profile.num_projects)), start)
    assert run.final_state is not None
    left = run.final_state.voter_budgets()
    assert all(0 <= b <= start for b in left)
    # Voters pay exactly the cost of every project MES bought, never more.
    assert start * profile.num_voters - sum(left) == run.cost
    assert run.cost <= e.budget


@st.composite
def cumulative_elections(draw: st.DrawFn) -> Election:
    m = draw(st.integers(1, 5))
    projects = [Project(str(i), draw(st.integers(1, 10))) for i in range(m)]
    ballots = [
        {p.id: draw(st.integers(1, 4)) for p in projects if draw(st.booleans())}
        for _ in range(draw(st.integers(1, 6)))
    ]
    return Election(draw(st.integers(0, 25)), projects, ballots, vote_type="cumulative")


@SETTINGS
@given(cumulative_elections(), st.sampled_from(["greedy", "greedy-no-skip", "mes", "phragmen"]))
def test_budget_never_exceeded(e: Election, rule: str) -> None:
    sat = "points" if rule == "mes" else "cost"
    out = compute(e, rule, sat=sat)
    assert out.cost <= e.budget
    assert out.cost == sum(Fraction(e.project(pid).cost) for pid in out.selected)
    assert set(out.explanations) == {p.id for p in e.projects}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(max_projects=8, max_voters=40), st.sampled_from(["cost", "cardinality"]))
def test_float_prefiltered_mes_equals_exact_walk(e: Election, sat: str) -> None:
    """mes_fast (floats as prefilter) and the plain exact walk agree, down to every budget."""
    profile = compile_profile(e)
    if profile.num_voters == 0:
        return
    ranks = list(range(profile.num_projects))
    for extra in (0, 1, 3):
        start = mpq(e.budget) / profile.num_voters + extra
        fast = run_mes(profile, sat, ranks, start)
        exact = run_mes(profile, sat, ranks, start, exact_only=True)
        assert fast.selected == exact.selected
        assert [t["projects"] for t in fast.ties] == [t["projects"] for t in exact.ties]
        assert fast.final_state is not None and exact.final_state is not None
        assert fast.final_state.voter_budgets() == exact.final_state.voter_budgets()


def test_float_prefilter_on_exact_ties_and_tiny_differences() -> None:
    """Near-ties far below float resolution must be decided exactly."""
    big = 10**18
    projects = [Project("a", big), Project("b", big + 1), Project("c", big), Project("d", 3)]
    ballots = [["a", "b", "c"], ["a", "b", "c", "d"], ["a", "c"], ["b", "d"]] * 3
    e = Election(budget=3 * big, projects=projects, ballots=ballots)
    profile = compile_profile(e)
    for sat in ("cost", "cardinality"):
        start = mpq(e.budget) / profile.num_voters
        ranks = list(range(profile.num_projects))
        fast = run_mes(profile, sat, ranks, start)
        exact = run_mes(profile, sat, ranks, start, exact_only=True)
        assert fast.selected == exact.selected
        assert fast.final_state is not None and exact.final_state is not None
        assert fast.final_state.voter_budgets() == exact.final_state.voter_budgets()


@SETTINGS
@given(cumulative_elections())
def test_points_mes_matches_pabutools(e: Election) -> None:
    out = compute(e, "mes", sat="points")
    _same_modulo_free_order(e, out.selected, pabutools_points_mes(e))
