"""Pages and POSTs of supporters, review and appeals. Views parse and render; the actions in
actions_support / actions_review / actions_appeals decide and write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.budgeting import actions_appeals, actions_review, actions_support, selectors_review
from hromada.budgeting.forms_review import (
    AppealDecisionForm,
    AppealForm,
    AssignReviewForm,
    ConclusionForm,
    PaperSupportForm,
)
from hromada.budgeting.models import Appeal, Process, Project, ReviewAssignment
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form


def _project(slug: str, number: int) -> Project:
    return get_object_or_404(
        Project.objects.select_related("process__community", "author"),
        process__slug=slug,
        number=number,
    )


@login_required
@require_POST
def support(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project(slug, number)
    return act_and_return(
        request,
        lambda: actions_support.support_project(request.user, project),
        _("Дякуємо! Ваш голос підтримки враховано."),
        project,
    )


@login_required
@require_POST
def withdraw_support(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project(slug, number)
    return act_and_return(
        request,
        lambda: actions_support.withdraw_support(request.user, project),
        _("Вашу підтримку відкликано."),
        project,
    )


@staff_view
def paper_support(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """An operator keys in a paper supporter list, one signature after another."""
    project = _project(slug, number)
    if not request.user.has_perm("budgeting.enter_paper_support", project):
        raise Http404
    form = PaperSupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions_support.enter_paper_support(request.user, project, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Підпис враховано. Введіть наступний."))
            return redirect("budgeting:paper_support", slug=slug, number=number)
    return render(
        request,
        "budgeting/paper_support.html",
        {
            "process": project.process,
            "project": project,
            "form": form,
            "count": project.supports.count(),
        },
        status=400 if form.errors else 200,
    )


@staff_view
@require_POST
def assign_review(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project(slug, number)
    if not request.user.has_perm("budgeting.assign_review", project):
        raise Http404
    form = AssignReviewForm(
        request.POST,
        departments=actions_review.review_departments(project.process.community),
    )
    return act_and_return(
        request,
        lambda: actions_review.assign_review(request.user, project, **form.cleaned_data),
        _("Проєкт призначено підрозділу на розгляд."),
        project,
        form=form,
        invalid=_("Оберіть підрозділ."),
    )


@staff_view
def conclusion(request: HttpRequest, slug: str, number: int, assignment: int) -> HttpResponse:
    project = _project(slug, number)
    if not request.user.has_perm("budgeting.write_conclusion", project):
        raise Http404
    target = get_object_or_404(ReviewAssignment, project=project, pk=assignment)
    target.project = project
    form = (
        ConclusionForm(request.POST)
        if request.method == "POST"
        else selectors_review.conclusion_form_for(target)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions_review.write_conclusion(request.user, target, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Висновок збережено й оприлюднено."))
            return redirect(project)
    return render(
        request,
        "budgeting/conclusion_form.html",
        {"process": project.process, "project": project, "assignment": target, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def appeal(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project(slug, number)
    if not request.user.has_perm("budgeting.appeal_rejection", project):
        raise Http404
    form = AppealForm(request.POST)
    return act_and_return(
        request,
        lambda: actions_appeals.appeal_rejection(request.user, project, **form.cleaned_data),
        _("Апеляцію подано. Комісія ухвалить рішення до початку голосування."),
        project,
        form=form,
        invalid=_("Поясніть, чому рішення слід переглянути."),
    )


@staff_view
def appeal_queue(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not request.user.has_perm("budgeting.decide_appeal", process):
        raise Http404
    return render(
        request,
        "budgeting/appeal_queue.html",
        {
            "process": process,
            "appeals": selectors_review.appeal_queue(process),
            "form": AppealDecisionForm(),
        },
    )


@staff_view
@require_POST
def decide_appeal(request: HttpRequest, slug: str, appeal: int) -> HttpResponse:
    target = get_object_or_404(
        Appeal.objects.select_related("project__process__community"),
        project__process__slug=slug,
        pk=appeal,
    )
    if not request.user.has_perm("budgeting.decide_appeal", target.project):
        raise Http404
    form = AppealDecisionForm(request.POST)
    return act_and_return(
        request,
        lambda: actions_appeals.decide_appeal(request.user, target, **form.cleaned_data),
        _("Рішення комісії збережено й оприлюднено в історії проєкту."),
        target.project,
        form=form,
        invalid=_("Оберіть рішення й обґрунтуйте його."),
    )


@login_required
def my_participation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "budgeting/my_participation.html",
        {
            "projects": selectors_review.my_projects(request.user),
            "supports": selectors_review.my_supports(request.user),
        },
    )
