"""The demo network: members abroad, a contest in jury review with three jurors (one with a
declared conflict), a finished contest with five winners — loaded twice without duplicates."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from hromada.network.models import Member, Network
from hromada.network.models_contests import Contest
from hromada.network.phases import CONTEST_TIMELINE

pytestmark = pytest.mark.django_db


def test_demo_network() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert Network.objects.count() == 1
    assert Member.objects.exclude(country="UA").count() == 3
    running = Contest.objects.get(slug="suprovid-2027")
    assert CONTEST_TIMELINE.current(running).key == "review"
    jurors = list(running.jurors.all())
    assert len(jurors) == 3 and sum(1 for j in jurors if j.conflicts.exists()) == 1
    finished = Contest.objects.get(slug="suprovid-2026")
    assert CONTEST_TIMELINE.current(finished).key == "announced"
    assert finished.applications.filter(selected=True).count() == 5
    page = Client().get(finished.get_absolute_url()).content.decode()
    assert page.count('<tr><th scope="row">') == 5
    members = Client().get("/network/spilna-sprava/members/").content.decode()
    assert "Gmina Brzozowa" in members and "Бюджет участі" in members
    from hromada.network.models_maturity import Assessment

    assert Assessment.objects.filter(community__slug="verbivska", status="validated").count() == 2
