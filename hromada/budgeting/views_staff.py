"""Staff pages of a participatory budget: review queue, review decisions, implementation reports.

Every view checks the permission on the object itself (scoped to its community) and the action
checks again inside its transaction.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.budgeting import actions
from hromada.budgeting.forms import ImplementationForm, ReviewForm
from hromada.budgeting.models import Process, Project
from hromada.communities.twofactor import staff_view
from hromada.core.flow import act_and_return


def _project_for(request: HttpRequest, slug: str, number: int, perm: str) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("process__community"), process__slug=slug, number=number
    )
    if not request.user.has_perm(perm, project):
        # Not 403: staff of another community must not learn what exists here.
        raise Http404
    return project


@staff_view
def review_queue(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not request.user.has_perm("budgeting.view_review_queue", process):
        raise Http404
    projects = process.projects.select_related("sub_budget", "author").order_by("number")
    return render(
        request,
        "budgeting/review_queue.html",
        {
            "process": process,
            "waiting": projects.filter(status=Project.Status.SUBMITTED),
            "decided": projects.exclude(status=Project.Status.SUBMITTED),
        },
    )


@staff_view
@require_POST
def project_review(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project_for(request, slug, number, "budgeting.review_project")
    form = ReviewForm(request.POST)
    return act_and_return(
        request,
        lambda: actions.review_project(request.user, project, **form.cleaned_data),
        _("Рішення збережено і оприлюднено в історії проєкту."),
        project,
        form=form,
        invalid=_("Оберіть рішення."),
    )


@staff_view
@require_POST
def implementation_update(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project_for(request, slug, number, "budgeting.update_implementation")
    form = ImplementationForm(request.POST)
    return act_and_return(
        request,
        lambda: actions.update_implementation(request.user, project, **form.cleaned_data),
        _("Стан реалізації оновлено."),
        project,
        form=form,
        invalid=_("Оберіть стан реалізації."),
    )
