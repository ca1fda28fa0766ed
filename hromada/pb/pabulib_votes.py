"""The VOTES section of big Pabulib files, read as one block, and the lazy tables it returns.

Big files are ~10^5 VOTES rows and almost nothing else. When the block is clean (no quotes, no
stray whitespace, every row the same width) the vote and voter_id columns are cut out of the
UTF-8 bytes with numpy and the ballots become the sparse matrix the rules compute on. Anything
unusual returns ``None`` and the line-by-line reader in ``pabulib.py`` takes over and reports
each fault with its line, so this path never decides what is an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from hromada.pb.model import Project, VoteType

IntArray = npt.NDArray[Any]


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


def read_clean_votes(
    block: str,
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
    block = block.rstrip("\n")
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
