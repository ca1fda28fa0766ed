"""Turn a :class:`TieBreaking` choice into a total order on projects.

Every rule asks the same question — "which of these exactly tied projects goes first?" — so the
answer lives here once: a sort key per project index, smaller first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from hromada.pb.model import Number, TieBreaking


def lottery_ticket(seed: str, project_id: str) -> str:
    """The lottery draw for one project: SHA-256 of seed and id, hex.

    Drawing per project (rather than shuffling a list) means the draw of a project does not depend
    on which other projects exist, and anyone can recompute it with ``sha256sum``.
    """
    return hashlib.sha256(f"{seed}\n{project_id}".encode()).hexdigest()


def tie_keys(
    tie_breaking: TieBreaking,
    ids: Sequence[str],
    costs: Sequence[Number],
    votes: Sequence[int],
) -> list[tuple[object, ...]]:
    """One sort key per project (same order as ``ids``); the smallest key wins a tie.

    The key always ends with the id, so the order is total even when, say, two projects cost the
    same and have the same votes.
    """
    kind = tie_breaking.kind
    if kind == "lexicographic":
        return [(pid,) for pid in ids]
    if kind == "min-cost":
        return [(c, -v, pid) for pid, c, v in zip(ids, costs, votes, strict=True)]
    if kind == "lottery":
        seed = tie_breaking.seed or ""
        return [(lottery_ticket(seed, pid), pid) for pid in ids]
    if kind == "file-order":
        # ``ids`` are in the election's project order (see profile.compile_profile).
        return [(i, pid) for i, pid in enumerate(ids)]
    priority = {pid: i for i, pid in enumerate(tie_breaking.order or ())}
    unlisted = len(priority)
    return [(priority.get(pid, unlisted), pid) for pid in ids]


def tie_ranks(
    tie_breaking: TieBreaking,
    ids: Sequence[str],
    costs: Sequence[Number],
    votes: Sequence[int],
) -> list[int]:
    """Each project's position in the tie-breaking order (0 = wins every tie)."""
    keys = tie_keys(tie_breaking, ids, costs, votes)
    order = sorted(range(len(ids)), key=keys.__getitem__)
    ranks = [0] * len(ids)
    for rank, index in enumerate(order):
        ranks[index] = rank
    return ranks
