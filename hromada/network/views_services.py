"""Pages of the hub's services: the public catalogue and its editor, a community's request, the
list of cases a person may see, a case with every step's form, its documents, and a community's
working group. Views read, check, call one action and render or go back to the case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hromada.communities.models import Community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.network import actions_services as actions
from hromada.network import forms_services as f
from hromada.network.documents import file_response
from hromada.network.models import Network
from hromada.network.models_maturity import Theme
from hromada.network.models_services import (
    CaseDocument,
    Service,
    ServiceCase,
    WorkingGroupMember,
)
from hromada.network.selectors_services import (
    network_experts,
    staff_communities,
    visible_cases,
)


def catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    can_manage = request.user.has_perm("network.manage_services", network)
    services = Service.objects.filter(network=network)
    if not can_manage:
        services = services.filter(active=True)
    labels = dict(Theme.choices)
    return render(
        request,
        "network/services/catalogue.html",
        {
            "network": network,
            "services": [(s, [labels.get(t, t) for t in s.themes]) for s in services],
            "can_manage": can_manage,
            "can_request": request.user.is_authenticated
            and staff_communities(request.user).exists(),
        },
    )


@staff_view
def service_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.manage_services", network):
        raise Http404
    service = get_object_or_404(Service, network=network, pk=pk) if pk else None
    initial = (
        {k: getattr(service, k) for k in ("title", "description", "audience", "themes")}
        | {"position": service.position, "active": service.active}
        if service
        else {"position": 0, "active": True}
    )
    form = f.ServiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_service(
                request.user, network, actions.ServiceData(**form.cleaned_data), service
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Послугу збережено."))
            return redirect("network:services", network.slug)
    return render(
        request,
        "network/services/service_form.html",
        {"network": network, "service": service, "form": form},
    )


@staff_view
def service_request(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, network__slug=slug, pk=pk, active=True)
    communities = staff_communities(request.user)
    if not communities.exists():
        raise Http404
    form = f.ServiceRequestForm(request.POST or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.request_service(
                request.user,
                service,
                form.cleaned_data["community"],
                form.cleaned_data["request_text"],
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Запит надіслано. Мережа розгляне його й відповість."))
            return redirect("network:case", case.pk)
    return render(
        request,
        "network/services/request.html",
        {"network": service.network, "service": service, "form": form},
    )


@staff_view
def cases(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    return render(
        request,
        "network/services/cases.html",
        {
            "network": network,
            "cases": visible_cases(request.user, network),
            "communities": staff_communities(request.user),
        },
    )


def _case_forms(request: HttpRequest, case: ServiceCase) -> dict[str, Any]:
    """The forms of the steps this person may take now, by name (None when not theirs)."""
    user = request.user
    may_work = user.has_perm("network.work_on_case", case)
    may_decide = user.has_perm("network.decide_case", case)
    community_staff = user.has_perm("network.upload_case_document", case)
    experts = network_experts(case.network)
    step_forms: dict[str, Any] = {
        "decide": f.CaseDecisionForm(experts=experts) if may_decide else None,
        "expert": f.ExpertForm(experts=experts, initial={"expert": case.expert_id})
        if may_decide
        else None,
        "plan": f.PlanForm(initial={"plan": case.plan}) if may_work else None,
        "request_document": f.DocumentRequestForm() if may_work else None,
        "upload": f.UploadForm() if community_staff else None,
        "meeting": f.MeetingForm() if may_work else None,
        "note": f.NoteForm() if user.has_perm("network.note_case", case) else None,
        "close": f.CloseForm() if may_work else None,
        "survey": f.SurveyForm() if community_staff else None,
    }
    steps = {
        "decide": "decide",
        "expert": "assign_expert",
        "plan": "plan",
        "request_document": "request_document",
        "upload": "upload_document",
        "meeting": "add_meeting",
        "note": "add_note",
        "close": "close",
        "survey": "survey",
    }
    return {
        name: form if form is not None and case.allows(steps[name]) else None
        for name, form in step_forms.items()
    }


@staff_view
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        ServiceCase.objects.select_related("network", "service", "community", "expert"), pk=pk
    )
    if not request.user.has_perm("network.view_case", case):
        raise Http404
    return render(
        request,
        "network/services/case.html",
        {
            "case": case,
            "documents": list(case.documents.all()),
            "meetings": list(case.meetings.select_related("event")),
            "notes": list(case.notes.select_related("author")),
            "forms": _case_forms(request, case),
            "may_work": request.user.has_perm("network.work_on_case", case),
            "working_group": WorkingGroupMember.objects.filter(
                network=case.network_id, community=case.community_id
            ),
        },
    )


Step = Callable[[Any, ServiceCase, Any, HttpRequest], Any]


def _document(case: ServiceCase, request: HttpRequest) -> CaseDocument:
    return get_object_or_404(CaseDocument, case=case, pk=request.POST.get("document") or 0)


def _decide(user: Any, case: ServiceCase, data: Any, request: HttpRequest) -> Any:
    return actions.decide_case(
        user,
        case,
        accept=data["decision"] == "accept",
        reason=data["reason"],
        expert=data["expert"],
    )


# Each step: its form (built from the request), the action it runs, and the message after.
STEPS: dict[str, tuple[Callable[[HttpRequest, ServiceCase], forms.Form], Step, Any]] = {
    "decide": (
        lambda r, c: f.CaseDecisionForm(r.POST, experts=network_experts(c.network)),
        _decide,
        gettext_lazy("Рішення збережено."),
    ),
    "expert": (
        lambda r, c: f.ExpertForm(r.POST, experts=network_experts(c.network)),
        lambda u, c, d, r: actions.assign_expert(u, c, d["expert"]),
        gettext_lazy("Експерта призначено."),
    ),
    "plan": (
        lambda r, c: f.PlanForm(r.POST),
        lambda u, c, d, r: actions.save_plan(u, c, d["plan"], start="start" in r.POST),
        gettext_lazy("План збережено."),
    ),
    "request_document": (
        lambda r, c: f.DocumentRequestForm(r.POST),
        lambda u, c, d, r: actions.request_document(u, c, d["title"], d["note"]),
        gettext_lazy("Громаді надіслано запит на документ."),
    ),
    "upload": (
        lambda r, c: f.UploadForm(r.POST, r.FILES),
        lambda u, c, d, r: actions.upload_document(u, _document(c, r), d["file"]),
        gettext_lazy("Документ завантажено."),
    ),
    "check": (
        lambda r, c: forms.Form(r.POST),
        lambda u, c, d, r: actions.check_document(u, _document(c, r)),
        gettext_lazy("Документ позначено як перевірений."),
    ),
    "meeting": (
        lambda r, c: f.MeetingForm(r.POST),
        lambda u, c, d, r: actions.add_meeting(
            u, c, starts_at=d["starts_at"], place=d["place"], event_slug=d["event"], note=d["note"]
        ),
        gettext_lazy("Зустріч додано."),
    ),
    "note": (
        lambda r, c: f.NoteForm(r.POST),
        lambda u, c, d, r: actions.add_note(u, c, d["text"]),
        gettext_lazy("Нотатку додано."),
    ),
    "close": (
        lambda r, c: f.CloseForm(r.POST),
        lambda u, c, d, r: actions.close_case(u, c, d["outputs"]),
        gettext_lazy("Звернення завершено."),
    ),
    "survey": (
        lambda r, c: f.SurveyForm(r.POST),
        lambda u, c, d, r: actions.answer_survey(u, c, d["rating"], d["comment"]),
        gettext_lazy("Дякуємо за відгук."),
    ),
}


@require_POST
@staff_view
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step of a case, posted from the case page; a refusal or an invalid form is told
    there as a message (the actions re-check who may take it)."""
    case = get_object_or_404(ServiceCase.objects.select_related("network"), pk=pk)
    if step not in STEPS or not request.user.has_perm("network.view_case", case):
        raise Http404
    build, run, success = STEPS[step]
    form = build(request, case)
    if not form.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, " ".join(problems) or _("Перевірте введене."))
        return redirect("network:case", case.pk)
    try:
        run(request.user, case, form.cleaned_data, request)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success)
    return redirect("network:case", case.pk)


def case_document(request: HttpRequest, token: str) -> FileResponse:
    """A case's uploaded document, for whoever sees the case."""
    if not token:
        raise Http404
    document = get_object_or_404(CaseDocument.objects.select_related("case"), token=token)
    if not request.user.has_perm("network.view_case", document.case) or not document.file:
        raise Http404
    return file_response(document)


@staff_view
def working_group(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    place = get_object_or_404(Community, slug=community)
    may_manage = request.user.has_perm("network.manage_working_group", place)
    if not may_manage and not request.user.has_perm("network.manage_services", network):
        raise Http404
    form = f.WorkingGroupForm(request.POST or None)
    if request.method == "POST" and may_manage:
        if "remove" in request.POST:
            member = get_object_or_404(
                WorkingGroupMember,
                network=network,
                community=place,
                pk=request.POST.get("remove") or 0,
            )
            actions.remove_working_group_member(request.user, member)
            messages.success(request, _("Учасника вилучено з робочої групи."))
            return redirect(request.path)
        if form.is_valid():
            try:
                actions.add_working_group_member(request.user, network, place, **form.cleaned_data)
            except ActionRefused as refusal:
                refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Учасника додано до робочої групи."))
                return redirect(request.path)
    return render(
        request,
        "network/services/working_group.html",
        {
            "network": network,
            "community": place,
            "members": WorkingGroupMember.objects.filter(network=network, community=place),
            "form": form if may_manage else None,
        },
    )
