from __future__ import annotations

from typing import Any

import pytest

from hromada.accounts.models import User
from hromada.budgeting import actions
from hromada.budgeting.models import Process, Project
from hromada.demo.timeline import dates_for_phase, dates_with_support
from tests.conftest import Personas
from tests.factories import make_process


def submit(
    process: Process, author: User, sub_budget_index: int = 0, cost: int = 10_000_000, **kw: Any
) -> Project:
    sub_budget = list(process.sub_budgets.all())[sub_budget_index]
    return actions.submit_project(
        author,
        process,
        sub_budget_id=sub_budget.pk,
        title=kw.pop("title", "Лавки в парку"),
        description=kw.pop("description", "Поставити двадцять лавок уздовж алеї парку."),
        cost=cost,
        location="Центральний парк",
        **kw,
    )


def move_to(process: Process, phase: str) -> None:
    Process.objects.filter(pk=process.pk).update(**dates_for_phase(phase))
    process.refresh_from_db()


@pytest.fixture
def voting_process(personas: Personas) -> Process:
    """A process in voting with three admitted projects per sub-budget, built through actions.

    Small (approval, up to 2 of 3): 300k, 400k, 350k UAH of 1M. Large (knapsack, 2M): 1.5M, 900k,
    600k UAH.
    """
    process = make_process(personas.community, phase="submission", max_projects_per_author=10)
    specs = [(0, 30_000_000), (0, 40_000_000), (0, 35_000_000)]
    specs += [(1, 150_000_000), (1, 90_000_000), (1, 60_000_000)]
    projects = [
        submit(process, personas.resident, index, cost, title=f"Проєкт {i}")
        for i, (index, cost) in enumerate(specs, start=1)
    ]
    move_to(process, "review")  # reviewers decide only once submission has closed
    for project in projects:
        actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    return process


def projects_of(process: Process, sub_budget_index: int) -> list[Project]:
    sub_budget = list(process.sub_budgets.all())[sub_budget_index]
    return list(sub_budget.projects.order_by("number"))


def ballot(process: Process, small: list[Project], large: list[Project]) -> dict[int, list[int]]:
    small_sb, large_sb = list(process.sub_budgets.all())
    return {small_sb.pk: [p.pk for p in small], large_sb.pk: [p.pk for p in large]}


def support_process(community: Any, phase: str = "submission", required: int = 3) -> Process:
    """A process that collects `required` supporters per project, placed in `phase`."""
    fields: dict[str, Any] = {"max_projects_per_author": 10, "supporters_required": required}
    fields.update(dates_with_support(phase))
    return make_process(community, **fields)


def move_with_support(process: Process, phase: str) -> None:
    Process.objects.filter(pk=process.pk).update(**dates_with_support(phase))
    process.refresh_from_db()
