"""What explained MES runs record about dropped projects (split from ``mes_fast``).

A project drops out when its supporters can no longer pay for it; explanations name the winner
whose payments did it. ``SupportIndex`` totals every undecided project's money in one numpy
pass per round, with a proven error bound, so the drop is seen in the round it happens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hromada.pb.mes import MESRun
from hromada.pb.profile import IntArray

if TYPE_CHECKING:
    from hromada.pb.mes_classes import BudgetClasses

EPS = 2.0**-52
SLACK = 4.0  # as in mes_fast: extra factor on every error bound


class SupportIndex:
    """Every candidate's supporters in one array, to total their money for all at once."""

    def __init__(
        self, candidates: Sequence[int], supporters: Sequence[IntArray], costs_f: Sequence[float]
    ) -> None:
        self.build(candidates, supporters, costs_f)
        self.supporters, self.costs_f = supporters, costs_f

    def shrink(self, remaining: set[int]) -> None:
        """Forget decided projects once they are a third of the index (less to total)."""
        if 3 * len(remaining) < 2 * len(self.projects):
            self.build(sorted(remaining), self.supporters, self.costs_f)

    def build(
        self, candidates: Sequence[int], supporters: Sequence[IntArray], costs_f: Sequence[float]
    ) -> None:
        self.projects = np.array(candidates, dtype=np.int64)
        sizes = np.array([len(supporters[j]) for j in candidates], dtype=np.int64)
        self.voters = (
            np.concatenate([supporters[j] for j in candidates])
            if candidates
            else np.zeros(0, dtype=np.int64)
        )
        self.starts = np.zeros(len(candidates), dtype=np.int64)
        np.cumsum(sizes[:-1], out=self.starts[1:])
        self.sizes = sizes.astype(np.float64)
        self.costs_low = np.array([costs_f[j] for j in candidates]) * (1 - SLACK * EPS)

    def money(self, state: BudgetClasses) -> tuple[IntArray, npt.NDArray[np.float64]]:
        """Each candidate's supporters' float money plus a proven bound on its error: an upper
        bound on their exact money."""
        if not len(self.projects):
            return self.projects, np.zeros(0)
        cls = state.voter_class[self.voters]
        money = np.add.reduceat(state.bf[cls], self.starts)
        error = np.add.reduceat(state.ef[cls], self.starts)
        # A sequential float sum of s terms errs by at most (s + 2) * eps * sum (SLACK on top).
        error += SLACK * (self.sizes + 2) * EPS * np.abs(money)
        return self.projects, money + error


def drop_beaten(
    state: BudgetClasses,
    run: MESRun,
    remaining: set[int],
    winner: int,
    round_no: int,
    supporters: Sequence[IntArray],
    last_payment: dict[int, float],
    index: SupportIndex,
) -> None:
    """Drop, now, every project the winner's payments made surely unaffordable.

    Only for explanations: such a project can never be selected again (money only shrinks), so
    dropping it early changes nothing but lets us name the project that beat it. All
    candidates' money is totalled in one pass over their supporters (``SupportIndex``).
    """
    index.shrink(remaining)
    projects, money_high = index.money(state)
    for j in projects[money_high < index.costs_low].tolist():
        if j not in remaining:
            continue
        remaining.discard(j)
        info = dropped_info(state, supporters[j], round_no, last_payment.get(j))
        info["beaten_by"] = winner
        run.dropped[j] = info


def dropped_info(
    state: BudgetClasses, voters: IntArray, round_no: int, last_payment: float | None
) -> dict[str, Any]:
    classes, counts = state.present(voters)
    money = float(np.dot(state.bf[classes], counts))
    info: dict[str, Any] = {"round": round_no, "money": money}
    if last_payment is not None:
        info["last_max_payment"] = last_payment
    return info
