"""The permission matrix of the regulation (issue #10): personas × actions × phases.

Each cell is one real action call on a process that collects supporters, in a sub-budget only
for residents of one settlement («Черешневе»). The personas are the shared ones (the author is
`resident`) and five more: a neighbour and an IDP whose confirmed certificate is for
Черешневе, a resident of another settlement of the same community, a thirteen-year-old, and a
member of the appeals commission."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from hromada.accounts.models import ResidenceBasis, User, Verification
from hromada.budgeting import actions, actions_appeals, actions_support
from hromada.budgeting.models import Appeal, Process, Project, ProjectSupport, SubBudget
from hromada.communities.models import Settlement, StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import rnokpp_with_check_digit
from hromada.demo.timeline import dates_with_support
from tests.budgeting.conftest import move_with_support, submit, support_process
from tests.conftest import PERSONA_NAMES, Personas
from tests.factories import SettlementFactory, staff, verified_resident

pytestmark = pytest.mark.django_db

PHASES = ["submission", "support", "review", "ballot", "voting"]
PERSONAS = [*PERSONA_NAMES, "neighbour", "idp", "other_settlement", "under_age", "appeals"]


def _resident_of(settlement: Settlement, email: str, basis: str, **fields: object) -> User:
    """A verified resident whose basis an operator confirmed in `settlement`."""
    user = verified_resident(settlement.community, email=email, **fields)
    Verification.objects.filter(user=user).update(basis=basis, settlement=settlement)
    return user


def _people(p: Personas, home: Settlement, elsewhere: Settlement) -> dict[str, User]:
    people = {name: getattr(p, name) for name in PERSONA_NAMES}
    Verification.objects.filter(user=p.resident).update(settlement=home)
    people["neighbour"] = _resident_of(home, "neighbour@example.org", ResidenceBasis.REGISTERED)
    people["idp"] = _resident_of(home, "idp@example.org", ResidenceBasis.IDP)
    people["other_settlement"] = _resident_of(
        elsewhere, "far-street@example.org", ResidenceBasis.REGISTERED
    )
    people["under_age"] = _resident_of(
        home,
        "teen@example.org",
        ResidenceBasis.REGISTERED,
        birth_year=timezone.localdate().year - 13,
    )
    people["appeals"] = staff(p.community, StaffRole.Role.APPEALS, email="appeals@example.org")
    return people


def _move(process: Process, phase: str) -> None:
    if phase != "ballot":
        move_with_support(process, phase)
        return
    # Between the end of review and the vote: 58 days after submission opened (timeline.py).
    dates = dates_with_support("review", timezone.now() - timedelta(days=13))
    Process.objects.filter(pk=process.pk).update(**dates)


def _submit(project: Project, who: User, n: int) -> object:
    return submit(project.process, who, title=f"Проєкт {n}")


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
    "submit": _submit,
    "support": _support,
    "paper_support": _paper,
    "review": _review,
    "appeal": _appeal,
    "decide_appeal": _decide,
}
# Staff are not residents here: they act only in their role. The author neither supports their
# own project nor appeals another's; the commission decides appeals and nothing else.
ALLOWED = {
    "submit": ({"resident", "neighbour", "idp"}, {"submission"}),
    "support": ({"neighbour", "idp"}, {"submission", "support"}),
    "paper_support": ({"operator", "admin"}, {"submission", "support"}),
    "review": ({"reviewer", "admin"}, {"review"}),
    "appeal": ({"resident"}, {"review", "ballot"}),
    "decide_appeal": ({"appeals"}, {"review", "ballot"}),
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
    home = SettlementFactory.create(community=personas.community, name="Черешневе")
    elsewhere = SettlementFactory.create(community=personas.community, name="Грушівка")
    people = _people(personas, home, elsewhere)
    process = support_process(personas.community, "submission", required=1)
    SubBudget.objects.filter(process=process, position=0).update(
        kind=SubBudget.Kind.SETTLEMENT, settlement=home, residents_only=True
    )
    project = submit(process, personas.resident)
    _prepare(process, project, action, personas)
    _move(process, phase)
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
