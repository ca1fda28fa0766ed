"""Public pages of a participatory budget. Views parse and render; actions decide and write."""

from __future__ import annotations

import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hromada.accounts.eligibility import refusal_reason
from hromada.budgeting import actions, selectors, selectors_review
from hromada.budgeting.eligibility import may_author
from hromada.budgeting.export import cached_pabulib_text
from hromada.budgeting.forms import (
    ImplementationForm,
    ProjectForm,
    ReviewForm,
    RevisionForm,
    parse_ballot,
)
from hromada.budgeting.models import Ballot, Process, Project
from hromada.budgeting.phases import PHASES, TIMELINE
from hromada.budgeting.snapshots import results_from_snapshot
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.core.params import parse_int

# A receipt code as new_receipt() makes it; anything else cannot be one and is not looked up.
RECEIPT_CODE = re.compile(r"[A-Z0-9]{5}-[A-Z0-9]{5}")


def _process(slug: str) -> Process:
    return get_object_or_404(Process.objects.select_related("community"), slug=slug)


def _project(process: Process, number: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("sub_budget", "author").annotate(
            **selectors_review.REVIEW_FLAGS
        ),
        process=process,
        number=number,
    )
    project.process = process  # already loaded with its community: the rules read both
    return project


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    phase = TIMELINE.current(process)
    status = request.GET.get("status", "")
    status = status if status in Project.Status.values else ""
    projects = selectors.public_projects(process)
    if status:
        projects = projects.filter(status=status)
    timeline = [
        (p, TIMELINE.dates(process, p.key), p == phase)
        for p in PHASES[1:]
        if len(set(TIMELINE.bounds(process, p.key))) > 1  # no support phase without supporters
    ]
    prefetch_related_objects([process], "sub_budgets")  # the money card and the list's key
    sub_budgets = process.sub_budgets.all()
    return render(
        request,
        "budgeting/process.html",
        {
            "process": process,
            "phase": phase,
            "timeline": timeline,
            "projects": projects,
            "projects_version": selectors.projects_version(process, sub_budgets),
            "status": status,
            "statuses": Project.Status.choices,
            "my_ballot": selectors.ballot_of(request.user, process),
            "can_review": request.user.has_perm("budgeting.view_review_queue", process),
            "can_manage": request.user.has_perm("budgeting.manage_process", process),
        },
    )


def project_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    process = _process(slug)
    project = _project(process, number)
    user = request.user
    context = {
        "process": process,
        "project": project,
        "phase": TIMELINE.current(process),
        "history": project.history.all(),
        "can_review": user.has_perm("budgeting.review_project", project)
        and project.status == Project.Status.SUBMITTED
        and TIMELINE.decide(process, "review").allowed,
        "can_revise": user.has_perm("budgeting.revise_project", project)
        and project.status == Project.Status.RETURNED,
        "can_update_implementation": user.has_perm("budgeting.update_implementation", project)
        and TIMELINE.decide(process, "update_implementation").allowed,
        "review_form": ReviewForm(),
        "implementation_form": ImplementationForm(
            initial={"status": project.implementation, "note": project.implementation_note}
        ),
        "now": timezone.now(),
        **selectors_review.project_review_context(user, project),
    }
    return render(request, "budgeting/project.html", context)


@login_required
def project_submit(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    decision = TIMELINE.decide(process, "submit")
    refusal = decision.reason if not decision else may_author(request.user, process).reason or None
    form = ProjectForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST" and refusal is None and form.is_valid():
        data = form.cleaned_data
        try:
            project = actions.submit_project(
                request.user,
                process,
                sub_budget_id=data["sub_budget"],
                title=data["title"],
                description=data["description"],
                cost=data["cost"],
                location=data["location"],
                image=data.get("image"),
                reserve=data.get("reserve") or 0,
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Проєкт №%(n)s подано. Його розгляне громада.") % {"n": project.number}
            )
            return redirect(project)
    return render(
        request,
        "budgeting/project_form.html",
        {"process": process, "form": form, "refusal": refusal},
        status=403 if refusal else 200,
    )


@login_required
def project_revise(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    process = _process(slug)
    project = _project(process, number)
    if not request.user.has_perm("budgeting.revise_project", project):
        raise Http404
    initial = {
        "title": project.title,
        "description": project.description,
        "cost": f"{project.cost / 100:.2f}",
        "reserve": f"{project.reserve / 100:.2f}",
        "location": project.location,
    }
    form = RevisionForm(request.POST or None, initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            actions.revise_project(request.user, project, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Доопрацьований проєкт надіслано на повторний розгляд."))
            return redirect(project)
    return render(
        request,
        "budgeting/project_form.html",
        {"process": process, "form": form, "project": project, "refusal": None},
    )


def vote(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    refusal = None
    decision = TIMELINE.decide(process, "vote")
    if not decision:
        refusal = decision.reason
    elif not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    elif selectors.ballot_of(request.user, process) is not None:
        refusal = _("Ви вже проголосували в цьому процесі. Дякуємо!")
    else:
        refusal = refusal_reason(request.user, process.community, process.voter_min_age)
    error = None
    if request.method == "POST" and refusal is None:
        try:
            ballot = actions.cast_ballot(request.user, process, parse_ballot(request.POST))
        except (ActionRefused, ValidationError) as exc:
            error = exc.message if isinstance(exc, ActionRefused) else exc.messages[0]
        else:
            request.session["receipt"] = ballot.receipt
            return redirect("budgeting:receipt", slug=process.slug)
    # Re-check what the person had ticked, so a refused ballot need not be filled in again.
    chosen = {
        parse_int(value, minimum=1)
        for key in request.POST
        if key.startswith("sb-")
        for value in request.POST.getlist(key)
    } - {None}
    return render(
        request,
        "budgeting/vote.html",
        {
            "process": process,
            "refusal": refusal,
            "error": error,
            "groups": selectors.ballot_projects_by_sub_budget(process),
            "chosen": chosen,
        },
        status=403 if refusal and request.method == "POST" else (400 if error else 200),
    )


def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    code = request.session.pop("receipt", None)
    checked = None
    query = request.GET.get("code", "").strip().upper()[:40]
    if query and RECEIPT_CODE.fullmatch(query):
        checked = Ballot.objects.filter(process=process, receipt=query).first()
    query = query.replace("\x00", "")  # shown back on the page: never a NUL byte
    return render(
        request,
        "budgeting/receipt.html",
        {"process": process, "code": code, "query": query, "checked": checked},
    )


def results(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    decision = TIMELINE.decide(process, "see_results")
    if not decision:
        return render(
            request,
            "budgeting/results_pending.html",
            {"process": process, "opens_at": decision.opens_at},
        )
    snapshot = actions.stored_results(process)
    return render(
        request,
        "budgeting/results.html",
        {
            "process": process,
            "snapshot": snapshot,
            "implementation": selectors.implementation_version(process),
            # Called by the template only when the rendered results are not in the cache.
            "results": partial(results_from_snapshot, process, snapshot),
        },
    )


@require_GET
def export_pabulib(request: HttpRequest, slug: str, sub_budget_id: int) -> HttpResponse:
    process = _process(slug)
    if not TIMELINE.decide(process, "see_results"):
        raise Http404
    sub_budget = get_object_or_404(process.sub_budgets, pk=sub_budget_id)
    response = HttpResponse(
        cached_pabulib_text(process, sub_budget, actions.stored_results(process)),
        content_type="text/plain; charset=utf-8",
    )
    filename = f"{process.slug}-{sub_budget.pk}.pb"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.same_for_everyone = True  # type: ignore[attr-defined]  # gzipped once (middleware)
    return response
