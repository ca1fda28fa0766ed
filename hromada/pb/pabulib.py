"""Read and write Pabulib ``.pb`` files (https://pabulib.org/format).

The reader is strict where pabutools is lenient: every fault is reported as ``file:line: message``
and all faults of a file are collected into one :class:`PabulibError`, so a researcher fixes a
file in one pass and a web form can show every problem at once. The writer emits what the reader
reads, so ``read(write(e)) == e`` for any election the reader produced.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from fractions import Fraction
from operator import itemgetter
from pathlib import Path
from typing import Any, cast, overload

import numpy as np
import numpy.typing as npt

from hromada.pb.model import (
    VOTE_TYPES,
    Ballot,
    Election,
    Number,
    Project,
    VoteType,
    normalise_number,
)

IntArray = npt.NDArray[Any]

SECTIONS = ("meta", "projects", "votes")
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
# Columns the reader turns into typed Project attributes; every other column is kept verbatim.
TYPED_PROJECT_COLUMNS = ("project_id", "cost", "votes", "score", "name", "category", "selected")
MAX_REPORTED = 50


class PabulibError(ValueError):
    """A file that is not valid Pabulib; ``messages`` are ``file:line: message`` strings."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class VoterTable(Sequence[Mapping[str, str]]):
    """The VOTES columns other than the vote, one mapping per ballot, built only when asked.

    Large files have ~10^5 voters; keeping rows as tuples makes reading several times faster
    than building a dict per voter that most callers never look at.
    """

    def __init__(
        self,
        columns: Sequence[str],
        rows: Sequence[list[str] | str],
        keep: Sequence[int] | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.rows = rows
        self.keep = tuple(range(len(columns))) if keep is None else tuple(keep)

    @overload
    def __getitem__(self, index: int) -> Mapping[str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, str]]: ...
    def __getitem__(self, index: int | slice) -> Mapping[str, str] | Sequence[Mapping[str, str]]:
        if isinstance(index, slice):
            return [self._row(r) for r in self.rows[index]]
        return self._row(self.rows[index])

    def _row(self, row: list[str] | str) -> Mapping[str, str]:
        fields = row.split(";") if isinstance(row, str) else row
        values = (fields[i].strip() for i in self.keep)
        return {k: v for k, v in zip(self.columns, values, strict=True) if v != ""}

    def __len__(self) -> int:
        return len(self.rows)


class LazyLines(Sequence[str]):
    """The lines of a text block, split only if someone asks (the voter table usually not)."""

    def __init__(self, block: str) -> None:
        self.block = block
        self._lines: list[str] | None = None
        self.size = block.count("\n") + 1

    def _all(self) -> list[str]:
        if self._lines is None:
            self._lines = self.block.split("\n")
        return self._lines

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._all()[index]

    def __len__(self) -> int:
        return self.size


class CompiledBallots(Sequence[list[str]]):
    """Ballots read by the fast path, held as a sparse matrix and turned into lists on demand.

    ``csr`` = (project ids, indptr, indices) is what the engine computes on (see
    ``profile.py``); ``ballots[i]`` still gives the list of ids of ballot ``i``.
    """

    def __init__(
        self, order: list[str], indptr: IntArray, indices: IntArray, rows: Sequence[str]
    ) -> None:
        self.csr = (order, indptr, indices)
        self.rows = rows  # the raw VOTES lines, for the voter table

    @overload
    def __getitem__(self, index: int) -> list[str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[list[str]]: ...
    def __getitem__(self, index: int | slice) -> list[str] | Sequence[list[str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        order, indptr, indices = self.csr
        if index < 0:
            index += len(self)
        return [order[k] for k in indices[indptr[index] : indptr[index + 1]].tolist()]

    def __len__(self) -> int:
        return len(self.csr[1]) - 1


def parse_number(text: str) -> Number:
    """An exact number from ``12``, ``12.5``, ``12,5`` or ``1e3``; ``ValueError`` otherwise."""
    text = text.strip().replace(",", ".")
    if not text:
        raise ValueError("empty")
    try:
        return int(text)
    except ValueError:
        return normalise_number(Fraction(text))


def split_lines(text: str) -> list[str]:
    """Physical lines of a file without BOM and line ends (LF, CRLF or CR)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


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
    def __init__(self, text: str, filename: str) -> None:
        self.filename = filename
        self.text = text
        self.errors: list[str] = []
        self.seen_ids: set[str] | None = None
        self.vote_rows: int | None = None  # None: the VOTES header was unusable
        self.lines: list[str] = []
        self.block: str | None = None  # the VOTES rows, kept as one string (see split_head)

    def error(self, line: int, message: str) -> None:
        self.errors.append(f"{self.filename}:{line}: {message}")

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
        proj_title, proj_header, a, b = sections["projects"]
        project_rows = self.rows(a, b)
        projects = self.parse_projects(proj_title, proj_header, project_rows)
        votes_title, votes_header, a, b = sections["votes"]
        ballots, voters = self.parse_votes(votes_title, votes_header, (a, b), projects, vote_type)
        counts = {"PROJECTS": len(project_rows), "VOTES": self.vote_rows}
        self.check_counts(meta, meta_lines, counts)
        if self.errors:
            if len(self.errors) > MAX_REPORTED:
                extra = len(self.errors) - MAX_REPORTED
                self.errors = [*self.errors[:MAX_REPORTED], f"... and {extra} more errors"]
            raise PabulibError(self.errors)
        return Election(
            budget=budget if budget is not None else 0,
            projects=list(projects.values()),
            ballots=ballots,
            vote_type=vote_type,
            meta=meta,
            voters=voters,
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
        except ValueError:
            self.error(lines[key], f"META {key} '{meta[key]}' is not a number")
            return None
        if value < 0:
            self.error(lines[key], f"META {key} is negative ({meta[key]})")
        return value

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
        except ValueError:
            self.error(lineno, f"cost '{raw_cost}' of project '{pid}' is not a number")
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
            except ValueError:
                self.error(lineno, f"score '{row['score']}' of project '{pid}' is not a number")
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
            return int(text)
        except ValueError:
            self.error(lineno, f"{key} '{text}' of project '{pid}' is not an integer")
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
            fast = self.fast_votes(span, width, vote_at, voter_at, projects, vote_type)
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
                self.error(lineno, f"project listed twice in vote '{raw}'")
            if with_points:
                ballots.append(self.points_ballot(lineno, ids, fields[points_at]))
            else:
                if vote_type == "choose-1" and len(ids) > 1:
                    self.error(lineno, f"choose-1 ballot lists {len(ids)} projects")
                ballots.append(ids)
            voter_rows.append(fields)
        return ballots, VoterTable([columns[i] for i in keep], voter_rows, keep)

    def fast_votes(
        self,
        span: tuple[int, int],
        width: int,
        vote_at: int,
        voter_at: int,
        projects: Mapping[str, Project],
        vote_type: VoteType,
    ) -> CompiledBallots | None:
        """Read a clean VOTES block with whole-block string operations, or return ``None``.

        Any quote, stray whitespace or fault sends the block to the line-by-line reader, which
        then reports each fault with its line; so this path never decides what is an error.
        """
        if self.block is None or span[1] != len(self.lines) + self.block.count("\n") + 1:
            return None
        block = self.block.rstrip("\n")
        if '"' in block or "\n\n" in block or not block:
            return None
        lines = LazyLines(block)
        data = np.frombuffer(block.encode("utf-8") + b"\n", dtype=np.uint8)
        ends = np.flatnonzero(data == ord("\n"))
        semicolons = np.flatnonzero(data == ord(";"))
        num = len(ends)
        if num != len(lines) or len(semicolons) != num * (width - 1):
            return None
        starts = np.concatenate(([0], ends[:-1] + 1))
        # With the right total, every row has exactly ``width`` fields iff the separators dealt
        # out in order to each row all fall inside that row.
        grid = semicolons.reshape(num, width - 1)
        if width > 1 and (bool(np.any(grid[:, 0] < starts)) or bool(np.any(grid[:, -1] > ends))):
            return None
        # Column c of every row now lies between fixed separators: cut both columns out of the
        # bytes at once instead of splitting 10^5 lines.

        def column(col: int) -> tuple[IntArray, IntArray]:
            first = starts if col == 0 else grid[:, col - 1] + 1
            last = ends if col == width - 1 else grid[:, col]
            return first, last

        vote_first, vote_last = column(vote_at)
        voter_first, voter_last = column(voter_at)
        voter_text = _cut(data, voter_first, voter_last, ord("\n"))
        if " " in voter_text or "\t" in voter_text:
            return None
        voters = voter_text.split("\n")[:-1]
        if len(set(voters)) != len(voters):
            return None
        vote_text = _cut(data, vote_first, vote_last, ord(","))
        if " " in vote_text or "\t" in vote_text or "none" in vote_text.lower():
            return None
        commas = np.flatnonzero(data == ord(","))
        counts = (
            np.searchsorted(commas, vote_last)
            - np.searchsorted(commas, vote_first)
            + (vote_last > vote_first)
        ).astype(np.int64)
        if vote_type == "choose-1" and num and counts.max() > 1:
            return None
        tokens = vote_text.split(",")[:-1]
        empty_votes = int(np.sum(counts == 0))
        if len(tokens) != int(counts.sum()) + empty_votes:
            return None
        if empty_votes:
            # Each empty vote leaves one "" token; any other "" is a stray comma.
            if tokens.count("") != empty_votes:
                return None
            tokens = [t for t in tokens if t]
        elif "" in tokens:
            return None
        # Index every approval once; the same arrays serve the duplicate check here and the
        # engine's profile later. itemgetter looks all ids up in one C loop.
        order = list(projects)
        position = {pid: i for i, pid in enumerate(order)}
        try:
            if len(tokens) > 1:
                found_ids: Sequence[int] = itemgetter(*tokens)(position)
            else:
                found_ids = [position[t] for t in tokens]
        except KeyError:
            return None
        indices = np.array(found_ids, dtype=np.int32)
        indptr = np.zeros(num + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        if _has_repeats(indices, indptr, counts):
            return None
        return CompiledBallots(order, indptr, indices, lines)

    def points_ballot(self, lineno: int, ids: list[str], raw_points: str) -> Ballot:
        texts = [p.strip() for p in raw_points.split(",")] if raw_points.strip() else []
        if len(texts) != len(ids):
            self.error(lineno, f"{len(ids)} projects in vote but {len(texts)} values in points")
            return {}
        ballot: dict[str, Number] = {}
        for pid, text in zip(ids, texts, strict=True):
            try:
                ballot[pid] = parse_number(text)
            except ValueError:
                self.error(lineno, f"points '{text}' for project '{pid}' is not a number")
        return ballot

    def check_counts(
        self, meta: dict[str, str], lines: dict[str, int], counts: Mapping[str, int | None]
    ) -> None:
        for key, section in (("num_projects", "PROJECTS"), ("num_votes", "VOTES")):
            if key not in meta or counts[section] is None:
                continue
            try:
                declared = int(meta[key])
            except ValueError:
                self.error(lines[key], f"META {key} '{meta[key]}' is not an integer")
                continue
            if declared != counts[section]:
                self.error(
                    lines[key], f"META {key} is {declared} but {section} has {counts[section]} rows"
                )


def _cut(data: IntArray, first: IntArray, last: IntArray, separator: int) -> str:
    """The text of byte ranges ``[first, last)`` joined, each followed by ``separator``.

    ``last`` points at the byte after each range (a ';' or a line end); it is replaced by the
    separator. The gather touches only the selected bytes.
    """
    lengths = last - first + 1
    total = int(lengths.sum())
    offsets = np.cumsum(lengths) - lengths
    positions = np.arange(total, dtype=np.int64) + np.repeat(first - offsets, lengths)
    buffer = data[positions]
    buffer[np.cumsum(lengths) - 1] = separator
    return str(buffer.tobytes().decode("utf-8"))


def _has_repeats(indices: IntArray, indptr: IntArray, counts: IntArray) -> bool:
    """Whether some ballot lists a project twice.

    Per ballot and per block of 64 projects, the sum of distinct powers of two equals their
    bitwise or; a repeated project makes the sum larger. Vectorised with ``reduceat``.
    """
    if len(indices) == 0 or int(counts.max()) <= 1:
        return False
    blocks = int(indices.max()) // 64 + 1
    if blocks > 8:
        owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        keys = np.sort(owner * (int(indices.max()) + 1) + indices)
        return bool(np.any(keys[1:] == keys[:-1]))
    heads = indptr[:-1][counts > 0]
    wide = indices.astype(np.int64)
    for block in range(blocks):
        inside = (wide >> 6) == block
        bits = np.where(inside, np.left_shift(np.uint64(1), (wide & 63).astype(np.uint64)), 0)
        bits = bits.astype(np.uint64)
        if bool(np.any(np.add.reduceat(bits, heads) != np.bitwise_or.reduceat(bits, heads))):
            return True
    return False


def parse_pabulib(text: str, filename: str = "<string>") -> Election:
    """Parse the text of a ``.pb`` file; raise :class:`PabulibError` listing every fault."""
    return _Parser(text, filename).parse()


def read_pabulib(path: str | Path) -> Election:
    """Read a ``.pb`` file (UTF-8, optional BOM, LF or CRLF)."""
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
    return parse_pabulib(text, str(path))


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
