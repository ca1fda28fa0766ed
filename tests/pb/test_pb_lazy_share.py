"""The fast MES path leaves a lone winner's exact share lazy (add1 runs hundreds of MES runs)
and still ends with exactly the exact walk's voter budgets and selection."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

from gmpy2 import mpq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.pb import Election, mes_classes, read_pabulib
from hromada.pb.mes import run_mes
from hromada.pb.mes_fast import BudgetClasses
from hromada.pb.profile import compile_profile

from .test_pb_properties import elections

WIELICZKA = Path(__file__).parent / "data" / "Poland_Wieliczka_2023_Green_Budget.pb"


def test_lazy_shares_give_the_exact_budgets() -> None:
    profile = compile_profile(read_pabulib(WIELICZKA))
    ranks = list(range(profile.num_projects))
    start = mpq(profile.budget) / profile.num_voters + 40  # an add1 step: poor voters appear
    fast = run_mes(profile, "cost", ranks, start)
    state = fast.final_state
    assert isinstance(state, BudgetClasses)
    # The optimisation is in effect: some shares were never needed exactly during the run.
    assert state.pending, "every share was computed exactly: the lazy path did not run"
    exact = run_mes(profile, "cost", ranks, start, exact_only=True)
    assert fast.selected == exact.selected
    assert state.voter_budgets() == exact.final_state.voter_budgets()  # type: ignore[union-attr]
    assert not state.pending  # asking for the budgets worked every pending share out


def test_explained_runs_keep_exact_prices() -> None:
    profile = compile_profile(read_pabulib(WIELICZKA))
    ranks = list(range(profile.num_projects))
    start = mpq(profile.budget) / profile.num_voters
    explained = run_mes(profile, "cardinality", ranks, start, explain=True)
    exact = run_mes(profile, "cardinality", ranks, start, exact_only=True, explain=True)
    assert [r["rho"] for r in explained.rounds] == [r["rho"] for r in exact.rounds]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(max_projects=8, max_voters=40), st.sampled_from(["cost", "cardinality"]))
def test_unsorted_share_walk_equals_exact_walk(e: Election, sat: str) -> None:
    """The unsorted share search (used from UNSORTED_FROM classes, i.e. only on large files)
    forced on for small random elections: same selection and budgets as the exact walk."""
    profile = compile_profile(e)
    if profile.num_voters == 0:
        return
    ranks = list(range(profile.num_projects))
    with patch.object(mes_classes, "UNSORTED_FROM", 0):
        for extra in (0, 2):
            start = mpq(e.budget) / profile.num_voters + extra
            fast = run_mes(profile, sat, ranks, start)
            exact = run_mes(profile, sat, ranks, start, exact_only=True)
            assert fast.selected == exact.selected
            assert fast.final_state is not None and exact.final_state is not None
            assert fast.final_state.voter_budgets() == exact.final_state.voter_budgets()
