"""Submitting, reviewing and revising projects."""

from __future__ import annotations

from typing import Any

import pytest

from hromada.budgeting import actions
from hromada.budgeting.models import Project, ProjectStatusChange
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.factories import make_process


def test_submission_numbers_projects_and_starts_public_history(personas: Personas) -> None:
    process = make_process(personas.community)
    first = submit(process, personas.resident)
    second = submit(process, personas.resident, 1, 100_000_000)
    assert (first.number, second.number) == (1, 2)
    assert [c.status for c in first.history.all()] == [Project.Status.SUBMITTED]


@pytest.mark.parametrize(
    ("cost", "index"), [(40_000_001, 0), (0, 0), (150_000_001, 1)], ids=["over", "zero", "large"]
)
def test_cost_outside_sub_budget_limits_is_refused(
    personas: Personas, cost: int, index: int
) -> None:
    process = make_process(personas.community)
    with pytest.raises(ActionRefused, match="Вартість проєкту") as refused:
        submit(process, personas.resident, index, cost)
    assert refused.value.field == "cost"
    assert not Project.objects.exists()


def test_author_limit(personas: Personas) -> None:
    process = make_process(personas.community, max_projects_per_author=2)
    submit(process, personas.resident)
    submit(process, personas.resident)
    with pytest.raises(ActionRefused, match="не більше 2 проєктів"):
        submit(process, personas.resident)
    assert process.projects.count() == 2


@pytest.mark.parametrize("phase", ["information", "review", "voting", "implementation"])
def test_submission_outside_its_phase_is_refused(personas: Personas, phase: str) -> None:
    process = make_process(personas.community, phase=phase)
    with pytest.raises(ActionRefused, match="Подання проєктів"):
        submit(process, personas.resident)
    assert not Project.objects.exists()


def test_unverified_and_outsiders_cannot_submit(personas: Personas) -> None:
    process = make_process(personas.community)
    for person in (personas.newcomer, personas.outsider_resident):
        with pytest.raises(ActionRefused, match="ще не підтвердили"):
            submit(process, person)
    assert not Project.objects.exists()


def test_review_return_revise_admit(personas: Personas) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    move_to(process, "review")
    with pytest.raises(ActionRefused, match="Поясніть причину"):
        actions.review_project(personas.reviewer, project, decision="return")
    actions.review_project(
        personas.reviewer, project, decision="return", comment="Уточніть кошторис"
    )
    actions.revise_project(
        personas.resident,
        project,
        title="Лавки в парку (уточнено)",
        description="Двадцять лавок і кошторис з трьома пропозиціями постачальників.",
        cost=12_000_000,
        location="Парк",
    )
    actions.review_project(personas.reviewer, project, decision="admit")
    project.refresh_from_db()
    assert project.status == Project.Status.ADMITTED and project.cost == 12_000_000
    assert [(c.status, c.comment) for c in project.history.all()] == [
        ("submitted", ""),
        ("returned", "Уточніть кошторис"),
        ("submitted", "Доопрацьовано автором"),
        ("admitted", ""),
    ]


def test_decided_project_cannot_be_decided_again(personas: Personas) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(
        personas.reviewer, project, decision="reject", comment="Не комунальна земля", ground="land"
    )
    with pytest.raises(ActionRefused, match="стан"):
        actions.review_project(personas.reviewer, project, decision="admit")
    assert ProjectStatusChange.objects.filter(project=project).count() == 2


def test_only_the_author_revises_and_only_when_returned(personas: Personas) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    fields: dict[str, Any] = {
        "title": "Інше",
        "description": "Інший опис проєкту.",
        "cost": 1_000_000,
        "location": "X",
    }
    with pytest.raises(ActionRefused, match="повернутий на доопрацювання"):
        actions.revise_project(personas.resident, project, **fields)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="return", comment="Опис")
    with pytest.raises(ActionRefused, match="немає прав"):
        actions.revise_project(personas.newcomer, project, **fields)
    project.refresh_from_db()
    assert project.title == "Лавки в парку"
