"""The emails events send, all through the queue (core.mail). Only the messages to confirmed
registrants carry the joining details; waitlist, offer and cancellation messages never do."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hromada.core.mail import Attachment, send_email
from hromada.events.models import Attendee, Event, Registration


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def personal_links(registration: Registration) -> dict[str, str]:
    token = registration.token
    return {
        "page": absolute(reverse("events:registration", args=[token])),
        "ics": absolute(reverse("events:registration_ics", args=[token])),
        "confirm": absolute(reverse("events:confirm_email", args=[token])),
        "accept": absolute(reverse("events:registration", args=[token])),
    }


def when_and_where(event: Event) -> dict[str, Any]:
    """Date and time in Kyiv time, and the place, for every message about the event."""
    return {
        "starts": timezone.localtime(event.starts_at),
        "ends": timezone.localtime(event.ends_at),
        "timezone_name": settings.TIME_ZONE,
    }


def _send(registration: Registration, template: str, subject: str, **extra: Any) -> None:
    context = {
        "registration": registration,
        "event": registration.event,
        "links": personal_links(registration),
        # Joining details travel only to a confirmed registrant.
        "show_joining": registration.is_confirmed and registration.event.is_online,
        # The sessions they chose, with times and rooms (empty where nobody chooses).
        "sessions": [c.session for c in registration.session_choices.select_related("session")],
        **when_and_where(registration.event),
        **extra,
    }
    body = render_to_string(f"events/email/{template}.txt", context)
    html_body = None
    images: list[QrImage] = []
    if registration.is_confirmed:
        # The confirmed get an HTML version too, with each person's check-in QR code inside
        # the message (clients block remote images, and the door may have no network).
        images = [qr_image(attendee) for attendee in registration.attendees.all()]
        people = [(image.content_id, image.attendee) for image in images]
        html_body = render_to_string(
            "events/email/with_qr.html", {**context, "body": body, "people": people}
        )
    send_email(
        to=[registration.email],
        subject=subject,
        body=body,
        html_body=html_body,
        attachments=[image.attachment for image in images],
    )


@dataclass(frozen=True)
class QrImage:
    attendee: Attendee
    attachment: Attachment

    @property
    def content_id(self) -> str:
        return self.attachment.content_id


def qr_image(attendee: Attendee) -> QrImage:
    """One person's check-in QR as a PNG to attach inline (`cid:` in the HTML)."""
    image = io.BytesIO()
    segno.make(attendee.code, error="m").save(image, kind="png", scale=6, border=2)
    content_id = f"qr-{attendee.code}@hromada"
    return QrImage(
        attendee, Attachment(f"qr-{attendee.code}.png", image.getvalue(), "image/png", content_id)
    )


def send_confirm_email(registration: Registration) -> None:
    from django.utils.translation import gettext as _

    _send(
        registration,
        "confirm_email",
        _("Підтвердіть реєстрацію: %(event)s") % {"event": registration.event.title},
    )


def send_status(registration: Registration) -> None:
    """The message for the registration's new status (confirmed, waitlisted, pending...)."""
    from django.utils.translation import gettext as _

    subjects: dict[str, str] = {
        Registration.Status.CONFIRMED: _("Ви зареєстровані: %(event)s"),
        Registration.Status.WAITLISTED: _("Ви у списку очікування: %(event)s"),
        Registration.Status.PENDING: _("Реєстрацію отримано: %(event)s"),
        Registration.Status.OFFERED: _("Для вас звільнилося місце: %(event)s"),
        Registration.Status.DECLINED: _("Реєстрацію відхилено: %(event)s"),
        Registration.Status.CANCELLED: _("Реєстрацію скасовано: %(event)s"),
        Registration.Status.EXPIRED: _("Пропозиція місця минула: %(event)s"),
    }
    subject = subjects.get(registration.status)
    if subject is None:
        return
    from hromada.events.selectors import waitlist_position

    _send(
        registration,
        f"status_{registration.status}",
        subject % {"event": registration.event.title},
        position=waitlist_position(registration),
    )


def send_reminder(registration: Registration, hours_before: int) -> None:
    from django.utils.translation import gettext as _

    _send(
        registration,
        "reminder",
        _("Нагадування: %(event)s") % {"event": registration.event.title},
        hours_before=hours_before,
    )


def send_message(registration: Registration, subject: str, message: str) -> None:
    _send(registration, "organiser_message", subject, message=message)
