"""Winners of a process, computed per sub-budget by the engine in `hromada.pb`.

Each sub-budget runs its own rule (winner_rules.py). The engine sees exactly the election the
published `.pb` file holds: projects by public number, money in hryvnias, the process's tie rule
in META. So `python -m hromada.pb check` on the published file reproduces what the page shows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hromada import pb
from hromada.budgeting import ballot_types, winner_rules
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.budgeting.selectors import published_ballots_by_sub_budget
from hromada.pb.model import Ballot as EngineBallot
from hromada.pb.ordinal import with_positional_scores


@dataclass
class ResultRow:
    project: Project
    votes: int
    selected: bool
    rank: int | None  # order of selection among winners
    explanation: dict[str, Any]
    reason: str = ""  # why it won or lost, in the rule's own terms (winner_rules.explain_row)
    # Cumulative and ranking ballots: the project's points, which decide; votes = ballots with any.
    points: int | None = None


@dataclass
class SubBudgetResult:
    sub_budget: SubBudget
    rows: list[ResultRow]
    spent: int
    ballots: int
    # Each tie as the project ids in the order the process's rule put them, and the rule's name.
    tie_orders: list[list[int]] = field(default_factory=list)
    tie_rule: str = ""
    # Equal shares only: the project numbers plain greedy by votes would have chosen.
    greedy_selected: list[int] | None = None
    file_sha256: str = ""  # of the published `.pb` file, once stored
    voter_budget: Any = None  # equal shares: each voter's final share (hryvnias, exact)

    @property
    def left(self) -> int:
        return self.sub_budget.amount - self.spent

    @property
    def has_points(self) -> bool:
        """Cumulative and ranking ballots: points, not votes, decide (a column of their own)."""
        return any(row.points is not None for row in self.rows)

    @property
    def winners(self) -> list[ResultRow]:
        return [row for row in self.rows if row.selected]

    @property
    def rule_label(self) -> str:
        return str(self.sub_budget.get_winner_rule_display())

    @property
    def rule_text(self) -> str:
        return winner_rules.rule_description(self.sub_budget)

    @property
    def is_mes(self) -> bool:
        return self.sub_budget.winner_rule == SubBudget.WinnerRule.MES

    @property
    def greedy_rows(self) -> list[ResultRow]:
        """The projects greedy would have funded, in number order."""
        chosen = set(self.greedy_selected or [])
        return sorted(
            (row for row in self.rows if row.project.number in chosen),
            key=lambda row: row.project.number,
        )

    @property
    def shares(self) -> str:
        if not self.is_mes:
            return ""
        return winner_rules.mes_shares(self.ballots, self.sub_budget.amount, self.voter_budget)

    @property
    def differences(self) -> list[str]:
        if self.greedy_selected is None:
            return []
        titles = project_titles(row.project for row in self.rows)
        mes = [str(row.project.number) for row in sorted(self.winners, key=_rank)]
        return winner_rules.mes_difference(mes, [str(n) for n in self.greedy_selected], titles)

    @property
    def ties(self) -> list[str]:
        number = {row.project.pk: row.project.number for row in self.rows}
        return [
            _(
                "Проєкти %(projects)s були рівні за цим правилом; порядок визначено "
                "правилом «%(rule)s»."
            )
            % {
                "projects": ", ".join(f"№{number[pid]}" for pid in order if pid in number),
                "rule": self.tie_rule,
            }
            for order in self.tie_orders
        ]


def _rank(row: ResultRow) -> int:
    return row.rank or 0


def project_titles(projects: Any) -> dict[str, str]:
    return {str(p.number): f"№{p.number} «{p.title}»" for p in projects}


def published_tie_breaking(process: Process) -> pb.TieBreaking:
    """The process's tie rule in terms of public project numbers, as the `.pb` file lists them.

    Projects are listed in number (= submission) order, so "earlier submission wins" is the
    file's order; a lottery draws on the numbers with the published seed.
    """
    if process.tie_breaking == Process.TieBreaking.MIN_COST:
        return pb.TieBreaking("min-cost")
    if process.tie_breaking == Process.TieBreaking.LOTTERY:
        return pb.TieBreaking("lottery", seed=process.lottery_seed or process.slug)
    return pb.TieBreaking("file-order")


SEED_SHOWN_FROM = "counting"


def lottery_disclosure(process: Process, phase_key: str) -> dict[str, str]:
    """What the public sees of the lottery seed: its SHA-256 until counting starts (so it cannot
    be chosen after the ballots are known, yet nobody can redo the draw early), then the seed."""
    from hromada.budgeting.phases import PHASES

    if process.tie_breaking != Process.TieBreaking.LOTTERY:
        return {}
    seed = published_tie_breaking(process).seed or ""
    order = [phase.key for phase in PHASES]
    shown = order.index(phase_key) >= order.index(SEED_SHOWN_FROM)
    return {
        "seed": seed if shown else "",
        "seed_sha256": hashlib.sha256(seed.encode()).hexdigest(),
    }


Marked = list[tuple[int, int | None]]  # one ballot in one sub-budget: (project id, mark)
Ballots = dict[int, dict[str, Marked]]  # per sub-budget, each ballot by its published id


def admitted_projects(sub_budget: SubBudget) -> list[Project]:
    return list(sub_budget.projects.filter(status=Project.Status.ADMITTED).order_by("number"))


def numbered_ballots(
    sub_budget: SubBudget, projects: list[Project], ballots: dict[str, Marked]
) -> list[tuple[str, EngineBallot]]:
    """Non-empty ballots by published id (in id order) as the file writes them: public project
    numbers, ascending, or best first on a ranking ballot; points where the ballot has them."""
    number_of = {p.pk: p.number for p in projects}
    rows = []
    for voter_id, marked in sorted(ballots.items()):
        entries = [(number_of[pid], mark) for pid, mark in marked if pid in number_of]
        if entries:
            rows.append((voter_id, ballot_types.engine_ballot(sub_budget.ballot_rule, entries)))
    return rows


def election_for(
    process: Process, sub_budget: SubBudget, projects: list[Project], ballots: list[EngineBallot]
) -> pb.Election:
    """The sub-budget as the engine (and the published file) sees it."""
    setup = winner_rules.setup_for(process, sub_budget)
    meta = {
        "rule": setup.pabulib_rule,
        # Not a Pabulib key (extra keys are allowed): how a tie was settled, so that
        # `python -m hromada.pb check` reproduces the result. A lottery names its seed.
        "tie_breaking": published_tie_breaking(process).describe(),
        **setup.meta,
        **ballot_types.engine_meta(sub_budget),
    }
    election = pb.Election(
        budget=winner_rules.uah(sub_budget.amount),
        projects=[
            pb.Project(id=str(p.number), cost=winner_rules.uah(p.cost), name=p.title)
            for p in projects
        ],
        ballots=ballots,
        vote_type=ballot_types.vote_type(sub_budget),
        meta=meta,
    )
    # A ranking's points go in the score column, counted from the ballots as `check` counts them.
    return with_positional_scores(election)


def outcome_for(process: Process, sub_budget: SubBudget, election: pb.Election) -> pb.Outcome:
    setup = winner_rules.setup_for(process, sub_budget)
    return winner_rules.run_rule(election, setup, published_tie_breaking(process))


def result_from_outcome(
    process: Process,
    sub_budget: SubBudget,
    projects: list[Project],
    election: pb.Election,
    outcome: pb.Outcome,
) -> SubBudgetResult:
    votes = {str(p.number): 0 for p in projects}
    for ballot in election.ballots:
        for number in ballot:
            votes[number] += 1
    points = ballot_types.project_points(election)
    rank = {number: i + 1 for i, number in enumerate(outcome.selected)}
    rows = [
        ResultRow(
            project=project,
            votes=votes[str(project.number)],
            selected=str(project.number) in rank,
            rank=rank.get(str(project.number)),
            explanation=outcome.explanations.get(str(project.number), {}),
            points=None if points is None else points[str(project.number)],
        )
        for project in projects
    ]
    # Greedy: the order in which the rule considered the projects. Equal shares: winners in
    # the order of their rounds, then the rest by votes.
    # Projects a threshold dropped before the walk come last.
    last = 10**9
    rows.sort(key=lambda row: (row.explanation.get("rank") or last, row.rank or last, -row.votes))
    by_number = {str(p.number): p.pk for p in projects}
    tie_orders = [
        [by_number[n] for n in (tie.get("order") or tie.get("projects") or []) if n in by_number]
        for tie in outcome.ties
    ]
    greedy = None
    if sub_budget.winner_rule == SubBudget.WinnerRule.MES:
        selected = winner_rules.greedy_comparison(election, published_tie_breaking(process))
        greedy = [int(n) for n in selected]
    result = SubBudgetResult(
        sub_budget,
        rows,
        sum(row.project.cost for row in rows if row.selected),
        len(election.ballots),
        tie_orders,
        process.get_tie_breaking_display(),
        greedy,
        voter_budget=outcome.details.get("voter_budget"),
    )
    explain(result)
    return result


def explain(result: SubBudgetResult) -> None:
    """Word every row's reason in the active language."""
    titles = project_titles(row.project for row in result.rows)
    rule = result.sub_budget.winner_rule
    for row in result.rows:
        row.reason = winner_rules.explain_row(
            rule, row.explanation, row.selected, titles, row.votes
        )


def compute_sub_budget(
    process: Process, sub_budget: SubBudget, ballots: Ballots | None = None
) -> SubBudgetResult:
    if ballots is None:
        ballots = published_ballots_by_sub_budget(process)
    projects = admitted_projects(sub_budget)
    rows = numbered_ballots(sub_budget, projects, ballots.get(sub_budget.pk, {}))
    election = election_for(process, sub_budget, projects, [ballot for _voter, ballot in rows])
    outcome = outcome_for(process, sub_budget, election)
    return result_from_outcome(process, sub_budget, projects, election, outcome)


def compute_results(process: Process) -> list[SubBudgetResult]:
    ballots = published_ballots_by_sub_budget(process)
    return [compute_sub_budget(process, sb, ballots) for sb in process.sub_budgets.all()]
