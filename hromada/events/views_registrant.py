"""The registrant's private pages, opened by the token in their link: status, waiting-list
position, QR code, joining details (only when confirmed), calendar file, edit and cancel."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.events import actions_registration as registrations
from hromada.events.calendars import registration_ics
from hromada.events.forms import RegistrationForm
from hromada.events.models import Attendee, Registration
from hromada.events.phases import TIMELINE
from hromada.events.selectors import waitlist_position


def _by_token(token: str) -> Registration:
    if len(token) > 64:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("event__community", "event__network"), token=token
    )


def _private(response: HttpResponse) -> HttpResponse:
    # The page holds a personal link: no caching by proxies, no leaking through Referer to
    # other sites ("no-referrer" would make browsers send "Origin: null" and fail CSRF).
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def page(request: HttpRequest, token: str) -> HttpResponse:
    registration = _by_token(token)
    event = registration.event
    attendees = list(registration.attendees.select_related("certificate"))
    return _private(
        render(
            request,
            "events/registration.html",
            {
                "registration": registration,
                "event": event,
                "attendees": attendees,
                "chosen": [
                    c.session for c in registration.session_choices.select_related("session")
                ],
                "position": waitlist_position(registration),
                "show_joining": registration.is_confirmed and event.is_online,
                "may_cancel": TIMELINE.decide(event, "cancel"),
                "may_edit": TIMELINE.decide(event, "edit_registration"),
                "Status": Registration.Status,
            },
        )
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; only a person presses buttons)."""
    registration = _by_token(token)
    if request.method == "POST":
        try:
            registrations.confirm_email(registration)
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        return redirect(registration)
    if registration.status != Registration.Status.UNCONFIRMED:
        return redirect(registration)
    return _private(render(request, "events/confirm.html", {"registration": registration}))


@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _by_token(token)
    try:
        registrations.cancel(registration, actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Реєстрацію скасовано."))
    return redirect(registration)


@require_POST
def accept(request: HttpRequest, token: str) -> HttpResponse:
    registration = _by_token(token)
    try:
        registrations.accept_offer(registration)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Місце ваше. Лист із подробицями вже в дорозі."))
    return redirect(registration)


def edit(request: HttpRequest, token: str) -> HttpResponse:
    registration = _by_token(token)
    initial = {"full_name": registration.full_name}
    initial |= {f"q{pk}": value for pk, value in registration.answers.items()}
    form = RegistrationForm(
        request.POST or None, event=registration.event, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            registrations.update_answers(
                registration, full_name=form.cleaned_data["full_name"], answers=form.answers()
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Зміни збережено."))
            return redirect(registration)
    return _private(
        render(request, "events/edit.html", {"registration": registration, "form": form})
    )


def ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = _by_token(token)
    response = HttpResponse(
        registration_ics(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return _private(response)


def qr(request: HttpRequest, token: str) -> HttpResponse:
    """The check-in QR of one person of the registration (?person=<attendee id>)."""
    registration = _by_token(token)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    person = request.GET.get("person", "")
    attendees = registration.attendees.all()
    attendee = (
        attendees.filter(pk=int(person)).first()
        if person.isdigit() and len(person) < 10
        else attendees.first()
    )
    if not isinstance(attendee, Attendee):
        raise Http404
    image = io.BytesIO()
    code = segno.make(attendee.code, error="m")
    if request.GET.get("format") == "png":  # for email clients, which rarely show SVG
        code.save(image, kind="png", scale=6, border=2)
        return _private(HttpResponse(image.getvalue(), content_type="image/png"))
    code.save(image, kind="svg", scale=6, border=2)
    return _private(HttpResponse(image.getvalue(), content_type="image/svg+xml"))
