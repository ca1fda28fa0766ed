"""The fast MES path leaves a lone winner's exact share lazy (add1 runs hundreds of MES runs)
and still ends with exactly the exact walk's voter budgets and selection."""

from __future__ import annotations

from pathlib import Path

from gmpy2 import mpq

from hromada.pb import read_pabulib
from hromada.pb.mes import run_mes
from hromada.pb.mes_fast import BudgetClasses
from hromada.pb.profile import compile_profile

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
