"""Many people registering at the same moment never get more seats than the event has: each
registration locks the event's row (PostgreSQL; SQLite serialises writers anyway)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from hromada.core.errors import ActionRefused
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Registration
from hromada.events.selectors import seats_taken
from tests.conftest import Personas
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_registrations_never_exceed_capacity(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    event = make_event(personas, capacity=5)
    people = [UserFactory.create(full_name=f"Особа {n}") for n in range(24)]
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def register(person: Any) -> None:
        try:
            barrier.wait()
            data = registrations.RegistrationData(
                full_name=person.full_name,
                email=person.email,
                consent=True,
            )
            registrations.register(person, Event.objects.get(pk=event.pk), data)
        except ActionRefused as refusal:
            errors.append(refusal)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert seats_taken(event) == 5
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5 and statuses.count("waitlisted") == 19
    ranks = Registration.objects.filter(event=event, status="waitlisted").values_list(
        "waitlist_rank", flat=True
    )
    assert sorted(rank or 0 for rank in ranks) == list(range(1, 20))


def test_concurrent_choices_never_overfill_a_session(personas: Personas) -> None:
    """The room's seats are checked under the same row lock as the event's."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    from datetime import timedelta

    from hromada.events import actions
    from hromada.events.selectors import session_seats_taken

    event = make_event(personas, capacity=None, choose_sessions=True)
    room = actions.add_session(
        personas.admin, event, title="Майстерня", starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1), capacity=3,
    )  # fmt: skip
    people = [UserFactory.create(full_name=f"Особа {n}") for n in range(12)]
    barrier = threading.Barrier(len(people))
    refused: list[ActionRefused] = []
    errors: list[BaseException] = []

    def register(person: Any) -> None:
        try:
            barrier.wait()
            data = registrations.RegistrationData(
                full_name=person.full_name, email=person.email, consent=True, session_ids=[room.pk]
            )
            registrations.register(person, Event.objects.get(pk=event.pk), data)
        except ActionRefused as refusal:
            refused.append(refusal)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert session_seats_taken(room) == 3
    assert len(refused) == 9 and Registration.objects.filter(event=event).count() == 3
