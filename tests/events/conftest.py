"""An event built through the organiser's action, at the phase a test needs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from hromada.events import actions
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Registration
from tests.conftest import Personas
from tests.factories import UserFactory

# Offsets (from now) of the four dates for each phase of the timeline.
PHASE_OFFSETS = {
    "announced": (1, 5, 10, 11),
    "registration": (-1, 5, 10, 11),
    "upcoming": (-5, -1, 2, 3),
    "running": (-5, -2, -1, 2),
    "past": (-5, -4, -3, -2),
}


def dates(phase: str) -> dict[str, Any]:
    now = timezone.now()
    opens, closes, starts, ends = (now + timedelta(days=d) for d in PHASE_OFFSETS[phase])
    return {
        "registration_opens": opens,
        "registration_closes": closes,
        "starts_at": starts,
        "ends_at": ends,
    }


def make_event(
    personas: Personas,
    phase: str = "registration",
    *,
    actor: Any = None,
    organiser: Any = None,
    **values: Any,
) -> Event:
    """An event of the personas' community, or of `organiser` (a network) created by `actor`."""
    fields: dict[str, Any] = {
        "title": "Семінар про бюджет участі",
        "kind": Event.Kind.SEMINAR,
        "format": Event.Format.HYBRID,
        "venue": "Полтава, вул. Соборна 1",
        "online_url": "https://meet.example.org/secret-room-42",
        "online_access_code": "ACCESS-777",
        "capacity": 2,
        "consent_purpose": "Щоб організувати семінар і надіслати матеріали.",
        "reminder_hours": [24, 1],
        **dates("registration"),
    }
    fields.update(values)
    slug = fields.pop("slug", f"seminar-{Event.objects.count() + 1}")
    event = actions.create_event(
        actor or personas.admin, organiser or personas.community, slug=slug, **fields
    )
    if phase != "registration":
        Event.objects.filter(pk=event.pk).update(**dates(phase))
        event.refresh_from_db()
    return event


def sign_up(event: Event, name: str, *, user: Any = None, colleagues: int = 0) -> Registration:
    """A signed-in person registering with their own verified address: placed at once."""
    person = user or UserFactory.create(full_name=name)
    data = registrations.RegistrationData(
        full_name=name,
        email=person.email,
        consent=True,
        colleagues=[(f"{name} колега {i}", "") for i in range(colleagues)],
    )
    return registrations.register(person, event, data)


def at_phase(event: Event, phase: str) -> Event:
    Event.objects.filter(pk=event.pk).update(**dates(phase))
    event.refresh_from_db()
    return event


@pytest.fixture
def event(personas: Personas) -> Event:
    return make_event(personas)
