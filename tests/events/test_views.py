"""The pages: each opens, in a bounded number of queries, and forms work with posted data."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from openpyxl import load_workbook

from hromada.events import actions
from hromada.events.models import Event, Question, Registration
from tests.conftest import Personas
from tests.events.conftest import make_event, sign_up

pytestmark = pytest.mark.django_db


def _staff(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.admin)
    return client


def test_public_pages_take_few_queries(
    client: Client, personas: Personas, event: Event, django_assert_max_num_queries
) -> None:
    for name in ("Перша", "Друга", "Третя"):
        sign_up(event, name)
    for url in ("/events/", event.get_absolute_url(), f"/events/{event.slug}/register/"):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    registration = Registration.objects.first()
    assert registration is not None
    with django_assert_max_num_queries(12):
        assert client.get(registration.get_absolute_url()).status_code == 200


def test_a_visitor_registers_through_the_form(client: Client, event: Event) -> None:
    question = actions.add_question(
        _admin_of(event),
        event,
        actions.QuestionData("Ваша посада", Question.Kind.CHOICE, True, ["голова", "спеціаліст"]),
    )
    url = f"/events/{event.slug}/register/"
    refused = client.post(url, {"full_name": "Марія", "email": "maria@example.org"})
    assert refused.status_code == 200
    assert not Registration.objects.exists()
    response = client.post(
        url,
        {
            "full_name": "Марія Шевчук",
            "email": "maria@example.org",
            "consent": "on",
            f"q{question.pk}": "голова",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.answers == {str(question.pk): "голова"}
    assert registration.status == Registration.Status.UNCONFIRMED
    confirm = client.post(f"/events/r/{registration.token}/confirm/")
    assert confirm.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "secret-room-42" in page and registration.attendees.get().code in page


def _admin_of(event: Event) -> Any:
    assert event.community is not None
    return event.community.staff_roles.get(role="admin").user


@pytest.mark.parametrize(
    "bad",
    ["", "\x00", "٣", "9" * 40, "Я" * 5000],
)
def test_odd_input_gets_a_message_not_an_error(client: Client, event: Event, bad: str) -> None:
    actions.add_question(
        _admin_of(event), event, actions.QuestionData("Скільки людей", Question.Kind.NUMBER)
    )
    question = event.questions.get()
    response = client.post(
        f"/events/{event.slug}/register/",
        {
            "full_name": bad or "x",
            "email": "a@example.org",
            "consent": "on",
            f"q{question.pk}": bad,
        },
    )
    assert response.status_code in {200, 302}


def test_staff_pages_open_for_the_organiser_only(personas: Personas, event: Event) -> None:
    sign_up(event, "Перша")
    staff = _staff(personas)
    outsider = Client()
    outsider.force_login(personas.outsider_admin)
    for suffix in ("manage/", "participants/", "check-in/"):
        assert staff.get(f"/events/{event.slug}/{suffix}").status_code == 200, suffix
        assert outsider.get(f"/events/{event.slug}/{suffix}").status_code == 404, suffix


def test_the_export_holds_only_consented_fields(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(personas, capacity=10)
    admin = personas.admin
    shared = actions.add_question(
        admin, event, actions.QuestionData("Організація", Question.Kind.ORGANISATION, exported=True)
    )
    private = actions.add_question(
        admin, event, actions.QuestionData("Телефон", Question.Kind.PHONE)
    )
    registration = sign_up(event, "Олег")
    Registration.objects.filter(pk=registration.pk).update(
        answers={str(shared.pk): "=HYPERLINK(1)", str(private.pk): "+380501234567"}
    )
    staff = _staff(personas)
    with django_capture_on_commit_callbacks(execute=True):
        asked = staff.post(f"/events/{event.slug}/exports/")
    status = staff.get(asked["Location"])
    assert "Файл готовий: 1 особа." in status.content.decode()
    response = staff.get(asked["Location"] + "participants.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert "Олег" in flat and "'=HYPERLINK(1)" in flat
    assert "380501234567" not in flat and registration.email not in flat


def test_the_organiser_emails_registrants_through_the_queue(
    personas: Personas, event: Event
) -> None:
    sign_up(event, "Перша")
    mail.outbox.clear()
    response = _staff(personas).post(
        f"/events/{event.slug}/email/",
        {"statuses": ["confirmed"], "subject": "Зміна зали", "message": "Зала 2."},
    )
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == ["Зміна зали"]


def test_the_consent_purpose_is_shown_escaped_beside_the_checkbox(
    client: Client, personas: Personas
) -> None:
    event = make_event(personas, consent_purpose="Для семінару <script>alert(1)</script>")
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert "Для семінару &lt;script&gt;" in page and "<script>alert(1)" not in page


def test_the_organiser_creates_and_edits_an_event_through_the_forms(personas: Personas) -> None:
    staff = _staff(personas)
    url = f"/events/new/{personas.community.slug}/"
    fields = {
        "slug": "forum-2027", "title": "Форум 2027", "kind": "forum", "format": "venue",
        "venue": "Ратуша", "language": "українська", "max_group_size": "3",
        "group_policy": "skip", "offer_hours": "12", "consent_purpose": "Щоб провести форум.",
        "registration_opens": "2027-01-10T09:00", "registration_closes": "2027-02-01T09:00",
        "starts_at": "2027-02-02T10:00", "ends_at": "2027-02-02T16:00",
        "reminder_hours_text": "24, 1, 24",
    }  # fmt: skip
    wrong = staff.post(url, {**fields, "starts_at": "2027-01-01T10:00"})
    assert wrong.status_code == 200 and not Event.objects.exists()
    assert "Дати мають іти по черзі" in wrong.content.decode()
    assert staff.post(url, fields).status_code == 302
    event = Event.objects.get(slug="forum-2027")
    assert event.reminder_hours == [24, 1] and event.community == personas.community
    assert str(event.starts_at.astimezone(event.starts_at.tzinfo)) and event.starts_at.hour in {
        8,
        10,
    }
    edited = staff.post(f"/events/{event.slug}/manage/", {**fields, "title": "Форум-2027"})
    assert edited.status_code == 302
    event.refresh_from_db()
    assert event.title == "Форум-2027"
    outsider = Client()
    outsider.force_login(personas.outsider_admin)
    assert outsider.get(url).status_code == 404
    assert outsider.post(f"/events/{event.slug}/manage/", fields).status_code == 404


def test_staff_pages_and_certificates_take_few_queries(
    personas: Personas, event: Event, django_assert_max_num_queries: Any
) -> None:
    for name in ("Перша", "Друга", "Третя", "Четверта"):
        sign_up(event, name, colleagues=0)
    staff = _staff(personas)
    for suffix in ("participants/", "check-in/?q=Пер", "manage/"):
        with django_assert_max_num_queries(40):
            assert staff.get(f"/events/{event.slug}/{suffix}").status_code == 200


def test_events_reach_the_home_page_and_the_dashboard(personas: Personas, event: Event) -> None:
    home = Client().get("/").content.decode()
    assert "Найближчі події" in home and event.title in home
    dashboard = _staff(personas).get("/staff/").content.decode()
    assert f"/events/{event.slug}/manage/" in dashboard
    assert f"/events/new/{personas.community.slug}/" in dashboard
