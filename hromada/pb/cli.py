"""``python -m hromada.pb``: compute an outcome or check a Pabulib file from the shell.

``schema`` prints the JSON schema of the ``--json`` outputs (cli-output.schema.json).

Exit codes: 0 ok, 1 ``check`` found the file's ``selected`` column not reproduced, 2 invalid
input or usage. Errors are one line each (``file:line: message``), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hromada.pb.check import check_election
from hromada.pb.compute import COMPLETIONS, RULES, SATS, compute, compute_by_category
from hromada.pb.model import Election, Number, Outcome, TieBreaking, number_to_json
from hromada.pb.pabulib import PabulibError, parse_number, read_pabulib

EXIT_OK, EXIT_MISMATCH, EXIT_INVALID = 0, 1, 2
STRICT_HELP = "refuse a vote that lists a project twice (by default it counts once, with a warning)"


def tie_breaking_arg(text: str) -> TieBreaking:
    """``lexicographic``, ``min-cost``, ``file-order``, ``lottery:SEED`` or ``order:ID,ID,...``."""
    try:
        return TieBreaking.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def category_arg(text: str) -> tuple[str, Number]:
    """``CATEGORY=BUDGET``: a sub-budget for :func:`compute_by_category`."""
    name, sep, amount = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected CATEGORY=BUDGET, got {text!r}")
    try:
        budget = parse_number(amount.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"budget of {name.strip()!r}: {exc}") from None
    if budget < 0:
        raise argparse.ArgumentTypeError(f"budget of {name.strip()!r} is negative")
    return name.strip(), budget


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m hromada.pb",
        description="Participatory-budgeting outcomes from Pabulib (.pb) files, exactly.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{compute,check,schema}")
    comp = sub.add_parser("compute", help="compute the outcome of a rule on a .pb file")
    comp.add_argument("file")
    comp.add_argument("--rule", choices=RULES, required=True)
    comp.add_argument("--sat", choices=SATS, default="cost", help="satisfaction (default: cost)")
    comp.add_argument("--completion", choices=COMPLETIONS, default="none", help="MES completion")
    comp.add_argument(
        "--comparison", action="store_true", help="MES: compare with greedy (Pabulib -comparison)"
    )
    comp.add_argument(
        "--tie-breaking",
        type=tie_breaking_arg,
        default=TieBreaking(),
        metavar="{lexicographic,min-cost,file-order,lottery:SEED,order:IDS}",
    )
    comp.add_argument("--json", action="store_true", help="print one JSON object")
    comp.add_argument("--strict", action="store_true", help=STRICT_HELP)
    comp.add_argument("--explain", action="store_true", help="say why each project won or lost")
    comp.add_argument(
        "--category",
        action="append",
        type=category_arg,
        default=[],
        metavar="CATEGORY=BUDGET",
        help="run separately in this sub-budget (repeat for each); a project counts in the first "
        "of its categories given",
    )
    chk = sub.add_parser("check", help="validate a .pb file and recompute its 'selected' column")
    chk.add_argument("file")
    chk.add_argument("--json", action="store_true", help="print one JSON object")
    chk.add_argument("--strict", action="store_true", help=STRICT_HELP)
    sub.add_parser("schema", help="print the JSON schema of the --json outputs")
    return parser


SCHEMA_PATH = Path(__file__).with_name("cli-output.schema.json")


def output_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of what ``compute --json`` and ``check --json`` print."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def _read(path: str, strict: bool) -> Election | None:
    try:
        return read_pabulib(path, strict=strict)
    except PabulibError as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return None


def run_compute(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    election = _read(args.file, args.strict)
    if election is None:
        return EXIT_INVALID
    if not args.json:
        for warning in election.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    options: dict[str, Any] = {
        "sat": args.sat,
        "completion": args.completion,
        "comparison": args.comparison,
        "tie_breaking": args.tie_breaking,
        "progress": True,
    }
    unknown = _unknown_categories(election, [name for name, _ in args.category])
    if unknown:
        print(f"{args.file}: {unknown}", file=sys.stderr)
        return EXIT_INVALID
    try:
        if args.category:
            outcomes = compute_by_category(election, dict(args.category), args.rule, **options)
        else:
            outcomes = {"": compute(election, args.rule, **options)}
    except ValueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    seconds = round(time.perf_counter() - started, 4)
    if args.json:
        data: dict[str, Any] = {"file": args.file}
        if args.category:
            data["categories"] = {
                category: _outcome_json(outcome, args.explain)
                for category, outcome in outcomes.items()
            }
        else:
            data.update(_outcome_json(outcomes[""], args.explain))
        data["warnings"] = election.warnings
        data["seconds"] = seconds
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    for category, outcome in outcomes.items():
        _print_outcome(election, outcome, category, args.explain)
    print(f"{seconds} s")
    return EXIT_OK


def _unknown_categories(election: Election, names: Sequence[str]) -> str:
    """A message naming each ``--category`` no project of the file has; empty if all exist."""
    known = {c for p in election.projects for c in p.categories}
    missing = [name for name in names if name not in known]
    if not missing:
        return ""
    have = ", ".join(sorted(known)) or "none"
    return f"no project has category {', '.join(map(repr, missing))} (categories: {have})"


def _outcome_json(outcome: Outcome, explain: bool) -> dict[str, Any]:
    data = outcome.to_json()
    if not explain:
        data.pop("explanations")
    return data


def _print_outcome(election: Election, outcome: Outcome, category: str, explain: bool) -> None:
    names = {p.id: p.name for p in election.projects}
    costs = {p.id: p.cost for p in election.projects}
    if category:
        in_category = sum(1 for p in election.projects if p.id in outcome.explanations)
        print(f"[{category}] {outcome.rule}: {len(outcome.selected)} of {in_category} projects")
    else:
        print(f"{outcome.rule}: {len(outcome.selected)} of {len(election.projects)} projects")
    for pid in outcome.selected:
        print(f"  {pid}\t{number_to_json(costs[pid])}\t{names[pid]}")
    print(f"cost {number_to_json(outcome.cost)} of budget {number_to_json(outcome.budget)}")
    for tie in outcome.ties:
        print(f"tie: {json.dumps(tie, ensure_ascii=False)}")
    if explain:
        for pid, info in outcome.explanations.items():
            print(f"{pid}: {json.dumps(info, ensure_ascii=False)}")


def run_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        election = read_pabulib(args.file, strict=args.strict)
        errors: list[str] = []
    except PabulibError as exc:
        election, errors = None, exc.messages
    if election is None:
        report: dict[str, Any] = {
            "file": args.file,
            "valid": False,
            "errors": errors,
            "rule": None,
            "reproduced": None,
            "missing": [],
            "extra": [],
            "warnings": [],
        }
    else:
        try:
            report = {"file": args.file, **check_election(election, progress=True)}
        except ValueError as exc:
            report = {
                "file": args.file,
                "valid": False,
                "errors": [f"{args.file}: {exc}"],
                "rule": election.meta.get("rule"),
                "reproduced": None,
                "missing": [],
                "extra": [],
                "warnings": election.warnings,
            }
    report["seconds"] = round(time.perf_counter() - started, 4)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print_check(report)
    if not report["valid"]:
        return EXIT_INVALID
    return EXIT_MISMATCH if report["reproduced"] is False else EXIT_OK


def _print_check(report: dict[str, Any]) -> None:
    for warning in report["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    if not report["valid"]:
        for message in report["errors"]:
            print(message, file=sys.stderr)
        print(f"{report['file']}: invalid ({len(report['errors'])} errors)")
        return
    print(f"{report['file']}: valid; rule {report['rule']}")
    if report["reproduced"] is None:
        print(f"not recomputed: {report.get('note', '')}")
    elif report["reproduced"] == "tie":
        tie = report["tie"]
        print(
            "selected column reproduced when ties follow the file's project order"
            f" (tied: {', '.join(tie['projects'])})"
        )
    elif report["reproduced"]:
        print("selected column reproduced")
    else:
        print("selected column NOT reproduced")
        print(f"  in the file but not computed: {', '.join(report['missing']) or '-'}")
        print(f"  computed but not in the file: {', '.join(report['extra']) or '-'}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "compute":
        return run_compute(args)
    if args.command == "schema":
        print(json.dumps(output_schema(), ensure_ascii=False, indent=2))
        return EXIT_OK
    return run_check(args)
