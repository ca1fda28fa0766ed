"""Reads about events that are more than one query: seats, the waiting list, positions, the
public lists and the organiser's participants list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from hromada.events.models import Attendee, Event, Registration, Session, SessionChoice

Status = Registration.Status


def seats_taken(event: Event) -> int:
    held = Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEATS)
    return int(held.aggregate(total=Sum("seats"))["total"] or 0)


def seats_free(event: Event) -> int | None:
    """Free seats now, or None for an event without a limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - seats_taken(event))


def session_seats_taken(session: Session) -> int:
    """Seats of a session's room held by the active registrations that chose it."""
    held = SessionChoice.objects.filter(
        session=session, registration__status__in=Registration.ACTIVE
    )
    return int(held.aggregate(total=Sum("registration__seats"))["total"] or 0)


def sessions_with_seats(event: Event) -> list[tuple[Session, int | None]]:
    """Each session of the programme with its free seats (None: no limit), in one query."""
    taken = Sum(
        "choices__registration__seats",
        filter=Q(choices__registration__status__in=Registration.ACTIVE),
    )
    found: list[tuple[Session, int | None]] = []
    for session in event.sessions.annotate(taken=taken):
        free = None if session.capacity is None else max(0, session.capacity - (session.taken or 0))
        found.append((session, free))
    return found


def waitlist(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(
        "waitlist_rank", "pk"
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; None when not on the waiting list."""
    if registration.status != Status.WAITLISTED or registration.waitlist_rank is None:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=Status.WAITLISTED)
    ahead = ahead.filter(
        Q(waitlist_rank__lt=registration.waitlist_rank)
        | Q(waitlist_rank=registration.waitlist_rank, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def public_events(now: Any = None) -> tuple[list[Event], list[Event]]:
    """(upcoming, past) public events; invitation-only ones are never listed."""
    now = now or timezone.now()
    listed = Event.objects.filter(invitation_only=False).select_related("community", "network")
    upcoming = list(listed.filter(ends_at__gt=now).order_by("starts_at", "pk"))
    past = list(listed.filter(ends_at__lte=now).order_by("-starts_at", "-pk")[:20])
    return upcoming, past


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waitlisted: int
    pending: int
    checked_in: int
    attended: int
    people: int  # confirmed attendees

    @property
    def no_shows(self) -> int:
        return max(0, self.people - self.attended)


def counts(event: Event) -> Counts:
    by_status = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(seats=Sum("seats"))
        .values_list("status", "seats")
    )
    people = Attendee.objects.filter(event=event, registration__status=Status.CONFIRMED)
    figures = people.aggregate(
        total=Count("pk"),
        checked=Count("pk", filter=Q(checked_in_at__isnull=False)),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False) | Q(attended_online=True)),
    )
    return Counts(
        confirmed=by_status.get(Status.CONFIRMED, 0),
        waitlisted=by_status.get(Status.WAITLISTED, 0),
        pending=by_status.get(Status.PENDING, 0),
        checked_in=figures["checked"],
        attended=figures["attended"],
        people=figures["total"],
    )


def participants(event: Event, *, status: str = "", query: str = "", attended: str = "") -> Any:
    """The organiser's list of registrations with their people, filtered."""
    found = Registration.objects.filter(event=event).prefetch_related("attendees")
    if status in Status.values:
        found = found.filter(status=status)
    if query:
        found = found.filter(
            Q(full_name__icontains=query)
            | Q(email__icontains=query)
            | Q(attendees__full_name__icontains=query)
        ).distinct()
    if attended == "yes":
        found = found.filter(
            Q(attendees__checked_in_at__isnull=False) | Q(attendees__attended_online=True)
        ).distinct()
    elif attended == "no":
        found = found.filter(status=Status.CONFIRMED).exclude(
            Q(attendees__checked_in_at__isnull=False) | Q(attendees__attended_online=True)
        )
    return found.order_by("status", "waitlist_rank", "created_at", "pk")


def search_attendees(event: Event, query: str, limit: int = 20) -> list[Attendee]:
    """People of confirmed registrations whose name or code holds the typed text."""
    words = query.split()[:4]
    found = Attendee.objects.filter(event=event, registration__status=Status.CONFIRMED)
    for word in words:
        found = found.filter(
            Q(full_name__icontains=word)
            | Q(full_name__icontains=word.capitalize())
            | Q(code__iexact=word)
        )
    return list(found.select_related("registration").order_by("full_name")[:limit])
