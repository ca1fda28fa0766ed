"""At the door and after: check-in by code, walk-ins, attendance per session and online, and
certificates — only for people who were there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hromada.certificates import actions as certificates
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.events.models import Attendee, Event, Registration, Session, SessionAttendance
from hromada.events.phases import TIMELINE


@dataclass(frozen=True)
class CheckIn:
    attendee: Attendee
    already_at: datetime | None  # set when this was a second scan


def normalise_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())[:12]


# A scan queued in a phone without network reaches us later; its own time is believed only
# this far back (and never from the future), so a wrong phone clock cannot rewrite the day.
OFFLINE_SCAN_MAX_AGE = timedelta(hours=12)


def scan_time(scanned_at: datetime | None) -> datetime:
    now = timezone.now()
    if scanned_at is None or not (now - OFFLINE_SCAN_MAX_AGE <= scanned_at <= now):
        return now
    return scanned_at


@transaction.atomic
def check_in(actor: Any, event: Event, code: str, *, scanned_at: datetime | None = None) -> CheckIn:
    """Check a person in by the code of their QR. A second scan changes nothing and says when
    the first one was; a scan sent late from an offline queue keeps the time it was made."""
    require_perm(actor, "events.check_in", event)
    TIMELINE.require(event, "check_in")
    attendee = (
        Attendee.objects.select_for_update()
        .select_related("registration")
        .filter(event=event, code=normalise_code(code))
        .first()
    )
    if attendee is None:
        raise ActionRefused(_("Такого коду на цій події немає."), field="code")
    if attendee.registration.status != Registration.Status.CONFIRMED:
        raise ActionRefused(
            _("Реєстрація цієї особи не підтверджена (%(status)s).")
            % {"status": attendee.registration.get_status_display()},
            field="code",
        )
    if attendee.checked_in_at is not None:
        return CheckIn(attendee, attendee.checked_in_at)
    attendee.checked_in_at = scan_time(scanned_at)
    attendee.checked_in_by = actor
    attendee.save(update_fields=["checked_in_at", "checked_in_by"])
    audit.record("events.check_in", actor=actor, target=attendee, community=event.community)
    return CheckIn(attendee, None)


@transaction.atomic
def walk_in(actor: Any, event: Event, *, full_name: str, email: str = "") -> Attendee:
    """Someone registered at the door: confirmed and checked in at once, if the room has space
    (the limit counts the people present, so no-shows leave room for walk-ins)."""
    require_perm(actor, "events.check_in", event)
    TIMELINE.require(event, "walk_in")
    event = Event.objects.select_for_update().get(pk=event.pk)
    present = Attendee.objects.filter(event=event, checked_in_at__isnull=False).count()
    if event.capacity is not None and present >= event.capacity:
        raise ActionRefused(_("Зала заповнена: усі місця вже зайняті присутніми."))
    now = timezone.now()
    registration = Registration.objects.create(
        event=event,
        full_name=full_name,
        email=email or "walk-in@invalid",
        seats=1,
        status=Registration.Status.CONFIRMED,
        confirmed_at=now,
        consent_text=event.consent_purpose,
    )
    attendee = Attendee.objects.create(
        registration=registration,
        event=event,
        full_name=full_name,
        email=email,
        walk_in=True,
        checked_in_at=now,
        checked_in_by=actor,
    )
    audit.record("events.walk_in", actor=actor, target=attendee, community=event.community)
    return attendee


@transaction.atomic
def attend_session(actor: Any, attendee: Attendee, session: Session) -> bool:
    """Mark a checked-in person present at one session of a multi-day event."""
    require_perm(actor, "events.check_in", attendee.event)
    if session.event_id != attendee.event_id:
        raise ActionRefused(_("Ця сесія з іншої події."))
    if attendee.checked_in_at is None:
        raise ActionRefused(_("Спершу зареєструйте людину на вході."))
    Session.objects.select_for_update().filter(pk=session.pk).first()  # one at a time per room
    present = SessionAttendance.objects.filter(session=session)
    already = present.filter(attendee=attendee).exists()
    if not already and session.capacity is not None and present.count() >= session.capacity:
        raise ActionRefused(
            _("У залі сесії «%(session)s» немає вільних місць.") % {"session": session.title}
        )
    _row, created = SessionAttendance.objects.get_or_create(attendee=attendee, session=session)
    if created:
        audit.record(
            "events.attend_session",
            actor=actor,
            target=attendee,
            community=attendee.event.community,
            session=session.pk,
        )
    return created


@transaction.atomic
def mark_attended_online(actor: Any, attendee: Attendee, attended: bool) -> None:
    event = attendee.event
    require_perm(actor, "events.manage_event", event)
    TIMELINE.require(event, "mark_attended")
    if attendee.registration.status != Registration.Status.CONFIRMED:
        raise ActionRefused(_("Реєстрація цієї особи не підтверджена."))
    attendee.attended_online = attended
    attendee.save(update_fields=["attended_online"])
    audit.record(
        "events.mark_attended",
        actor=actor,
        target=attendee,
        community=event.community,
        attended=attended,
    )


@transaction.atomic
def issue_certificates(actor: Any, event: Event) -> int:
    """A certificate for every confirmed person who was checked in or marked as attending
    online; nobody else. Running it again issues only the missing ones."""
    require_perm(actor, "events.issue_certificates", event)
    TIMELINE.require(event, "issue_certificates")
    issued = 0
    present = Attendee.objects.filter(
        event=event, registration__status=Registration.Status.CONFIRMED, certificate__isnull=True
    ).select_related("registration__user")
    for attendee in present:
        if not attendee.attended:
            continue
        attendee.certificate = certificates.issue(
            actor=actor,
            source_key=f"events.attendee:{attendee.pk}",
            holder_name=attendee.full_name,
            title=_certificate_title(event),
            details=timezone.localtime(event.starts_at).strftime("%d.%m.%Y")
            + (f" · {event.venue}" if event.venue else ""),
            issuer_name=event.organiser_name,
            issued_on=timezone.localdate(event.ends_at),
            recipient=attendee.registration.user if attendee.pk == _first(attendee) else None,
            community=event.community,
        )
        attendee.save(update_fields=["certificate"])
        issued += 1
    audit.record(
        "events.issue_certificates",
        actor=actor,
        target=event,
        community=event.community,
        issued=issued,
    )
    return issued


def _certificate_title(event: Event) -> str:
    # A certificate is a Ukrainian document whatever language the organiser's page is in.
    with translation.override("uk"):
        return _("брав(ла) участь у події «%(event)s»") % {"event": event.title}


def _first(attendee: Attendee) -> int | None:
    """The contact person of a registration (the account belongs to them, not to colleagues)."""
    return attendee.registration.attendees.order_by("pk").values_list("pk", flat=True).first()
