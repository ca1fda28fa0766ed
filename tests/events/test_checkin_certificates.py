"""The door and afterwards: check-in by code (a second scan says when), walk-ins, session
attendance, and certificates only for people who were there, verified on the public page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from hromada.certificates.models import Certificate
from hromada.core.errors import ActionRefused
from hromada.events import actions, actions_checkin
from hromada.events.models import Event
from tests.conftest import Personas
from tests.events.conftest import at_phase, make_event, sign_up

pytestmark = pytest.mark.django_db


def test_a_second_scan_says_when_the_first_was(personas: Personas, event: Event) -> None:
    attendee = sign_up(event, "Перша").attendees.get()
    at_phase(event, "running")
    first = actions_checkin.check_in(personas.operator, event, attendee.code.lower())
    assert first.already_at is None
    second = actions_checkin.check_in(personas.operator, event, attendee.code)
    assert second.already_at == first.attendee.checked_in_at
    client = Client()
    client.force_login(personas.admin)
    page = client.post(f"/events/{event.slug}/check-in/", {"code": attendee.code}).content.decode()
    time = timezone.localtime(second.already_at).strftime("%H:%M")
    assert f"вже зареєстрований(а) на вході о {time}" in page


def test_waitlisted_people_and_strangers_are_not_checked_in(
    personas: Personas, event: Event
) -> None:
    sign_up(event, "Перша")
    sign_up(event, "Друга")
    waiting = sign_up(event, "Третя").attendees.get()
    at_phase(event, "running")
    for code in (waiting.code, "NOPE1234"):
        with pytest.raises(ActionRefused):
            actions_checkin.check_in(personas.operator, event, code)
    with pytest.raises(ActionRefused):
        actions_checkin.check_in(personas.outsider_admin, event, waiting.code)


def test_walk_ins_fill_the_room_up_to_its_capacity(personas: Personas, event: Event) -> None:
    at_phase(event, "running")
    actions_checkin.walk_in(personas.operator, event, full_name="Гість 1")
    actions_checkin.walk_in(personas.operator, event, full_name="Гість 2")
    with pytest.raises(ActionRefused):
        actions_checkin.walk_in(personas.operator, event, full_name="Гість 3")


def test_attendance_per_session(personas: Personas, event: Event) -> None:
    session = actions.add_session(
        personas.admin, event, title="День 2", starts_at=event.starts_at, ends_at=event.ends_at
    )
    attendee = sign_up(event, "Перша").attendees.get()
    at_phase(event, "running")
    with pytest.raises(ActionRefused):
        actions_checkin.attend_session(personas.operator, attendee, session)
    actions_checkin.check_in(personas.operator, event, attendee.code)
    attendee.refresh_from_db()
    assert actions_checkin.attend_session(personas.operator, attendee, session) is True
    assert actions_checkin.attend_session(personas.operator, attendee, session) is False


def test_certificates_only_for_those_who_attended(personas: Personas) -> None:
    event = make_event(personas, capacity=5, format=Event.Format.ONLINE, venue="")
    came = sign_up(event, "Присутня Олена").attendees.get()
    online = sign_up(event, "Онлайн Ігор").attendees.get()
    absent = sign_up(event, "Відсутній Павло").attendees.get()
    at_phase(event, "running")
    actions_checkin.check_in(personas.operator, event, came.code)
    actions_checkin.mark_attended_online(personas.admin, online, True)
    with pytest.raises(ActionRefused):  # not before the event is over
        actions_checkin.issue_certificates(personas.admin, event)
    at_phase(event, "past")
    with pytest.raises(ActionRefused):
        actions_checkin.issue_certificates(personas.outsider_admin, event)
    assert actions_checkin.issue_certificates(personas.admin, event) == 2
    assert actions_checkin.issue_certificates(personas.admin, event) == 0  # never twice
    holders = set(Certificate.objects.values_list("holder_name", flat=True))
    assert holders == {"Присутня Олена", "Онлайн Ігор"}
    absent.refresh_from_db()
    assert absent.certificate is None
    certificate = Certificate.objects.get(holder_name="Присутня Олена")
    client = Client()
    page = client.get(f"/certificates/{certificate.code.lower().replace('-', '')}/")
    assert page.status_code == 200
    assert "Сертифікат справжній" in page.content.decode()
    assert "Присутня Олена" in page.content.decode()
    pdf = client.get(f"/certificates/{certificate.code}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"DejaVu" in pdf.content  # the font is embedded
    assert client.get("/certificates/ABCD-EFGH-2345/").status_code == 404
    assert client.get("/certificates/?code=abcd efgh 2345").status_code == 302


def test_a_session_room_holds_no_more_than_its_seats(personas: Personas) -> None:
    event = make_event(personas, capacity=5)
    session = actions.add_session(
        personas.admin, event, title="Майстерня", starts_at=event.starts_at,
        ends_at=event.ends_at, capacity=1,
    )  # fmt: skip
    first = sign_up(event, "Перша").attendees.get()
    second = sign_up(event, "Друга").attendees.get()
    at_phase(event, "running")
    for person in (first, second):
        actions_checkin.check_in(personas.operator, event, person.code)
        person.refresh_from_db()
    assert actions_checkin.attend_session(personas.operator, first, session)
    with pytest.raises(ActionRefused):
        actions_checkin.attend_session(personas.operator, second, session)
    assert not actions_checkin.attend_session(personas.operator, first, session)


def test_confirmed_registrants_get_their_qr_code_in_the_email(event: Event) -> None:
    from django.core import mail
    from django.core.mail import EmailMultiAlternatives

    registration = sign_up(event, "Перша", colleagues=1)
    message = mail.outbox[-1]
    assert isinstance(message, EmailMultiAlternatives)
    content, kind = message.alternatives[0]
    assert kind == "text/html"
    html = str(content)
    images = {
        part["Content-ID"]: part.get_payload(decode=True)
        for part in message.message().walk()
        if part.get_content_type() == "image/png"
    }
    for attendee in registration.attendees.all():
        # Inside the message, not a remote image the mail client would block.
        assert f'src="cid:qr-{attendee.code}@hromada"' in html and attendee.code in html
        png = images[f"<qr-{attendee.code}@hromada>"]
        assert png.startswith(b"\x89PNG")
        assert "/qr.svg" not in html
        image = Client().get(
            f"/events/r/{registration.token}/qr.svg?person={attendee.pk}&format=png"
        )
        assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
