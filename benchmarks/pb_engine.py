"""Benchmark: hromada.pb against pabutools on real Pabulib files, side by side in one process.

    .venv/bin/python benchmarks/pb_engine.py [FILE ...] [--rules read,greedy,mes,...]

For each file and rule it prints both CPU times (``time.process_time``: the machine is shared,
so wall time says more about the neighbours than about the code), the ratio (pabutools / ours)
and whether the two outcomes are identical. Ours is the best of ``--repeat`` runs (default 3);
pabutools runs once (it takes seconds to minutes). MES+add1 is timed for ours only unless
``--pabutools-add1`` is given (pabutools needs ~45 minutes on Warszawa 2026). ``--all`` runs
every file in ``../shared/pabulib``; each rule runs only on the ballots it applies to
(approval/choose-1 for all but ``mes-points``, cumulative/scoring for ``mes-points``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pabutools.election import (  # noqa: E402
    Additive_Cardinal_Sat,
    Cardinality_Sat,
    Cost_Sat,
    parse_pabulib,
)
from pabutools.rules import (  # noqa: E402
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)
from pabutools.tiebreaking import lexico_tie_breaking  # noqa: E402

from hromada.pb import Election, compute, read_pabulib  # noqa: E402

SHARED = REPO.parent / "shared" / "pabulib"
DEFAULT_FILES = [
    "Poland_Warszawa_2026.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2020_Wawer.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
]
ALL_RULES = ["read", "greedy", "mes", "mes-cardinality", "phragmen", "mes-add1", "mes-points"]
DEFAULT_RULES = ALL_RULES
POINTS_RULES = {"read", "mes-points"}  # what applies to cumulative and scoring ballots
APPROVAL_TYPES = ("approval", "choose-1")


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def ours(election: Election, rule: str) -> list[str]:
    if rule == "greedy":
        return compute(election, "greedy").selected
    if rule == "mes":
        return compute(election, "mes", sat="cost").selected
    if rule == "mes-cardinality":
        return compute(election, "mes", sat="cardinality").selected
    if rule == "phragmen":
        return compute(election, "phragmen").selected
    if rule == "mes-add1":
        return compute(election, "mes", sat="cost", completion="add1").selected
    if rule == "mes-points":
        return compute(election, "mes", sat="points").selected
    raise ValueError(rule)


def theirs(instance: Any, profile: Any, rule: str) -> list[str]:
    tie = lexico_tie_breaking
    if rule == "greedy":
        result = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=tie)
    elif rule in ("mes", "mes-cardinality", "mes-add1", "mes-points"):
        sat_class: Any = Cost_Sat
        if rule == "mes-cardinality":
            sat_class = Cardinality_Sat
        elif rule == "mes-points":
            sat_class = Additive_Cardinal_Sat
        result = method_of_equal_shares(
            instance,
            profile,
            sat_class=sat_class,
            tie_breaking=tie,
            voter_budget_increment=1 if rule == "mes-add1" else None,
        )
    elif rule == "phragmen":
        result = sequential_phragmen(instance, profile, tie_breaking=tie)
    else:
        raise ValueError(rule)
    return [p.name for p in result]


def same(rule: str, a: list[str], b: list[str], free: set[str]) -> str:
    if set(a) != set(b):
        return "DIFFERENT"
    if rule == "phragmen":  # pabutools returns Phragmén's allocation sorted by id
        return "identical"
    keep_a = [x for x in a if x not in free]
    keep_b = [x for x in b if x not in free]
    return "identical" if keep_a == keep_b else "same set, other order"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help=f"default: {', '.join(DEFAULT_FILES)}")
    parser.add_argument("--rules", default=",".join(DEFAULT_RULES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pabutools-add1", action="store_true")
    parser.add_argument("--all", action="store_true", help="every file in ../shared/pabulib")
    args = parser.parse_args(argv)
    files = [Path(f) if Path(f).exists() else SHARED / f for f in args.files or DEFAULT_FILES]
    if args.all:
        files = sorted(SHARED.glob("*.pb"))
    rules = [r for r in args.rules.split(",") if r]
    for r in rules:
        if r not in ALL_RULES:
            parser.error(f"unknown rule {r!r}; choose from {', '.join(ALL_RULES)}")
    print(f"load average {os.getloadavg()[0]:.1f}; times are CPU seconds (time.process_time)")
    print(f"{'file':<40} {'rule':<16} {'ours s':>9} {'pabutools s':>12} {'ratio':>8}  outcome")
    slowest: dict[str, tuple[float, str]] = {}
    for path in files:
        t_ours_read, election = timed(partial(read_pabulib, path), args.repeat)
        t_theirs_read, (instance, profile) = timed(partial(parse_pabulib, str(path)))
        free = {p.id for p in election.projects if p.cost == 0}
        name = path.name.removesuffix(".pb")[:40]
        for rule in applicable(rules, election):
            if rule == "read":
                line(name, rule, t_ours_read, t_theirs_read, "")
                note_ratio(slowest, rule, t_theirs_read / t_ours_read, name)
                continue
            repeat = 1 if rule == "mes-add1" else args.repeat
            t_ours, mine = timed(partial(ours, election, rule), repeat)
            if rule == "mes-add1" and not args.pabutools_add1:
                line(name, rule, t_ours, None, "pabutools not run (--pabutools-add1)")
                continue
            t_theirs, ref = timed(partial(theirs, instance, profile, rule))
            line(name, rule, t_ours, t_theirs, same(rule, mine, ref, free))
            note_ratio(slowest, rule, t_theirs / t_ours, name)
    print(f"\nload average {os.getloadavg()[0]:.1f}; slowest ratio per rule (pabutools / ours):")
    for rule, (ratio, name) in slowest.items():
        print(f"  {rule:<16} {ratio:8.0f}x  {name}")
    return 0


def applicable(rules: list[str], election: Election) -> list[str]:
    if election.vote_type in APPROVAL_TYPES:
        return [r for r in rules if r != "mes-points"]
    if election.vote_type in ("cumulative", "scoring"):
        return [r for r in rules if r in POINTS_RULES]
    return [r for r in rules if r == "read"]


def note_ratio(slowest: dict[str, tuple[float, str]], rule: str, ratio: float, name: str) -> None:
    if rule not in slowest or ratio < slowest[rule][0]:
        slowest[rule] = (ratio, name)


def line(name: str, rule: str, mine: float, ref: float | None, verdict: str) -> None:
    ref_text = f"{ref:12.3f}" if ref is not None else f"{'-':>12}"
    ratio = f"{ref / mine:7.0f}x" if ref is not None and mine > 0 else f"{'-':>8}"
    print(f"{name:<40} {rule:<16} {mine:9.4f} {ref_text} {ratio}  {verdict}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
