"""Public pages after the vote: implementation of the winners and the statistics (with CSV and
XLSX downloads), and the staff's milestone form."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hromada.budgeting import actions, actions_implementation
from hromada.budgeting.forms_implementation import MilestoneForm
from hromada.budgeting.implementation import process_progress
from hromada.budgeting.models import Process, Project
from hromada.budgeting.phases import TIMELINE
from hromada.budgeting.statistics import Statistics, statistics
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _process(slug: str, action: str) -> Process:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not TIMELINE.decide(process, action):
        raise Http404
    return process


@require_GET
def implementation(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug, "see_implementation")
    progress = process_progress(process, actions.stored_results(process))
    return render(
        request, "budgeting/implementation.html", {"process": process, "progress": progress}
    )


@require_GET
def statistics_page(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug, "see_statistics")
    return render(
        request,
        "budgeting/statistics.html",
        {"process": process, "stats": statistics(process)},
    )


def _rows(stats: Statistics) -> list[list[object]]:
    rows: list[list[object]] = [[_("Таблиця"), _("Рядок"), _("Кількість"), _("Жителів"), "%"]]
    rows.append(
        [_("Явка"), _("усього"), stats.ballots, stats.population or "", stats.turnout or ""]
    )
    for table in stats.tables:
        for row in table.rows:
            percent = "" if row.percent is None else row.percent
            rows.append([table.title, row.label, row.count, row.base or "", percent])
    return rows


@require_GET
def statistics_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    process = _process(slug, "see_statistics")
    rows = _rows(statistics(process))
    if kind == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    elif kind == "xlsx":
        from openpyxl import Workbook  # only this download needs it

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = _("Статистика")[:31]
        for values in rows:
            sheet.append(values)
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-statistics.{kind}"'
    return response


@staff_view
@require_POST
def milestone_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("process__community"), process__slug=slug, number=number
    )
    if not request.user.has_perm("budgeting.update_implementation", project):
        raise Http404
    form = MilestoneForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Етап не збережено: %(errors)s") % {"errors": errors})
        return redirect(project)
    data = form.cleaned_data
    try:
        actions_implementation.add_milestone(
            request.user,
            project,
            actions_implementation.MilestoneInput(
                data["date"],
                data["text"],
                data["percent_done"],
                data.get("contracted") or 0,
                data.get("paid") or 0,
            ),
            photos=data.get("photos") or [],
            documents=data.get("documents") or [],
        )
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Етап реалізації оприлюднено."))
    return redirect(project)
