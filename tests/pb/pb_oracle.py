"""pabutools as the oracle: the same election through the reference library.

Only the tests and the benchmark import this; outcomes are computed here, never hard-coded.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pabutools.election import (
    Additive_Cardinal_Sat,
    ApprovalBallot,
    ApprovalProfile,
    Cardinality_Sat,
    Cost_Sat,
    CumulativeBallot,
    CumulativeProfile,
    Instance,
    Project,
)
from pabutools.rules import (
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)
from pabutools.tiebreaking import lexico_tie_breaking

from hromada.pb import Election


def to_pabutools(election: Election) -> tuple[Any, Any]:
    """An approval election as a pabutools (Instance, ApprovalProfile)."""
    projects = {p.id: Project(p.id, Fraction(p.cost)) for p in election.projects}
    instance = Instance(projects.values(), budget_limit=Fraction(election.budget))
    ballots = [ApprovalBallot(projects[pid] for pid in ballot) for ballot in election.ballots]
    return instance, ApprovalProfile(ballots)


def pabutools_points_mes(election: Election) -> list[str]:
    """MES with additive points satisfaction (cumulative ballots) in pabutools."""
    projects = {p.id: Project(p.id, Fraction(p.cost)) for p in election.projects}
    instance = Instance(projects.values(), budget_limit=Fraction(election.budget))
    ballots = []
    for ballot in election.ballots:
        assert isinstance(ballot, Mapping)
        ballots.append(CumulativeBallot({projects[k]: Fraction(v) for k, v in ballot.items()}))
    result = method_of_equal_shares(
        instance,
        CumulativeProfile(ballots),
        sat_class=Additive_Cardinal_Sat,
        tie_breaking=lexico_tie_breaking,
    )
    return [p.name for p in result]


def pabutools_outcome(
    election: Election, rule: str, sat: str = "cost", completion: str = "none"
) -> list[str]:
    """Selected ids in pabutools' selection order."""
    instance, profile = to_pabutools(election)
    sat_class = Cost_Sat if sat == "cost" else Cardinality_Sat
    if rule == "greedy":
        result = greedy_utilitarian_welfare(
            instance, profile, sat_class=sat_class, tie_breaking=lexico_tie_breaking
        )
    elif rule == "mes":
        result = method_of_equal_shares(
            instance,
            profile,
            sat_class=sat_class,
            tie_breaking=lexico_tie_breaking,
            voter_budget_increment=1 if completion == "add1" else None,
        )
    elif rule == "phragmen":
        result = sequential_phragmen(instance, profile, tie_breaking=lexico_tie_breaking)
    else:
        raise ValueError(rule)
    return [p.name for p in result]


# A handful of small real files kept in the repository, so a fresh clone runs the conformance
# tests on real data too (their sources are listed in data/README.md).
BUNDLED = Path(__file__).resolve().parent / "data"


def pabulib_directory() -> Path | None:
    """The whole ``../shared/pabulib`` set beside the repository root when it is there, else the
    small bundled sample in ``tests/pb/data``. ``PABULIB_DIR`` names another directory (e.g. the
    bundled one, to run on exactly what a fresh clone has)."""
    chosen = os.environ.get("PABULIB_DIR")
    if chosen:
        return Path(chosen).resolve() if Path(chosen).is_dir() else None
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists():
            candidate = parent.parent / "shared" / "pabulib"
            if candidate.is_dir():
                return candidate
            break
    return BUNDLED if BUNDLED.is_dir() else None
