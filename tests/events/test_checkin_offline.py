"""The scan endpoint behind the check-in page's offline queue: idempotent (a scan sent twice
checks in once and the second answer says when), refusals are answers the phone can drop, and a
late scan keeps the time it was made, within reason."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hromada.events.models import Attendee, Event
from tests.conftest import Personas
from tests.events.conftest import at_phase, make_event, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(personas: Personas) -> tuple[Event, Attendee, Client]:
    event = make_event(personas, capacity=5)
    attendee = sign_up(event, "Ірина Бондар").attendees.get()
    at_phase(event, "running")
    client = Client()
    client.force_login(personas.operator)
    return event, attendee, client


def _scan(client: Client, event: Event, code: str, **extra: Any) -> Any:
    return client.post(f"/events/{event.slug}/check-in/scan/", {"code": code, **extra})


def test_a_scan_sent_twice_checks_in_once_and_says_when(
    door: tuple[Event, Attendee, Client],
) -> None:
    event, attendee, client = door
    first = _scan(client, event, attendee.code.lower()).json()
    assert first["status"] == "checked_in" and first["checked_in"] == 1
    attendee.refresh_from_db()
    at = timezone.localtime(attendee.checked_in_at).strftime("%H:%M")
    again = _scan(client, event, attendee.code)
    assert again.status_code == 200
    answer = again.json()
    assert answer["status"] == "already" and answer["checked_in"] == 1
    assert f"вже зареєстрований(а) на вході о {at}" in answer["message"]
    assert Attendee.objects.filter(event=event, checked_in_at__isnull=False).count() == 1


def test_a_queued_scan_keeps_its_time_within_twelve_hours(
    door: tuple[Event, Attendee, Client], personas: Personas
) -> None:
    event, attendee, client = door
    made = timezone.now() - timedelta(minutes=7)
    _scan(client, event, attendee.code, scanned_at=str(int(made.timestamp() * 1000)))
    attendee.refresh_from_db()
    assert attendee.checked_in_at is not None
    assert abs(attendee.checked_in_at - made) < timedelta(seconds=1)
    # A phone whose clock is wrong (the future, or days ago) gets the server's time instead.
    for wrong in (timezone.now() + timedelta(hours=1), timezone.now() - timedelta(days=2)):
        other = sign_up(event_in_registration(personas), "Інша").attendees.get()
        at_phase(other.event, "running")
        before = timezone.now()
        _scan(client, other.event, other.code, scanned_at=str(int(wrong.timestamp() * 1000)))
        other.refresh_from_db()
        assert other.checked_in_at is not None and other.checked_in_at >= before


def event_in_registration(personas: Personas) -> Event:
    return make_event(personas, capacity=5, slug=f"door-{Event.objects.count()}")


@pytest.mark.parametrize("scanned_at", ["１７", "\x00", "9" * 40, "-5", ""])
def test_bad_times_and_unknown_codes_are_answers_not_errors(
    door: tuple[Event, Attendee, Client], scanned_at: str
) -> None:
    event, attendee, client = door
    unknown = _scan(client, event, "NOSUCH00\x00", scanned_at=scanned_at)
    assert unknown.status_code == 200 and unknown.json()["status"] == "refused"
    assert "Такого коду" in unknown.json()["message"]
    assert _scan(client, event, attendee.code, scanned_at=scanned_at).json()["status"] == (
        "checked_in"
    )


def test_only_the_door_staff_may_scan(
    door: tuple[Event, Attendee, Client], personas: Personas
) -> None:
    event, attendee, _client = door
    outsider = Client()
    outsider.force_login(personas.outsider_admin)
    assert _scan(outsider, event, attendee.code).status_code == 404
    assert _scan(Client(), event, attendee.code).status_code == 302  # to the login page
    staff = Client()
    staff.force_login(personas.operator)
    assert staff.get(f"/events/{event.slug}/check-in/scan/").status_code == 405
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None
