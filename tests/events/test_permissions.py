"""Who may do what, when: personas (organiser, a colleague at the door, the organiser of
another community, a registrant, an anonymous visitor) × actions × the event's phases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from hromada.core.errors import ActionRefused
from hromada.events import actions, actions_checkin
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Registration
from hromada.events.phases import PHASES
from tests.conftest import Personas
from tests.events.conftest import at_phase, make_event, sign_up

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "operator", "outsider_admin", "registrant", "anonymous"]


def _person(personas: Personas, name: str, registration: Registration) -> Any:
    if name == "anonymous":
        return AnonymousUser()
    if name == "registrant":
        return registration.user
    return getattr(personas, name)


def _checkin(user: Any, event: Event, registration: Registration) -> Any:
    return actions_checkin.check_in(user, event, registration.attendees.get().code)


def _certificates(user: Any, event: Event, registration: Registration) -> Any:
    return actions_checkin.issue_certificates(user, event)


def _record(user: Any, event: Event, registration: Registration) -> Any:
    return actions.record_output(user, event, kind="proposal", text="Сквер", proposed_by="")


def _email(user: Any, event: Event, registration: Registration) -> Any:
    return actions.email_registrants(
        user, event, statuses=["confirmed"], subject="Тема", message="Текст"
    )


def _edit(user: Any, event: Event, registration: Registration) -> Any:
    return actions.update_event(user, event, title="Нова назва")


ACTIONS: dict[str, Callable[[Any, Event, Registration], Any]] = {
    "check_in": _checkin,
    "issue_certificates": _certificates,
    "record_outputs": _record,
    "email_registrants": _email,
    "edit_event": _edit,
}
# Who may, and in which phases (None: in every phase).
ALLOWED: dict[str, tuple[set[str], set[str] | None]] = {
    "check_in": ({"admin", "operator"}, {"upcoming", "running", "past"}),
    "issue_certificates": ({"admin"}, {"past"}),
    "record_outputs": ({"admin"}, {"running", "past"}),
    "email_registrants": ({"admin"}, None),
    "edit_event": ({"admin"}, None),
}


@pytest.mark.parametrize("phase", [phase.key for phase in PHASES])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_matrix(personas: Personas, phase: str, action: str) -> None:
    event = make_event(personas, kind=Event.Kind.FORUM, capacity=10)
    registration = sign_up(event, "Учасниця")
    at_phase(event, phase)
    who, when = ALLOWED[action]
    for name in PERSONAS:
        user = _person(personas, name, registration)
        expected = name in who and (when is None or phase in when)
        try:
            ACTIONS[action](user, event, registration)
            done = True
        except ActionRefused:
            done = False
        assert done == expected, (action, name, phase)


@pytest.mark.parametrize("phase", [phase.key for phase in PHASES])
def test_registrants_act_on_their_own_link_only_in_time(personas: Personas, phase: str) -> None:
    event = make_event(personas, capacity=10)
    registration = sign_up(event, "Учасниця")
    at_phase(event, phase)
    may_cancel = phase in {"announced", "registration", "upcoming"}
    try:
        registrations.cancel(registration)
        done = True
    except ActionRefused:
        done = False
    assert done == may_cancel
    may_register = phase == "registration"
    try:
        sign_up(event, "Нова")
        done = True
    except ActionRefused:
        done = False
    assert done == may_register


def test_rules_scope_staff_to_their_own_community(personas: Personas) -> None:
    event = make_event(personas)
    assert personas.admin.has_perm("events.manage_event", event)
    assert personas.operator.has_perm("events.check_in", event)
    assert not personas.operator.has_perm("events.manage_event", event)
    assert not personas.outsider_admin.has_perm("events.check_in", event)
    assert not personas.resident.has_perm("events.view_participants", event)
