"""The participants XLSX is built by a task, not in the request: the organiser asks, the page
waits (reloading itself) until the queue has built it, then offers the file; only organisers
see it, and it is erased after a day."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from hromada.events.models import ParticipantsExport
from hromada.events.tasks import due_work
from tests.conftest import Personas
from tests.events.conftest import make_event, sign_up

pytestmark = pytest.mark.django_db


def _staff(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_request_only_queues_and_the_page_waits_for_the_task(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(personas, capacity=10)
    sign_up(event, "Олег", colleagues=2)
    staff = _staff(personas.admin)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        asked = staff.post(f"/events/{event.slug}/exports/")
    assert asked.status_code == 302 and len(queued) == 1  # the task goes out after commit
    export = ParticipantsExport.objects.get()
    waiting = staff.get(asked["Location"]).content.decode()
    assert "Файл готується" in waiting and 'http-equiv="refresh"' in waiting
    assert staff.get(asked["Location"] + "participants.xlsx").status_code == 404
    queued[0]()  # the worker runs the task
    export.refresh_from_db()
    assert export.status == "ready" and export.rows == 3
    ready = staff.get(asked["Location"]).content.decode()
    assert "Файл готовий: 3 особи." in ready and 'http-equiv="refresh"' not in ready
    file = staff.get(asked["Location"] + "participants.xlsx")
    assert file["Cache-Control"] == "private, no-store"
    names = [row[0] for row in load_workbook(io.BytesIO(file.content)).active.values]
    assert names[1:] == ["Олег", "Олег колега 0", "Олег колега 1"]
    # Another community's organiser, the door staff and a registrant get nothing.
    for other in (personas.outsider_admin, personas.operator, personas.resident):
        assert _staff(other).get(asked["Location"]).status_code == 404
        assert _staff(other).post(f"/events/{event.slug}/exports/").status_code == 404
    assert staff.get(f"/events/{event.slug}/exports/").status_code == 405


def test_an_export_is_erased_after_a_day(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(personas, capacity=10)
    sign_up(event, "Олег")
    staff = _staff(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        asked = staff.post(f"/events/{event.slug}/exports/")
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert staff.get(asked["Location"] + "participants.xlsx").status_code == 404
        due_work()
    export = ParticipantsExport.objects.get()
    assert export.status == "erased" and bytes(export.content) == b""
    assert "Файл уже стерто" in staff.get(asked["Location"]).content.decode()
