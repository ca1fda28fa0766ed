"""A hub event for the demo: the demo network's regional seminar in three weeks, organised by
its board and staff, with parallel workshops that registrants choose (one of them nearly full)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from hromada.demo.events import CONSENT
from hromada.events import actions
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Question
from hromada.network.models import Network, NetworkRole

SLUG = "spilna-sprava-regional-seminar"


def load_hub_events(people: list[Any]) -> None:
    """Idempotent; does nothing without the demo network (hromada/demo/network.py)."""
    network = Network.objects.filter(slug="spilna-sprava").first()
    if network is None or Event.objects.filter(slug=SLUG).exists():
        return
    coordinator = NetworkRole.objects.filter(network=network, role="staff").first()
    if coordinator is None:
        return
    organiser = coordinator.user
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=21)
    event = actions.create_event(
        organiser,
        network,
        slug=SLUG,
        title="Регіональний семінар «Від положення до звіту»",
        kind=Event.Kind.SEMINAR,
        format=Event.Format.VENUE,
        description=(
            "Обмін досвідом громад-членів асоціації: як написати положення про бюджет участі, "
            "як організувати ЦНАП, що дає стратегічне планування. Кожен обирає дві майстерні."
        ),
        audience="працівники громад, депутати, громадські організації",
        venue="Полтава, обласна бібліотека, вул. Соборна 9",
        capacity=150,
        choose_sessions=True,
        consent_purpose=CONSENT,
        reminder_hours=[24],
        registration_opens=starts - timedelta(days=30),
        registration_closes=starts - timedelta(days=1),
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
    )
    actions.add_question(
        organiser,
        event,
        actions.QuestionData("Яку громаду ви представляєте?", Question.Kind.COMMUNITY),
    )
    workshops = [
        ("Положення про бюджет участі", "Зала 1", 0, 40),
        ("ЦНАП: послуги без черг", "Зала 2", 0, 6),
        ("Стратегія громади: з чого почати", "Зала 1", 4, 40),
    ]
    sessions = []
    for title, room, hour, seats in workshops:
        at = starts + timedelta(hours=hour)
        session = actions.add_session(
            organiser, event, title=title, room=room, capacity=seats,
            starts_at=at, ends_at=at + timedelta(hours=3),
        )  # fmt: skip
        sessions.append(session)
    for index, person in enumerate(people[:8]):
        chosen = [sessions[1].pk if index < 5 else sessions[0].pk, sessions[2].pk]
        data = registrations.RegistrationData(
            full_name=person.full_name, email=person.email, consent=True, session_ids=chosen
        )
        registrations.register(person, event, data)
