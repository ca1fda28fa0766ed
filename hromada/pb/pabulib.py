"""Read and write Pabulib ``.pb`` files (https://pabulib.org/format).

The reader is strict where pabutools is lenient: every fault is reported as ``file:line: message``
and all faults of a file are collected into one :class:`PabulibError`, so a researcher fixes a
file in one pass and a web form can show every problem at once. Big VOTES blocks are read by
``pabulib_votes.py``; the writer (``pabulib_writer.py``, re-exported here) emits what the reader
reads, so ``read(write(e)) == e`` for any election the reader produced.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import cast

from hromada.pb.model import (
    VOTE_TYPES,
    Ballot,
    Election,
    Number,
    Project,
    VoteType,
    normalise_number,
)
from hromada.pb.pabulib_votes import CompiledBallots, VoterTable, read_clean_votes
from hromada.pb.pabulib_writer import REQUIRED_META, format_pabulib, write_pabulib

SECTIONS = ("meta", "projects", "votes")
# Columns the reader turns into typed Project attributes; every other column is kept verbatim.
TYPED_PROJECT_COLUMNS = ("project_id", "cost", "votes", "score", "name", "category", "selected")
MAX_REPORTED = 50
# META values the engine reads as numbers after parsing (budget is read by the parser itself).
NUMERIC_META = ("min_project_score_threshold",)


class PabulibError(ValueError):
    """A file that is not valid Pabulib; ``messages`` are ``file:line: message`` strings."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


MAX_DIGITS = 30
MAX_EXPONENT = 30
# Decimal digits only ([0-9], not Unicode digits), an optional bounded exponent, or ``p/q`` as the
# writer prints fractions. Checked before any arithmetic, so ``1e999999999`` costs nothing.
DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
RATIO = re.compile(r"([+-]?[0-9]+)/([0-9]+)")


class NumberRefused(ValueError):
    """A well-formed number outside the reader's bounds (too many digits, too big an exponent)."""


def parse_number(text: str) -> Number:
    """An exact number from ``12``, ``12.5``, ``12,5``, ``1e3`` or ``1/3``; else ``ValueError``.

    At most ``MAX_DIGITS`` digits and an exponent within ±``MAX_EXPONENT``
    (:class:`NumberRefused`), so hostile values are refused at once instead of computed with.
    """
    text = text.strip().replace(",", ".")
    ratio = RATIO.fullmatch(text)
    if ratio:
        numerator, denominator = ratio.groups()
        if len(numerator.lstrip("+-")) + len(denominator) > MAX_DIGITS:
            raise NumberRefused(f"has more than {MAX_DIGITS} digits")
        if int(denominator) == 0:
            raise ValueError("zero denominator")
        return normalise_number(Fraction(int(numerator), int(denominator)))
    match = DECIMAL.fullmatch(text)
    if not match or not (match[2] or match[3]):
        raise ValueError("not a number")
    sign, whole, decimals, exponent = match.groups(default="")
    if len(whole) + len(decimals) > MAX_DIGITS:
        raise NumberRefused(f"has more than {MAX_DIGITS} digits")
    power = 0
    if exponent:
        if len(exponent.lstrip("+-")) > 3 or abs(int(exponent)) > MAX_EXPONENT:
            raise NumberRefused(f"has an exponent beyond ±{MAX_EXPONENT}")
        power = int(exponent)
    value = Fraction(int(whole + decimals or "0")) * Fraction(10) ** (power - len(decimals))
    return normalise_number(-value if sign == "-" else value)


def parse_count(text: str) -> int:
    """A whole number of at most ``MAX_DIGITS`` digits (votes, selected, META counts)."""
    text = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise ValueError("not an integer")
    if len(text.lstrip("+-")) > MAX_DIGITS:
        raise NumberRefused(f"has more than {MAX_DIGITS} digits")
    return int(text)


def shown(text: str) -> str:
    """A field quoted in a message, cut to 40 characters (hostile values can be megabytes)."""
    return text if len(text) <= 40 else text[:37] + "..."


def refusal(exc: ValueError, kind: str = "a number") -> str:
    """``is not a number`` or, for a number out of bounds, ``is refused: REASON``."""
    if isinstance(exc, NumberRefused):
        return f"is refused: {exc}"
    return f"is not {kind}"


def split_row(lines: list[str], i: int) -> tuple[list[str], int]:
    """The stripped fields of the row starting at ``lines[i]``, and the index after it.

    Most rows have no quote and are split directly; a quoted field may span lines.
    """
    line = lines[i]
    i += 1
    if '"' not in line:
        return [f.strip() for f in line.split(";")], i
    while line.count('"') % 2 == 1 and i < len(lines):
        line += "\n" + lines[i]
        i += 1
    return [f.strip() for f in next(csv.reader([line], delimiter=";"))], i


class _Parser:
    def __init__(self, text: str, filename: str, strict: bool = False) -> None:
        self.filename = filename
        self.text = text
        self.strict = strict
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.seen_ids: set[str] | None = None
        self.vote_rows: int | None = None  # None: the VOTES header was unusable
        self.lines: list[str] = []
        self.block: str | None = None  # the VOTES rows, kept as one string (see split_head)

    def error(self, line: int, message: str) -> None:
        self.errors.append(f"{self.filename}:{line}: {message}")

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.filename}:{line}: {message}")

    def split_head(self) -> list[str]:
        """Lines of the file, except that a final VOTES block stays one string (``self.block``).

        Big files are almost all VOTES; keeping that block whole lets the fast path read it with
        whole-string operations. The title is found with ``str.find`` (a regex over megabytes
        is ten times slower); anything unusual falls back to splitting every line.
        """
        text = self.text
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.block = None
        pos = text.rfind("\nVOTES\n")
        header_end = text.find("\n", pos + 7) if pos >= 0 else -1
        if pos < 0 or header_end < 0 or '"' in text[pos + 7 : header_end]:
            return text.split("\n")
        self.block = text[header_end + 1 :]
        return text[: header_end + 1].split("\n")[:-1]

    def all_lines(self) -> list[str]:
        """Every physical line (splits the VOTES block if it was kept whole)."""
        if self.block is not None:
            self.lines = self.lines + self.block.split("\n")
            self.block = None
        return self.lines

    def parse(self) -> Election:
        lines = self.split_head()
        self.lines = lines
        total_lines = len(lines) + (self.block.count("\n") + 1 if self.block is not None else 0)
        # section name -> (title line number, header fields, index of first data line, end index)
        sections: dict[str, tuple[int, list[str], int, int]] = {}
        order: list[str] = []
        # A title line is short; testing the length first keeps this scan cheap on 10^5 lines.
        titles = [
            i
            for i, line in enumerate(lines)
            if len(line) < 16 and line.strip(" \t;").lower() in SECTIONS
        ]
        if titles and any(line.strip() for line in lines[: titles[0]]):
            first = next(i for i, line in enumerate(lines) if line.strip())
            self.error(first + 1, "data before the first section title (META)")
        for n, i in enumerate(titles):
            name = lines[i].strip(" \t;").lower()
            if name in sections:
                self.error(i + 1, f"section {name.upper()} appears twice")
            end = titles[n + 1] if n + 1 < len(titles) else total_lines
            header: list[str] = []
            j = i + 1
            if j < end:
                header, j = split_row(lines, j)
                if header == [""]:
                    header = []
            sections[name] = (i + 1, header, j, end)
            order.append(name)
        for name in SECTIONS:
            if name not in sections:
                lines = self.all_lines()
                last_line = max(1, len(lines) - (1 if lines and not lines[-1] else 0))
                self.error(last_line, f"missing section {name.upper()}")
            elif not sections[name][1]:
                self.error(sections[name][0], f"section {name.upper()} has no header line")
        if self.errors:
            raise PabulibError(self.errors)
        meta_title, meta_header, a, b = sections["meta"]
        meta, meta_lines = self.parse_meta(meta_title, meta_header, self.rows(a, b))
        vote_type = self.vote_type(meta, meta_lines)
        budget = self.meta_number(meta, meta_lines, "budget")
        self.check_meta_numbers(meta, meta_lines)
        proj_title, proj_header, a, b = sections["projects"]
        project_rows = self.rows(a, b)
        projects = self.parse_projects(proj_title, proj_header, project_rows)
        votes_title, votes_header, a, b = sections["votes"]
        ballots, voters = self.parse_votes(votes_title, votes_header, (a, b), projects, vote_type)
        counts = {"PROJECTS": len(project_rows), "VOTES": self.vote_rows}
        self.check_counts(meta, meta_lines, counts)
        if self.errors:
            raise PabulibError(_capped(self.errors, "errors"))
        return Election(
            budget=budget if budget is not None else 0,
            projects=list(projects.values()),
            ballots=ballots,
            vote_type=vote_type,
            meta=meta,
            voters=voters,
            warnings=_capped(self.warnings, "warnings"),
        )

    def rows(self, start: int, end: int) -> list[tuple[int, list[str]]]:
        """Non-blank rows of ``lines[start:end]`` with their 1-based line numbers."""
        out: list[tuple[int, list[str]]] = []
        i = start
        while i < end:
            if not self.lines[i].strip():
                i += 1
                continue
            fields, j = split_row(self.lines, i)
            out.append((i + 1, fields))
            i = j
        return out

    def parse_meta(
        self, title_line: int, header: list[str], rows: list[tuple[int, list[str]]]
    ) -> tuple[dict[str, str], dict[str, int]]:
        if [h.lower() for h in header[:2]] != ["key", "value"]:
            self.error(title_line + 1, "META header must be 'key;value'")
        meta: dict[str, str] = {}
        lines: dict[str, int] = {}
        for lineno, fields in rows:
            key = fields[0]
            # An unquoted ';' inside a value (seen in comments) is kept rather than rejected.
            value = ";".join(fields[1:]).strip()
            if key in meta:
                self.error(lineno, f"META key '{key}' appears twice (first on line {lines[key]})")
            meta[key] = value
            lines[key] = lineno
        for key in REQUIRED_META:
            if key not in meta:
                self.error(title_line, f"META lacks required key '{key}'")
        return meta, lines

    def vote_type(self, meta: dict[str, str], lines: dict[str, int]) -> VoteType:
        value = meta.get("vote_type", "approval")
        if value not in VOTE_TYPES:
            self.error(lines.get("vote_type", 1), f"unknown vote_type '{value}'")
            return "approval"
        return cast(VoteType, value)

    def meta_number(self, meta: dict[str, str], lines: dict[str, int], key: str) -> Number | None:
        if key not in meta:
            return None
        try:
            value = parse_number(meta[key])
        except ValueError as exc:
            self.error(lines[key], f"META {key} '{shown(meta[key])}' {refusal(exc)}")
            return None
        if value < 0:
            self.error(lines[key], f"META {key} is negative ({meta[key]})")
        return value

    def check_meta_numbers(self, meta: dict[str, str], lines: dict[str, int]) -> None:
        """META numbers the rules read later (thresholds) are checked now, with their line."""
        for key in NUMERIC_META:
            if meta.get(key, "").strip():
                try:
                    parse_number(meta[key])
                except ValueError as exc:
                    self.error(lines[key], f"META {key} '{shown(meta[key])}' {refusal(exc)}")

    def parse_projects(
        self, title_line: int, header: list[str], rows: list[tuple[int, list[str]]]
    ) -> dict[str, Project]:
        projects: dict[str, Project] = {}
        first_line: dict[str, int] = {}
        columns = [h.strip() for h in header]
        for required in ("project_id", "cost"):
            if required not in columns:
                self.error(title_line + 1, f"PROJECTS header lacks '{required}'")
                self.seen_ids = None
                return projects
        self.seen_ids = {
            fields[columns.index("project_id")] for _, fields in rows if len(fields) == len(columns)
        }
        for lineno, fields in rows:
            if len(fields) != len(columns):
                self.error(
                    lineno, f"PROJECTS row has {len(fields)} fields, header has {len(columns)}"
                )
                continue
            row = {k: v for k, v in zip(columns, fields, strict=True) if v.lower() != "none"}
            project = self.project_from_row(lineno, row)
            if project is None:
                continue
            if project.id in projects:
                self.error(
                    lineno,
                    f"duplicate project_id '{project.id}' (first on line {first_line[project.id]})",
                )
                continue
            projects[project.id] = project
            first_line[project.id] = lineno
        return projects

    def project_from_row(self, lineno: int, row: dict[str, str]) -> Project | None:
        pid = row.get("project_id", "")
        if not pid:
            self.error(lineno, "empty project_id")
            return None
        raw_cost = row.get("cost", "")
        try:
            cost = parse_number(raw_cost)
        except ValueError as exc:
            self.error(lineno, f"cost '{shown(raw_cost)}' of project '{pid}' {refusal(exc)}")
            return None
        if cost < 0:
            self.error(lineno, f"negative cost '{raw_cost}' of project '{pid}'")
            return None
        votes = self.optional_int(lineno, row, "votes", pid)
        selected = self.optional_int(lineno, row, "selected", pid)
        score: Number | None = None
        if row.get("score"):
            try:
                score = parse_number(row["score"])
            except ValueError as exc:
                self.error(
                    lineno, f"score '{shown(row['score'])}' of project '{pid}' {refusal(exc)}"
                )
        categories = tuple(c.strip() for c in row.get("category", "").split(",") if c.strip())
        extra = {k: v for k, v in row.items() if k not in TYPED_PROJECT_COLUMNS}
        return Project(
            id=pid,
            cost=cost,
            name=row.get("name", ""),
            categories=categories,
            votes=votes,
            score=score,
            selected=selected,
            fields=extra,
        )

    def optional_int(self, lineno: int, row: dict[str, str], key: str, pid: str) -> int | None:
        text = row.get(key, "")
        if not text:
            return None
        try:
            return parse_count(text)
        except ValueError as exc:
            self.error(
                lineno, f"{key} '{shown(text)}' of project '{pid}' {refusal(exc, 'an integer')}"
            )
            return None

    def parse_votes(
        self,
        title_line: int,
        header: list[str],
        span: tuple[int, int],
        projects: Mapping[str, Project],
        vote_type: VoteType,
    ) -> tuple[Sequence[Ballot], VoterTable]:
        columns = [h.strip() for h in header]
        with_points = vote_type in ("cumulative", "scoring")
        needed = ["voter_id", "vote", *(["points"] if with_points else [])]
        missing = [c for c in needed if c not in columns]
        if missing:
            for c in missing:
                self.error(title_line + 1, f"VOTES header lacks '{c}'")
            return [], VoterTable([], [])
        vote_at = columns.index("vote")
        points_at = columns.index("points") if with_points else -1
        keep = [i for i, c in enumerate(columns) if c not in ("vote", "points")]
        voter_at = columns.index("voter_id")
        # Ids of rows rejected for another fault still count as known, so one bad project row
        # does not also flag every vote for it; with no usable header nothing can be checked.
        known = self.seen_ids
        width = len(columns)
        if not with_points:
            fast = None
            if self.block is not None and span[1] == len(self.lines) + self.block.count("\n") + 1:
                fast = read_clean_votes(self.block, width, vote_at, voter_at, projects, vote_type)
            if fast is not None:
                self.vote_rows = len(fast)
                return fast, VoterTable([columns[i] for i in keep], fast.rows, keep)
        seen_voters: dict[str, int] = {}
        ballots: list[Ballot] = []
        voter_rows: list[list[str]] = []
        lines = self.all_lines()
        i, end = span
        # The hot loop of the reader (10^5 rows in big files): split unquoted rows directly and
        # strip only the fields the engine reads; the voter columns are stripped when asked for.
        self.vote_rows = 0
        while i < end:
            line = lines[i]
            lineno = i + 1
            if '"' in line:
                fields, i = split_row(lines, i)
            else:
                i += 1
                if not line or line.isspace():
                    continue
                fields = line.split(";")
            self.vote_rows += 1
            if len(fields) != width:
                self.error(lineno, f"VOTES row has {len(fields)} fields, header has {width}")
                continue
            voter = fields[voter_at].strip()
            if voter in seen_voters:
                self.error(
                    lineno, f"duplicate voter_id '{voter}' (first on line {seen_voters[voter]})"
                )
            seen_voters[voter] = lineno
            raw = fields[vote_at].strip()
            if not raw or raw.lower() == "none":
                ids: list[str] = []
            else:
                ids = raw.split(",")
                if " " in raw or "" in ids:
                    ids = [v for v in (x.strip() for x in ids) if v]
            if known is not None and not known.issuperset(ids):
                for v in ids:
                    if v not in known:
                        self.error(lineno, f"vote for unknown project '{v}'")
            if len(ids) > 1 and len(set(ids)) != len(ids):
                # pabutools reads an approval or choose-1 vote as a set and an ordinal one keeping
                # each project's first place, so real files with such votes (Warszawa 2026) are
                # read the same way; points cannot be merged without guessing, so they stay faults.
                if self.strict or with_points:
                    self.error(lineno, f"project listed twice in vote '{raw}'")
                else:
                    self.warn(lineno, f"project listed twice in vote '{raw}'; counted once")
                    ids = list(dict.fromkeys(ids))
            if with_points:
                ballots.append(self.points_ballot(lineno, ids, fields[points_at]))
            else:
                if vote_type == "choose-1" and len(ids) > 1:
                    self.error(lineno, f"choose-1 ballot lists {len(ids)} projects")
                ballots.append(ids)
            voter_rows.append(fields)
        return ballots, VoterTable([columns[i] for i in keep], voter_rows, keep)

    def points_ballot(self, lineno: int, ids: list[str], raw_points: str) -> Ballot:
        texts = [p.strip() for p in raw_points.split(",")] if raw_points.strip() else []
        if len(texts) != len(ids):
            self.error(lineno, f"{len(ids)} projects in vote but {len(texts)} values in points")
            return {}
        ballot: dict[str, Number] = {}
        for pid, text in zip(ids, texts, strict=True):
            try:
                ballot[pid] = parse_number(text)
            except ValueError as exc:
                self.error(lineno, f"points '{shown(text)}' for project '{pid}' {refusal(exc)}")
        return ballot

    def check_counts(
        self, meta: dict[str, str], lines: dict[str, int], counts: Mapping[str, int | None]
    ) -> None:
        for key, section in (("num_projects", "PROJECTS"), ("num_votes", "VOTES")):
            if key not in meta or counts[section] is None:
                continue
            try:
                declared = parse_count(meta[key])
            except ValueError as exc:
                self.error(
                    lines[key], f"META {key} '{shown(meta[key])}' {refusal(exc, 'an integer')}"
                )
                continue
            if declared != counts[section]:
                self.error(
                    lines[key], f"META {key} is {declared} but {section} has {counts[section]} rows"
                )


def _capped(messages: list[str], kind: str) -> list[str]:
    if len(messages) <= MAX_REPORTED:
        return messages
    extra = len(messages) - MAX_REPORTED
    return [*messages[:MAX_REPORTED], f"... and {extra} more {kind}"]


def parse_pabulib(text: str, filename: str = "<string>", strict: bool = False) -> Election:
    """Parse the text of a ``.pb`` file; raise :class:`PabulibError` listing every fault.

    By default a project listed twice in an approval, choose-1 or ordinal vote counts once (as in
    pabutools) and is noted in ``Election.warnings``; ``strict=True`` makes it an error.
    """
    return _Parser(text, filename, strict).parse()


def read_pabulib(path: str | Path, strict: bool = False) -> Election:
    """Read a ``.pb`` file (UTF-8, optional BOM, LF or CRLF); ``strict`` as in parse_pabulib."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PabulibError([f"{path}:0: cannot read file: {exc.strerror}"]) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PabulibError([f"{path}:{line}: not valid UTF-8"]) from exc
    return parse_pabulib(text, str(path), strict)


__all__ = [
    "CompiledBallots",
    "PabulibError",
    "VoterTable",
    "format_pabulib",
    "parse_number",
    "parse_pabulib",
    "read_pabulib",
    "write_pabulib",
]
