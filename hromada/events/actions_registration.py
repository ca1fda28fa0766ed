"""Registering, confirming, cancelling, the waiting list and its offers.

Seats are decided with the event's row locked (`select_for_update`): two people registering at
once are placed one after the other, so the confirmed, pending and offered seats never exceed
the capacity. A registrant acts through their private link; these functions take the
registration the link opened, and the organiser's functions re-check the organiser's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.events import notifications
from hromada.events.models import (
    Attendee,
    Event,
    Registration,
    Session,
    SessionChoice,
    WaitlistChange,
)
from hromada.events.phases import TIMELINE
from hromada.events.selectors import (
    seats_free,
    session_seats_taken,
    waitlist,
    waitlist_position,
)

Status = Registration.Status


@dataclass
class RegistrationData:
    full_name: str
    email: str
    consent: bool
    answers: dict[str, Any] = field(default_factory=dict)
    colleagues: list[tuple[str, str]] = field(default_factory=list)  # (name, email or "")
    invite_code: str = ""
    session_ids: list[int] = field(default_factory=list)  # where the registrants choose


def _lock(event: Event) -> Event:
    """The event's row, locked until the transaction ends: seat decisions queue behind it."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_new(event: Event, data: RegistrationData) -> None:
    TIMELINE.require(event, "register")
    if event.invitation_only and (
        not event.invitation_code or data.invite_code != event.invitation_code
    ):
        raise ActionRefused(_("На цю подію реєструються лише за запрошенням."))
    if not data.consent:
        raise ActionRefused(
            _("Без згоди на обробку персональних даних зареєструватися не можна."),
            field="consent",
        )
    if 1 + len(data.colleagues) > event.max_group_size:
        raise ActionRefused(
            _("Одна реєстрація — щонайбільше %(n)s осіб.") % {"n": event.max_group_size},
            field="colleagues",
        )
    required = event.questions.filter(required=True)
    for question in required:
        if data.answers.get(str(question.pk)) in (None, "", []):
            raise ActionRefused(
                _("Дайте відповідь на обов'язкове питання «%(q)s».") % {"q": question.label}
            )
    active = Registration.objects.filter(
        event=event, email__iexact=data.email, status__in=Registration.ACTIVE
    )
    if active.exists():
        raise ActionRefused(
            _("З цією адресою вже є реєстрація на подію. Посилання на неї — у вашому листі."),
            field="email",
        )


def _chosen_sessions(event: Event, data: RegistrationData) -> list[Session]:
    """The sessions picked, each with room for the whole registration (event locked, so two
    people cannot take a room's last seat at once)."""
    if not event.choose_sessions:
        return []
    sessions = list(event.sessions.filter(pk__in=data.session_ids[:100]))
    if len(sessions) != len(set(data.session_ids)):
        raise ActionRefused(_("Такої сесії в програмі немає."), field="sessions")
    if not sessions and event.sessions.exists():
        raise ActionRefused(_("Оберіть хоча б одну сесію програми."), field="sessions")
    people = 1 + len(data.colleagues)
    for session in sessions:
        if (
            session.capacity is not None
            and session_seats_taken(session) + people > session.capacity
        ):
            raise ActionRefused(
                _("На сесію «%(session)s» вільних місць уже немає: оберіть іншу.")
                % {"session": session.title},
                field="sessions",
            )
    return sessions


@transaction.atomic
def register(actor: Any, event: Event, data: RegistrationData) -> Registration:
    """A new registration. A signed-in person registering with their own verified address is
    placed at once; anyone else first confirms the address by the emailed link."""
    event = _lock(event)
    _check_new(event, data)
    sessions = _chosen_sessions(event, data)
    own_address = bool(
        actor.is_authenticated
        and actor.email.lower() == data.email.lower()
        and actor.emailaddress_set.filter(email__iexact=data.email, verified=True).exists()
    )
    registration = Registration.objects.create(
        event=event,
        user=actor if actor.is_authenticated else None,
        full_name=data.full_name,
        email=data.email,
        status=Status.UNCONFIRMED,
        seats=1 + len(data.colleagues),
        answers=data.answers,
        consent_text=event.consent_purpose,
    )
    Attendee.objects.create(
        registration=registration, event=event, full_name=data.full_name, email=data.email
    )
    for name, email in data.colleagues:
        Attendee.objects.create(registration=registration, event=event, full_name=name, email=email)
    SessionChoice.objects.bulk_create(
        SessionChoice(registration=registration, session=session) for session in sessions
    )
    audit.record(
        "events.register",
        actor=actor,
        target=registration,
        community=event.community,
        seats=registration.seats,
        sessions=[session.pk for session in sessions],
    )
    if own_address:
        _place(event, registration)
    else:
        notifications.send_confirm_email(registration)
    return registration


@transaction.atomic
def confirm_email(registration: Registration) -> Registration:
    """The registrant followed the emailed link: now the registration takes its place."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.UNCONFIRMED:
        return registration  # a second click changes nothing
    TIMELINE.require(event, "register")
    _place(event, registration)
    return registration


def _place(event: Event, registration: Registration) -> None:
    """Seat, hold for moderation, or queue: called with the event locked."""
    free = seats_free(event)
    nobody_waiting = not waitlist(event).exists()
    if (free is None or registration.seats <= free) and nobody_waiting:
        registration.status = Status.PENDING if event.moderated else Status.CONFIRMED
        registration.confirmed_at = timezone.now() if not event.moderated else None
    else:
        registration.status = Status.WAITLISTED
        last = waitlist(event).aggregate(last=Max("waitlist_rank"))["last"] or 0
        registration.waitlist_rank = last + 1
    registration.save(update_fields=["status", "confirmed_at", "waitlist_rank"])
    audit.record(
        "events.place",
        actor=None,
        target=registration,
        community=event.community,
        status=registration.status,
    )
    notifications.send_status(registration)


def _free_seats_changed(event: Event) -> list[Registration]:
    """Offer freed seats down the waiting list (event locked). A group bigger than the free
    seats either holds up the line or is passed over, as the organiser decided."""
    offered = []
    free = seats_free(event)
    if free is None:
        free = 10**9
    for candidate in waitlist(event):
        if free <= 0:
            break
        if candidate.seats > free:
            if event.group_policy == Event.GroupPolicy.WAIT:
                break
            continue
        candidate.status = Status.OFFERED
        candidate.offer_expires_at = timezone.now() + timedelta(hours=event.offer_hours)
        candidate.save(update_fields=["status", "offer_expires_at"])
        audit.record(
            "events.offer",
            actor=None,
            target=candidate,
            community=event.community,
            expires=candidate.offer_expires_at.isoformat(),
        )
        notifications.send_status(candidate)
        free -= candidate.seats
        offered.append(candidate)
    if offered:
        from hromada.events.tasks import schedule_offer_expiry

        for candidate in offered:
            schedule_offer_expiry(candidate)
    return offered


@transaction.atomic
def cancel(registration: Registration, *, actor: Any = None) -> Registration:
    """The registrant cancels (or leaves the waiting list): one click, seat freed at once."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status in {Status.CANCELLED, Status.DECLINED, Status.EXPIRED}:
        return registration
    action = "leave_waitlist" if registration.status == Status.WAITLISTED else "cancel"
    TIMELINE.require(event, action)
    held_seats = registration.status in Registration.HOLDS_SEATS
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.waitlist_rank = None
    registration.save(update_fields=["status", "cancelled_at", "waitlist_rank"])
    audit.record("events.cancel", actor=actor, target=registration, community=event.community)
    notifications.send_status(registration)
    if held_seats:
        _free_seats_changed(event)
    return registration


@transaction.atomic
def accept_offer(registration: Registration) -> Registration:
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.OFFERED:
        raise ActionRefused(_("Цієї пропозиції місця вже немає."))
    if registration.offer_expires_at and registration.offer_expires_at <= timezone.now():
        raise ActionRefused(_("Час, щоб прийняти місце, минув."))
    TIMELINE.require(event, "accept_offer")
    registration.status = Status.PENDING if event.moderated else Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.offer_expires_at = None
    registration.waitlist_rank = None
    registration.save(update_fields=["status", "confirmed_at", "offer_expires_at", "waitlist_rank"])
    audit.record("events.accept_offer", actor=None, target=registration, community=event.community)
    notifications.send_status(registration)
    return registration


@transaction.atomic
def expire_offer(registration_id: int, now: Any = None) -> bool:
    """An offer not taken in time lapses and the seat goes to the next in line. Idempotent:
    an accepted or already expired offer is left alone."""
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return False
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    now = now or timezone.now()
    if registration.status != Status.OFFERED or (
        registration.offer_expires_at and registration.offer_expires_at > now
    ):
        return False
    registration.status = Status.EXPIRED
    registration.waitlist_rank = None
    registration.save(update_fields=["status", "waitlist_rank"])
    audit.record("events.offer_expired", actor=None, target=registration, community=event.community)
    notifications.send_status(registration)
    _free_seats_changed(event)
    return True


@transaction.atomic
def moderate(actor: Any, registration: Registration, *, approve: bool, reason: str = "") -> None:
    event = _lock(registration.event)
    require_perm(actor, "events.moderate", event)
    TIMELINE.require(event, "moderate")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING:
        raise ActionRefused(_("Ця реєстрація не чекає рішення."))
    if not approve and not reason.strip():
        raise ActionRefused(_("Напишіть причину відмови."), field="reason")
    registration.status = Status.CONFIRMED if approve else Status.DECLINED
    registration.confirmed_at = timezone.now() if approve else None
    registration.decline_reason = "" if approve else reason.strip()[:300]
    registration.save(update_fields=["status", "confirmed_at", "decline_reason"])
    audit.record(
        "events.moderate",
        actor=actor,
        target=registration,
        community=event.community,
        approve=approve,
        reason=reason[:300],
    )
    notifications.send_status(registration)
    if not approve:
        _free_seats_changed(event)


@transaction.atomic
def move_on_waitlist(actor: Any, registration: Registration, position: int, reason: str) -> None:
    """Put a waiting registration at `position` (1 = first); the change is logged with why."""
    event = _lock(registration.event)
    require_perm(actor, "events.reorder_waitlist", event)
    TIMELINE.require(event, "reorder_waitlist")
    if not reason.strip():
        raise ActionRefused(_("Напишіть, чому змінюєте чергу."), field="reason")
    line = list(waitlist(event))
    if registration not in line:
        raise ActionRefused(_("Цієї реєстрації немає у списку очікування."))
    old = line.index(registration) + 1
    new = min(max(1, position), len(line))
    line.remove(registration)
    line.insert(new - 1, registration)
    for rank, item in enumerate(line, start=1):
        if item.waitlist_rank != rank:
            Registration.objects.filter(pk=item.pk).update(waitlist_rank=rank)
    WaitlistChange.objects.create(
        registration=registration,
        changed_by=actor,
        old_position=old,
        new_position=new,
        reason=reason.strip()[:300],
    )
    audit.record(
        "events.waitlist_move",
        actor=actor,
        target=registration,
        community=event.community,
        old=old,
        new=new,
        reason=reason[:300],
    )
    if new < old:
        # Someone moved to the front may now fit seats a waiting group left unused.
        _free_seats_changed(event)


@transaction.atomic
def update_answers(registration: Registration, *, full_name: str, answers: dict[str, Any]) -> None:
    """The registrant corrects their name or answers by their private link."""
    TIMELINE.require(registration.event, "edit_registration")
    if registration.status not in Registration.ACTIVE:
        raise ActionRefused(_("Скасовану реєстрацію змінити не можна."))
    registration.full_name = full_name
    registration.answers = answers
    registration.save(update_fields=["full_name", "answers"])
    first = registration.attendees.order_by("pk").first()
    if first is not None:
        first.full_name = full_name
        first.save(update_fields=["full_name"])
    audit.record(
        "events.edit_registration",
        actor=None,
        target=registration,
        community=registration.event.community,
    )


@transaction.atomic
def revoke_links(actor: Any, registration: Registration) -> Registration:
    """A new private token: every link sent before (page, calendar file, joining details) stops
    working. The organiser does this when a link has leaked; the new one is emailed."""
    require_perm(actor, "events.manage_event", registration.event)
    from hromada.events.models_registration import new_token

    registration.token = new_token()
    registration.save(update_fields=["token"])
    audit.record(
        "events.revoke_links",
        actor=actor,
        target=registration,
        community=registration.event.community,
    )
    notifications.send_status(registration)
    return registration


def position_of(registration: Registration) -> int | None:
    return waitlist_position(registration)
