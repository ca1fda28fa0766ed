"""Points-MES (cumulative and scoring ballots) on the float-prefiltered path equals the exact
walk: same selection, same ties, same exact price every round, same money left to every voter."""

from __future__ import annotations

import random
from pathlib import Path
from unittest.mock import patch

from gmpy2 import mpq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.pb import Election, Project, mes_classes, mes_fast, read_pabulib
from hromada.pb.mes import MESState, run_mes
from hromada.pb.mes_classes import BudgetClasses
from hromada.pb.profile import Profile, compile_profile

WIELICZKA = Path(__file__).parent / "data" / "Poland_Wieliczka_2023_Green_Budget.pb"


@st.composite
def points_elections(draw: st.DrawFn) -> Election:
    m = draw(st.integers(1, 7))
    projects = [Project(str(i), draw(st.integers(0, 30))) for i in range(m)]
    ballots = [
        {p.id: draw(st.integers(1, 5)) for p in projects if draw(st.booleans())}
        for _ in range(draw(st.integers(1, 30)))
    ]
    return Election(draw(st.integers(0, 60)), projects, ballots, vote_type="cumulative")


def _same_as_exact(profile: Profile, start: object, explain: bool = False) -> None:
    ranks = list(range(profile.num_projects))
    fast = run_mes(profile, "points", ranks, start, explain=explain)
    exact = run_mes(profile, "points", ranks, start, exact_only=True, explain=explain)
    assert isinstance(fast.final_state, BudgetClasses)
    assert fast.selected == exact.selected
    assert [t["projects"] for t in fast.ties] == [t["projects"] for t in exact.ties]
    assert fast.final_state.voter_budgets() == exact.final_state.voter_budgets()  # type: ignore[union-attr]
    if explain:
        assert [r["rho"] for r in fast.rounds] == [r["rho"] for r in exact.rounds]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(points_elections(), st.sampled_from([0, 2]), st.booleans())
def test_points_fast_path_equals_exact_walk(e: Election, extra: int, unsorted: bool) -> None:
    """Both float walks (the sorted one, and the unsorted one forced on) against the exact one,
    at the first budget and an add1 step's."""
    profile = compile_profile(e)
    start = mpq(e.budget) / profile.num_voters + extra
    with patch.object(mes_classes, "UNSORTED_FROM", 0 if unsorted else 256):
        _same_as_exact(profile, start, explain=extra == 0)


def test_points_fast_path_on_a_real_file_with_points() -> None:
    """Wieliczka's 2,000-odd ballots given random points 1-4: large enough for the unsorted
    walk and the lazy shares, every exact budget still the exact walk's."""
    e = read_pabulib(WIELICZKA)
    rng = random.Random(14)
    ballots = [{pid: rng.randint(1, 4) for pid in b} for b in e.ballots]
    points = Election(e.budget, e.projects, ballots, vote_type="cumulative")
    profile = compile_profile(points)
    for extra in (0, 30):
        _same_as_exact(profile, mpq(profile.budget) / profile.num_voters + extra)


def test_points_beyond_float_exactness_take_the_exact_walk() -> None:
    e = Election(10, [Project("a", 4)], [{"a": 2}, {"a": 3}], vote_type="cumulative")
    profile = compile_profile(e)
    assert isinstance(run_mes(profile, "points", [0], mpq(5)).final_state, BudgetClasses)
    with patch.object(mes_fast, "POINTS_LIMIT", 5):
        assert isinstance(run_mes(profile, "points", [0], mpq(5)).final_state, MESState)
