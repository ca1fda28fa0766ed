"""The one way Hromada sends an email (invitations, notifications, allauth's messages).

Callers say who gets what; `send_email` puts it on the task queue and returns. The worker's
`deliver_email` task sends it; when SMTP fails it enqueues itself again, later, up to
MAX_ATTEMPTS times (django-tasks has no retries of its own). With the database queue the email
is a row written in the caller's transaction: it is sent only if the caller's write commits,
and a mail that failed every attempt stays in the queue's table as a failed task with its
arguments, to be re-sent by hand (docs/deploy.md).
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.mime.image import MIMEImage
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# 1, 2, 4, ... minutes, then hourly: the 12 attempts span about eight hours of SMTP outage.
FIRST_DELAY_SECONDS = 60
LONGEST_DELAY_SECONDS = 3600


def retry_delay(attempt: int) -> dt.timedelta:
    """How long to wait after the `attempt`-th failed attempt (1-based)."""
    seconds = min(FIRST_DELAY_SECONDS * 2 ** (attempt - 1), LONGEST_DELAY_SECONDS)
    return dt.timedelta(seconds=seconds)


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email. With `content_id` an image is attached inline: the HTML
    version shows it as `<img src="cid:...">`, so clients that block remote images (most do
    by default) still show it, and it works without the site being reachable."""

    filename: str
    content: bytes
    mimetype: str
    content_id: str = ""

    def as_task_argument(self) -> dict[str, str]:
        # Task arguments must be JSON: the bytes travel as base64.
        return {
            "filename": self.filename,
            "content": base64.b64encode(self.content).decode("ascii"),
            "mimetype": self.mimetype,
            "content_id": self.content_id,
        }


def send_email(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Queue a plain-text email (with an optional HTML version and attachments) from
    DEFAULT_FROM_EMAIL."""
    deliver_email.enqueue(
        to=list(to),
        subject=" ".join(subject.split()),
        body=body,
        html_body=html_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        attachments=[attachment.as_task_argument() for attachment in attachments],
    )


def _attach(message: EmailMultiAlternatives, attachment: dict[str, Any]) -> None:
    content = base64.b64decode(attachment["content"])
    maintype, _slash, subtype = attachment["mimetype"].partition("/")
    if attachment.get("content_id") and maintype == "image":
        image = MIMEImage(content, _subtype=subtype)
        image.add_header("Content-ID", f"<{attachment['content_id']}>")
        image.add_header("Content-Disposition", "inline", filename=attachment["filename"])
        message.attach(image)
        # Inline images belong with the HTML in a multipart/related container.
        message.mixed_subtype = "related"
    else:
        message.attach(attachment["filename"], content, attachment["mimetype"])


@task()
def deliver_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    from_email: str,
    html_body: str | None = None,
    attachments: list[dict[str, Any]] | None = None,
    attempt: int = 1,
) -> str:
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for attachment in attachments or []:
        _attach(message, attachment)
    try:
        message.send()
    except Exception as error:  # SMTP down, refused, timed out: try again later
        if attempt >= MAX_ATTEMPTS or not deliver_email.get_backend().supports_defer:
            logger.error("Email %r to %s failed for good: %r", subject, to, error)
            raise
        delay = retry_delay(attempt)
        logger.warning("Email %r to %s failed (%r); retry in %s", subject, to, error, delay)
        deliver_email.using(run_after=timezone.now() + delay).enqueue(
            to=to,
            subject=subject,
            body=body,
            from_email=from_email,
            html_body=html_body,
            attachments=attachments,
            attempt=attempt + 1,
        )
        return f"attempt {attempt} failed; retry queued"
    return "sent"
