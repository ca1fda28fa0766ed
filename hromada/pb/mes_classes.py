"""Budget classes of ``mes_fast``: float budgets with proven error bounds, exact ones on demand.

Voters are grouped into budget classes by history: a class is "class ``p`` after paying step
``s``", so its exact budget is ``exact(p) - charge(s) * mult`` (``mult`` is the voters'
satisfaction from that step's winner: 1 for uniform satisfactions, their points otherwise) and
is computed only when a decision needs it (lazily, memoised). Each class also has a float
budget and a proven bound on that float's absolute error. A float comparison is trusted only
when its margin exceeds the accumulated error bound (sums: (terms + 2) * 2^-52 relative, plus
the classes' own errors); otherwise the exact value decides.

A project's supporters form *groups*: voters of one class (and, with points, one satisfaction
``s``). With points, the MES equation ``sum(count * min(budget, rho * s)) = cost`` is the
uniform one over ``beta = budget / s`` with weights ``count * s``, so one walk serves both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from gmpy2 import mpq

from hromada.pb.mes import Evaluation, Rational, evaluate
from hromada.pb.profile import IntArray

FloatArray = npt.NDArray[np.float64]
# Below this many groups, sorting them is cheaper than the unsorted passes' extra calls.
UNSORTED_FROM = 256

EPS = 2.0**-52
SLACK = 4.0  # extra factor on every error bound: margins are cheap, a wrong float is not


@dataclass
class Groups:
    """A project's supporters by class (and satisfaction): what a walk and a payment need."""

    classes: IntArray
    counts: IntArray
    sats: IntArray | None  # None: satisfaction 1 for every group (uniform)
    where: IntArray | None = None  # points: each voter's index into ``every``
    kept: IntArray | None = None  # points: index of each group in the unfiltered list

    def take(self, idx: IntArray) -> Groups:
        sats = self.sats[idx] if self.sats is not None else None
        kept = self.kept[idx] if self.kept is not None else None
        return Groups(self.classes[idx], self.counts[idx], sats, self.where, kept)


@dataclass
class LazyShare:
    """A share not yet computed exactly: ``(cost - money of the poor groups) / rich weight``.

    The float walk already proved which groups are poor and which pay the full share (margins
    above the error bounds), and a winner beyond every other contender's float interval needs no
    exact rho to be chosen; so the exact share is derived only when an exact budget downstream
    is asked for (an unsure float comparison, an audit). The value is the same either way.
    """

    poor: list[int]
    poor_counts: list[int]
    cost: Rational
    rich_weight: int


@dataclass
class FloatEval:
    lo: float
    hi: float
    groups: Groups  # poor groups first, then the paying ones, the poorest of them first
    beta: FloatArray  # float budget per unit of satisfaction of each group
    beta_err: FloatArray
    k: int  # index of the first group that pays the full share
    money: float
    share: float  # float of rho_raw: what a paying supporter pays per unit of satisfaction
    share_err: float  # proven bound on |share - exact share|

    @property
    def max_payment(self) -> float:
        """What the poorest paying group pays (the exact walk's ``max_payment``)."""
        sats = self.groups.sats
        return self.share * (float(sats[self.k]) if sats is not None else 1.0)


class BudgetClasses:
    """Classes of voters with equal payment history: float budgets, error bounds, lazy exact."""

    def __init__(self, num_voters: int, initial: Rational) -> None:
        capacity = 1024
        self.bf = np.zeros(capacity)
        self.ef = np.zeros(capacity)
        self.parent = np.full(capacity, -1, dtype=np.int64)
        self.step = np.full(capacity, -1, dtype=np.int64)
        self.mult = np.ones(capacity, dtype=np.int64)
        self.exact: list[Rational] = [mpq(0), initial]  # class 0: exhausted voters
        self.bf[1] = float(initial)
        self.ef[1] = SLACK * EPS * abs(self.bf[1])
        self.size = 2
        # What a paying voter paid per unit of satisfaction at each step; None until needed.
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
            value = value - self.charge(int(self.step[c])) * int(self.mult[c])
            self.exact[c] = value
        return value

    def charge(self, step: int) -> Rational:
        """The exact share of ``step``, worked out from its poor groups on first use."""
        value = self.charges[step]
        if value is None:
            lazy = self.pending.pop(step)
            paid = self.money_of(np.array(lazy.poor, dtype=np.int64), np.array(lazy.poor_counts))
            value = (lazy.cost - paid) / lazy.rich_weight
            self.charges[step] = value
        return value

    def voter_budgets(self) -> list[Rational]:
        return [self.exact_budget(k) for k in self.voter_class.tolist()]

    def _grow(self, extra: int) -> None:
        need = self.size + extra
        if need <= len(self.bf):
            return
        capacity = max(need, 2 * len(self.bf))
        for name, fill in (("bf", 0), ("ef", 0), ("parent", -1), ("step", -1), ("mult", 1)):
            old = getattr(self, name)
            new = np.full(capacity, fill, dtype=old.dtype)
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

    def groups(self, voters: IntArray, sats: IntArray | None) -> Groups:
        """``voters`` with money, by class and (with points) satisfaction."""
        if sats is None:
            classes, counts = self.present(voters)
            return Groups(classes, counts, None)
        top = int(sats.max()) + 1
        keys = self.voter_class[voters] * top + sats
        every, where, counts = np.unique(keys, return_inverse=True, return_counts=True)
        kept = np.flatnonzero(every >= top)  # class 0 (no money left) is not a group
        every = every[kept]
        return Groups(every // top, counts[kept].astype(np.int64), every % top, where, kept)

    def weighed(self, g: Groups) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Per group: float budget per unit of satisfaction, its error bound, and the weight
        ``count * sat`` (exact in floats: the caller keeps total points below 2^50)."""
        b = self.bf[g.classes]
        e = self.ef[g.classes]
        w = g.counts.astype(np.float64)
        if g.sats is None:
            return b, e, w
        s = g.sats.astype(np.float64)
        beta = b / s
        return beta, e / s + SLACK * EPS * beta, w * s

    def exact_eval(
        self, voters: IntArray, sats: IntArray | None, cost: Rational
    ) -> Evaluation | None:
        """The exact walk over all groups present (the fallback)."""
        g = self.groups(voters, sats)
        group_sats = g.sats.tolist() if g.sats is not None else [1] * len(g.classes)
        rows = [
            (self.exact_budget(k), s, int(c))
            for k, s, c in zip(g.classes.tolist(), group_sats, g.counts.tolist(), strict=True)
        ]
        rows.sort(key=lambda r: r[0] / r[1])
        return evaluate(rows, cost)

    def confirm(self, fe: FloatEval, cost: Rational) -> Rational | None:
        """Exact rho_raw from the float split into poor/paying groups, if the split is right.

        The floats already proved the split; it is checked again exactly where a float could
        be closest (the poor groups that may be the richest, the paying ones that may be the
        poorest), so exact budgets are worked out for a few groups only.
        """
        g, k = fe.groups, fe.k
        sats = g.sats.tolist() if g.sats is not None else [1] * len(g.classes)
        paid = self.money_of(g.classes[:k], g.counts[:k])
        rem = (
            int(np.dot(g.counts[k:], g.sats[k:])) if g.sats is not None else int(g.counts[k:].sum())
        )
        share = (cost - paid) / rem
        if k:
            top = float(np.max(fe.beta[:k] - fe.beta_err[:k]))
            for i in np.flatnonzero(fe.beta[:k] + fe.beta_err[:k] >= top).tolist():
                if self.exact_budget(int(g.classes[i])) > share * sats[i]:
                    return None
        near = np.flatnonzero(fe.beta[k:] - fe.beta_err[k:] <= fe.beta[k] + fe.beta_err[k]) + k
        for i in near.tolist():
            if self.exact_budget(int(g.classes[i])) < share * sats[i]:
                return None
        return share

    def money_of(self, classes: IntArray, counts: IntArray) -> Rational:
        """Exactly ``sum(count * budget)`` over ``classes``, without their exact budgets.

        A class's budget is the starting one minus, for each class on its path from class 1,
        that class's step charge times its ``mult``. So the sum is ``voters * start`` minus, per
        step, the charge times the voters-times-points of ``classes`` that paid it: walking all
        the classes up at once (numpy, one pass per generation) leaves one exact product per
        step instead of one exact subtraction per class (exact numbers grow with the rounds).
        """
        if not len(classes):
            return mpq(0)
        # Float sums of integers below 2^53 are exact: voters, or total points (POINTS_LIMIT).
        paid_at = np.zeros(len(self.charges))
        cur, weight = classes, counts.astype(np.float64)
        while True:
            above = cur >= 2  # class 1 holds the starting budget; class 0 nobody here
            cur, weight = cur[above], weight[above]
            if not len(cur):
                break
            paid_at += np.bincount(
                self.step[cur], weights=weight * self.mult[cur], minlength=len(paid_at)
            )
            cur = self.parent[cur]
        total = mpq(self.exact[1]) * int(counts.sum())
        for step in np.flatnonzero(paid_at).tolist():
            total -= self.charge(step) * int(paid_at[step])
        return total

    def float_eval(
        self, g: Groups, cost_f: float, unit_f: float, start: float = 0.0
    ) -> FloatEval | bool:
        """Float MES walk: a certain result, False if surely unaffordable, True if unsure.

        ``start`` is a guess of the share (the project's share when last evaluated): it only
        speeds up the unsorted walk, whose result is verified whatever the guess.
        """
        if g.classes.size == 0:
            return False
        b, e, c = self.weighed(g)
        if len(b) > UNSORTED_FROM:
            quick = _walk_unsorted(g, b, e, c, cost_f, unit_f, start)
            if quick is not None:
                return quick
        order = np.argsort(b, kind="stable")
        g, b, e, c = g.take(order), b[order], e[order], c[order]
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
        return FloatEval(rho - slack, rho + slack, g, b, e, k, money, share, share_err)

    def pay(
        self,
        voters: IntArray,
        g: Groups,
        share: Rational | LazyShare,
        share_f: float,
        share_err: float,
    ) -> None:
        """Every one of ``voters`` (grouped as ``g``) pays ``min(budget, share * sat)``; paying
        groups get a child class. ``share_f`` is a float of the share with absolute error at
        most ``share_err``. ``g`` must describe the supporters on the current state."""
        step = len(self.charges)
        if isinstance(share, LazyShare):
            self.charges.append(None)
            self.pending[step] = share
        else:
            self.charges.append(share)
        b = self.bf[g.classes]
        e = self.ef[g.classes]
        sats = g.sats.astype(np.float64) if g.sats is not None else np.ones(len(b))
        due = share_f * sats
        due_e = (share_err + SLACK * EPS * abs(share_f)) * sats + SLACK * EPS * due
        rich = b - e > due + due_e
        poor = b + e < due - due_e
        for i in np.flatnonzero(~(rich | poor)).tolist():
            s = int(g.sats[i]) if g.sats is not None else 1
            rich[i] = self.exact_budget(int(g.classes[i])) > self.charge(step) * s
        parents = g.classes[rich]
        self._grow(len(parents))
        new_ids = np.arange(self.size, self.size + len(parents), dtype=np.int64)
        new_b = self.bf[parents] - due[rich]
        self.bf[new_ids] = new_b
        self.ef[new_ids] = self.ef[parents] + due_e[rich] + SLACK * EPS * (np.abs(new_b) + b[rich])
        self.parent[new_ids] = parents
        self.step[new_ids] = step
        if g.sats is not None:
            self.mult[new_ids] = g.sats[rich]
        self.exact.extend([None] * len(parents))
        self.size += len(parents)
        self._move(voters, g, rich, new_ids)

    def _move(
        self, voters: IntArray, g: Groups, rich: npt.NDArray[np.bool_], new_ids: IntArray
    ) -> None:
        """Voters of paying groups move to their child class, the others (they paid all they
        had) to class 0. ``g.where`` is set with points, where a class splits by sat."""
        if g.where is not None and g.kept is not None:
            target = np.zeros(int(g.where.max()) + 1 if len(g.where) else 0, dtype=np.int64)
            target[g.kept[rich]] = new_ids
            self.voter_class[voters] = target[g.where]
            return
        mapping = np.zeros(self.size - len(new_ids), dtype=np.int64)
        mapping[g.classes[rich]] = new_ids
        self.voter_class[voters] = mapping[self.voter_class[voters]]


def _walk_unsorted(
    g: Groups,
    b: FloatArray,
    e: FloatArray,
    c: FloatArray,
    cost_f: float,
    unit_f: float,
    start: float,
) -> FloatEval | bool | None:
    """The float walk without sorting the groups (sorting ~10^4 budgets dominated a run).

    The share solves ``f(share) = sum(weight * min(beta, share)) = cost``. Each pass puts the
    groups below the current share on the poor side and solves the linear equation of that
    split: a Newton step on the concave, increasing ``f``. From below the root the share only
    rises; from above (a ``start`` guess that was too high) one step lands at or below the
    root; so a few passes settle the split, recomputed from scratch each pass. The even share
    (``cost / total weight``) is a lower bound, so the walk starts from it or from the higher
    ``start``. The result carries the same proven margins as the sorted walk: the poorest
    paying group and the richest poor one must be clear of the share by more than the error
    bound, so a bad guess costs passes, never correctness. ``None`` hands over to the sorted
    walk (too many passes); ``True`` means unsure, as there.
    """
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
    # Poor groups first, then the paying ones with the poorest of them first (``confirm``
    # and ``LazyShare`` read the split from this order).
    rich_idx = np.flatnonzero(rich)
    first = int(np.flatnonzero(rich_idx == low)[0])
    rich_idx[0], rich_idx[first] = rich_idx[first], rich_idx[0]
    idx = np.concatenate((np.flatnonzero(poor), rich_idx))
    k = int(poor.sum())
    rho = share / unit_f
    slack = share_err / unit_f + SLACK * EPS * rho
    return FloatEval(
        rho - slack, rho + slack, g.take(idx), b[idx], e[idx], k, money, share, share_err
    )
