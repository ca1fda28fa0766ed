"""The permission matrix: personas × actions × phases. Each cell is one real action call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hromada.budgeting import actions
from hromada.budgeting.models import Process, Project
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to, submit
from tests.conftest import PERSONA_NAMES, Personas
from tests.factories import make_process, verified_resident

PERSONAS = PERSONA_NAMES
PHASES = ["information", "submission", "review", "voting", "counting", "implementation"]


def _submit(p: Personas, process: Process, project: Project, who: Any) -> object:
    return submit(process, who)


def _review(p: Personas, process: Process, project: Project, who: Any) -> object:
    return actions.review_project(who, project, decision="admit")


def _vote(p: Personas, process: Process, project: Project, who: Any) -> object:
    return actions.cast_ballot(who, process, {project.sub_budget_id: [project.pk]})


def _implement(p: Personas, process: Process, project: Project, who: Any) -> object:
    return actions.update_implementation(who, project, status="in_progress", note="Тендер")


ACTIONS: dict[str, Callable[..., object]] = {
    "submit": _submit,
    "review": _review,
    "vote": _vote,
    "implement": _implement,
}
# Who may do what, and in which phases. Staff are not residents here, so they cannot vote.
ALLOWED = {
    "submit": ({"resident"}, {"submission"}),
    # Reviewers decide in review only (they used to admit during submission).
    "review": ({"reviewer", "admin"}, {"review"}),
    "vote": ({"resident"}, {"voting"}),
    "implement": ({"admin"}, {"implementation"}),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("phase", PHASES)
def test_matrix(personas: Personas, action: str, phase: str) -> None:
    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    if action in {"vote", "implement"}:
        move_to(process, "review")
        actions.review_project(personas.reviewer, project, decision="admit")
    if action == "implement":  # reports are kept for winners, and a winner needs a vote
        move_to(process, "voting")
        voter = verified_resident(personas.community)
        actions.cast_ballot(voter, process, {project.sub_budget_id: [project.pk]})
    move_to(process, phase)
    who_may, when = ALLOWED[action]
    for name in PERSONAS:
        fresh = Project.objects.get(pk=project.pk)
        expected = name in who_may and phase in when
        try:
            ACTIONS[action](personas, process, fresh, getattr(personas, name))
            done = True
        except ActionRefused:
            done = False
        assert done == expected, f"{name} {action} in {phase}: expected {expected}"
        if done and action == "review":
            Project.objects.filter(pk=project.pk).update(status=Project.Status.SUBMITTED)
