"""The permission matrix of supporters, review and appeals: personas × actions × phases.
Each cell is one real action call on a process that collects supporters."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from hromada.accounts.models import User
from hromada.budgeting import actions, actions_appeals, actions_support
from hromada.budgeting.models import Appeal, Process, Project, ProjectSupport
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import rnokpp_with_check_digit
from tests.budgeting.conftest import move_with_support, submit, support_process
from tests.conftest import PERSONA_NAMES, Personas
from tests.factories import staff, verified_resident

pytestmark = pytest.mark.django_db

PHASES = ["submission", "support", "review", "voting"]
# The shared personas (the author is `resident`) and three more this area needs.
PERSONAS = [*PERSONA_NAMES, "neighbour", "under_age", "appeals"]


def _people(p: Personas) -> dict[str, User]:
    people = {name: getattr(p, name) for name in PERSONA_NAMES}
    people["neighbour"] = verified_resident(p.community, email="neighbour@example.org")
    people["under_age"] = verified_resident(
        p.community, email="teen@example.org", birth_year=timezone.localdate().year - 13
    )
    people["appeals"] = staff(p.community, StaffRole.Role.APPEALS, email="appeals@example.org")
    return people


def _support(project: Project, who: User, n: int) -> object:
    return actions_support.support_project(who, project)


def _paper(project: Project, who: User, n: int) -> object:
    identifier = rnokpp_with_check_digit(f"2{n:08d}")
    return actions_support.enter_paper_support(who, project, identifier=identifier, birth_year=1980)


def _review(project: Project, who: User, n: int) -> object:
    return actions.review_project(who, project, decision="admit")


def _appeal(project: Project, who: User, n: int) -> object:
    return actions_appeals.appeal_rejection(who, project, text="Ділянка комунальна: витяг додано.")


def _decide(project: Project, who: User, n: int) -> object:
    appeal = project.appeals.get(decision=Appeal.Decision.PENDING)
    return actions_appeals.decide_appeal(who, appeal, decision="admit", reason="Витяг переконав.")


ACTIONS: dict[str, Callable[[Project, User, int], object]] = {
    "support": _support,
    "paper_support": _paper,
    "review": _review,
    "appeal": _appeal,
    "decide_appeal": _decide,
}
ALLOWED = {
    "support": ({"neighbour"}, {"submission", "support"}),
    "paper_support": ({"operator", "admin"}, {"submission", "support"}),
    "review": ({"reviewer", "admin"}, {"review"}),
    "appeal": ({"resident"}, {"review"}),
    "decide_appeal": ({"appeals"}, {"review"}),
}


def _prepare(process: Process, project: Project, action: str, p: Personas) -> None:
    """Bring the project to the state the action needs, through the actions themselves."""
    actions_support.enter_paper_support(
        p.operator, project, identifier=rnokpp_with_check_digit("399999999"), birth_year=1970
    )
    if action in {"appeal", "decide_appeal"}:
        move_with_support(process, "review")
        actions.review_project(
            p.reviewer, project, decision="reject", comment="Земля не комунальна.", ground="land"
        )
    if action == "decide_appeal":
        actions_appeals.appeal_rejection(p.resident, project, text="Ділянка комунальна.")


def _reset(project: Project, action: str) -> None:
    """Undo a successful cell so that the next persona meets the same state."""
    if action == "support":
        ProjectSupport.objects.filter(project=project, channel="online").delete()
    elif action == "review":
        Project.objects.filter(pk=project.pk).update(status=Project.Status.SUBMITTED)
    elif action == "appeal":
        Appeal.objects.filter(project=project).delete()
    elif action == "decide_appeal":
        Appeal.objects.filter(project=project).update(decision=Appeal.Decision.PENDING)
        Project.objects.filter(pk=project.pk).update(status=Project.Status.REJECTED)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("phase", PHASES)
def test_matrix(personas: Personas, action: str, phase: str) -> None:
    people = _people(personas)
    process = support_process(personas.community, "submission", required=1)
    project = submit(process, personas.resident)
    _prepare(process, project, action, personas)
    move_with_support(process, phase)
    who_may, when = ALLOWED[action]
    for n, name in enumerate(PERSONAS):
        fresh = Project.objects.select_related("process").get(pk=project.pk)
        expected = name in who_may and phase in when
        try:
            ACTIONS[action](fresh, people[name], n)
            done = True
        except ActionRefused:
            done = False
        assert done == expected, f"{name} {action} in {phase}: expected {expected}"
        if done:
            _reset(project, action)


def test_an_idp_with_a_confirmed_certificate_supports_like_any_verified_resident(
    personas: Personas,
) -> None:
    """A confirmed residence basis (IDP certificate) makes a verified resident today."""
    from hromada.accounts.models import ResidenceClaim, Verification

    idp = verified_resident(personas.community, email="idp@example.org")
    Verification.objects.filter(user=idp).update(method=Verification.Method.BASIS)
    ResidenceClaim.objects.create(
        user=idp,
        community=personas.community,
        basis=ResidenceClaim.Basis.IDP,
        status=ResidenceClaim.Status.CONFIRMED,
    )
    process = support_process(personas.community, "submission", required=1)
    project = submit(process, personas.resident)
    actions_support.support_project(idp, project)
    assert project.supports.count() == 1
