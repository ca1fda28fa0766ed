"""MES as cities run it: completions (add1, add1-checker, add1u), the comparison step, and the
explanations that turn a run into an :class:`Outcome`.

* ``add1`` is pabutools' ``voter_budget_increment=1``: raise every voter's budget by 1 until a run
  overspends (return the previous run) or is exhaustive among MES candidates (return it).
* ``add1-checker`` is the Pabulib checker / equalshares.net variant cities publish: integer
  (floored) costs and budget, first run at ``B``, then ``floor(B/n) + k`` per voter, no
  exhaustive stop (docs/pb-rules.md; only this reproduces Wieliczka 2023).
* ``add1u`` is add1 followed by greedy (Cost_Sat) over the money left.
* ``comparison`` switches to plain greedy-by-votes if strictly more voters prefer it.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from gmpy2 import mpq

from hromada.pb.greedy import run_greedy
from hromada.pb.mes import MESRun, Rational, run_mes
from hromada.pb.model import JSONDict, Number, Outcome, TieBreaking, number_to_json
from hromada.pb.profile import Profile


class _Progress:
    """Progress lines on stderr, only once a run has lasted more than a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = self.start

    def note(self, message: str) -> None:
        now = time.monotonic()
        if self.enabled and now - self.start > 1 and now - self.last > 1:
            self.last = now
            print(f"[{now - self.start:6.1f}s] {message}", file=sys.stderr, flush=True)


def _is_exhaustive(profile: Profile, run: MESRun, budget: Rational) -> bool:
    left = budget - run.cost
    chosen = set(run.selected)
    return not any(j not in chosen and profile.costs[j] <= left for j in run.candidates)


def add1(
    profile: Profile, sat: str, ranks: Sequence[int], progress: _Progress
) -> tuple[MESRun, int]:
    """pabutools' add1; returns the run and how many MES runs it took."""
    budget = mpq(profile.budget)
    per_voter = budget / profile.num_voters
    previous: MESRun | None = None
    steps = 0
    while True:
        steps += 1
        run = run_mes(profile, sat, ranks, per_voter, abort_above=budget, verdict_only=True)
        if run.aborted:
            return (previous or run), steps
        if not run.cut_short and _is_exhaustive(profile, run, budget):
            return run, steps
        progress.note(f"add1 step {steps}: {len(run.selected)} projects, cost {int(run.cost)}")
        _guard(steps)
        previous = run
        per_voter += 1


def add1_checker(
    profile: Profile, sat: str, ranks: Sequence[int], progress: _Progress
) -> tuple[MESRun, int, Profile]:
    """The Pabulib checker's add1; returns the run, the number of runs and the floored profile."""
    floored = replace(
        profile,
        costs=[math.floor(c) for c in profile.costs],
        budget=math.floor(profile.budget),
    )
    budget = mpq(floored.budget)
    n = profile.num_voters
    run = run_mes(floored, sat, ranks, budget / n, abort_above=budget, verdict_only=True)
    base = budget.numerator // (budget.denominator * n)  # floor(B / n)
    steps = 1
    while len(run.selected) < len(run.candidates) + _free_count(run, floored):
        steps += 1
        nxt = run_mes(
            floored, sat, ranks, mpq(base + steps - 1), abort_above=budget, verdict_only=True
        )
        if nxt.aborted:
            break
        progress.note(f"add1 step {steps}: {len(nxt.selected)} projects, cost {int(nxt.cost)}")
        _guard(steps)
        run = nxt
    return run, steps, floored


MAX_ADD1_STEPS = 100_000


def _guard(steps: int) -> None:
    """Stop a pathological add1 (one unit per voter per step can take ~cost steps) with a clear
    error instead of running for hours; real elections need a few hundred steps."""
    if steps >= MAX_ADD1_STEPS:
        raise ValueError(f"add1 did not settle after {MAX_ADD1_STEPS} MES runs")


def _free_count(run: MESRun, profile: Profile) -> int:
    return sum(1 for j in run.selected if profile.costs[j] == 0)


def voters_preferring(profile: Profile, first: Sequence[int], second: Sequence[int]) -> list[int]:
    """How many voters have more approved projects in ``first``, and how many in ``second``."""
    owners = np.repeat(np.arange(profile.num_voters), np.diff(profile.indptr))
    counts = []
    for chosen in (first, second):
        mask = np.zeros(profile.num_projects, dtype=np.int64)
        mask[list(chosen)] = 1
        counts.append(
            np.bincount(owners, weights=mask[profile.indices], minlength=profile.num_voters)
        )
    return [int(np.sum(counts[0] > counts[1])), int(np.sum(counts[1] > counts[0]))]


def run_mes_with_completion(
    profile: Profile,
    sat: str,
    completion: str,
    comparison: bool,
    ranks: Sequence[int],
    tie_breaking: TieBreaking,
    progress: bool = False,
) -> Outcome:
    """MES with the chosen completion and comparison, as an explained :class:`Outcome`."""
    if sat == "points" and profile.supporter_weights is None:
        sat = "cardinality"  # approval ballots: one point per approval
    name = "mes" + ("" if completion == "none" else f"/{completion}")
    name += "-comparison" if comparison else ""
    ticker = _Progress(progress)
    details: JSONDict = {"sat": sat, "completion": completion}
    budget = profile.budget
    used = profile
    if profile.num_voters == 0:
        return Outcome(name, [], 0, budget, _no_voters(profile), [], details)
    if completion == "none":
        run = run_mes(profile, sat, ranks, mpq(budget) / profile.num_voters, explain=True)
        steps = 1
    elif completion == "add1-checker":
        run, steps, used = add1_checker(profile, sat, ranks, ticker)
    else:
        run, steps = add1(profile, sat, ranks, ticker)
    details["mes_runs"] = steps
    details["voter_budget"] = number_to_json(run.voter_budget)
    # Rerun the chosen budget once with explanations on (same outcome, names who beat whom);
    # the add1 search itself runs without them to stay fast, and may have cut the chosen run
    # short once its verdict was known (``BudgetVerdict``).
    if completion != "none":
        explained = run_mes(used, sat, ranks, run.voter_budget, explain=True)
        assert run.cut_short or explained.selected == run.selected
        run = explained
    explanations = explain_mes(used, run)
    selected = [profile.ids[j] for j in run.selected]
    ties = [
        {
            "stage": "mes",
            "round": t["round"],
            "projects": [profile.ids[j] for j in t["projects"]],
            "winner": profile.ids[t["winner"]],
            "rho": str(t["rho"]),
        }
        for t in run.ties
    ]
    cost: Number = sum((profile.costs[j] for j in run.selected), 0)
    if completion == "add1u":
        rest = [j for j in range(profile.num_projects) if j not in set(run.selected)]
        greedy = run_greedy(
            "greedy",
            [profile.ids[j] for j in rest],
            [profile.costs[j] for j in rest],
            [int(profile.votes[j]) for j in rest],
            budget - cost,
            [ranks[j] for j in rest],
        )
        for pid in greedy.selected:
            explanations[pid] = {**greedy.explanations[pid], "stage": "greedy completion"}
        selected += greedy.selected
        cost += greedy.cost
        ties += greedy.ties
    if comparison:
        greedy_all = run_greedy(
            "greedy",
            profile.ids,
            profile.costs,
            [int(v) for v in profile.votes],
            budget,
            ranks,
        )
        index = {pid: j for j, pid in enumerate(profile.ids)}
        mes_js = [index[pid] for pid in selected]
        greedy_js = [index[pid] for pid in greedy_all.selected]
        prefer_mes, prefer_greedy = voters_preferring(profile, mes_js, greedy_js)
        details["comparison"] = {
            "voters_preferring_mes": prefer_mes,
            "voters_preferring_greedy": prefer_greedy,
            "winner": "greedy" if prefer_greedy > prefer_mes else "mes",
        }
        if prefer_greedy > prefer_mes:
            return Outcome(
                name,
                greedy_all.selected,
                greedy_all.cost,
                budget,
                {
                    pid: {**info, "stage": "comparison chose greedy"}
                    for pid, info in greedy_all.explanations.items()
                },
                greedy_all.ties,
                details,
            )
    return Outcome(name, selected, cost, budget, explanations, ties, details)


def _no_voters(profile: Profile) -> dict[str, JSONDict]:
    return {pid: {"status": "rejected", "reason": "no ballots"} for pid in profile.ids}


def _num(value: Any) -> int | str:
    return number_to_json(value)


def explain_mes(profile: Profile, run: MESRun) -> dict[str, JSONDict]:
    """One dict per project: the round it won, or when and why it dropped out."""
    out: dict[str, JSONDict] = {}
    for r in run.rounds:
        j = r["project"]
        info: JSONDict = {"status": "selected", "round": r["round"], "cost": _num(profile.costs[j])}
        if r.get("free"):
            info["reason"] = "costs nothing and has supporters"
        else:
            info["rho"] = str(r["rho"])
            info["effective_vote_count"] = _effective(profile.costs[j], r["max_payment"])
            info["supporters_money"] = _money(r["money"])
            info["max_payment"] = _money(r["max_payment"])
        out[profile.ids[j]] = info
    order = [r["project"] for r in run.rounds]
    for j, d in run.dropped.items():
        info = {
            "status": "rejected",
            "round": d["round"],
            "cost": _num(profile.costs[j]),
            "supporters_money": _money(d["money"]),
            "reason": "its supporters no longer had enough money",
        }
        if d["round"] == 0:
            info["reason"] = "its supporters never had enough money, even before round 1"
        if "last_max_payment" in d:
            info["effective_vote_count"] = _effective(profile.costs[j], d["last_max_payment"])
        beaten = d.get("beaten_by")
        if beaten is None:
            beaten = _beaten_by(profile, j, order, d["round"], run)
        if beaten is not None:
            info["beaten_by"] = profile.ids[beaten]
        out[profile.ids[j]] = info
    for j, pid in enumerate(profile.ids):
        if pid in out:
            continue
        if profile.votes[j] == 0:
            out[pid] = {
                "status": "rejected",
                "reason": "no supporters",
                "cost": _num(profile.costs[j]),
            }
        elif profile.costs[j] == 0:
            out[pid] = {
                "status": "rejected",
                "reason": "free project: under cost satisfaction it satisfies nobody, so MES "
                "ignores it (pabutools semantics)",
                "cost": 0,
            }
        else:
            out[pid] = {
                "status": "rejected",
                "reason": "not reached: the run stopped (over budget)",
                "cost": _num(profile.costs[j]),
            }
    return out


def _money(value: Any) -> float:
    """Money for display, rounded to hundredths; decisions never use this."""
    return round(float(value), 2)


def _effective(cost: Number, max_payment: Rational) -> float:
    """Supporters-equivalent: how many could pay the price if each paid the largest share."""
    if max_payment == 0:
        return math.inf
    return round(float(mpq(cost) / max_payment), 3)


def _beaten_by(
    profile: Profile, j: int, order: Sequence[int], round_no: int, run: MESRun
) -> int | None:
    """The last project selected before ``j`` dropped that took money from its supporters."""
    rounds = {r["project"]: r["round"] for r in run.rounds}
    for k in reversed(order):
        if rounds[k] >= round_no or rounds[k] == 0:
            continue
        if np.intersect1d(profile.supporters[j], profile.supporters[k], assume_unique=True).size:
            return k
    return None
