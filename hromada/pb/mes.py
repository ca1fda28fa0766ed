"""The Method of Equal Shares with pabutools' semantics: the exact walk and the run record.

Every voter starts with ``budget / n``. A project costing ``c`` is affordable at price factor
``rho`` when its supporters can pay ``sum(min(b_i, rho * sat_i)) = c``; each round selects the
project with the smallest ``rho`` (ties by the tie-breaking order) and charges its supporters.

This module is all-exact (gmpy2 ``mpq``). It runs MES for per-voter satisfactions (points on
cumulative/scoring ballots) and is the reference and fallback of ``mes_fast.py``, which runs
the uniform satisfactions (Cost_Sat, Cardinality_Sat) with float prefilters. Both share:

* Budget classes. Voters who paid the same amounts so far have the same budget, so we keep one
  exact budget (gmpy2 ``mpq``) per distinct value and a class id per voter. Counting a project's
  supporters per class is one ``numpy.bincount``; the exact walk runs over the few classes.
* Lazy evaluation. ``rho`` of a project never decreases (budgets only shrink), so the last value
  is a lower bound; a round evaluates projects by increasing bound and stops when the bound
  exceeds the best ``rho`` found. Ties are kept: the stop test is strict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from gmpy2 import mpq

from hromada.pb.profile import IntArray, Profile

Rational = Any  # gmpy2.mpq; gmpy2 ships no type stubs


class BudgetsView(Protocol):
    """What a finished run exposes about the voters' money (tests and audits)."""

    def voter_budgets(self) -> list[Rational]: ...


@dataclass
class Evaluation:
    """What a project would cost its supporters now."""

    rho: Rational  # None-free: only built for affordable projects
    money: Rational  # supporters' money before paying
    max_payment: Rational  # what the richest-enough supporter pays: rho * sat


@dataclass
class MESRun:
    """The result of one MES run, with what explanations and completions need."""

    selected: list[int]  # project indices in selection order (free projects first)
    cost: Rational
    rounds: list[dict[str, Any]] = field(default_factory=list)
    dropped: dict[int, dict[str, Any]] = field(default_factory=dict)
    ties: list[dict[str, Any]] = field(default_factory=list)
    aborted: bool = False  # stopped because the spent money exceeded ``abort_above``
    # stopped once proven to end within ``abort_above`` and not exhaustive (``BudgetVerdict``)
    cut_short: bool = False
    voter_budget: Rational = None
    candidates: list[int] = field(default_factory=list)  # supported projects with cost > 0
    final_state: BudgetsView | None = None  # voters' budgets when the run ended


class MESState:
    """Voter budgets as classes (see the module docstring)."""

    def __init__(self, num_voters: int, budget_per_voter: Rational) -> None:
        self.voter_class = np.zeros(num_voters, dtype=np.int64)
        self.budgets: list[Rational] = [budget_per_voter]
        self.class_of_budget: dict[Rational, int] = {budget_per_voter: 0}
        self.initial = budget_per_voter

    def voter_budgets(self) -> list[Rational]:
        """Each voter's exact budget now (for tests and audits; O(n))."""
        return [self.budgets[k] for k in self.voter_class.tolist()]

    def class_for(self, budget: Rational) -> int:
        k = self.class_of_budget.get(budget)
        if k is None:
            k = len(self.budgets)
            self.budgets.append(budget)
            self.class_of_budget[budget] = k
        return k

    def groups(self, voters: IntArray, sats: IntArray | None) -> list[tuple[Rational, int, int]]:
        """``(budget, sat, count)`` groups of ``voters``; ``sats`` None means sat 1 for all.

        Returned in the order the MES walk needs: by budget / sat ascending.
        """
        classes = self.voter_class[voters]
        budgets = self.budgets
        if sats is None:
            counts = np.bincount(classes, minlength=len(budgets))
            present = np.flatnonzero(counts)
            out = [(budgets[k], 1, int(counts[k])) for k in present.tolist()]
            out.sort(key=lambda g: g[0])
            return out
        pairs, counts = _unique_pairs(classes, sats, len(budgets))
        out = [(budgets[k], s, c) for (k, s), c in zip(pairs, counts.tolist(), strict=True)]
        out.sort(key=lambda g: mpq(g[0]) / g[1])
        return out

    def pay(self, voters: IntArray, sats: IntArray | None, rho: Rational) -> Rational:
        """Charge ``min(budget, rho * sat)`` to each of ``voters``; return the total charged."""
        classes = self.voter_class[voters]
        if sats is None:
            keys = classes
            uniq, inverse = np.unique(keys, return_inverse=True)
            pairs = [(k, 1) for k in uniq.tolist()]
        else:
            pairs, _, inverse = _unique_pairs(classes, sats, len(self.budgets), inverse=True)
        counts = np.bincount(inverse.reshape(-1), minlength=len(pairs))
        new_class = np.empty(len(pairs), dtype=np.int64)
        total = mpq(0)
        for g, (k, s) in enumerate(pairs):
            b = self.budgets[k]
            payment = rho * s
            if payment > b:
                payment = b
            total += payment * int(counts[g])
            new_class[g] = self.class_for(b - payment)
        self.voter_class[voters] = new_class[inverse.reshape(-1)]
        return total


def _unique_pairs(
    classes: IntArray, sats: IntArray, num_classes: int, inverse: bool = False
) -> Any:
    """The distinct (class, sat) pairs among voters, their counts (and each voter's pair).

    One integer key per pair when ``class * (max sat + 1) + sat`` fits in int64 (a 1-D unique
    is many times faster than ``np.unique(axis=0)``), else the 2-D unique.
    """
    top = int(sats.max()) + 1 if len(sats) else 1
    if num_classes * top < 2**62:
        keys = classes * top + sats
        uniq, where, counts = np.unique(keys, return_inverse=True, return_counts=True)
        pairs = list(zip((uniq // top).tolist(), (uniq % top).tolist(), strict=True))
    else:
        stacked = np.stack([classes, sats], axis=1)
        uniq2, where, counts = np.unique(stacked, axis=0, return_inverse=True, return_counts=True)
        pairs = [(k, s) for k, s in uniq2.tolist()]
    return (pairs, counts, where) if inverse else (pairs, counts)


class BudgetVerdict:
    """Ends an add1 step's run as soon as add1's verdict on it is certain.

    add1 (both variants) asks of each run only: did it overspend ``budget``, and is it
    exhaustive (``completions.py``)? At the start of a round let ``spent`` be the cost of the
    winners so far and ``open`` the total cost of the projects still undecided. Claim: if
    some dropped project costs at most ``budget - spent - open`` (so ``spent + open <=
    budget``), the run neither overspends nor ends exhaustive, whatever the remaining rounds do.
    Proof: a project leaves the race once (selected, or dropped because its supporters' money,
    which never grows during a run, fell below its cost), so the final selection is the winners
    so far plus some of the undecided projects, and its cost is at most ``spent + open <=
    budget``: no overspending. A dropped project is never selected; it is a supported project
    with a positive cost (a candidate) costing at most ``budget - final cost``, so it fits in
    what is left: the outcome is not exhaustive (and not "every candidate selected", the
    checker variant's stop). So add1 goes on to its next step either way, and the rest of
    the run cannot matter, except when the next step overspends and add1 returns this one's
    budget; ``completions`` then reruns that budget in full (it reruns the chosen budget with
    explanations anyway). ``tests/pb/test_pb_add1_verdict.py`` checks it against full runs.
    """

    def __init__(
        self,
        budget: Rational,
        costs: Sequence[Rational],
        undecided: Iterable[int],
        dropped: Iterable[int] = (),
    ) -> None:
        self.budget = budget
        self.costs = costs
        self.open: Rational = sum((costs[j] for j in undecided), mpq(0))
        self.cheapest_dropped: Rational = min((costs[j] for j in dropped), default=None)

    def decided(self, j: int, dropped: bool) -> None:
        self.open -= self.costs[j]
        if dropped and (self.cheapest_dropped is None or self.costs[j] < self.cheapest_dropped):
            self.cheapest_dropped = self.costs[j]

    def settled(self, spent: Rational) -> bool:
        # Dropped projects cost more than 0, so this also gives spent + open < budget.
        if self.cheapest_dropped is None:
            return False
        return bool(self.cheapest_dropped <= self.budget - spent - self.open)


def evaluate(groups: Sequence[tuple[Rational, int, int]], cost: Rational) -> Evaluation | None:
    """The MES walk over budget groups; None if the supporters cannot afford ``cost``.

    Sats are in "raw" units (1 for a uniform satisfaction, scaled points otherwise); the
    caller divides ``rho`` by the project's sat unit (its cost under Cost_Sat). Mirrors
    pabutools: sorted by budget/sat; ``rho = (cost - paid) / remaining sat``; the first group
    that can pay ``rho * sat`` fixes ``rho``; poorer groups pay everything they have.
    """
    money = mpq(0)
    den = 0
    for b, s, c in groups:
        money += b * c
        den += s * c
    if money < cost:
        return None
    paid = mpq(0)
    for b, s, c in groups:
        rest = cost - paid
        # rho * s <= b  <=>  rest * s <= b * den, with rho = rest / den; no division needed
        if rest * s <= b * den:
            rho = rest / den
            return Evaluation(rho=rho, money=money, max_payment=rest * s / den)
        paid += b * c
        den -= s * c
    raise AssertionError("affordable project without a paying group")  # pragma: no cover


def run_mes(
    profile: Profile,
    sat: str,
    tie_ranks: Sequence[int],
    budget_per_voter: Rational,
    *,
    abort_above: Rational | None = None,
    explain: bool = False,
    exact_only: bool = False,
    verdict_only: bool = False,
) -> MESRun:
    """One run of MES from ``budget_per_voter``; stops early once spending exceeds ``abort_above``.

    ``verdict_only`` (with ``abort_above``): add1 only needs to know whether the run overspends
    or ends exhaustive; the run also stops (``cut_short``) once both are known to be no
    (``BudgetVerdict``), and its selection is then incomplete.

    ``sat``: ``cost`` (sat = cost), ``cardinality`` (sat = 1) or ``points`` (ballot points; for
    approval ballots the same as cardinality). Every satisfaction goes to the float-prefiltered
    ``mes_fast`` (points while their total is below ``mes_fast.POINTS_LIMIT``) unless
    ``exact_only`` (the plain exact walk, kept as its reference).
    ``explain`` also records, after every round, which projects its payments made unaffordable
    (for the explanations; it does not change the outcome).
    """
    use_points = sat == "points" and profile.supporter_weights is not None
    # Imported here: mes_fast builds on this module's exact walk (it is its fallback).
    from hromada.pb.mes_fast import points_fit, run_mes_fast

    if not exact_only and (not use_points or points_fit(profile)):
        return run_mes_fast(
            profile,
            sat,
            tie_ranks,
            budget_per_voter,
            abort_above=abort_above,
            explain=explain,
            verdict_only=verdict_only,
        )
    m = profile.num_projects
    costs = [mpq(c.numerator, c.denominator) for c in profile.costs]
    weights = profile.supporter_weights if use_points else None
    total_sat = [int(profile.points[j]) if use_points else int(profile.votes[j]) for j in range(m)]
    if sat == "cost":
        # Cost_Sat gives nothing for a free project, so pabutools' MES never sees its supporters
        # and never selects it; we keep that semantics (explanations say so).
        total_sat = [t if costs[j] > 0 else 0 for j, t in enumerate(total_sat)]
    state = MESState(profile.num_voters, budget_per_voter)
    run = MESRun(selected=[], cost=mpq(0), voter_budget=budget_per_voter)
    for j in range(m):
        if total_sat[j] > 0 and costs[j] == 0:
            run.selected.append(j)
            run.rounds.append({"project": j, "round": 0, "rho": mpq(0), "free": True})
    candidates = [j for j in range(m) if total_sat[j] > 0 and costs[j] > 0]
    run.candidates = list(candidates)

    def sat_unit(j: int) -> Rational:
        return costs[j] if sat == "cost" else mpq(1)

    # Initial lower bound = rho with everyone's full budget untouched: cost / total sat.
    bound: dict[int, Rational] = {j: costs[j] / (sat_unit(j) * total_sat[j]) for j in candidates}
    last_eval: dict[int, Evaluation] = {}
    remaining = set(candidates)
    round_no = 0
    support_sets: Callable[[int], IntArray] = profile.supporters.__getitem__
    verdict: BudgetVerdict | None = None
    if verdict_only and abort_above is not None:
        verdict = BudgetVerdict(abort_above, costs, remaining)
    while remaining:
        if verdict is not None and verdict.settled(run.cost):
            run.cut_short = True
            break
        round_no += 1
        best: Rational = None
        tied: list[int] = []
        for j in sorted(remaining, key=lambda j: (bound[j], tie_ranks[j])):
            if best is not None and bound[j] > best:
                break
            sats = weights[j] if weights is not None else None
            groups = state.groups(support_sets(j), sats)
            ev = evaluate(groups, costs[j])
            if ev is None:
                remaining.discard(j)
                if verdict is not None:
                    verdict.decided(j, dropped=True)
                if explain:
                    run.dropped[j] = _drop_info(j, round_no, groups, last_eval.get(j), run)
                continue
            rho = ev.rho / sat_unit(j)
            bound[j] = rho
            last_eval[j] = ev
            if best is None or rho < best:
                best, tied = rho, [j]
            elif rho == best:
                tied.append(j)
        if not tied:
            break
        tied.sort(key=tie_ranks.__getitem__)
        winner = tied[0]
        if len(tied) > 1:
            run.ties.append({"round": round_no, "projects": tied, "winner": winner, "rho": best})
        remaining.discard(winner)
        if verdict is not None:
            verdict.decided(winner, dropped=False)
        sats = weights[winner] if weights is not None else None
        charge = best * sat_unit(winner)
        spent = state.pay(support_sets(winner), sats, charge)
        run.cost += costs[winner]
        run.selected.append(winner)
        ev = last_eval[winner]
        run.rounds.append(
            {
                "project": winner,
                "round": round_no,
                "rho": best,
                "money": ev.money,
                "max_payment": ev.max_payment,
                "charged": spent,
            }
        )
        if abort_above is not None and run.cost > abort_above:
            run.aborted = True
            break
    run.final_state = state
    return run


def _drop_info(
    j: int,
    round_no: int,
    groups: Sequence[tuple[Rational, int, int]],
    last: Evaluation | None,
    run: MESRun,
) -> dict[str, Any]:
    money = sum((b * c for b, _, c in groups), mpq(0))
    info: dict[str, Any] = {"round": round_no, "money": money}
    if last is not None:
        info["last_rho"] = last.rho
        info["last_max_payment"] = last.max_payment
    info["after"] = [r["project"] for r in run.rounds if r.get("round", 0) > 0][-1:]
    return info
