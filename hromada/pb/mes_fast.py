"""MES with float prefilters: uniform satisfactions (Cost_Sat, Cardinality_Sat) and points.

Same outcome as the exact walk in ``mes.py``, which it falls back to whenever floats cannot
decide; it exists because add1 reruns MES hundreds of times on 10^5 voters. The voters' money
is kept in budget classes (``mes_classes``): float budgets with proven error bounds, exact
budgets worked out lazily. So floats only prefilter; every decision is exact:

* affordability: float money +/- error vs cost, exact walk when inside the error band;
* the winner: float rho intervals select the contenders; their rho is computed exactly from the
  exact budgets of the poor groups and verified (max poor <= rho <= min paying);
* payments: paying/poor per group from floats with margin, exact comparison otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gmpy2 import mpq

from hromada.pb.mes import BudgetVerdict, MESRun, Rational
from hromada.pb.mes_classes import EPS, SLACK, BudgetClasses, FloatEval, Groups, LazyShare
from hromada.pb.mes_fast_drops import SupportIndex, drop_beaten, dropped_info
from hromada.pb.profile import IntArray, Profile

__all__ = ["BudgetClasses", "points_fit", "run_mes_fast"]

# Points are float weights in the walk; below this total they (and their sums) are exact.
POINTS_LIMIT = 2**50


def points_fit(profile: Profile) -> bool:
    """Whether points-MES can take the fast path (total points small enough to be exact)."""
    return int(profile.points.sum()) < POINTS_LIMIT


@dataclass
class _Setup:
    """What a run needs of the profile, independent of the voters' budget: add1 reruns MES
    with the same profile hundreds of times, so the last one is kept (``_setup``)."""

    profile: Profile
    sat: str
    costs: list[Rational]
    votes: list[int]
    sats: Sequence[IntArray] | None
    free: list[int]  # supported free projects (chosen first unless Cost_Sat)
    candidates: list[int]
    units: list[Rational]
    units_f: list[float]
    costs_f: list[float]
    lower: dict[int, float]  # rho >= cost / (unit * total satisfaction), minus float error


_last_setup: list[_Setup] = []


def _setup(profile: Profile, sat: str) -> _Setup:
    if _last_setup and _last_setup[0].profile is profile and _last_setup[0].sat == sat:
        return _last_setup[0]
    m = profile.num_projects
    costs = [mpq(c.numerator, c.denominator) for c in profile.costs]
    votes = [int(v) for v in profile.votes]
    sats: Sequence[IntArray] | None = None
    total = votes
    if sat == "points" and profile.supporter_weights is not None:
        sats = profile.supporter_weights
        total = [int(x) for x in profile.points]
    free = [j for j in range(m) if votes[j] > 0 and costs[j] == 0 and sat != "cost"]
    candidates = [j for j in range(m) if votes[j] > 0 and costs[j] > 0]
    units = [costs[j] if sat == "cost" else mpq(1) for j in range(m)]
    lower = {j: float(costs[j] / (units[j] * total[j])) * (1 - SLACK * EPS) for j in candidates}
    setup = _Setup(
        profile, sat, costs, votes, sats, free, candidates, units,
        [float(u) for u in units], [float(c) for c in costs], lower,
    )  # fmt: skip
    _last_setup[:] = [setup]
    return setup


class _FastRun:
    """One run's state: the candidates, their lower bounds on rho, what was decided."""

    def __init__(
        self, profile: Profile, sat: str, budget_per_voter: Rational, explain: bool
    ) -> None:
        setup = _setup(profile, sat)
        self.costs, self.sats, self.units = setup.costs, setup.sats, setup.units
        self.units_f, self.costs_f = setup.units_f, setup.costs_f
        self.run = MESRun(selected=[], cost=mpq(0), voter_budget=budget_per_voter)
        for j in setup.free:
            self.run.selected.append(j)
            self.run.rounds.append({"project": j, "round": 0, "rho": mpq(0), "free": True})
        candidates = setup.candidates
        self.run.candidates = list(candidates)
        self.state = BudgetClasses(profile.num_voters, budget_per_voter)
        self.lower = dict(setup.lower)
        self.last_share: dict[int, float] = {}  # per unit of satisfaction: the walk's start
        self.last_payment: dict[int, float] = {}  # the largest payment: for explanations
        self.remaining = set(candidates)
        self.supporters = profile.supporters
        self.explain = explain
        self.index = SupportIndex(candidates, self.supporters, self.costs_f) if explain else None
        for j in candidates:
            if budget_per_voter * setup.votes[j] < self.costs[j]:
                # Out of reach from the start (money never grows): no evaluation needed.
                self.remaining.discard(j)
                money = float(budget_per_voter * setup.votes[j])
                self.run.dropped[j] = {"round": 0, "money": money}

    def sats_of(self, j: int) -> IntArray | None:
        return self.sats[j] if self.sats is not None else None

    def evaluate(self, round_no: int) -> dict[int, tuple[float, float, FloatEval | None, Any]]:
        """Evaluate by increasing lower bound until the bound passes the best float rho; drop
        what is unaffordable. Returns (lo, hi, float walk, exact (rho, money, max payment))."""
        best_hi = float("inf")
        found: dict[int, tuple[float, float, FloatEval | None, Any]] = {}
        state = self.state
        for j in sorted(self.remaining, key=lambda j: (self.lower[j], self.ranks[j])):
            if self.lower[j] > best_hi:
                break
            g = state.groups(self.supporters[j], self.sats_of(j))
            fe = state.float_eval(g, self.costs_f[j], self.units_f[j], self.last_share.get(j, 0.0))
            if fe is True:
                ev = state.exact_eval(self.supporters[j], self.sats_of(j), self.costs[j])
                if ev is not None:
                    exact = ev.rho / self.units[j]
                    lo, hi = float(exact) * (1 - SLACK * EPS), float(exact) * (1 + SLACK * EPS)
                    self.last_share[j] = float(ev.rho)
                    self.last_payment[j] = float(ev.max_payment)
                    found[j] = (lo, hi, None, (exact, ev.money, ev.max_payment))
                    self.lower[j] = lo
                    best_hi = min(best_hi, hi)
                    continue
                fe = False
            if fe is False:
                self.drop(j, round_no)
                continue
            assert isinstance(fe, FloatEval)
            self.last_share[j] = fe.share
            self.last_payment[j] = fe.max_payment
            found[j] = (fe.lo, fe.hi, fe, None)
            self.lower[j] = fe.lo
            best_hi = min(best_hi, fe.hi)
        return {j: f for j, f in found.items() if f[0] <= best_hi}

    def drop(self, j: int, round_no: int) -> None:
        self.remaining.discard(j)
        if self.verdict is not None:
            self.verdict.decided(j, dropped=True)
        # Only explained runs say how much money was missing (add1's runs need speed).
        self.run.dropped[j] = (
            dropped_info(self.state, self.supporters[j], round_no, self.last_payment.get(j))
            if self.explain
            else {"round": round_no}
        )

    def exact_rhos(self, contenders: dict[int, Any]) -> dict[int, tuple[Any, Any, Any]]:
        """Exact (rho, money, max payment) of every contender."""
        rhos: dict[int, tuple[Any, Any, Any]] = {}
        for j, (_, _, walk, known) in contenders.items():
            if known is not None:
                rhos[j] = known
                continue
            share = self.state.confirm(walk, self.costs[j])
            if share is None:
                ev = self.state.exact_eval(self.supporters[j], self.sats_of(j), self.costs[j])
                assert ev is not None  # affordability was certain
                rhos[j] = (ev.rho / self.units[j], ev.money, ev.max_payment)
            else:
                sats = walk.groups.sats
                top = share * int(sats[walk.k]) if sats is not None else share
                rhos[j] = (share / self.units[j], walk.money, top)
        return rhos

    def select(self, winner: int, round_no: int, record: dict[str, Any]) -> None:
        self.remaining.discard(winner)
        if self.verdict is not None:
            self.verdict.decided(winner, dropped=False)
        self.run.cost += self.costs[winner]
        self.run.selected.append(winner)
        self.run.rounds.append(
            {"project": winner, "round": round_no, **record, "charged": self.costs[winner]}
        )

    def pay_lazily(self, winner: int, lone: FloatEval) -> None:
        """A lone contender wins outright (every other rho is above its float interval), so
        its exact price is not needed now: the share stays lazy (see ``LazyShare``)."""
        g, k = lone.groups, lone.k
        rich_weight = (
            int((g.counts[k:] * g.sats[k:]).sum())
            if g.sats is not None
            else int(g.counts[k:].sum())
        )
        lazy = LazyShare(
            g.classes[:k].tolist(), g.counts[:k].tolist(), self.costs[winner], rich_weight
        )
        self.state.pay(self.supporters[winner], g, lazy, lone.share, lone.share_err)

    def pay_exactly(self, winner: int, share: Rational, walk: FloatEval | None) -> None:
        voters = self.supporters[winner]
        g: Groups = (
            walk.groups if walk is not None else self.state.groups(voters, self.sats_of(winner))
        )
        self.state.pay(voters, g, share, float(share), 0.0)

    ranks: Sequence[int]
    verdict: BudgetVerdict | None


def run_mes_fast(
    profile: Profile,
    sat: str,
    tie_ranks: Sequence[int],
    budget_per_voter: Rational,
    *,
    abort_above: Rational | None = None,
    explain: bool = False,
    verdict_only: bool = False,
) -> MESRun:
    """MES with satisfaction ``cost``, ``cardinality`` or ``points`` (see ``points_fit``)."""
    fast = _FastRun(profile, sat, budget_per_voter, explain)
    fast.ranks = tie_ranks
    run = fast.run
    fast.verdict = None
    if verdict_only and abort_above is not None:
        fast.verdict = BudgetVerdict(abort_above, fast.costs, fast.remaining, run.dropped)
    round_no = 0
    while fast.remaining:
        if fast.verdict is not None and fast.verdict.settled(run.cost):
            run.cut_short = True
            break
        round_no += 1
        contenders = fast.evaluate(round_no)
        if not contenders:
            break
        lone = next(iter(contenders.values()))[2] if len(contenders) == 1 else None
        if not explain and lone is not None:
            winner = next(iter(contenders))
            fast.select(winner, round_no, {})
            fast.pay_lazily(winner, lone)
        else:
            rhos = fast.exact_rhos(contenders)
            best = min(r for r, _, _ in rhos.values())
            tied = sorted((j for j, r in rhos.items() if r[0] == best), key=tie_ranks.__getitem__)
            winner = tied[0]
            if len(tied) > 1:
                run.ties.append(
                    {"round": round_no, "projects": tied, "winner": winner, "rho": best}
                )
            _, money, top = rhos[winner]
            fast.select(winner, round_no, {"rho": best, "money": money, "max_payment": top})
            fast.pay_exactly(winner, best * fast.units[winner], contenders[winner][2])
        if abort_above is not None and run.cost > abort_above:
            run.aborted = True
            break
        if fast.index is not None:
            drop_beaten(
                fast.state,
                run,
                fast.remaining,
                winner,
                round_no,
                fast.supporters,
                fast.last_payment,
                fast.index,
            )
    run.final_state = fast.state
    return run
