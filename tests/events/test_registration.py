"""Registration, the waiting list and its offers, moderation and the logged queue changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from hromada.core.errors import ActionRefused
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Registration, WaitlistChange
from hromada.events.selectors import seats_taken, waitlist_position
from hromada.events.tasks import due_work
from tests.conftest import Personas
from tests.events.conftest import make_event, sign_up

pytestmark = pytest.mark.django_db
S = Registration.Status


def test_a_signed_in_person_is_confirmed_at_once_and_gets_the_link(event: Event) -> None:
    registration = sign_up(event, "Олена Коваль")
    assert registration.status == S.CONFIRMED
    assert registration.attendees.count() == 1
    assert "https://meet.example.org/secret-room-42" in mail.outbox[-1].body


def test_a_visitor_confirms_the_address_first(event: Event) -> None:
    data = registrations.RegistrationData("Петро Бондар", "petro@example.org", consent=True)
    registration = registrations.register(AnonymousUser(), event, data)
    assert registration.status == S.UNCONFIRMED
    assert registration.token in mail.outbox[-1].body
    assert "secret-room" not in mail.outbox[-1].body
    registrations.confirm_email(registration)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    registrations.confirm_email(registration)  # a second click changes nothing
    assert Registration.objects.filter(event=event, status=S.CONFIRMED).count() == 1


def test_consent_is_required(event: Event) -> None:
    data = registrations.RegistrationData("Петро", "p@example.org", consent=False)
    with pytest.raises(ActionRefused) as refused:
        registrations.register(AnonymousUser(), event, data)
    assert refused.value.field == "consent"


def test_a_full_event_puts_people_on_the_waitlist_with_their_position(event: Event) -> None:
    sign_up(event, "Перша")
    sign_up(event, "Друга")
    third = sign_up(event, "Третя")
    fourth = sign_up(event, "Четверта")
    assert (third.status, fourth.status) == (S.WAITLISTED, S.WAITLISTED)
    assert (waitlist_position(third), waitlist_position(fourth)) == (1, 2)
    assert "1" in mail.outbox[-2].body and "secret-room" not in mail.outbox[-2].body


def test_a_cancellation_offers_the_seat_to_the_first_in_line_for_set_hours(event: Event) -> None:
    first = sign_up(event, "Перша")
    sign_up(event, "Друга")
    waiting = sign_up(event, "Третя")
    mail.outbox.clear()
    registrations.cancel(first)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert waiting.offer_expires_at is not None
    hours = (waiting.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 23.9 < hours <= 24
    offer = next(m for m in mail.outbox if m.to == [waiting.email])
    assert waiting.token in offer.body and "secret-room" not in offer.body
    registrations.accept_offer(waiting)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    assert seats_taken(event) == 2


def test_an_offer_not_taken_in_time_expires_and_moves_on(event: Event, time_machine) -> None:
    first = sign_up(event, "Перша")
    sign_up(event, "Друга")
    second_in_line_a = sign_up(event, "Третя")
    second_in_line_b = sign_up(event, "Четверта")
    registrations.cancel(first)
    second_in_line_a.refresh_from_db()
    assert second_in_line_a.status == S.OFFERED
    assert due_work() == (0, 0)  # not yet due
    assert registrations.expire_offer(second_in_line_a.pk) is False  # an early task waits
    time_machine.move_to(timezone.now() + timedelta(hours=25))
    expired, _rounds = due_work()
    assert expired == 1
    second_in_line_a.refresh_from_db()
    second_in_line_b.refresh_from_db()
    assert second_in_line_a.status == S.EXPIRED
    assert second_in_line_b.status == S.OFFERED
    with pytest.raises(ActionRefused):
        registrations.accept_offer(second_in_line_a)
    assert registrations.expire_offer(second_in_line_a.pk) is False  # idempotent


@pytest.mark.parametrize(("policy", "offered"), [("skip", "single"), ("wait", None)])
def test_a_group_too_big_is_skipped_or_holds_the_line(
    personas: Personas, policy: str, offered: str | None
) -> None:
    event = make_event(personas, capacity=3, group_policy=policy)
    sign_up(event, "Перша")
    leaving = sign_up(event, "Друга")
    sign_up(event, "Третя")
    group = sign_up(event, "Група", colleagues=2)
    single = sign_up(event, "Одна")
    assert (group.status, single.status) == (S.WAITLISTED, S.WAITLISTED)
    registrations.cancel(leaving)
    group.refresh_from_db()
    single.refresh_from_db()
    assert group.status == S.WAITLISTED
    assert single.status == (S.OFFERED if offered else S.WAITLISTED)


def test_moving_someone_on_the_waitlist_is_logged_with_the_reason(
    personas: Personas, event: Event
) -> None:
    sign_up(event, "Перша")
    sign_up(event, "Друга")
    a, b, c = (sign_up(event, name) for name in ("А", "Б", "В"))
    with pytest.raises(ActionRefused):
        registrations.move_on_waitlist(personas.admin, c, 1, "")
    with pytest.raises(ActionRefused):
        registrations.move_on_waitlist(personas.outsider_admin, c, 1, "бо так")
    registrations.move_on_waitlist(personas.admin, c, 1, "доповідачка секції")
    positions = [waitlist_position(Registration.objects.get(pk=r.pk)) for r in (c, a, b)]
    assert positions == [1, 2, 3]
    change = WaitlistChange.objects.get()
    assert (change.old_position, change.new_position, change.reason) == (
        3,
        1,
        "доповідачка секції",
    )


def test_moderation_holds_the_seat_and_a_decline_needs_a_reason(personas: Personas) -> None:
    event = make_event(personas, moderated=True, capacity=1)
    pending = sign_up(event, "Кандидатка")
    waiting = sign_up(event, "Наступна")
    assert (pending.status, waiting.status) == (S.PENDING, S.WAITLISTED)
    with pytest.raises(ActionRefused):
        registrations.moderate(personas.admin, pending, approve=False, reason=" ")
    registrations.moderate(personas.admin, pending, approve=False, reason="Лише для працівників")
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.status == S.DECLINED and "Лише для працівників" in mail.outbox[-2].body
    assert waiting.status == S.OFFERED


def test_invitation_only_events_need_the_code(personas: Personas) -> None:
    event = make_event(personas, invitation_only=True, invitation_code="zaproshennia")
    data = registrations.RegistrationData("Ірина", "iryna@example.org", consent=True)
    with pytest.raises(ActionRefused):
        registrations.register(AnonymousUser(), event, data)
    data.invite_code = "zaproshennia"
    assert registrations.register(AnonymousUser(), event, data).pk


def test_one_active_registration_per_address(event: Event) -> None:
    data = registrations.RegistrationData("Ірина", "iryna@example.org", consent=True)
    registrations.register(AnonymousUser(), event, data)
    with pytest.raises(ActionRefused):
        registrations.register(AnonymousUser(), event, data)


def test_registration_is_refused_outside_its_window(personas: Personas) -> None:
    for phase in ("announced", "upcoming", "running", "past"):
        event = make_event(personas, phase=phase)
        with pytest.raises(ActionRefused):
            sign_up(event, "Запізніла")
