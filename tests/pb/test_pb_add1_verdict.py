"""add1 cuts a step's MES run short once its verdict is known (``mes.BudgetVerdict``).

The claim: a run cut short neither overspends nor ends exhaustive when run in full, and add1
with the cut picks the same budget and outcome as the plain loop that runs every step in full.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from gmpy2 import mpq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.pb import Election, Project, compute, read_pabulib
from hromada.pb.completions import _is_exhaustive
from hromada.pb.mes import MESRun, run_mes
from hromada.pb.model import TieBreaking, number_to_json
from hromada.pb.profile import Profile, compile_profile
from hromada.pb.tiebreaking import tie_ranks

from .pb_oracle import pabulib_directory

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def add1_elections(draw: st.DrawFn) -> Election:
    """Many projects of mixed cost and few voters: runs drop projects early, as in cities."""
    m = draw(st.integers(2, 9))
    projects = [Project(str(i), draw(st.integers(1, 40))) for i in range(m)]
    ids = [p.id for p in projects]
    n = draw(st.integers(1, 9))
    ballots = [sorted(draw(st.sets(st.sampled_from(ids), min_size=1))) for _ in range(n)]
    return Election(budget=draw(st.integers(5, 120)), projects=projects, ballots=ballots)


def plain_add1(profile: Profile, sat: str, ranks: Sequence[int]) -> MESRun:
    """pabutools' add1 with every step run in full: the reference the cut must equal."""
    budget = mpq(profile.budget)
    per_voter = budget / profile.num_voters
    previous: MESRun | None = None
    for _ in range(10_000):
        run = run_mes(profile, sat, ranks, per_voter, abort_above=budget)
        if run.aborted:
            return previous or run
        if _is_exhaustive(profile, run, budget):
            return run
        previous = run
        per_voter += 1
    raise AssertionError("add1 did not settle")


def _check_steps(profile: Profile, sat: str, steps: int) -> int:
    """Every add1 step cut short is, in full, within budget and not exhaustive; returns how
    many were cut."""
    budget = mpq(profile.budget)
    ranks = list(range(profile.num_projects))
    cut = 0
    for extra in range(steps):
        start = budget / profile.num_voters + extra
        quick = run_mes(profile, sat, ranks, start, abort_above=budget, verdict_only=True)
        full = run_mes(profile, sat, ranks, start, abort_above=budget)
        if not quick.cut_short:
            assert quick.selected == full.selected and quick.aborted == full.aborted
            continue
        cut += 1
        assert not full.aborted and not _is_exhaustive(profile, full, budget)
        assert full.selected[: len(quick.selected)] == quick.selected
    return cut


@SETTINGS
@given(add1_elections(), st.sampled_from(["cost", "cardinality"]))
def test_a_run_cut_short_is_within_budget_and_not_exhaustive(e: Election, sat: str) -> None:
    _check_steps(compile_profile(e), sat, steps=6)


@SETTINGS
@given(add1_elections(), st.sampled_from(["cost", "cardinality"]))
def test_add1_with_cuts_equals_the_plain_loop(e: Election, sat: str) -> None:
    profile = compile_profile(e)
    reference = plain_add1(profile, sat, list(range(profile.num_projects)))
    out = compute(e, "mes", sat=sat, completion="add1")
    assert out.details["voter_budget"] == number_to_json(reference.voter_budget)
    assert out.selected == [profile.ids[j] for j in reference.selected]


def test_cuts_happen_and_are_right_on_a_small_election() -> None:
    """A cheap project nobody can afford and a dear one that decides nothing: from the first
    step the run is settled after one round (so deleting the cut would fail here)."""
    projects = [Project("a", 60), Project("b", 30), Project("cheap", 5), Project("c", 20)]
    ballots = [["a", "b"], ["a", "b"], ["a", "c"], ["b", "c"], ["cheap"]] * 2 + [["a"]] * 40
    e = Election(budget=100, projects=projects, ballots=ballots)
    assert _check_steps(compile_profile(e), "cost", steps=4) >= 1


REAL = ["Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb", "Poland_Warszawa_2017_Bielany.pb"]


@pytest.mark.parametrize("name", REAL)
def test_real_add1_equals_the_plain_loop(name: str) -> None:
    directory = pabulib_directory()
    if directory is None or not (directory / name).exists():
        pytest.skip(f"{name} not available")
    e = read_pabulib(directory / name)
    profile = compile_profile(e)
    ranks = tie_ranks(TieBreaking(), profile.ids, profile.costs, [int(v) for v in profile.votes])
    reference = plain_add1(profile, "cost", ranks)
    out = compute(e, "mes", completion="add1")
    assert out.selected == [profile.ids[j] for j in reference.selected]
    assert out.details["voter_budget"] == number_to_json(reference.voter_budget)
