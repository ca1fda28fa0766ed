"""Calendar files parse with the icalendar library and carry Europe/Kyiv; reminders say the
date, the time in Kyiv time, the place and the link, once per offset."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from icalendar import Calendar

from hromada.events.models import Event, ReminderSent
from hromada.events.tasks import due_work, remind
from tests.conftest import Personas
from tests.events.conftest import make_event, sign_up

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def test_the_event_calendar_file_has_the_kyiv_time_zone(client: Client, event: Event) -> None:
    content = client.get(f"/events/{event.slug}/calendar.ics").content
    calendar = Calendar.from_ical(content)
    entry = calendar.walk("VEVENT")[0]
    assert entry["dtstart"].params["TZID"] == "Europe/Kyiv"
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Kyiv"]
    assert str(entry["summary"]) == event.title


def test_the_community_feed_lists_its_public_events(
    client: Client, personas: Personas, event: Event
) -> None:
    make_event(personas, slug="closed", invitation_only=True, invitation_code="x")
    content = client.get(f"/events/community/{personas.community.slug}/calendar.ics").content
    titles = [str(e["summary"]) for e in Calendar.from_ical(content).walk("VEVENT")]
    assert titles == [event.title]


def test_reminders_say_date_time_place_and_link_once(personas: Personas, time_machine) -> None:
    starts = datetime(2026, 12, 14, 10, 30, tzinfo=KYIV)
    time_machine.move_to(starts - timedelta(days=3))
    event = make_event(
        personas,
        registration_opens=starts - timedelta(days=5),
        registration_closes=starts - timedelta(days=2),
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
    )
    registration = sign_up(event, "Перша")
    mail.outbox.clear()
    assert due_work() == (0, 0)
    time_machine.move_to(starts - timedelta(hours=23))
    assert due_work() == (0, 1)
    assert due_work() == (0, 0)  # never twice
    assert remind(event.pk, 24, event.starts_at) == 0  # nor when its task runs again
    (reminder,) = mail.outbox
    assert reminder.to == [registration.email]
    assert "14 грудня 2026, 10:30" in reminder.body
    assert "Europe/Kyiv" in reminder.body
    assert "Полтава, вул. Соборна 1" in reminder.body
    assert "https://meet.example.org/secret-room-42" in reminder.body
    assert ReminderSent.objects.get().recipients == 1
    # A task for an old start time does nothing once the event has moved.
    assert remind(event.pk, 24, starts - timedelta(days=1)) == 0
