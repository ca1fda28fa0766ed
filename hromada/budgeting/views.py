"""Public pages of a participatory budget. Views parse and render; actions decide and write."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hromada.budgeting import actions, selectors, selectors_review
from hromada.budgeting.eligibility import may_author
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.forms import (
    ImplementationForm,
    ProjectForm,
    ReviewForm,
    RevisionForm,
)
from hromada.budgeting.forms_implementation import MilestoneForm
from hromada.budgeting.implementation import project_outcome, project_timeline
from hromada.budgeting.models import Process, Project, ResultSnapshot
from hromada.budgeting.models_counting import ResultsApproval
from hromada.budgeting.phases import PHASES, TIMELINE
from hromada.budgeting.regulation import required_reserve
from hromada.budgeting.results import lottery_disclosure
from hromada.budgeting.snapshots import results_from_snapshot
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form


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
            "lottery": lottery_disclosure(process, phase.key),
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
        # The estimate's reserve and the least the regulation asks of a project of this cost.
        "required_reserve": required_reserve(project.cost, process.reserve_percent),
        **selectors_review.project_review_context(user, project),
        "milestone_form": MilestoneForm(),
    }
    if TIMELINE.decide(process, "see_results"):
        # Every project page says whether it won: a project that lost is never shown as built.
        # The snapshot with its rows in one query (stored_results defers them).
        snapshot = ResultSnapshot.objects.filter(process=process).first()
        context["outcome"] = project_outcome(
            project, snapshot if snapshot is not None else actions.store_results(process)
        )
        # Read whatever the outcome, so the page costs the same for a winner and a loser; only
        # a winner's are shown.
        context["milestones"] = project_timeline(project)
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


def _visible_results(request: HttpRequest, process: Process) -> ResultSnapshot | None:
    """The results this person may see now: everyone from the results date or once the
    commission has approved them (the announcement); the commission itself during counting,
    to check them before approving."""
    if TIMELINE.decide(process, "see_results"):
        return actions.stored_results(process)
    stored = selectors.result_snapshot(process)
    if stored is not None and stored.frozen_at is not None:
        return stored
    if TIMELINE.decide(process, "freeze_results") and request.user.has_perm(
        "budgeting.freeze_results", process
    ):
        return actions.stored_results(process)
    return None


def results(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    snapshot = _visible_results(request, process)
    if snapshot is None:
        decision = TIMELINE.decide(process, "see_results")
        return render(
            request,
            "budgeting/results_pending.html",
            {"process": process, "opens_at": decision.opens_at},
        )
    can_freeze = snapshot.frozen_at is None and request.user.has_perm(
        "budgeting.freeze_results", process
    )
    return render(
        request,
        "budgeting/results.html",
        {
            "process": process,
            "snapshot": snapshot,
            "can_freeze": can_freeze,
            # Asked only by the commission, on preliminary results: the approval's task runs.
            "approving": can_freeze
            and ResultsApproval.objects.filter(
                process=process, state=ResultsApproval.State.PENDING
            ).exists(),
            "implementation": selectors.implementation_version(process),
            # Called by the template only when the rendered results are not in the cache.
            "results": partial(results_from_snapshot, process, snapshot),
        },
    )


@require_GET
def export_pabulib(request: HttpRequest, slug: str, sub_budget_id: int) -> HttpResponse:
    process = _process(slug)
    snapshot = _visible_results(request, process)
    if snapshot is None:
        raise Http404
    sub_budget = get_object_or_404(process.sub_budgets, pk=sub_budget_id)
    response = HttpResponse(
        pabulib_text(process, sub_budget, snapshot),
        content_type="text/plain; charset=utf-8",
    )
    filename = f"{process.slug}-{sub_budget.pk}.pb"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.same_for_everyone = True  # type: ignore[attr-defined]  # gzipped once (middleware)
    return response
