"""The organiser's pages: create and edit an event, its questions and programme, participants
(filters, moderation, waitlist moves, attendance), export, messages, outputs, fair, materials,
certificates. Every view checks the permission on the event; the action checks again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.communities.models import Community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form
from hromada.events import actions, actions_checkin, actions_exports
from hromada.events import actions_registration as registrations
from hromada.events.forms import (
    DeclineForm,
    EventForm,
    ExhibitorForm,
    MaterialsForm,
    MessageForm,
    MoveForm,
    OutputForm,
    QuestionForm,
    SessionForm,
)
from hromada.events.models import (
    Attendee,
    Event,
    ForumOutput,
    ParticipantsExport,
    Question,
    Registration,
)
from hromada.events.selectors import counts, waitlist
from hromada.events.selectors import participants as participants_of
from hromada.network.models import Network


def _event_for(request: HttpRequest, slug: str, perm: str = "events.manage_event") -> Event:
    event = get_object_or_404(Event.objects.select_related("community", "network"), slug=slug)
    if not request.user.has_perm(perm, event):
        raise Http404  # staff of another community must not learn what exists here
    return event


@staff_view
def create(request: HttpRequest, community: str) -> HttpResponse:
    owner = get_object_or_404(Community, slug=community)
    if not request.user.has_perm("events.create_event", owner):
        raise Http404
    return _create(request, owner)


@staff_view
def create_hub(request: HttpRequest, network: str) -> HttpResponse:
    """A hub event, organised by a network's board and staff."""
    owner = get_object_or_404(Network, slug=network)
    if not request.user.has_perm("events.create_hub_event", owner):
        raise Http404
    return _create(request, owner)


def _create(request: HttpRequest, owner: Community | Network) -> HttpResponse:
    form = EventForm(request.POST or None, organiser=owner)
    if request.method == "POST" and form.is_valid():
        from django.utils.text import slugify

        slug = (
            slugify(request.POST.get("slug", ""))[:80]
            or f"{owner.slug}-{Event.objects.count() + 1}"
        )
        try:
            event = actions.create_event(request.user, owner, slug=slug, **form.values())
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Подію створено. Додайте питання реєстрації і програму."))
            return redirect("events:manage", slug=event.slug)
    return render(request, "events/event_form.html", {"form": form, "organiser": owner})


@staff_view
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for(request, slug)
    form = EventForm(request.POST or None, instance=event, organiser=event.organiser)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        event.refresh_from_db()  # the form wrote its values onto the instance; the action decides
        try:
            actions.update_event(request.user, event, **values)
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Зміни збережено."))
            return redirect("events:manage", slug=event.slug)
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "form": form,
            "community": event.community,
            "question_form": QuestionForm(),
            "session_form": SessionForm(),
            "output_form": OutputForm(),
            "exhibitor_form": ExhibitorForm(),
            "materials_form": MaterialsForm(
                initial={
                    "materials": event.materials,
                    "recording_url": event.recording_url,
                    "public": event.materials_public,
                }
            ),
            "message_form": MessageForm(),
            "outputs": event.outputs.select_related("forwarded_to"),
            "counts": counts(event),
        },
    )


def _post_form(
    request: HttpRequest,
    slug: str,
    form_class: Any,
    run: Any,
    done: str,
    perm: str = "events.manage_event",
) -> HttpResponse:
    event = _event_for(request, slug, perm)
    form = form_class(request.POST)
    return act_and_return(
        request,
        lambda: run(event, form.cleaned_data),
        done,
        f"/events/{event.slug}/manage/",
        form=form,
        invalid=_("Перевірте поля форми: деякі заповнено неправильно."),
    )


@staff_view
@require_POST
def add_question(request: HttpRequest, slug: str) -> HttpResponse:
    def run(event: Event, data: dict[str, Any]) -> None:
        actions.add_question(request.user, event, _question_data(data))

    return _post_form(request, slug, QuestionForm, run, _("Питання додано."))


def _question_data(data: dict[str, Any]) -> actions.QuestionData:
    return actions.QuestionData(
        label=data["label"],
        kind=data["kind"],
        required=data["required"],
        exported=data["exported"],
        choices=data["choices"].splitlines(),
    )


@staff_view
def edit_question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event_for(request, slug)
    question = get_object_or_404(Question, pk=pk, event=event)
    initial = {
        "label": question.label,
        "kind": question.kind,
        "required": question.required,
        "exported": question.exported,
        "choices": question.choices,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_question(request.user, question, _question_data(form.cleaned_data))
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Питання змінено."))
            return redirect("events:manage", slug=event.slug)
    return render(
        request, "events/question_edit.html", {"event": event, "question": question, "form": form}
    )


@staff_view
@require_POST
def move_question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event_for(request, slug)
    question = get_object_or_404(Question, pk=pk, event=event)
    return act_and_return(
        request,
        lambda: actions.move_question(request.user, question, up=request.POST.get("to") == "up"),
        _("Порядок питань змінено."),
        f"/events/{event.slug}/manage/#questions",
    )


@staff_view
@require_POST
def remove_question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event_for(request, slug)
    question = get_object_or_404(Question, pk=pk, event=event)
    return act_and_return(
        request,
        lambda: actions.remove_question(request.user, question),
        _("Питання прибрано."),
        f"/events/{event.slug}/manage/",
    )


@staff_view
@require_POST
def add_session(request: HttpRequest, slug: str) -> HttpResponse:
    return _post_form(
        request,
        slug,
        SessionForm,
        lambda event, data: actions.add_session(request.user, event, **data),
        _("Сесію додано до програми."),
    )


@staff_view
@require_POST
def add_output(request: HttpRequest, slug: str) -> HttpResponse:
    return _post_form(
        request,
        slug,
        OutputForm,
        lambda event, data: actions.record_output(request.user, event, **data),
        _("Результат записано."),
        perm="events.record_outputs",
    )


@staff_view
@require_POST
def forward_output(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event_for(request, slug, "events.record_outputs")
    output = get_object_or_404(ForumOutput, pk=pk, event=event)
    return act_and_return(
        request,
        lambda: actions.forward_output(request.user, output),
        _("Передано до порядку денного головної події."),
        f"/events/{event.slug}/manage/",
    )


@staff_view
@require_POST
def add_exhibitor(request: HttpRequest, slug: str) -> HttpResponse:
    def run(event: Event, data: dict[str, Any]) -> None:
        actions.add_exhibitor(
            request.user,
            event,
            organisation=data["organisation"],
            stand=data["stand"],
            description=data["description"],
            practice_ids=data["practices"],
        )

    return _post_form(request, slug, ExhibitorForm, run, _("Учасника ярмарку додано."))


@staff_view
@require_POST
def materials(request: HttpRequest, slug: str) -> HttpResponse:
    return _post_form(
        request,
        slug,
        MaterialsForm,
        lambda event, data: actions.publish_materials(request.user, event, **data),
        _("Матеріали опубліковано."),
    )


@staff_view
@require_POST
def email(request: HttpRequest, slug: str) -> HttpResponse:
    return _post_form(
        request,
        slug,
        MessageForm,
        lambda event, data: actions.email_registrants(request.user, event, **data),
        _("Листи поставлено в чергу на відправлення."),
        perm="events.email_registrants",
    )


@staff_view
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for(request, slug, "events.view_participants")
    status = request.GET.get("status", "")[:20]
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    attended = request.GET.get("attended", "")[:3]
    found = participants_of(event, status=status, query=query, attended=attended)
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "registrations": found[:500],
            "counts": counts(event),
            "line": list(waitlist(event)),
            "statuses": Registration.Status.choices,
            "status": status,
            "q": query,
            "attended": attended,
            "move_form": MoveForm(),
            "Status": Registration.Status,
        },
    )


@staff_view
@require_POST
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for the participants XLSX: the queue builds it, its page shows when it is ready."""
    event = _event_for(request, slug, "events.view_participants")
    job = actions_exports.request_export(request.user, event)
    return redirect("events:export_status", slug=event.slug, pk=job.pk)


def _export_of(request: HttpRequest, slug: str, pk: int) -> tuple[Event, ParticipantsExport]:
    event = _event_for(request, slug, "events.view_participants")
    return event, get_object_or_404(ParticipantsExport.objects.defer("content"), pk=pk, event=event)


@staff_view
def export_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Waits for the file (the page reloads itself every few seconds, no script needed)."""
    event, job = _export_of(request, slug, pk)
    response = render(request, "events/export_status.html", {"event": event, "job": job})
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view
def export_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, job = _export_of(request, slug, pk)
    if not job.downloadable:
        raise Http404
    content = ParticipantsExport.objects.values_list("content", flat=True).get(pk=job.pk)
    response = HttpResponse(
        bytes(content),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view
@require_POST
def registration_action(request: HttpRequest, slug: str, pk: int, what: str) -> HttpResponse:
    event = _event_for(request, slug, "events.view_participants")
    registration = get_object_or_404(Registration, pk=pk, event=event)
    back = f"/events/{event.slug}/participants/"
    user = request.user
    if what == "moderate":
        form = DeclineForm(request.POST)
        return act_and_return(
            request,
            lambda: registrations.moderate(
                user,
                registration,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
            ),
            _("Рішення збережено, людині надіслано лист."),
            back,
            form=form,
            invalid=_("Перевірте поля форми: деякі заповнено неправильно."),
        )
    if what == "move":
        move = MoveForm(request.POST)
        return act_and_return(
            request,
            lambda: registrations.move_on_waitlist(
                user, registration, move.cleaned_data["position"], move.cleaned_data["reason"]
            ),
            _("Чергу змінено; зміну записано в журнал."),
            back,
            form=move,
            invalid=_("Вкажіть нове місце і причину."),
        )
    if what == "revoke":
        return act_and_return(
            request,
            lambda: registrations.revoke_links(user, registration),
            _("Старі посилання більше не діють; нове надіслано листом."),
            back,
        )
    if what == "attended":
        attendee = get_object_or_404(
            Attendee, pk=request.POST.get("attendee", "0")[:10] or 0, registration=registration
        )
        flag = request.POST.get("attended") == "1"
        return act_and_return(
            request,
            lambda: actions_checkin.mark_attended_online(user, attendee, flag),
            _("Присутність позначено."),
            back,
        )
    raise Http404


@staff_view
@require_POST
def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for(request, slug, "events.issue_certificates")
    try:
        issued = actions_checkin.issue_certificates(request.user, event)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Видано сертифікатів: %(n)s.") % {"n": issued})
    return redirect("events:participants", slug=event.slug)
