"""Positional points of ordinal ballots: a place earns points, the first the most.

Pabulib's ordinal files carry each project's points in the PROJECTS `score` column and the
greedy rule funds by it (Kraków), but a score column alone cannot be checked. A file whose META
has ``ordinal_points`` = N (not a Pabulib key; Hromada's exports write it) says how the score was
counted: on every ballot the first place earns N points, the second N-1, ... the N-th one point
and later places none. :func:`with_positional_scores` recounts the column from the ballots, so
``check`` recomputes the winners from the votes themselves, and :func:`score_mismatches` names
the projects whose published score differs from the recount.
"""

from __future__ import annotations

from dataclasses import replace

from hromada.pb.model import Election

POINTS_KEY = "ordinal_points"


def places_of(election: Election) -> int | None:
    """META ``ordinal_points`` as a positive int, or None when absent (ValueError if malformed)."""
    text = election.meta.get(POINTS_KEY, "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) < 1:
        raise ValueError(f"META {POINTS_KEY} must be a positive whole number, not {text!r}")
    return int(text)


def positional_scores(election: Election, places: int) -> dict[str, int]:
    """Each project's points: ``places`` for a first place, one less for each place below."""
    scores = {p.id: 0 for p in election.projects}
    for ballot in election.ballots:
        for index, pid in enumerate(ballot):
            if index >= places:
                break
            if pid in scores:
                scores[pid] += places - index
    return scores


def with_positional_scores(election: Election) -> Election:
    """The election with its score column recounted from the ballots, when META says how."""
    places = places_of(election) if election.vote_type == "ordinal" else None
    if places is None:
        return election
    scores = positional_scores(election, places)
    projects = [replace(p, score=scores[p.id]) for p in election.projects]
    return replace(election, projects=projects)


def score_mismatches(election: Election) -> list[str]:
    """Projects whose file score differs from the points their ballots give them."""
    recounted = with_positional_scores(election)
    return [
        ours.id
        for ours, theirs in zip(recounted.projects, election.projects, strict=True)
        if ours.score != theirs.score
    ]
