"""Receipts: the only link between a person and their anonymous ballot, held by the voter alone.

A receipt is ten characters the voter keeps (copied, printed or emailed to themselves). The
database stores no receipt: the anonymous ballot carries `published_voter_id(receipt)`, a keyed
hash of it, which is also the ballot's voter id in the published `.pb` file. The key is the
server's identifier key, so nobody without it can compute the id of a receipt, and a line of the
file cannot be traced back to a receipt (let alone a person). The server, given a receipt, finds
the ballot's choices and its line in the file; see docs/voting.md for what that allows.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings

from hromada.budgeting.models import (
    Ballot,
    BallotChoice,
    Process,
    Project,
    SnapshotVotes,
    SubBudget,
)
from hromada.budgeting.phases import TIMELINE

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud at a ЦНАП desk
# A receipt code as new_receipt() makes it; anything else cannot be one and is not looked up.
RECEIPT_CODE = re.compile(r"[A-Z0-9]{5}-[A-Z0-9]{5}")
# 16 hex digits (64 bits): a collision among a city's ballots is far less likely than a typo;
# the unique constraint on (process, public_id) makes one refuse rather than merge.
PUBLISHED_ID_LENGTH = 16


def new_receipt() -> str:
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{code[:5]}-{code[5:]}"


def normalise_receipt(raw: str) -> str | None:
    """The code as typed (spaces, lowercase, a missing dash) or None if it cannot be one."""
    code = re.sub(r"[\s\-]+", "", raw[:40]).upper()
    code = f"{code[:5]}-{code[5:]}"
    return code if RECEIPT_CODE.fullmatch(code) else None


def published_voter_id(receipt: str) -> str:
    """The anonymous ballot's id in the published `.pb` file, derived from its receipt."""
    key = hashlib.sha256(b"hromada-receipt:" + settings.IDENTIFIER_HASH_KEY.encode()).digest()
    digest = hmac.new(key, receipt.encode(), hashlib.sha256).hexdigest()
    return digest[:PUBLISHED_ID_LENGTH]


@dataclass
class PublishedLine:
    sub_budget: SubBudget
    line: str  # "voter_id;vote" exactly as the `.pb` file has it


@dataclass
class ReceiptCheck:
    ballot: Ballot
    choices: list[tuple[SubBudget, list[tuple[Project, int | None]]]]  # with points or place
    # None: no published file yet, or the community turned the lookup off (see line_lookup_off).
    lines: list[PublishedLine] | None
    line_lookup_off: bool


def check_receipt(process: Process, receipt: str) -> ReceiptCheck | None:
    """The ballot a receipt belongs to, its choices, and once the results are published its
    lines in the published files. Four queries at most."""
    ballot = Ballot.objects.filter(process=process, public_id=published_voter_id(receipt)).first()
    if ballot is None:
        return None
    # A ranking in the order of its places, with each project's points or place.
    chosen = (
        BallotChoice.objects.filter(ballot=ballot)
        .select_related("project__sub_budget")
        .order_by("project__sub_budget__position", "rank", "project__number")
    )
    by_sub_budget: dict[int, tuple[SubBudget, list[tuple[Project, int | None]]]] = {}
    for choice in chosen:
        project = choice.project
        mark = choice.points if choice.points is not None else choice.rank
        by_sub_budget.setdefault(project.sub_budget_id, (project.sub_budget, []))[1].append(
            (project, mark)
        )
    published = TIMELINE.decide(process, "see_results").allowed
    lines = None
    if published and process.receipt_line_lookup:
        lines = _published_lines(process, ballot.public_id)
    return ReceiptCheck(
        ballot,
        list(by_sub_budget.values()),
        lines,
        line_lookup_off=published and not process.receipt_line_lookup,
    )


def _published_lines(process: Process, voter_id: str) -> list[PublishedLine] | None:
    """The ballot's rows in the stored VOTES sections, found by its voter id at a line start."""
    rows = list(
        SnapshotVotes.objects.filter(snapshot__process=process)
        .select_related("sub_budget")
        .order_by("sub_budget__position")
    )
    found = []
    if not rows:  # results not stored yet: no file to point into
        return None
    for row in rows:
        text = "\n" + row.lines
        at = text.find(f"\n{voter_id};")
        if at >= 0:
            end = text.find("\n", at + 1)
            found.append(PublishedLine(row.sub_budget, text[at + 1 : end if end > 0 else None]))
    return found
