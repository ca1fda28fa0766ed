"""The demo's hub event: the network's regional seminar, listed on the network's page with the
network as organiser, its workshops chosen by the registrants (one room nearly full)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from hromada.demo.hub_events import SLUG
from hromada.events.models import Event, SessionChoice
from hromada.events.selectors import sessions_with_seats

pytestmark = pytest.mark.django_db


def test_the_demo_network_runs_a_seminar_with_workshops_to_choose() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent
    event = Event.objects.get(slug=SLUG)
    assert event.network is not None and event.community is None and event.choose_sessions
    assert SessionChoice.objects.filter(registration__event=event).count() == 16
    free = {session.title: seats for session, seats in sessions_with_seats(event)}
    assert free["ЦНАП: послуги без черг"] == 1
    page = Client().get(f"/network/{event.network.slug}/").content.decode()
    assert "Регіональний семінар" in page
    listing = Client().get("/events/").content.decode()
    at = listing.find("Регіональний семінар")
    assert event.network.name in listing[at - 500 : at]
