"""Write Pabulib ``.pb`` files: what the reader in ``pabulib.py`` reads, it writes back.

META counts, budget and vote_type are taken from the data, not trusted from ``meta``; typed
project columns come first, then every other column in the order first seen; fields that need
it are quoted CSV-style.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from hromada.pb.model import Election
from hromada.pb.pabulib_votes import VoterTable

REQUIRED_META = (
    "description",
    "country",
    "unit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
)


def _cell(value: object) -> str:
    text = str(value)
    if any(ch in text for ch in ';"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _row(values: Sequence[object]) -> str:
    return ";".join(_cell(v) for v in values)


def format_pabulib(election: Election) -> str:
    """The ``.pb`` text of an election; META counts, budget and vote_type follow the data."""
    out = io.StringIO()
    meta = dict(election.meta)
    meta["num_projects"] = str(len(election.projects))
    meta["num_votes"] = str(len(election.ballots))
    meta["budget"] = str(election.budget)
    meta["vote_type"] = election.vote_type
    for key in REQUIRED_META:
        meta.setdefault(key, "")
    out.write("META\nkey;value\n")
    for key, value in meta.items():
        out.write(_row([key, value]) + "\n")
    columns = ["project_id", "cost"]
    projects = list(election.projects)
    for col, present in (
        ("votes", any(p.votes is not None for p in projects)),
        ("score", any(p.score is not None for p in projects)),
        ("name", any(p.name for p in projects)),
        ("category", any(p.categories for p in projects)),
        ("selected", any(p.selected is not None for p in projects)),
    ):
        if present:
            columns.append(col)
    for p in projects:
        columns.extend(k for k in p.fields if k not in columns)
    out.write("PROJECTS\n" + _row(columns) + "\n")
    for p in projects:
        typed = {
            "project_id": p.id,
            "cost": p.cost,
            "votes": "" if p.votes is None else p.votes,
            "score": "" if p.score is None else p.score,
            "name": p.name,
            "category": ",".join(p.categories),
            "selected": "" if p.selected is None else p.selected,
        }
        out.write(_row([typed[c] if c in typed else p.fields.get(c, "") for c in columns]) + "\n")
    with_points = election.vote_type in ("cumulative", "scoring")
    voters = election.voters
    voter_columns: list[str] = ["voter_id"]
    if isinstance(voters, VoterTable):
        voter_columns = list(voters.columns)
    elif voters:
        for v in voters:
            voter_columns.extend(k for k in v if k not in voter_columns)
    header = ["voter_id", "vote", *(["points"] if with_points else [])]
    header += [c for c in voter_columns if c != "voter_id"]
    out.write("VOTES\n" + _row(header) + "\n")
    for i, ballot in enumerate(election.ballots):
        info: Mapping[str, str] = voters[i] if voters is not None else {}
        row: list[object] = [info.get("voter_id", str(i + 1))]
        if isinstance(ballot, Mapping):
            # Pabulib lists a points ballot by decreasing points.
            ordered = sorted(ballot.items(), key=lambda kv: -kv[1])
            row.append(",".join(k for k, _ in ordered))
            if with_points:
                row.append(",".join(str(v) for _, v in ordered))
        else:
            row.append(",".join(ballot))
            if with_points:
                row.append(",".join("1" for _ in ballot))
        row += [info.get(c, "") for c in header[len(row) :]]
        out.write(_row(row) + "\n")
    return out.getvalue()


def write_pabulib(election: Election, path: str | Path) -> None:
    """Write an election as a ``.pb`` file (UTF-8, LF line ends)."""
    Path(path).write_text(format_pabulib(election), encoding="utf-8")
