"""The engine's plain data: projects, elections, tie-breaking choices and outcomes.

Everything here is immutable or JSON-friendly so the Django side can store an outcome as it is.
Money and points are exact (``int`` or ``fractions.Fraction``); floats never enter a decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

Number = int | Fraction
"""An exact amount: costs, budgets and points. Integral values are kept as ``int``."""

VoteType = Literal["approval", "choose-1", "cumulative", "ordinal", "scoring"]
VOTE_TYPES: tuple[VoteType, ...] = ("approval", "choose-1", "cumulative", "ordinal", "scoring")

Ballot = Sequence[str] | Mapping[str, Number]
"""A list of project ids (approval, choose-1, ordinal best first) or ``{id: points}``."""

JSONDict = dict[str, Any]


def normalise_number(value: Number) -> Number:
    """Return ``value`` as an ``int`` when it is integral, so equal amounts print the same."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value.numerator)
    return value


def number_to_json(value: Any) -> int | str:
    """An exact amount for JSON: an ``int`` when integral, else the string ``"p/q"``."""
    frac = Fraction(int(value.numerator), int(value.denominator))
    if frac.denominator == 1:
        return int(frac.numerator)
    return str(frac)


@dataclass(frozen=True)
class Project:
    """One project on the ballot.

    ``votes``, ``score`` and ``selected`` are the published columns of a Pabulib file (``None``
    when absent); the rules recount support from the ballots and use ``score`` only where a rule
    says so. ``fields`` keeps every other PROJECTS column verbatim so a file round-trips.
    """

    id: str
    cost: Number
    name: str = ""
    categories: tuple[str, ...] = ()
    votes: int | None = None
    score: Number | None = None
    selected: int | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Election:
    """A budget, its projects and the ballots cast.

    ``voters`` optionally holds one mapping per ballot with the VOTES columns other than the
    vote itself (``voter_id``, ``age``, ...), aligned with ``ballots``; the writer needs it to
    round-trip. ``warnings`` are the reader's ``file:line: message`` notes about faults it
    forgave (a project listed twice in a vote); they are not part of the election's identity.
    """

    budget: Number
    projects: Sequence[Project]
    ballots: Sequence[Ballot]
    vote_type: VoteType = "approval"
    meta: dict[str, str] = field(default_factory=dict)
    voters: Sequence[Mapping[str, str]] | None = None
    warnings: list[str] = field(default_factory=list, compare=False)

    def project(self, project_id: str) -> Project:
        """The project with this id (``KeyError`` if none)."""
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)


TieBreakingKind = Literal["lexicographic", "min-cost", "lottery", "order", "file-order"]


@dataclass(frozen=True)
class TieBreaking:
    """How to choose among projects that a rule finds exactly equal.

    * ``lexicographic``: smallest project id as a string (``'10' < '9'``), the pabutools default.
    * ``min-cost``: lowest cost, then most votes (equalshares.net and the Pabulib checker), then id.
    * ``lottery``: a shuffle drawn from ``seed``; anyone holding the seed can redo it.
    * ``order``: an explicit priority list of ids, earlier wins (unlisted ids come last, by id).
    * ``file-order``: the order of ``Election.projects`` (a Pabulib file's PROJECTS section, which
      lists projects in the official order), earlier wins.
    """

    kind: TieBreakingKind = "lexicographic"
    seed: str | None = None
    order: Sequence[str] | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("lexicographic", "min-cost", "lottery", "order", "file-order"):
            raise ValueError(f"unknown tie-breaking kind {self.kind!r}")
        if self.kind == "lottery" and not self.seed:
            raise ValueError("a lottery needs a published seed")
        if self.kind == "order" and self.order is None:
            raise ValueError("tie-breaking 'order' needs the list of project ids")

    @classmethod
    def parse(cls, text: str) -> TieBreaking:
        """``lexicographic``, ``min-cost``, ``file-order``, ``lottery:SEED`` or ``order:ID,ID``.

        The same text names a tie rule on the command line and in a Pabulib META
        ``tie_breaking`` key; ValueError says what is wrong.
        """
        text = text.strip()
        if text in ("lexicographic", "min-cost", "file-order"):
            return cls(text)  # type: ignore[arg-type]
        kind, _, rest = text.partition(":")
        if kind == "lottery" and rest:
            return cls("lottery", seed=rest)
        if kind == "order" and rest:
            return cls("order", order=[x.strip() for x in rest.split(",") if x.strip()])
        raise ValueError(
            f"invalid tie-breaking {text!r}: use lexicographic, min-cost, file-order, lottery:SEED"
            " or order:ID,ID"
        )

    def describe(self) -> str:
        """A short label for reports: ``lexicographic``, ``lottery:SEED``, ..."""
        if self.kind == "lottery":
            return f"lottery:{self.seed}"
        return self.kind

    def to_json(self) -> JSONDict:
        data: JSONDict = {"kind": self.kind}
        if self.seed is not None:
            data["seed"] = self.seed
        if self.order is not None:
            data["order"] = list(self.order)
        return data


@dataclass
class Outcome:
    """What a rule selected, and why.

    ``selected`` is in selection order; ``explanations`` has one JSON-able dict per project;
    ``ties`` lists every tie whose resolution changed what was selected or in which order.
    """

    rule: str
    selected: list[str]
    cost: Number
    budget: Number
    explanations: dict[str, JSONDict] = field(default_factory=dict)
    ties: list[JSONDict] = field(default_factory=list)
    details: JSONDict = field(default_factory=dict)

    def to_json(self) -> JSONDict:
        return {
            "rule": self.rule,
            "selected": list(self.selected),
            "cost": number_to_json(self.cost),
            "budget": number_to_json(self.budget),
            "details": self.details,
            "ties": self.ties,
            "explanations": self.explanations,
        }
