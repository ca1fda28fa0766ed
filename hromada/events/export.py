"""The organiser's XLSX of participants: only what the registrants' consent covers — name,
status, attendance, the answers the organiser marked as exported (the consent text names them)
and email only when the event's consent says so."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from hromada.events.models import Event, Registration


def _safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula."""
    text = value if not isinstance(value, list) else ", ".join(str(v) for v in value)
    if isinstance(text, str) and text[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + text
    return text


def participants_xlsx(event: Event) -> tuple[bytes, int]:
    """The workbook's bytes and its number of people."""
    questions = list(event.questions.filter(exported=True))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Учасники")[:31]
    header = [_("Ім'я та прізвище"), _("Статус"), _("Присутність")]
    if event.export_emails:
        header.append(_("Електронна пошта"))
    header += [q.label for q in questions]
    sheet.append(header)
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.UNCONFIRMED)
        .prefetch_related("attendees")
        .order_by("status", "created_at")
    )
    people = 0
    for registration in registrations:
        for attendee in registration.attendees.all():
            people += 1
            present = ""
            if attendee.checked_in_at:
                present = timezone.localtime(attendee.checked_in_at).strftime("%d.%m.%Y %H:%M")
            elif attendee.attended_online:
                present = _("онлайн")
            row = [attendee.full_name, registration.get_status_display(), present]
            if event.export_emails:
                row.append(attendee.email)
            row += [registration.answers.get(str(q.pk), "") for q in questions]
            sheet.append([_safe(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), people
