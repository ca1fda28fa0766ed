"""Work on the queue: offers that lapse, reminders before the event, emails to registrants.

A deferred task runs at its time on the database queue. A backend that cannot defer (the
immediate one of `make dev` and the tests) gets nothing scheduled: `manage.py events_due_work`
(run it every few minutes from cron, as `notify_overdue_reviews` is) does whatever is due, and
every task is idempotent, so running both is harmless."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from hromada.events.models import Event, Registration, ReminderSent


def _defer(task_obj: Any, at: datetime, **kwargs: Any) -> None:
    if task_obj.get_backend().supports_defer:
        task_obj.using(run_after=at).enqueue(**kwargs)


def schedule_offer_expiry(registration: Registration) -> None:
    if registration.offer_expires_at is not None:
        _defer(expire_offer, registration.offer_expires_at, registration_id=registration.pk)


@task()
def expire_offer(registration_id: int) -> str:
    from hromada.events.actions_registration import expire_offer as expire

    return "expired" if expire(registration_id) else "nothing to do"


def schedule_reminders(event: Event) -> None:
    now = timezone.now()
    for hours in event.reminder_hours:
        at = event.starts_at - timedelta(hours=int(hours))
        if at > now:
            _defer(
                send_reminders,
                at,
                event_id=event.pk,
                hours_before=int(hours),
                starts_at=event.starts_at.isoformat(),
            )


@task()
def send_reminders(event_id: int, hours_before: int, starts_at: str) -> str:
    return f"{remind(event_id, hours_before, datetime.fromisoformat(starts_at))} reminded"


def remind(event_id: int, hours_before: int, starts_at: datetime) -> int:
    """Email every confirmed registrant, once per (event, offset, start time): a moved event's
    old reminders find the start changed and do nothing."""
    from hromada.events import notifications

    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.starts_at != starts_at or hours_before not in event.reminder_hours:
        return 0
    try:
        with transaction.atomic():
            mark = ReminderSent.objects.create(
                event=event, hours_before=hours_before, starts_at=event.starts_at
            )
            confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
            for registration in confirmed:
                notifications.send_reminder(registration, hours_before)
            mark.recipients = confirmed.count()
            mark.save(update_fields=["recipients"])
    except IntegrityError:
        return 0  # sent already
    return mark.recipients


@task()
def email_registrants(
    event_id: int, registration_ids: list[int], subject: str, message: str
) -> str:
    from hromada.events import notifications

    sent = 0
    for registration in Registration.objects.filter(event_id=event_id, pk__in=registration_ids):
        notifications.send_message(registration, subject, message)
        sent += 1
    return f"{sent} queued"


@task()
def build_participants_export(export_id: int) -> str:
    from hromada.events.actions_exports import build_export

    return "built" if build_export(export_id) else "nothing to do"


def due_work(now: datetime | None = None) -> tuple[int, int]:
    """(offers expired, reminder rounds sent) of everything due by `now`."""
    from hromada.events.actions_exports import erase_old_exports
    from hromada.events.actions_registration import expire_offer as expire

    erase_old_exports()
    now = now or timezone.now()
    lapsed = Registration.objects.filter(
        status=Registration.Status.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", flat=True)
    expired = sum(1 for pk in list(lapsed) if expire(pk, now))
    rounds = 0
    for event in Event.objects.filter(starts_at__gt=now).exclude(reminder_hours=[]):
        for hours in event.reminder_hours:
            if event.starts_at - timedelta(hours=int(hours)) <= now and not (
                ReminderSent.objects.filter(
                    event=event, hours_before=int(hours), starts_at=event.starts_at
                ).exists()
            ):
                remind(event.pk, int(hours), event.starts_at)
                rounds += 1
    return expired, rounds
