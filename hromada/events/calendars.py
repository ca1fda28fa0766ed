"""Calendar files (RFC 5545) with times in Europe/Kyiv: a public one per event, a community's
feed, and a personal one per registration — the only one that may carry the joining link."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from hromada.events.models import Event, Registration, Session
from hromada.events.notifications import absolute

KYIV = ZoneInfo("Europe/Kyiv")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Hromada//events//UK")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Kyiv")
    return calendar


def _entry(event: Event, *, uid_suffix: str = "") -> CalendarEvent:
    entry = CalendarEvent()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    entry.add("uid", f"event-{event.pk}{uid_suffix}@{host}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(KYIV))
    entry.add("dtend", event.ends_at.astimezone(KYIV))
    entry.add("summary", event.title)
    entry.add("url", absolute(event.get_absolute_url()))
    if event.venue:
        entry.add("location", event.venue)
    entry.add("description", event.description[:2000])
    return entry


def _to_bytes(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()  # the VTIMEZONE block for Europe/Kyiv
    return calendar.to_ical()


def public_event_ics(event: Event) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_entry(event))
    return _to_bytes(calendar)


def events_feed_ics(name: str, events: Iterable[Event]) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_entry(event))
    return _to_bytes(calendar)


def registration_ics(registration: Registration) -> bytes:
    """The registrant's own entry: with the joining link and access code when confirmed."""
    event = registration.event
    calendar = _calendar(event.title)
    entry = _entry(event, uid_suffix=f"-r{registration.pk}")
    lines = [event.description[:2000], "", absolute(registration.get_absolute_url())]
    if registration.is_confirmed and event.is_online and event.online_url:
        entry["location"] = event.online_url if not event.venue else event.venue
        entry.add("conference", event.online_url, parameters={"value": "URI"})
        lines += ["", event.online_url]
        if event.online_access_code:
            lines.append(f"Код доступу / access code: {event.online_access_code}")
    entry["description"] = "\n".join(lines).strip()
    calendar.add_component(entry)
    for choice in registration.session_choices.select_related("session"):
        calendar.add_component(_session_entry(registration, choice.session))
    return _to_bytes(calendar)


def _session_entry(registration: Registration, session: Session) -> CalendarEvent:
    """A session the registrant chose, as its own entry: in the room, at its own hours."""
    entry = CalendarEvent()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    entry.add("uid", f"event-{session.event_id}-r{registration.pk}-s{session.pk}@{host}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", session.starts_at.astimezone(KYIV))
    entry.add("dtend", session.ends_at.astimezone(KYIV))
    entry.add("summary", f"{session.title} · {registration.event.title}")
    place = ", ".join(part for part in (registration.event.venue, session.room) if part)
    if place:
        entry.add("location", place)
    if session.speakers:
        entry.add("description", session.speakers)
    return entry
