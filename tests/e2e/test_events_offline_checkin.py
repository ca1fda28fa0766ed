"""The door with a flaky connection, on a 360 px phone: the staff member goes offline, scans
three codes (one of them twice), sees them queued, comes back online and sees the queue sent:
two welcomes and "already checked in at HH:MM", counted once each."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from hromada.events.models import Attendee
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_events import _as_staff, _fits
from tests.events.conftest import at_phase, make_event, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scans_made_offline_are_sent_when_the_phone_is_back_online(
    browser: Browser, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    event = make_event(personas, capacity=5, title="Форум громади")
    first = sign_up(event, "Оксана Лисенко").attendees.get()
    second = sign_up(event, "Богдан Ткачук").attendees.get()
    at_phase(event, "running")
    staff = _as_staff(browser, base, personas.operator)
    staff.set_default_timeout(15_000)
    staff.goto(f"{base}/events/{event.slug}/check-in/")
    field = staff.get_by_label("Код з QR або з листа")

    staff.context.set_offline(True)
    for code in (first.code, second.code.lower(), first.code):
        field.fill(code)
        staff.get_by_role("button", name="Відмітити").click()
    expect(staff.locator("#queue-state")).to_contain_text("Немає зв’язку")
    expect(staff.locator("#queue-state")).to_contain_text("3")
    queue = staff.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('hromada-checkin:'))"
        ".map(k => JSON.parse(localStorage.getItem(k)).length)"
    )
    assert queue == [3]
    assert not Attendee.objects.filter(event=event, checked_in_at__isnull=False).exists()
    shot(staff, "events-check-in-offline")
    _fits(staff)

    staff.context.set_offline(False)
    expect(staff.get_by_text("Оксана Лисенко — ласкаво просимо!")).to_be_visible()
    expect(staff.get_by_text("Богдан Ткачук — ласкаво просимо!")).to_be_visible()
    expect(staff.locator("#queue-state")).to_be_hidden()
    expect(staff.locator("#live-count")).to_have_text("На вході: 2 з 2")
    first.refresh_from_db()
    assert first.checked_in_at is not None
    at = timezone.localtime(first.checked_in_at).strftime("%H:%M")
    expect(
        staff.get_by_text(re.compile(rf"Оксана Лисенко вже зареєстрований\(а\) на вході о {at}"))
    ).to_be_visible()
    assert staff.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('hromada-checkin:'))"
        ".map(k => JSON.parse(localStorage.getItem(k)).length)"
    ) == [0]
    assert Attendee.objects.filter(event=event, checked_in_at__isnull=False).count() == 2
    shot(staff, "events-check-in-flushed")
    _fits(staff)
    staff.context.close()
