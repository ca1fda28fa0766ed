"""Who may do what with a case, as a matrix: personas × actions × case phases. Each cell is what
the action really does (done, or refused by the rules or by the case's status)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hromada.core.errors import ActionRefused
from hromada.network import actions_services as services
from hromada.network.models_services import ServiceCase
from tests.factories import UserFactory
from tests.network.conftest import World, network_person, pdf
from tests.network.test_services import case_in

pytestmark = pytest.mark.django_db

PHASES = ["requested", "accepted", "declined", "in_progress", "closed"]
PERSONAS = ["board", "expert", "other_expert", "own_staff", "other_staff", "anonymous", "no_totp"]


def _people(world: World) -> dict[str, Any]:
    no_totp = UserFactory.create(email="lazy-board@example.org")
    from hromada.network.models import NetworkRole

    NetworkRole.objects.create(network=world.network, user=no_totp, role="board")
    return {
        "board": world.board,
        "expert": world.expert,  # assigned to the case once accepted
        "other_expert": network_person(world.network, "expert", "expert2@example.org"),
        "own_staff": world.applicant,
        "other_staff": world.other_admin,
        "anonymous": AnonymousUser(),
        "no_totp": no_totp,
    }


def _acts(world: World, case: ServiceCase) -> dict[str, Callable[[Any], Any]]:
    # A document uploaded in advance, so that checking it off depends only on who and when.
    uploaded = case.documents.create(title="Кошторис", file="network/cases/x/file.pdf", token="t")
    wanted = case.documents.create(title="Рішення")
    return {
        "decide": lambda u: services.decide_case(u, case, accept=False, reason="Ні."),
        "assign_expert": lambda u: services.assign_expert(u, case, world.expert),
        "plan": lambda u: services.save_plan(u, case, "План."),
        "request_document": lambda u: services.request_document(u, case, "Статут"),
        "upload_document": lambda u: services.upload_document(u, wanted, pdf()),
        "check_document": lambda u: services.check_document(u, uploaded),
        "add_meeting": lambda u: services.add_meeting(
            u, case, starts_at=timezone.now(), place="Зала"
        ),
        "add_note": lambda u: services.add_note(u, case, "Нотатка."),
        "close": lambda u: services.close_case(u, case, "Готово."),
        "survey": lambda u: services.answer_survey(u, case, 4),
    }


HUB = {"board"}
WORKERS = {"board", "expert"}
COMMUNITY = {"own_staff"}
LIVE = {"accepted", "in_progress"}
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "decide": (HUB, {"requested"}),
    "assign_expert": (HUB, LIVE),
    "plan": (WORKERS, LIVE),
    "request_document": (WORKERS, LIVE),
    "upload_document": (COMMUNITY, LIVE),
    "check_document": (WORKERS, LIVE),
    "add_meeting": (WORKERS, LIVE),
    "add_note": (WORKERS | COMMUNITY, {"requested", *LIVE}),
    "close": (WORKERS, {"in_progress"}),
    "survey": (COMMUNITY, {"closed"}),
}


@pytest.mark.parametrize("phase", PHASES)
def test_actions_matrix(world: World, phase: str) -> None:
    people = _people(world)
    case = case_in(world, phase)
    for action, run in _acts(world, case).items():
        who, when = ALLOWED[action]
        for persona in PERSONAS:
            # Each cell starts from the case as it is in this phase.
            ServiceCase.objects.filter(pk=case.pk).update(
                status=phase, survey_at=None, survey_rating=None
            )
            case.refresh_from_db()
            # The expert is the case's only once the hub has assigned them.
            unassigned = persona == "expert" and phase in {"requested", "declined"}
            expected = persona in who and phase in when and not unassigned
            try:
                run(people[persona])
            except ActionRefused:
                outcome = False
            else:
                outcome = True
            assert outcome == expected, (action, persona, phase)


@pytest.mark.parametrize("phase", PHASES)
def test_view_matrix(world: World, phase: str) -> None:
    people = _people(world)
    case = case_in(world, phase)
    may_view = {p: rules.has_perm("network.view_case", people[p], case) for p in PERSONAS}
    assigned = phase not in {"requested", "declined"}
    assert may_view == {
        "board": True,
        "expert": assigned,  # the expert sees the case only once it is assigned to them
        "other_expert": False,
        "own_staff": True,
        "other_staff": False,
        "anonymous": False,
        "no_totp": False,
    }
