"""``python -m hromada.pb``: compute an outcome or check a Pabulib file from the shell.

Exit codes: 0 ok, 1 ``check`` found the file's ``selected`` column not reproduced, 2 invalid
input or usage. Errors are one line each (``file:line: message``), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from hromada.pb.check import check_election
from hromada.pb.compute import COMPLETIONS, RULES, SATS, compute
from hromada.pb.model import Election, TieBreaking, number_to_json
from hromada.pb.pabulib import PabulibError, read_pabulib

EXIT_OK, EXIT_MISMATCH, EXIT_INVALID = 0, 1, 2
STRICT_HELP = "refuse a vote that lists a project twice (by default it counts once, with a warning)"


def tie_breaking_arg(text: str) -> TieBreaking:
    """``lexicographic``, ``min-cost``, ``file-order``, ``lottery:SEED`` or ``order:ID,ID,...``."""
    try:
        return TieBreaking.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m hromada.pb",
        description="Participatory-budgeting outcomes from Pabulib (.pb) files, exactly.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{compute,check}")
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
    chk = sub.add_parser("check", help="validate a .pb file and recompute its 'selected' column")
    chk.add_argument("file")
    chk.add_argument("--json", action="store_true", help="print one JSON object")
    chk.add_argument("--strict", action="store_true", help=STRICT_HELP)
    return parser


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
    try:
        outcome = compute(
            election,
            args.rule,
            sat=args.sat,
            completion=args.completion,
            comparison=args.comparison,
            tie_breaking=args.tie_breaking,
            progress=True,
        )
    except ValueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    seconds = round(time.perf_counter() - started, 4)
    if args.json:
        data: dict[str, Any] = {
            "file": args.file,
            **outcome.to_json(),
            "warnings": election.warnings,
            "seconds": seconds,
        }
        if not args.explain:
            data.pop("explanations")
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    names = {p.id: p.name for p in election.projects}
    costs = {p.id: p.cost for p in election.projects}
    print(f"{outcome.rule}: {len(outcome.selected)} of {len(election.projects)} projects")
    for pid in outcome.selected:
        print(f"  {pid}\t{number_to_json(costs[pid])}\t{names[pid]}")
    print(f"cost {number_to_json(outcome.cost)} of budget {number_to_json(outcome.budget)}")
    for tie in outcome.ties:
        print(f"tie: {json.dumps(tie, ensure_ascii=False)}")
    if args.explain:
        for pid, info in outcome.explanations.items():
            print(f"{pid}: {json.dumps(info, ensure_ascii=False)}")
    print(f"{seconds} s")
    return EXIT_OK


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
    return run_check(args)
