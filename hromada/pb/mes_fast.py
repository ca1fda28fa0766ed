"""MES for uniform satisfactions (Cost_Sat, Cardinality_Sat on approval) with float prefilters.

Same outcome as the exact walk in ``mes.py``, which it falls back to whenever floats cannot
decide; it exists because add1 reruns MES hundreds of times on 10^5 voters.

Voters are grouped into budget classes by history: a class is "class ``p`` after paying
selection ``s``", so its exact budget is ``exact(p) - charge(s)`` and is computed only when a
decision needs it (lazily, memoised). Each class also has a float budget and a proven bound on
that float's absolute error. A float comparison is trusted only when its margin exceeds the
accumulated error bound (sums: (terms + 2) * 2^-52 relative, plus the classes' own errors);
otherwise the exact value decides. So floats only prefilter; every decision is exact:

* affordability: float money +/- error vs cost, exact walk when inside the error band;
* the winner: float rho intervals select the contenders; their rho is computed exactly from the
  exact budgets of the poor classes and verified (max poor <= rho <= min rich);
* payments: rich/poor per class from floats with margin, exact comparison otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul
from typing import Any

import numpy as np
import numpy.typing as npt
from gmpy2 import mpq

from hromada.pb.mes import BudgetVerdict, Evaluation, MESRun, Rational, evaluate
from hromada.pb.mes_fast_drops import SupportIndex, drop_beaten, dropped_info
from hromada.pb.profile import IntArray, Profile

FloatArray = npt.NDArray[np.float64]
# Below this many budget classes, sorting them is cheaper than the unsorted passes' extra calls.
UNSORTED_FROM = 256

EPS = 2.0**-52
SLACK = 4.0  # extra factor on every error bound: margins are cheap, a wrong float is not


@dataclass
class LazyShare:
    """A share not yet computed exactly: ``(cost - sum of the poor classes' budgets) / rich``.

    The float walk already proved which classes are poor and which pay the full share (margins
    above the error bounds), and a winner beyond every other contender's float interval needs no
    exact rho to be chosen; so the exact share is derived only when an exact budget downstream
    is asked for (an unsure float comparison, an audit). The value is the same either way.
    """

    poor: list[int]
    poor_counts: list[int]
    cost: Rational
    rich_count: int


@dataclass
class FloatEval:
    lo: float
    hi: float
    classes: IntArray  # present classes, sorted by float budget
    counts: IntArray
    k: int  # index of the first class that pays the full share
    money: float
    share: float  # float of rho_raw: what each rich supporter pays
    share_err: float  # proven bound on |share - exact share|


class BudgetClasses:
    """Classes of voters with equal payment history: float budgets, error bounds, lazy exact."""

    def __init__(self, num_voters: int, initial: Rational) -> None:
        capacity = 1024
        self.bf = np.zeros(capacity)
        self.ef = np.zeros(capacity)
        self.parent = np.full(capacity, -1, dtype=np.int64)
        self.step = np.full(capacity, -1, dtype=np.int64)
        self.exact: list[Rational] = [mpq(0), initial]  # class 0: exhausted voters
        self.bf[1] = float(initial)
        self.ef[1] = SLACK * EPS * abs(self.bf[1])
        self.size = 2
        # What each rich voter paid at each step; None until needed (see ``LazyShare``).
        self.charges: list[Rational | None] = []
        self.pending: dict[int, LazyShare] = {}
        self.voter_class = np.ones(num_voters, dtype=np.int64)

    def exact_budget(self, k: int) -> Rational:
        value = self.exact[k]
        if value is not None:
            return value
        chain = []
        while self.exact[k] is None:
            chain.append(k)
            k = int(self.parent[k])
        value = self.exact[k]
        for c in reversed(chain):
            value = value - self.charge(int(self.step[c]))
            self.exact[c] = value
        return value

    def charge(self, step: int) -> Rational:
        """The exact share of ``step``, worked out from its poor classes on first use."""
        value = self.charges[step]
        if value is None:
            lazy = self.pending.pop(step)
            budgets = [self.exact_budget(k) for k in lazy.poor]
            paid = sum(map(mul, budgets, lazy.poor_counts), mpq(0))
            value = (lazy.cost - paid) / lazy.rich_count
            self.charges[step] = value
        return value

    def voter_budgets(self) -> list[Rational]:
        return [self.exact_budget(k) for k in self.voter_class.tolist()]

    def _grow(self, extra: int) -> None:
        need = self.size + extra
        if need <= len(self.bf):
            return
        capacity = max(need, 2 * len(self.bf))
        for name in ("bf", "ef", "parent", "step"):
            old = getattr(self, name)
            new = np.full(capacity, -1 if old.dtype == np.int64 else 0, dtype=old.dtype)
            new[: self.size] = old[: self.size]
            setattr(self, name, new)

    def present(self, voters: IntArray) -> tuple[IntArray, IntArray]:
        """Classes with money among ``voters`` and their counts."""
        cls = self.voter_class[voters]
        if self.size > 8 * len(cls):
            # Many classes, few voters: sorting the voters' classes beats scanning every class.
            classes, counts = np.unique(cls, return_counts=True)
            if classes.size and classes[0] == 0:
                classes, counts = classes[1:], counts[1:]
            return classes, counts.astype(np.int64)
        counts = np.bincount(cls, minlength=self.size)
        counts[0] = 0
        classes = np.flatnonzero(counts)
        return classes, counts[classes]

    def float_eval(
        self, voters: IntArray, cost: Rational, cost_f: float, unit_f: float, start: float = 0.0
    ) -> FloatEval | bool:
        """Float MES walk: a certain result, False if surely unaffordable, True if unsure.

        ``start`` is a guess of the share (the project's share when last evaluated): it only
        speeds up the unsorted walk, whose result is verified whatever the guess.
        """
        classes, counts = self.present(voters)
        if classes.size == 0:
            return False
        b = self.bf[classes]
        if len(classes) > UNSORTED_FROM:
            quick = self._walk_unsorted(classes, counts, b, cost_f, unit_f, start)
            if quick is not None:
                return quick
        order = np.argsort(b, kind="stable")
        classes, counts, b = classes[order], counts[order], b[order]
        e = self.ef[classes]
        c = counts.astype(np.float64)
        csum = np.cumsum(c * b)
        money = float(csum[-1])
        gamma = SLACK * (len(b) + 2) * EPS
        cerr = np.cumsum(c * e)
        money_err = float(cerr[-1]) + gamma * money + SLACK * EPS * cost_f
        if money + money_err < cost_f:
            return False
        if money - money_err < cost_f:
            return True
        paid = np.concatenate(([0.0], csum[:-1]))
        paid_err = np.concatenate(([0.0], cerr[:-1])) + gamma * paid
        total = float(c.sum())
        rem = total - np.concatenate(([0.0], np.cumsum(c)[:-1]))
        rest = cost_f - paid
        rhs = b * rem
        diff = rhs - rest
        tol = paid_err + rem * e + gamma * (np.abs(rest) + np.abs(rhs)) + SLACK * EPS * cost_f
        k = int(np.argmax(diff >= 0))
        if diff[k] < tol[k] or (k > 0 and -diff[k - 1] < tol[k - 1]):
            return True
        share = float(rest[k] / rem[k])
        share_err = float((paid_err[k] + SLACK * EPS * (cost_f + abs(rest[k]))) / rem[k])
        if share - share_err <= 0:
            return True
        rho = share / unit_f
        slack = share_err / unit_f + SLACK * EPS * rho
        return FloatEval(rho - slack, rho + slack, classes, counts, k, money, share, share_err)

    def _walk_unsorted(
        self,
        classes: IntArray,
        counts: IntArray,
        b: FloatArray,
        cost_f: float,
        unit_f: float,
        start: float,
    ) -> FloatEval | bool | None:
        """The float walk without sorting the classes (sorting ~10^4 budgets dominated a run).

        The share solves ``g(share) = sum(count * min(budget, share)) = cost``. Each pass puts
        the classes below the current share on the poor side and solves the linear equation
        of that split: a Newton step on the concave, increasing ``g``. From below the root the
        share only rises; from above (a ``start`` guess that was too high) one step lands at or
        below the root; so a few passes settle the split, recomputed from scratch each pass.
        The even share (``cost / supporters``) is a lower bound, so the walk starts from it or
        from the higher ``start``. The result carries the same proven margins as the sorted
        walk (``float_eval``): the poorest paying class and the richest poor one must be clear
        of the share by more than the error bound, so a bad guess costs passes, never
        correctness. ``None`` hands over to the sorted walk (too many passes); ``True`` means
        unsure, as there.
        """
        e = self.ef[classes]
        c = counts.astype(np.float64)
        total = float(c.sum())
        money = float(np.dot(c, b))
        gamma = SLACK * (len(b) + 2) * EPS
        money_err = float(np.dot(c, e)) + gamma * money + SLACK * EPS * cost_f
        if money + money_err < cost_f:
            return False
        if money - money_err < cost_f:
            return True
        share = max(cost_f / total, start)
        poor = b < share
        for _ in range(8):
            paid = float(np.dot(c[poor], b[poor]))
            rem = total - float(c[poor].sum())
            if rem <= 0:
                return True
            share = (cost_f - paid) / rem
            moved = b < share
            if np.array_equal(moved, poor):
                break
            poor = moved
        else:
            return None
        rich = ~poor
        paid_err = float(np.dot(c[poor], e[poor])) + gamma * paid
        rest = cost_f - paid
        low = int(np.argmin(np.where(rich, b, np.inf)))
        rhs = b[low] * rem
        tol = paid_err + rem * e[low] + gamma * (abs(rest) + abs(rhs)) + SLACK * EPS * cost_f
        if rhs - rest < tol:
            return True
        if poor.any():
            high = int(np.argmax(np.where(poor, b, -np.inf)))
            wide = rem + c[high]
            rhs_poor = b[high] * rem
            tol_poor = (
                paid_err
                + wide * e[high]
                + gamma * (abs(rest) + abs(c[high] * b[high]) + abs(b[high] * wide))
            ) + SLACK * EPS * cost_f
            if rest - rhs_poor < tol_poor:
                return True
        share = rest / rem
        share_err = (paid_err + SLACK * EPS * (cost_f + abs(rest))) / rem
        if share - share_err <= 0:
            return True
        # Poor classes first, then the paying ones with the poorest of them first (``confirm``
        # and ``LazyShare`` read the split from this order).
        rich_idx = np.flatnonzero(rich)
        first = int(np.flatnonzero(rich_idx == low)[0])
        rich_idx[0], rich_idx[first] = rich_idx[first], rich_idx[0]
        idx = np.concatenate((np.flatnonzero(poor), rich_idx))
        k = int(poor.sum())
        rho = share / unit_f
        slack = share_err / unit_f + SLACK * EPS * rho
        return FloatEval(
            rho - slack, rho + slack, classes[idx], counts[idx], k, money, share, share_err
        )

    def exact_eval(self, voters: IntArray, cost: Rational) -> Evaluation | None:
        """The exact walk over all classes present (the fallback)."""
        classes, counts = self.present(voters)
        groups = [
            (self.exact_budget(k), 1, int(c))
            for k, c in zip(classes.tolist(), counts.tolist(), strict=True)
        ]
        groups.sort(key=lambda g: g[0])
        return evaluate(groups, cost)

    def confirm(self, fe: FloatEval, cost: Rational) -> Rational | None:
        """Exact rho_raw from the float split into poor/rich classes, if the split is right."""
        poor = fe.classes[: fe.k].tolist()
        poor_counts = fe.counts[: fe.k].tolist()
        known = self.exact
        values = [known[k] if known[k] is not None else self.exact_budget(k) for k in poor]
        paid = sum(map(mul, values, poor_counts), mpq(0))
        top_poor: Rational = max(values) if values else None
        rem = int(fe.counts[fe.k :].sum())
        share = (cost - paid) / rem
        if top_poor is not None and top_poor > share:
            return None
        rich = fe.classes[fe.k :]
        limit = self.bf[rich[0]] + self.ef[rich[0]]
        near = rich[self.bf[rich] - self.ef[rich] <= limit]
        for k in near.tolist():
            if self.exact_budget(k) < share:
                return None
        return share

    def pay(
        self,
        voters: IntArray,
        share: Rational | LazyShare,
        share_f: float,
        share_err: float,
        classes: IntArray | None = None,
    ) -> None:
        """Every one of ``voters`` pays ``min(budget, share)``; rich classes get a child class.

        ``share_f`` is a float of the share with absolute error at most ``share_err``.
        ``classes`` are the classes present among ``voters`` when the caller already has them
        (the winner's evaluation, made on this same state).
        """
        step = len(self.charges)
        if isinstance(share, LazyShare):
            self.charges.append(None)
            self.pending[step] = share
        else:
            self.charges.append(share)
        cls = self.voter_class[voters]
        if classes is None:
            classes, _ = self.present(voters)
        b = self.bf[classes]
        e = self.ef[classes]
        share_e = share_err + SLACK * EPS * abs(share_f)
        rich = b - e > share_f + share_e
        poor = b + e < share_f - share_e
        unsure = np.flatnonzero(~(rich | poor))
        for i in unsure.tolist():
            rich[i] = self.exact_budget(int(classes[i])) > self.charge(step)
        parents = classes[rich]
        self._grow(len(parents))
        new_ids = np.arange(self.size, self.size + len(parents), dtype=np.int64)
        new_b = self.bf[parents] - share_f
        self.bf[new_ids] = new_b
        self.ef[new_ids] = self.ef[parents] + share_e + SLACK * EPS * (np.abs(new_b) + b[rich])
        self.parent[new_ids] = parents
        self.step[new_ids] = step
        self.exact.extend([None] * len(parents))
        self.size += len(parents)
        # Voters of poor classes pay everything: they move to class 0 (budget exactly 0).
        mapping = np.zeros(self.size - len(parents), dtype=np.int64)
        mapping[parents] = new_ids
        self.voter_class[voters] = mapping[cls]


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
    """MES with uniform satisfaction per project (``cost`` or ``cardinality``)."""
    m = profile.num_projects
    costs = [mpq(c.numerator, c.denominator) for c in profile.costs]
    votes = [int(v) for v in profile.votes]
    run = MESRun(selected=[], cost=mpq(0), voter_budget=budget_per_voter)
    for j in range(m):
        if votes[j] > 0 and costs[j] == 0 and sat != "cost":
            run.selected.append(j)
            run.rounds.append({"project": j, "round": 0, "rho": mpq(0), "free": True})
    candidates = [j for j in range(m) if votes[j] > 0 and costs[j] > 0]
    run.candidates = list(candidates)
    units = [costs[j] if sat == "cost" else mpq(1) for j in range(m)]
    units_f = [float(u) for u in units]
    costs_f = [float(c) for c in costs]
    state = BudgetClasses(profile.num_voters, budget_per_voter)
    lower = {j: float(costs[j] / (units[j] * votes[j])) * (1 - SLACK * EPS) for j in candidates}
    last_payment: dict[int, float] = {}
    remaining = set(candidates)
    round_no = 0
    supporters = profile.supporters
    index = SupportIndex(candidates, supporters, costs_f) if explain else None
    for j in candidates:
        if budget_per_voter * votes[j] < costs[j]:
            # Out of reach from the start (money never grows): no evaluation needed.
            remaining.discard(j)
            run.dropped[j] = {"round": 0, "money": float(budget_per_voter * votes[j])}
    verdict: BudgetVerdict | None = None
    if verdict_only and abort_above is not None:
        verdict = BudgetVerdict(abort_above, costs, remaining, run.dropped)
    while remaining:
        if verdict is not None and verdict.settled(run.cost):
            run.cut_short = True
            break
        round_no += 1
        best_hi = float("inf")
        found: dict[int, tuple[float, FloatEval | None, Any]] = {}
        for j in sorted(remaining, key=lambda j: (lower[j], tie_ranks[j])):
            if lower[j] > best_hi:
                break
            fe = state.float_eval(
                supporters[j], costs[j], costs_f[j], units_f[j], last_payment.get(j, 0.0)
            )
            exact: Any = None
            if fe is True:
                ev = state.exact_eval(supporters[j], costs[j])
                if ev is None:
                    fe = False
                else:
                    exact = ev.rho / units[j]
                    lo = hi = float(exact)
                    lo, hi = lo * (1 - SLACK * EPS), hi * (1 + SLACK * EPS)
                    last_payment[j] = float(ev.max_payment)
                    found[j] = (lo, None, (exact, ev.money))
            if fe is False:
                remaining.discard(j)
                if verdict is not None:
                    verdict.decided(j, dropped=True)
                # Only explained runs say how much money was missing (add1's runs need speed).
                run.dropped[j] = (
                    dropped_info(state, supporters[j], round_no, last_payment.get(j))
                    if explain
                    else {"round": round_no}
                )
                continue
            if isinstance(fe, FloatEval):
                lo, hi = fe.lo, fe.hi
                last_payment[j] = fe.share
                found[j] = (lo, fe, None)
            lower[j] = lo
            best_hi = min(best_hi, hi)
        if not found:
            break
        contenders = [j for j, (lo, _, _) in found.items() if lo <= best_hi]
        only = found[contenders[0]] if len(contenders) == 1 else None
        if not explain and only is not None and only[1] is not None:
            # A lone contender wins outright (every other rho is above its float interval), so
            # its exact price is not needed now: the share stays lazy (see ``LazyShare``).
            winner, lone = contenders[0], only[1]
            lazy = LazyShare(
                poor=lone.classes[: lone.k].tolist(),
                poor_counts=lone.counts[: lone.k].tolist(),
                cost=costs[winner],
                rich_count=int(lone.counts[lone.k :].sum()),
            )
            remaining.discard(winner)
            if verdict is not None:
                verdict.decided(winner, dropped=False)
            state.pay(supporters[winner], lazy, lone.share, lone.share_err, lone.classes)
            run.cost += costs[winner]
            run.selected.append(winner)
            run.rounds.append({"project": winner, "round": round_no, "charged": costs[winner]})
            if abort_above is not None and run.cost > abort_above:
                run.aborted = True
                break
            continue
        rhos: dict[int, tuple[Any, Any]] = {}
        for j, (lo, walk, known) in found.items():
            if lo > best_hi:
                continue
            if known is not None:
                rhos[j] = known
                continue
            assert walk is not None
            share = state.confirm(walk, costs[j])
            if share is None:
                ev = state.exact_eval(supporters[j], costs[j])
                assert ev is not None  # affordability was certain
                rhos[j] = (ev.rho / units[j], ev.money)
            else:
                rhos[j] = (share / units[j], walk.money)
        best = min(r for r, _ in rhos.values())
        tied = sorted((j for j, (r, _) in rhos.items() if r == best), key=tie_ranks.__getitem__)
        winner = tied[0]
        if len(tied) > 1:
            run.ties.append({"round": round_no, "projects": tied, "winner": winner, "rho": best})
        remaining.discard(winner)
        if verdict is not None:
            verdict.decided(winner, dropped=False)
        share = best * units[winner]
        walk = found[winner][1]
        state.pay(
            supporters[winner], share, float(share), 0.0, walk.classes if walk else None
        )
        run.cost += costs[winner]
        run.selected.append(winner)
        run.rounds.append(
            {
                "project": winner,
                "round": round_no,
                "rho": best,
                "money": rhos[winner][1],
                "max_payment": share,
                "charged": costs[winner],
            }
        )
        if abort_above is not None and run.cost > abort_above:
            run.aborted = True
            break
        if index is not None:
            drop_beaten(state, run, remaining, winner, round_no, supporters, last_payment, index)
    run.final_state = state
    return run
