"""Winners of a process, computed per sub-budget by the engine in `hromada.pb`.

The platform's rule is greedy by votes: most votes first, a project that no longer fits is
skipped and the next one is tried. Ties follow the rule published on the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hromada import pb
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.budgeting.selectors import approvals_by_sub_budget
from hromada.core.money import format_uah


@dataclass
class ResultRow:
    project: Project
    votes: int
    selected: bool
    rank: int | None  # order of selection among winners
    explanation: dict[str, Any]

    @property
    def reason(self) -> str:
        """Why it won or lost, from the engine's explanation: the money left at its turn."""
        left = self.explanation.get("budget_left_before")
        if not isinstance(left, int):
            return ""
        if not self.selected and self.explanation.get("reason", "").startswith("votes below"):
            return _("Набрав менше голосів, ніж потрібно для перемоги.")
        if self.selected:
            return _("Коли дійшла черга, залишалося %(left)s — проєкт вмістився.") % {
                "left": format_uah(left)
            }
        return _("Коли дійшла черга, залишалося лише %(left)s — проєкт не вмістився.") % {
            "left": format_uah(left)
        }


@dataclass
class SubBudgetResult:
    sub_budget: SubBudget
    rows: list[ResultRow]
    spent: int
    ballots: int
    # Each tie as the project ids in the order the process's rule put them, and the rule's name.
    tie_orders: list[list[int]] = field(default_factory=list)
    tie_rule: str = ""

    @property
    def left(self) -> int:
        return self.sub_budget.amount - self.spent

    @property
    def winners(self) -> list[ResultRow]:
        return [row for row in self.rows if row.selected]

    @property
    def ties(self) -> list[str]:
        number = {row.project.pk: row.project.number for row in self.rows}
        return [
            _("Проєкти %(projects)s мали порівну голосів; порядок визначено правилом «%(rule)s».")
            % {
                "projects": ", ".join(f"№{number[pid]}" for pid in order if pid in number),
                "rule": self.tie_rule,
            }
            for order in self.tie_orders
        ]


def published_tie_breaking(process: Process) -> pb.TieBreaking:
    """The process's tie rule in terms of public project numbers, as the `.pb` export lists them.

    The export writes it into META ``tie_breaking`` so that ``python -m hromada.pb check``
    reproduces the result, ties included. Projects are exported in number (= submission) order,
    so "earlier submission wins" is the file's order.
    """
    if process.tie_breaking == Process.TieBreaking.MIN_COST:
        return pb.TieBreaking("min-cost")
    if process.tie_breaking == Process.TieBreaking.LOTTERY:
        return pb.TieBreaking("lottery", seed=process.lottery_seed or process.slug)
    return pb.TieBreaking("file-order")


def tie_breaking_for(process: Process, projects: list[Project]) -> pb.TieBreaking:
    """:func:`published_tie_breaking` for the engine, whose project ids are database ids."""
    published = published_tie_breaking(process)
    if published.kind == "min-cost":
        return published
    if published.kind == "lottery":
        # The draw is over public numbers, so anyone can redo it from the exported file.
        seed = published.seed or ""
        ordered = sorted(projects, key=lambda p: (pb.lottery_ticket(seed, str(p.number)), p.number))
    else:
        # Earlier submission first: numbers are given in submission order.
        ordered = sorted(projects, key=lambda project: project.number)
    return pb.TieBreaking("order", order=[str(project.pk) for project in ordered])


Approvals = dict[int, list[list[int]]]


def election_for(sub_budget: SubBudget, approvals: Approvals) -> tuple[pb.Election, list[Project]]:
    """The sub-budget as an engine election; project ids are database ids as strings."""
    projects = list(sub_budget.projects.filter(status=Project.Status.ADMITTED).order_by("number"))
    ballots = approvals.get(sub_budget.pk, [])
    election = pb.Election(
        budget=sub_budget.amount,
        projects=[
            pb.Project(id=str(p.pk), cost=p.cost, name=p.title, categories=(sub_budget.name,))
            for p in projects
        ],
        ballots=[[str(project_id) for project_id in ballot] for ballot in ballots],
        vote_type="approval",
    )
    return election, projects


def compute_sub_budget(
    process: Process, sub_budget: SubBudget, approvals: Approvals | None = None
) -> SubBudgetResult:
    if approvals is None:
        approvals = approvals_by_sub_budget(process)
    election, projects = election_for(sub_budget, approvals)
    outcome = pb.compute(
        election,
        rule="greedy-threshold",
        sat="cost",
        threshold=process.min_votes,
        tie_breaking=tie_breaking_for(process, projects),
    )
    votes = {project.pk: 0 for project in projects}
    for ballot in election.ballots:
        for project_id in ballot:
            votes[int(project_id)] += 1
    rank = {int(project_id): i + 1 for i, project_id in enumerate(outcome.selected)}
    rows = [
        ResultRow(
            project=project,
            votes=votes[project.pk],
            selected=project.pk in rank,
            rank=rank.get(project.pk),
            explanation=outcome.explanations.get(str(project.pk), {}),
        )
        for project in projects
    ]
    # The order in which the rule considered the projects: most votes first, ties resolved.
    rows.sort(key=lambda row: row.explanation.get("rank", 0))
    spent = sum(row.project.cost for row in rows if row.selected)
    tie_orders = [[int(pid) for pid in tie.get("order", [])] for tie in outcome.ties]
    return SubBudgetResult(
        sub_budget,
        rows,
        spent,
        len(election.ballots),
        tie_orders,
        process.get_tie_breaking_display(),
    )


def compute_results(process: Process) -> list[SubBudgetResult]:
    approvals = approvals_by_sub_budget(process)
    return [compute_sub_budget(process, sb, approvals) for sb in process.sub_budgets.all()]
