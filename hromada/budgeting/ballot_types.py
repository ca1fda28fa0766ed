"""The ballot of a sub-budget: what a voter may mark, how it is checked, counted and published.

Each sub-budget names one ballot rule (SubBudget.ballot_rule):

- `approval`: up to K projects; `knapsack`: any projects whose costs fit the sub-budget's sum;
- `choose_one`: one project. A process whose sub-budgets are themes gives "one per category"; one
  whose sub-budgets are sizes gives "one large + one small", as Ukrainian regulations word it
  (a voter may leave a sub-budget empty; two projects in one are refused);
- `cumulative`: P points spread over projects, at most M on one (Pabulib `cumulative`);
- `ranking`: places 1..N for the N projects the voter likes best; place 1 earns N points, place
  2 N-1, ... place N one point (Borda-style), and projects are funded by points (Pabulib
  `ordinal`, the points in the `score` column; META `ordinal_points` = N lets
  `python -m hromada.pb check` recount them from the ballots).

A mark is the points (cumulative) or the place (ranking) of a chosen project; the other rules
have none. Messages say which rule was broken and what to change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada import pb
from hromada.budgeting.models import Project, SubBudget
from hromada.core.money import format_uah
from hromada.pb.model import Ballot as EngineBallot
from hromada.pb.model import VoteType
from hromada.pb.ordinal import POINTS_KEY

Rule = SubBudget.BallotRule
MARKED = frozenset({Rule.CUMULATIVE, Rule.RANKING})


def damaged() -> str:
    return _("Бюлетень пошкоджено. Оновіть сторінку і спробуйте ще раз.")


def ballot_problem(
    sub_budget: SubBudget, projects: Sequence[Project], marks: Mapping[int, int]
) -> str | None:
    """Why this sub-budget's part of a ballot is refused, or None. `projects` are the chosen
    ones (at least one), `marks` their points or places."""
    rule = sub_budget.ballot_rule
    marked = [p.pk in marks for p in projects]
    if not all(marked) if rule in MARKED else any(marked):
        return damaged()  # points on a ticks ballot, or a tick on a points ballot: forged
    if rule == Rule.APPROVAL:
        return _too_many(sub_budget, len(projects))
    if rule == Rule.KNAPSACK:
        return _over_budget(sub_budget, projects)
    if rule == Rule.CHOOSE_ONE:
        if len(projects) == 1:
            return None
        return _(
            "У підбюджеті «%(sb)s» можна обрати лише один проєкт, а обрано %(n)s. "
            "Залиште одну позначку."
        ) % {"sb": sub_budget.name, "n": len(projects)}
    if rule == Rule.CUMULATIVE:
        return _points_problem(sub_budget, projects, marks)
    return _ranking_problem(sub_budget, projects, marks)


def _too_many(sub_budget: SubBudget, chosen: int) -> str | None:
    limit = sub_budget.max_choices or 0
    if chosen <= limit:
        return None
    return ngettext(
        "У підбюджеті «%(sb)s» можна обрати не більше %(k)s проєкту.",
        "У підбюджеті «%(sb)s» можна обрати не більше %(k)s проєктів.",
        limit,
    ) % {"sb": sub_budget.name, "k": limit}


def _over_budget(sub_budget: SubBudget, projects: Sequence[Project]) -> str | None:
    total = sum(project.cost for project in projects)
    if total <= sub_budget.amount:
        return None
    return _(
        "Обрані проєкти в підбюджеті «%(sb)s» коштують %(total)s — на %(over)s більше, "
        "ніж його сума %(amount)s. Зніміть позначку з якогось проєкту."
    ) % {
        "sb": sub_budget.name,
        "total": format_uah(total),
        "over": format_uah(total - sub_budget.amount),
        "amount": format_uah(sub_budget.amount),
    }


def _points_problem(
    sub_budget: SubBudget, projects: Sequence[Project], marks: Mapping[int, int]
) -> str | None:
    most, total = sub_budget.points_per_project or 0, sub_budget.points_total or 0
    for project in projects:
        if marks[project.pk] > most:
            return ngettext(
                "У підбюджеті «%(sb)s» одному проєкту можна дати не більше %(m)s бала, а "
                "проєкту №%(number)s дано %(p)s. Зменшіть його бали.",
                "У підбюджеті «%(sb)s» одному проєкту можна дати не більше %(m)s балів, а "
                "проєкту №%(number)s дано %(p)s. Зменшіть його бали.",
                most,
            ) % {"sb": sub_budget.name, "m": most, "number": project.number, "p": marks[project.pk]}
    used = sum(marks[project.pk] for project in projects)
    if used <= total:
        return None
    return ngettext(
        "У підбюджеті «%(sb)s» можна розподілити %(total)s бал, а розподілено %(used)s — "
        "на %(over)s більше. Зменшіть бали якогось проєкту.",
        "У підбюджеті «%(sb)s» можна розподілити %(total)s балів, а розподілено %(used)s — "
        "на %(over)s більше. Зменшіть бали якогось проєкту.",
        total,
    ) % {"sb": sub_budget.name, "total": total, "used": used, "over": used - total}


def _ranking_problem(
    sub_budget: SubBudget, projects: Sequence[Project], marks: Mapping[int, int]
) -> str | None:
    places = sub_budget.max_choices or 0
    given = sorted(marks[project.pk] for project in projects)
    if given[-1] > places:
        return ngettext(
            "У підбюджеті «%(sb)s» можна розставити лише %(n)s місце, а вказано місце "
            "%(rank)s. Залиште місця від 1 до %(n)s.",
            "У підбюджеті «%(sb)s» можна розставити лише %(n)s місць, а вказано місце "
            "%(rank)s. Залиште місця від 1 до %(n)s.",
            places,
        ) % {"sb": sub_budget.name, "n": places, "rank": given[-1]}
    for expected, rank in enumerate(given, start=1):
        if rank < expected:
            return _(
                "У підбюджеті «%(sb)s» місце %(rank)s дано кільком проєктам. Кожне місце — "
                "лише одному проєкту."
            ) % {"sb": sub_budget.name, "rank": rank}
        if rank > expected:
            return _(
                "У підбюджеті «%(sb)s» місця йдуть підряд від 1, а місце %(rank)s пропущено. "
                "Поставте проєкт на місце %(rank)s або зсуньте нижчі місця вгору."
            ) % {"sb": sub_budget.name, "rank": expected}
    return None


def choice_fields(rule: str, mark: int | None) -> dict[str, int | None]:
    """The BallotChoice columns that keep a chosen project's mark."""
    if rule == Rule.CUMULATIVE:
        return {"points": mark}
    if rule == Rule.RANKING:
        return {"rank": mark}
    return {}


# How the engine and the published file see a ballot.


def vote_type(sub_budget: SubBudget) -> VoteType:
    rule = sub_budget.ballot_rule
    if rule == Rule.CHOOSE_ONE:
        return "choose-1"
    if rule == Rule.CUMULATIVE:
        return "cumulative"
    if rule == Rule.RANKING:
        return "ordinal"
    return "approval"


def engine_ballot(rule: str, entries: Sequence[tuple[int, int | None]]) -> EngineBallot:
    """One ballot's (project number, mark) pairs as the engine takes it: numbers ascending (a
    points ballot keeps that order among equal points), a ranking best first."""
    ordered = sorted(entries)
    if rule == Rule.CUMULATIVE:
        return {str(number): mark or 0 for number, mark in ordered}
    if rule == Rule.RANKING:
        return [str(number) for number, _mark in sorted(ordered, key=lambda e: e[1] or 0)]
    return [str(number) for number, _mark in ordered]


def vote_cells(ballot: EngineBallot) -> list[str]:
    """The `vote` (and for points, the `points`) cell of the ballot's line in the `.pb` file,
    in the order hromada.pb's writer puts them."""
    if isinstance(ballot, Mapping):
        ordered = sorted(ballot.items(), key=lambda item: -item[1])
        return [",".join(k for k, _v in ordered), ",".join(str(v) for _k, v in ordered)]
    return [",".join(ballot)]


def pabulib_meta(sub_budget: SubBudget, budget: Any) -> dict[str, str]:
    """The META keys that state the ballot's limits (Pabulib names; `ordinal_points` is ours)."""
    rule = sub_budget.ballot_rule
    if rule == Rule.APPROVAL and sub_budget.max_choices:
        return {"max_length": str(sub_budget.max_choices)}
    if rule == Rule.CHOOSE_ONE:
        return {"min_length": "1", "max_length": "1"}
    if rule == Rule.CUMULATIVE:
        return {
            "max_sum_points": str(sub_budget.points_total),
            "max_points": str(sub_budget.points_per_project),
        }
    if rule == Rule.RANKING:
        return {"max_length": str(sub_budget.max_choices), POINTS_KEY: str(sub_budget.max_choices)}
    return {"max_sum_cost": str(budget)}


def engine_meta(sub_budget: SubBudget) -> dict[str, str]:
    """META the engine itself needs: how a ranking's places earn points."""
    if sub_budget.ballot_rule == Rule.RANKING:
        return {POINTS_KEY: str(sub_budget.max_choices)}
    return {}


def project_points(election: pb.Election) -> dict[str, int] | None:
    """Each project's points (cumulative: their sum; ranking: N for a first place, N-1 for a
    second...), or None for a ballot without points."""
    if election.vote_type == "cumulative":
        points = {p.id: 0 for p in election.projects}
        for ballot in election.ballots:
            for pid, value in dict(ballot).items():  # type: ignore[arg-type]
                points[pid] += int(value)
        return points
    if election.vote_type == "ordinal":
        return {p.id: int(p.score or 0) for p in election.projects}
    return None


# The ballot form, online and at a paper-ballot desk.


@dataclass
class FormLine:
    project: Project
    checked: bool
    mark: int | None  # points or place shown back after a refusal


@dataclass
class FormGroup:
    sub_budget: SubBudget
    lines: list[FormLine]
    places: list[int]  # a ranking's places 1..N, no more than there are projects

    @property
    def any_checked(self) -> bool:
        return any(line.checked for line in self.lines)

    @property
    def limit(self) -> int:
        """What the live counter counts down from."""
        rule = self.sub_budget.ballot_rule
        if rule == Rule.KNAPSACK:
            return self.sub_budget.amount
        if rule == Rule.CUMULATIVE:
            return self.sub_budget.points_total or 0
        if rule == Rule.CHOOSE_ONE:
            return 1
        if rule == Rule.RANKING:
            return len(self.places)
        return self.sub_budget.max_choices or 0


def form_groups(
    groups: Sequence[tuple[SubBudget, list[Project]]],
    chosen: set[int] | None = None,
    marks: Mapping[int, int] | None = None,
) -> list[FormGroup]:
    chosen, marks = chosen or set(), marks or {}
    return [
        FormGroup(
            sub_budget,
            [FormLine(p, p.pk in chosen, marks.get(p.pk)) for p in projects],
            list(range(1, min(sub_budget.max_choices or 0, len(projects)) + 1))
            if sub_budget.ballot_rule == Rule.RANKING
            else [],
        )
        for sub_budget, projects in groups
    ]
