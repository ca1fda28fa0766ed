"""Registrants pick their sessions where the organiser asks them to: each room's seats are held
by the active registrations that chose it (a group takes one per person), a full room is
refused with its name, and the choice shows on the private page and in the personal ICS."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar

from hromada.core.errors import ActionRefused
from hromada.events import actions
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Registration, Session
from hromada.events.selectors import session_seats_taken
from tests.conftest import Personas
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def forum_with_workshops(personas: Personas, **values: Any) -> tuple[Event, Session, Session]:
    event = make_event(personas, capacity=20, choose_sessions=True, **values)
    small = actions.add_session(
        personas.admin, event, title="Майстерня бюджету", room="Зала 2",
        starts_at=event.starts_at, ends_at=event.starts_at + timedelta(hours=2), capacity=2,
    )  # fmt: skip
    big = actions.add_session(
        personas.admin, event, title="Стратегічна сесія", room="Зала 1",
        starts_at=event.starts_at + timedelta(hours=3), ends_at=event.ends_at,
    )  # fmt: skip
    return event, small, big


def choose(event: Event, name: str, sessions: list[int], colleagues: int = 0) -> Registration:
    person = UserFactory.create(full_name=name)
    data = registrations.RegistrationData(
        full_name=name,
        email=person.email,
        consent=True,
        colleagues=[(f"{name} колега {i}", "") for i in range(colleagues)],
        session_ids=sessions,
    )
    return registrations.register(person, event, data)


def test_a_room_takes_no_more_than_its_seats_and_a_cancel_frees_one(personas: Personas) -> None:
    event, small, big = forum_with_workshops(personas)
    first = choose(event, "Перша", [small.pk, big.pk])
    with pytest.raises(ActionRefused, match="Майстерня бюджету"):
        choose(event, "Група", [small.pk], colleagues=1)  # two people, one seat left
    choose(event, "Друга", [small.pk])
    assert session_seats_taken(small) == 2
    with pytest.raises(ActionRefused, match="Майстерня бюджету"):
        choose(event, "Третя", [small.pk])
    assert not Registration.objects.filter(full_name="Третя").exists()  # one transaction
    third = choose(event, "Третя", [big.pk])  # another room has space
    assert list(third.session_choices.values_list("session", flat=True)) == [big.pk]
    registrations.cancel(first)
    assert session_seats_taken(small) == 1
    choose(event, "Четверта", [small.pk])


def test_a_choice_is_required_and_must_be_of_this_event(personas: Personas) -> None:
    event, small, _big = forum_with_workshops(personas)
    _other, foreign, _ = forum_with_workshops(personas, slug="other")
    with pytest.raises(ActionRefused, match="хоча б одну"):
        choose(event, "Без вибору", [])
    with pytest.raises(ActionRefused, match="немає"):
        choose(event, "Чужа", [foreign.pk])
    # Where the organiser does not ask, sessions are not chosen and nothing is held.
    Event.objects.filter(pk=event.pk).update(choose_sessions=False)
    event.refresh_from_db()
    assert not choose(event, "Звичайна", [small.pk]).session_choices.exists()


def test_the_form_offers_the_rooms_with_their_seats_and_the_private_page_shows_the_choice(
    personas: Personas, client: Client
) -> None:
    event, small, big = forum_with_workshops(personas)
    choose(event, "Перша", [small.pk])
    choose(event, "Друга", [small.pk])
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert "Майстерня бюджету · Зала 2 · місць немає" in page
    assert "Стратегічна сесія · Зала 1" in page
    base = {"full_name": "Оля Гість", "email": "olia@example.org", "consent": "on"}
    for bad in ("１", "\x00", str(10**30), str(small.pk)):
        response = client.post(f"/events/{event.slug}/register/", {**base, "sessions": [bad]})
        assert response.status_code == 200, bad
        assert not Registration.objects.filter(email="olia@example.org").exists()
    response = client.post(f"/events/{event.slug}/register/", {**base, "sessions": [big.pk]})
    assert response.status_code == 302
    registration = Registration.objects.get(email="olia@example.org")
    private = client.get(registration.get_absolute_url()).content.decode()
    assert "Ваші сесії" in private and "Стратегічна сесія" in private
    assert "Майстерня бюджету" not in private


def test_the_personal_calendar_carries_the_chosen_sessions_in_kyiv_time(
    personas: Personas, client: Client
) -> None:
    event, small, _big = forum_with_workshops(personas)
    registration = choose(event, "Перша", [small.pk])
    content = client.get(f"/events/r/{registration.token}/calendar.ics").content
    entries = Calendar.from_ical(content).walk("VEVENT")
    sessions = [e for e in entries if "Майстерня бюджету" in str(e["summary"])]
    assert len(sessions) == 1 and len(entries) == 2  # the event and the one chosen session
    start = sessions[0]["dtstart"]
    assert start.params["TZID"] == "Europe/Kyiv"
    assert sessions[0].decoded("dtstart") == small.starts_at.replace(microsecond=0)
    assert "Зала 2" in str(sessions[0]["location"])
    assert "Стратегічна сесія" not in content.decode()


def test_the_confirmation_and_reminders_list_the_chosen_sessions(personas: Personas) -> None:
    from django.core import mail

    from hromada.events.notifications import send_reminder

    event, small, big = forum_with_workshops(personas)
    registration = choose(event, "Перша", [big.pk])
    confirmed = mail.outbox[-1].body
    assert "Ваші сесії" in confirmed and "Стратегічна сесія · Зала 1" in confirmed
    assert small.title not in confirmed
    send_reminder(registration, 24)
    assert "Стратегічна сесія · Зала 1" in mail.outbox[-1].body
