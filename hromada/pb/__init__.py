"""hromada.pb — participatory-budgeting outcomes, exactly (a researcher's quick guide).

Pure Python (numpy + gmpy2); imports nothing from Django or other hromada packages, so it can be
used alone. Every decision is exact (ints, ``Fraction``, gmpy2 ``mpq``); floats are used only as
prefilters whose error is bounded and checked. Outcomes equal pabutools 1.2.x (the reference
library) and reproduce the official ``selected`` column of real Pabulib files.

Read a file, run rules, explain::

    from hromada.pb import read_pabulib, compute, TieBreaking

    e = read_pabulib("Poland_Warszawa_2026.pb")          # PabulibError: ["file:line: message", ...]
    out = compute(e, rule="greedy-threshold")           # META min_project_score_threshold
    out.selected, out.cost                              # ids in selection order; exact total
    out.explanations["214"]                             # why it won: money left at its turn ...
    out.ties                                            # every tie the tie-breaking decided
    compute(e, "mes", sat="cost", completion="add1", tie_breaking=TieBreaking("min-cost"))

Build an election in code (what the platform does)::

    from hromada.pb import Project, Election
    p = Project(id="12", cost=150000, name="Skatepark", categories=("small",))
    e = Election(budget=500000, projects=[p, ...], ballots=[["12", "7"], ["7"]],
                 vote_type="approval", meta={})
    out = compute(e, rule="greedy", tie_breaking=TieBreaking("order", order=["7", "12"]))
    out.to_json()                                       # JSON-able dict

Ballots: a list of ids (approval, choose-1; ordinal best first) or ``{id: points}`` (cumulative,
scoring). Costs, budget and points are ``int`` or ``Fraction``.

Rules (``compute(election, rule, ...)``):

* ``greedy``, ``greedy-threshold``, ``greedy-no-skip`` — by votes (``sat="cost"``, pabutools'
  greedy with Cost_Sat) or votes per cost (``sat="cardinality"``); cumulative/scoring ballots
  rank by total points, ordinal ballots by the file's ``score`` column (``measure=`` overrides).
* ``mes`` — Method of Equal Shares, ``sat`` ``cost`` / ``cardinality`` / ``points``;
  ``completion`` ``none`` / ``add1`` (pabutools) / ``add1-checker`` (Pabulib checker and cities,
  integer budget, no exhaustive stop) / ``add1u`` (add1 then greedy); ``comparison=True`` is the
  Pabulib ``-comparison`` step (switch to greedy if strictly more voters prefer it).
* ``phragmen`` — sequential Phragmén.
* ``compute_by_category(election, {"small": 300000, ...}, rule)`` — one run per sub-budget.

Tie-breaking (``TieBreaking``): ``lexicographic`` (id as a string, pabutools' default),
``min-cost`` (lowest cost, then most votes), ``lottery`` (``seed=``; each project's ticket is
SHA-256 of seed and id), ``order`` (``order=[ids]``, earlier wins), ``file-order`` (the
PROJECTS section's order, earlier wins).

Shell: ``python -m hromada.pb compute FILE --rule mes --completion add1 --json --explain`` and
``python -m hromada.pb check FILE --json`` (exit 0 ok, 1 not reproduced, 2 invalid input;
``"reproduced": "tie"`` when only the file's own order of tied projects gives the official
result). A vote listing a project twice counts once with a warning (``Election.warnings``)
unless ``read_pabulib(path, strict=True)`` / ``--strict``.

Modules: ``model`` (data), ``pabulib`` (read/write), ``profile`` (ballots as arrays),
``tiebreaking``, ``greedy``, ``mes`` (exact walk) and ``mes_fast`` (float-prefiltered),
``completions`` (add1 family, comparison, MES explanations), ``phragmen``, ``compute`` (entry
point), ``check`` (official results), ``cli``.
"""

from hromada.pb.check import check_election, check_file
from hromada.pb.compute import compute, compute_by_category
from hromada.pb.model import Election, Number, Outcome, Project, TieBreaking
from hromada.pb.pabulib import (
    PabulibError,
    format_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from hromada.pb.tiebreaking import lottery_ticket

__all__ = [
    "Election",
    "Number",
    "Outcome",
    "PabulibError",
    "Project",
    "TieBreaking",
    "check_election",
    "check_file",
    "compute",
    "compute_by_category",
    "format_pabulib",
    "lottery_ticket",
    "parse_pabulib",
    "read_pabulib",
    "write_pabulib",
]
