"""The door: a phone-friendly page where staff type or scan a code, or find a person by name;
walk-ins; attendance per session; the live count."""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.events import actions_checkin
from hromada.events.models import Attendee, Event
from hromada.events.selectors import counts, search_attendees


def _event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("community", "network"), slug=slug)
    if not request.user.has_perm("events.check_in", event):
        raise Http404
    return event


def _page(request: HttpRequest, event: Event, **extra: object) -> HttpResponse:
    query = request.GET.get("q", "")[:100].replace("\x00", "").strip()
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "counts": counts(event),
            "query": query,
            "found": search_attendees(event, query) if query else [],
            "sessions": event.sessions.all(),
            **extra,
        },
    )


@staff_view
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if request.method != "POST":
        return _page(request, event)
    code = request.POST.get("code", "")[:40]
    try:
        result = actions_checkin.check_in(request.user, event, code)
    except ActionRefused as refusal:
        return _page(request, event, error=refusal.message)
    if result.already_at is not None:
        return _page(request, event, warning=_already(result))
    return _page(request, event, success=_welcome(result))


@staff_view
@require_POST
def scan(request: HttpRequest, slug: str) -> JsonResponse:
    """One scan from the page's offline queue (static/js/events-checkin.js), answered in JSON.
    Sending the same scan twice is harmless: the second answer says when the first one was.
    Refusals are answers too (200), so the phone drops them from its queue and shows why."""
    event = _event(request, slug)
    code = request.POST.get("code", "")[:40]
    try:
        result = actions_checkin.check_in(
            request.user, event, code, scanned_at=_epoch_ms(request.POST.get("scanned_at", ""))
        )
    except ActionRefused as refusal:
        return JsonResponse({"status": "refused", "message": str(refusal.message), "code": code})
    figures = counts(event)
    answer = {
        "code": result.attendee.code,
        "name": result.attendee.full_name,
        "checked_in": figures.checked_in,
        "expected": figures.people,
    }
    if result.already_at is not None:
        return JsonResponse({**answer, "status": "already", "message": _already(result)})
    return JsonResponse({**answer, "status": "checked_in", "message": _welcome(result)})


def _epoch_ms(value: str) -> datetime | None:
    # Milliseconds since 1970 from the phone's clock; 13 digits reach the year 2286.
    if not (value.isascii() and value.isdigit()) or len(value) > 13:
        return None
    return datetime.fromtimestamp(int(value) / 1000, tz=UTC)


def _already(result: actions_checkin.CheckIn) -> str:
    first = result.already_at or timezone.now()
    return _("%(name)s вже зареєстрований(а) на вході о %(time)s.") % {
        "name": result.attendee.full_name,
        "time": timezone.localtime(first).strftime("%H:%M"),
    }


def _welcome(result: actions_checkin.CheckIn) -> str:
    return _("%(name)s — ласкаво просимо! Реєстрацію на вході відмічено.") % {
        "name": result.attendee.full_name
    }


@staff_view
def walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if request.method != "POST":
        return _page(request, event)
    name = request.POST.get("full_name", "")[:200].replace("\x00", "").strip()
    email = request.POST.get("email", "")[:254].replace("\x00", "").strip()
    if not name:
        return _page(request, event, error=_("Напишіть ім'я та прізвище."))
    try:
        attendee = actions_checkin.walk_in(request.user, event, full_name=name, email=email)
    except ActionRefused as refusal:
        return _page(request, event, error=refusal.message)
    return _page(
        request, event, success=_("%(name)s зареєстровано на місці.") % {"name": attendee.full_name}
    )


@staff_view
def session_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if request.method != "POST":
        return _page(request, event)
    attendee = Attendee.objects.filter(
        event=event, code=actions_checkin.normalise_code(request.POST.get("code", "")[:40])
    ).first()
    session = event.sessions.filter(pk=request.POST.get("session", "0")[:10] or 0).first()
    if attendee is None or session is None:
        return _page(request, event, error=_("Такого коду на цій події немає."))
    try:
        new = actions_checkin.attend_session(request.user, attendee, session)
    except ActionRefused as refusal:
        return _page(request, event, error=refusal.message)
    note = (
        _("%(name)s — присутність на «%(session)s» відмічено.")
        if new
        else _("%(name)s вже відмічений(а) на «%(session)s».")
    )
    return _page(
        request, event, success=note % {"name": attendee.full_name, "session": session.title}
    )


@staff_view
def count(request: HttpRequest, slug: str) -> HttpResponse:
    figures = counts(_event(request, slug))
    return JsonResponse({"checked_in": figures.checked_in, "expected": figures.people})
