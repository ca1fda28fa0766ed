"""Public pages of events: the list, an event, its calendar file, the registration form and the
calendar feeds. Nothing here ever shows the joining details (see views_registrant)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.events import actions_registration as registrations
from hromada.events.calendars import events_feed_ics, public_event_ics
from hromada.events.forms import RegistrationForm
from hromada.events.models import Event, ForumOutput
from hromada.events.phases import TIMELINE
from hromada.events.selectors import public_events, seats_free


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


def event_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = public_events()
    return render(request, "events/list.html", {"upcoming": upcoming, "past": past})


def _visible_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("community", "network", "parent"), slug=slug
    )
    invited = bool(event.invitation_code) and request.GET.get("invite") == event.invitation_code
    if (
        event.invitation_only
        and not invited
        and not request.user.has_perm("events.manage_event", event)
    ):
        raise Http404
    return event


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    phase = TIMELINE.current(event)
    registering = TIMELINE.decide(event, "register")
    past = phase.key == "past"
    outputs = (
        event.outputs.filter(forwarded_to__isnull=True) if event.kind == Event.Kind.FORUM else []
    )
    incoming = ForumOutput.objects.filter(forwarded_to=event).select_related("event")
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "phase": phase,
            "registering": registering,
            "free": seats_free(event),
            "sessions": event.sessions.all(),
            "children": event.children.filter(invitation_only=False),
            "outputs": outputs,
            "incoming": incoming,
            "exhibitors": event.exhibitors.all(),
            "show_materials": past and event.materials_public,
            "can_manage": request.user.has_perm("events.manage_event", event),
            "can_check_in": request.user.has_perm("events.check_in", event),
            "invite": request.GET.get("invite", "")[:40],
        },
    )


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    return _ics(public_event_ics(event), event.slug)


def feed(request: HttpRequest) -> HttpResponse:
    upcoming, _past = public_events()
    return _ics(events_feed_ics(_("Події"), upcoming), "events")


def community_feed(request: HttpRequest, community: str) -> HttpResponse:
    owner = get_object_or_404(Community, slug=community)
    events = Event.objects.filter(
        community=owner, invitation_only=False, ends_at__gt=timezone.now()
    ).order_by("starts_at")
    return _ics(events_feed_ics(owner.name, events), f"events-{owner.slug}")


def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    initial = {}
    if request.user.is_authenticated:
        initial = {"full_name": request.user.full_name, "email": request.user.email}
    form = RegistrationForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = registrations.RegistrationData(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            consent=form.cleaned_data["consent"],
            answers=form.answers(),
            colleagues=form.cleaned_data.get("colleagues") or [],
            invite_code=request.GET.get("invite", "")[:40],
            session_ids=form.cleaned_data.get("sessions") or [],
        )
        try:
            registration = registrations.register(request.user, event, data)
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            if registration.status == registration.Status.UNCONFIRMED:
                messages.success(
                    request,
                    _(
                        "Ми надіслали лист на %(email)s. Перейдіть за посиланням у ньому, щоб "
                        "підтвердити реєстрацію."
                    )
                    % {"email": registration.email},
                )
                return redirect(event)
            return redirect(registration)
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "registering": TIMELINE.decide(event, "register"),
            "free": seats_free(event),
        },
    )
