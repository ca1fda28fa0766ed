"""A process in voting with one sub-budget per ballot type, for the ballot-type tests.

Sub-budgets (money in kopiykas), three admitted projects each, numbered in this order:
- 0 «Малі проєкти», one project (size): №1 300k, №2 200k, №3 350k UAH of 1M;
- 1 «Великі проєкти», one project (size): №4 1.5M, №5 900k, №6 600k UAH of 2M;
- 2 «Бали», cumulative, 10 points, at most 5 on one: №7 500k, №8 400k, №9 300k UAH of 1M;
- 3 «Рейтинг», the top 3: №10 600k, №11 500k, №12 400k UAH of 1M.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from hromada.accounts.models import User
from hromada.budgeting import actions
from hromada.budgeting.models import Process, Project, SubBudget
from tests.factories import make_process, verified_resident

Rule = SubBudget.BallotRule
COSTS = [
    [30_000_000, 20_000_000, 35_000_000],
    [150_000_000, 90_000_000, 60_000_000],
    [50_000_000, 40_000_000, 30_000_000],
    [60_000_000, 50_000_000, 40_000_000],
]


def typed_process(community: Any, author: User, phase: str = "voting", **fields: Any) -> Process:
    process = make_process(community, phase=phase, **fields)
    small, large = process.sub_budgets.all()
    SubBudget.objects.filter(pk=small.pk).update(ballot_rule=Rule.CHOOSE_ONE, max_choices=None)
    SubBudget.objects.filter(pk=large.pk).update(ballot_rule=Rule.CHOOSE_ONE)
    SubBudget.objects.create(
        process=process, name="Бали", kind=SubBudget.Kind.THEME, amount=100_000_000,
        max_cost=60_000_000, ballot_rule=Rule.CUMULATIVE, points_total=10,
        points_per_project=5, position=2,
    )  # fmt: skip
    SubBudget.objects.create(
        process=process, name="Рейтинг", kind=SubBudget.Kind.THEME, amount=100_000_000,
        max_cost=60_000_000, ballot_rule=Rule.RANKING, max_choices=3, position=3,
    )  # fmt: skip
    number = 0
    for sub_budget, costs in zip(process.sub_budgets.all(), COSTS, strict=True):
        for cost in costs:
            number += 1
            Project.objects.create(
                process=process, sub_budget=sub_budget, number=number, author=author,
                title=f"Проєкт {number}", description="Опис проєкту", cost=cost,
                location="Парк", status=Project.Status.ADMITTED, submitted_at=timezone.now(),
            )  # fmt: skip
    return process


def sub_budget(process: Process, index: int) -> SubBudget:
    return list(process.sub_budgets.all())[index]


def by_number(process: Process) -> dict[int, Project]:
    return {p.number: p for p in Project.objects.filter(process=process)}


def marked(
    process: Process, index: int, marks: dict[int, int] | list[int]
) -> tuple[dict[int, list[int]], dict[int, int]]:
    """A ballot in one sub-budget: project numbers (ticks) or {number: points or place}."""
    projects = by_number(process)
    numbers = list(marks)
    choices = {sub_budget(process, index).pk: [projects[n].pk for n in numbers]}
    if isinstance(marks, dict):
        return choices, {projects[n].pk: mark for n, mark in marks.items()}
    return choices, {}


def cast_many(
    process: Process, community: Any, index: int, ballots: Sequence[dict[int, int] | list[int]]
) -> None:
    for ballot in ballots:
        actions.cast_ballot(verified_resident(community), process, *marked(process, index, ballot))
