"""The staff page that corrects or removes a published implementation milestone."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.budgeting import actions_milestones
from hromada.budgeting.actions_implementation import MilestoneInput
from hromada.budgeting.forms_implementation import MilestoneDeleteForm, MilestoneEditForm
from hromada.budgeting.models import Project
from hromada.budgeting.models_implementation import Milestone
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form


@staff_view
def milestone_edit(request: HttpRequest, slug: str, number: int, milestone: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("process__community"), process__slug=slug, number=number
    )
    if not request.user.has_perm("budgeting.update_implementation", project):
        raise Http404
    current = get_object_or_404(Milestone, project=project, pk=milestone)
    initial = {
        "date": current.date,
        "text": current.text,
        "percent_done": current.percent_done,
        "contracted": Decimal(current.contracted) / 100,
        "paid": Decimal(current.paid) / 100,
    }
    deleting = request.method == "POST" and "delete" in request.POST
    edit_form = MilestoneEditForm(
        request.POST if request.method == "POST" and not deleting else None, initial=initial
    )
    delete_form = MilestoneDeleteForm(request.POST if deleting else None)
    try:
        if deleting and delete_form.is_valid():
            actions_milestones.delete_milestone(
                request.user, project, current.pk, reason=delete_form.cleaned_data["reason"]
            )
            messages.success(request, _("Етап вилучено; причину оприлюднено."))
            return redirect(project)
        if edit_form.is_bound and edit_form.is_valid():
            data = edit_form.cleaned_data
            actions_milestones.edit_milestone(
                request.user,
                project,
                current.pk,
                MilestoneInput(
                    data["date"],
                    data["text"],
                    data["percent_done"],
                    data.get("contracted") or 0,
                    data.get("paid") or 0,
                ),
                reason=data["reason"],
            )
            messages.success(request, _("Етап виправлено; причину оприлюднено."))
            return redirect(project)
    except ActionRefused as exc:
        refusal_to_form(delete_form if deleting else edit_form, exc)
    failed = bool(edit_form.errors or delete_form.errors)
    return render(
        request,
        "budgeting/milestone_edit.html",
        {
            "process": project.process,
            "project": project,
            "milestone": current,
            "edit_form": edit_form,
            "delete_form": delete_form,
        },
        status=400 if failed else 200,
    )
