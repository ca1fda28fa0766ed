"""The joining link and access code reach confirmed registrants only: never a public page, the
public calendar file, a waiting or cancelled registrant, nor a revoked link."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client
from icalendar import Calendar

from hromada.events import actions
from hromada.events import actions_registration as registrations
from hromada.events.models import Event
from tests.conftest import Personas
from tests.events.conftest import sign_up

pytestmark = pytest.mark.django_db
SECRETS = ("secret-room-42", "ACCESS-777")


def _leaks(text: str) -> bool:
    return any(secret in text for secret in SECRETS)


def test_public_pages_and_the_public_calendar_never_show_it(
    client: Client, personas: Personas, event: Event
) -> None:
    sign_up(event, "Перша")
    for url in (
        "/events/",
        event.get_absolute_url(),
        f"/events/{event.slug}/register/",
        f"/events/{event.slug}/calendar.ics",
        "/events/calendar.ics",
        f"/events/community/{personas.community.slug}/calendar.ics",
        "/",
        "/search/?q=Семінар",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not _leaks(response.content.decode()), url


def test_a_confirmed_registrant_gets_it_on_the_page_in_mail_and_in_the_calendar(
    client: Client, event: Event
) -> None:
    registration = sign_up(event, "Перша")
    assert all(secret in mail.outbox[-1].body for secret in SECRETS)
    assert all(
        secret in client.get(registration.get_absolute_url()).content.decode() for secret in SECRETS
    )
    ics = client.get(f"/events/r/{registration.token}/calendar.ics").content
    entry = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert "secret-room-42" in str(entry["description"]) and "ACCESS-777" in str(
        entry["description"]
    )


def test_waiting_and_cancelled_registrants_do_not_get_it(client: Client, event: Event) -> None:
    first = sign_up(event, "Перша")
    sign_up(event, "Друга")
    waiting = sign_up(event, "Третя")
    unconfirmed = registrations.register(
        AnonymousUser(), event, registrations.RegistrationData("Анон", "anon@example.org", True)
    )
    registrations.cancel(first)
    first.refresh_from_db()
    for registration in (first, waiting, unconfirmed):
        registration.refresh_from_db()
        assert registration.status != "confirmed"
        assert not _leaks(client.get(registration.get_absolute_url()).content.decode())
        assert not _leaks(
            client.get(f"/events/r/{registration.token}/calendar.ics").content.decode()
        )
    for message in mail.outbox:
        if message.to in ([waiting.email], ["anon@example.org"]):
            assert not _leaks(str(message.body)), message.subject
    cancelled_mail = [m for m in mail.outbox if m.to == [first.email]][-1]
    assert not _leaks(str(cancelled_mail.body))


def test_a_revoked_link_stops_working(client: Client, personas: Personas, event: Event) -> None:
    registration = sign_up(event, "Перша")
    old = registration.token
    registrations.revoke_links(personas.admin, registration)
    assert client.get(f"/events/r/{old}/").status_code == 404
    assert client.get(f"/events/r/{old}/calendar.ics").status_code == 404
    assert client.get(registration.get_absolute_url()).status_code == 200


def test_organiser_messages_carry_it_to_confirmed_registrants_only(
    personas: Personas, event: Event
) -> None:
    confirmed = sign_up(event, "Перша")
    sign_up(event, "Друга")
    waiting = sign_up(event, "Третя")
    mail.outbox.clear()
    actions.email_registrants(
        personas.admin, event, statuses=["confirmed", "waitlisted"], subject="Зміни", message="Т"
    )
    by_person = {m.to[0]: str(m.body) for m in mail.outbox}
    assert _leaks(by_person[confirmed.email])
    assert not _leaks(by_person[waiting.email])
    assert "Полтава" in by_person[waiting.email]  # the place and time reach everyone
