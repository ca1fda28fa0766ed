"""Hub events: a network organises them. Its board and staff create, manage and check people in;
its experts, a community's staff and everyone else do not. The matrix walks them through each
action in each phase; the pages show the network as the organiser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError
from django.test import Client

from hromada.core.errors import ActionRefused
from hromada.events.models import Event, Registration
from hromada.events.phases import PHASES
from hromada.network.models import Network, NetworkRole
from tests.conftest import Personas
from tests.events.conftest import at_phase, dates, make_event, sign_up
from tests.events.test_permissions import ACTIONS
from tests.factories import UserFactory, enable_totp

pytestmark = pytest.mark.django_db


@dataclass
class Hub:
    network: Network
    board: Any
    staff: Any
    expert: Any


def _person(network: Network, role: str, email: str, *, totp: bool = True) -> Any:
    user = UserFactory.create(email=email)
    if totp:
        enable_totp(user)
    NetworkRole.objects.create(network=network, user=user, role=role)
    return user


@pytest.fixture
def hub(db: None) -> Hub:
    network = Network.objects.create(name="Хаб участі", slug="hub", kind=Network.Kind.HUB)
    return Hub(
        network,
        board=_person(network, "board", "board@example.org"),
        staff=_person(network, "staff", "staff@example.org"),
        expert=_person(network, "expert", "expert@example.org"),
    )


def hub_event(personas: Personas, hub: Hub, phase: str = "registration", **values: Any) -> Event:
    return make_event(
        personas, phase, actor=hub.staff, organiser=hub.network, slug="hub-forum", **values
    )


PERSONAS = ["board", "staff", "expert", "community_admin", "other_network", "registrant", "anon"]
ORGANISERS = {"board", "staff"}
# Who may, and in which phases (None: in every phase): the network's board and staff stand
# where a community's admins stand for a community's event; nobody else is let in.
ALLOWED: dict[str, set[str] | None] = {
    "check_in": {"upcoming", "running", "past"},
    "issue_certificates": {"past"},
    "record_outputs": {"running", "past"},
    "email_registrants": None,
    "edit_event": None,
}


def _people(personas: Personas, hub: Hub, registration: Registration) -> dict[str, Any]:
    other = Network.objects.create(name="Асоціація", slug="other", kind=Network.Kind.ASSOCIATION)
    return {
        "board": hub.board,
        "staff": hub.staff,
        "expert": hub.expert,
        "community_admin": personas.admin,
        "other_network": _person(other, "board", "other-board@example.org"),
        "registrant": registration.user,
        "anon": AnonymousUser(),
    }


@pytest.mark.parametrize("phase", [phase.key for phase in PHASES])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_hub_matrix(personas: Personas, hub: Hub, phase: str, action: str) -> None:
    event = hub_event(personas, hub, kind=Event.Kind.FORUM, capacity=10)
    registration = sign_up(event, "Учасниця")
    people = _people(personas, hub, registration)
    at_phase(event, phase)
    when = ALLOWED[action]
    for name in PERSONAS:
        expected = name in ORGANISERS and (when is None or phase in when)
        try:
            ACTIONS[action](people[name], event, registration)
            done = True
        except ActionRefused:
            done = False
        assert done == expected, (action, name, phase)


def test_only_the_networks_board_and_staff_create_its_events(personas: Personas, hub: Hub) -> None:
    no_totp = _person(hub.network, "board", "no-totp@example.org", totp=False)
    for refused in (hub.expert, personas.admin, no_totp, AnonymousUser()):
        with pytest.raises(ActionRefused):
            make_event(personas, actor=refused, organiser=hub.network, slug="nope")
    event = make_event(personas, actor=hub.board, organiser=hub.network, slug="by-board")
    assert event.network == hub.network and event.community is None
    assert event.organiser == hub.network and event.organiser_name == "Хаб участі"
    # A community's admin creates only their community's events, never the hub's.
    assert not personas.admin.has_perm("events.create_hub_event", hub.network)


def test_an_event_has_one_organiser(personas: Personas, hub: Hub) -> None:
    with pytest.raises(IntegrityError):
        Event.objects.create(
            community=personas.community,
            network=hub.network,
            slug="both",
            title="Обидва",
            format=Event.Format.VENUE,
            consent_purpose="—",
            **dates("registration"),
        )


def test_network_staff_create_a_hub_event_through_the_page(personas: Personas, hub: Hub) -> None:
    client = Client()
    client.force_login(hub.expert)
    assert client.get("/events/new/network/hub/").status_code == 404
    client.force_login(hub.staff)
    assert client.get("/events/new/network/hub/").status_code == 200
    when = {k: v.strftime("%Y-%m-%dT%H:%M") for k, v in dates("registration").items()}
    response = client.post(
        "/events/new/network/hub/",
        {
            "slug": "hub-seminar",
            "title": "Обмін досвідом громад",
            "kind": "seminar",
            "format": "venue",
            "venue": "Київ, Хрещатик 36",
            "language": "українська",
            "capacity": "40",
            "max_group_size": "5",
            "group_policy": "skip",
            "offer_hours": "24",
            "consent_purpose": "Щоб організувати семінар.",
            "reminder_hours_text": "24",
            **when,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="hub-seminar")
    assert event.network == hub.network and event.community is None
    # The network's staff manage it and check people in; experts see nothing.
    assert client.get("/events/hub-seminar/manage/").status_code == 200
    assert client.get("/events/hub-seminar/check-in/").status_code == 200
    client.force_login(hub.expert)
    assert client.get("/events/hub-seminar/manage/").status_code == 404
    client.force_login(personas.admin)
    assert client.get("/events/hub-seminar/check-in/").status_code == 404


def test_the_network_is_shown_as_organiser(
    personas: Personas, hub: Hub, client: Client, django_assert_max_num_queries: Any
) -> None:
    hub_event(personas, hub, title="Форум хабу")
    make_event(personas, title="Подія громади", slug="local")
    listing = client.get("/events/").content.decode()
    card = listing[listing.find("Форум хабу") - 400 : listing.find("Форум хабу")]
    assert "Хаб участі" in card
    with django_assert_max_num_queries(12):
        page = client.get("/network/hub/")
    html = page.content.decode()
    assert "Форум хабу" in html and "Подія громади" not in html
    assert "/events/new/network/hub/" not in html  # visitors get no "new event" button
    client.force_login(hub.board)
    assert "/events/new/network/hub/" in client.get("/network/hub/").content.decode()
    detail = client.get("/events/hub-forum/").content.decode()
    assert "Хаб участі" in detail
