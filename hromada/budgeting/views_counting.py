"""The counting commission's page: approve ("freeze") the results of a process."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.budgeting import actions_counting, actions_paper_double
from hromada.budgeting.forms_counting import FreezeForm
from hromada.budgeting.models import Process, ResultSnapshot
from hromada.budgeting.models_counting import ResultsApproval
from hromada.budgeting.phases import TIMELINE
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form


@staff_view
def results_freeze(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not request.user.has_perm("budgeting.freeze_results", process):
        raise Http404  # not 403: others must not learn what exists here
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            approval = actions_counting.request_freeze(request.user, process, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            # With an immediate task backend (development) the work is already done.
            approval.refresh_from_db()
            if approval.state == ResultsApproval.State.DONE:
                messages.success(request, _("Результати затверджено й оприлюднено."))
                return redirect("budgeting:results", slug=process.slug)
            return redirect("budgeting:results_freeze", slug=process.slug)
    snapshot = ResultSnapshot.objects.filter(process=process).first()
    current = ResultsApproval.objects.filter(process=process).first()
    return render(
        request,
        "budgeting/results_freeze.html",
        {
            "process": process,
            "snapshot": snapshot,
            "approval": current,
            # Paper ballots whose two entries differ wait for the commission before approval.
            "to_reconcile": len(actions_paper_double.mismatches(process))
            if process.paper_double_entry
            else 0,
            "form": form,
            "decision": TIMELINE.decide(process, "freeze_results"),
        },
        status=400 if form.errors else 200,
    )
