"""Staff pages of paper ballots: keying them in at a service point, the commission's report,
and the community's service points. Staff of another community get 404, like elsewhere."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.budgeting import actions_paper, actions_paper_double, ballot_types, selectors
from hromada.budgeting import paper_report as report
from hromada.budgeting.forms import parse_ballot, posted_choices
from hromada.budgeting.forms_paper import PaperBallotForm, ReconcileForm, ServicePointForm
from hromada.budgeting.models import Process
from hromada.budgeting.models_paper import ServicePoint
from hromada.budgeting.phases import TIMELINE
from hromada.communities.models import Community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form


def _staff_process(request: HttpRequest, slug: str, perm: str) -> Process:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not request.user.has_perm(perm, process):
        raise Http404
    return process


@staff_view
def paper_entry(request: HttpRequest, slug: str) -> HttpResponse:
    process = _staff_process(request, slug, "budgeting.enter_paper_ballot")
    decision = TIMELINE.decide(process, "enter_paper_ballot")
    initial = {"point": request.GET.get("point", "")}
    posted = None
    if request.method == "POST":
        # What was typed is shown back on a refusal: never with a NUL byte in it.
        posted = request.POST.copy()
        for name in ("point", "identifier", "birth_year"):
            posted[name] = posted.get(name, "").replace("\x00", "")
    form = PaperBallotForm(posted, initial=initial, community=process.community)
    if request.method == "POST" and decision and form.is_valid():
        data = form.cleaned_data
        try:
            choices, marks = parse_ballot(request.POST)
            keyed = actions_paper_double.key_in(
                request.user,
                process,
                point_id=data["point"],
                identifier=data["identifier"],
                birth_year=data["birth_year"],
                choices=choices,
                marks=marks,
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            _say_keyed_in(request, keyed)
            url = reverse("budgeting:paper_entry", args=[process.slug])
            return redirect(f"{url}?point={data['point']}")
    return render(
        request,
        "budgeting/paper_entry.html",
        {
            "process": process,
            "form": form,
            "closed": None if decision else decision.reason,
            # A refused ballot comes back as the operator keyed it in.
            "groups": ballot_types.form_groups(
                selectors.ballot_projects_by_sub_budget(process), *posted_choices(request.POST)
            ),
            "has_points": bool(form.fields["point"].choices),  # type: ignore[attr-defined]
            "double_entry": process.paper_double_entry,
        },
        status=400 if form.errors else 200,
    )


def _say_keyed_in(request: HttpRequest, keyed: actions_paper_double.KeyedIn) -> None:
    if keyed.cast is not None:
        messages.success(
            request,
            _("Бюлетень прийнято. Код-квитанція для виборця: %(code)s")
            % {"code": keyed.cast.receipt},
        )
    elif keyed.outcome == "first":
        messages.success(
            request,
            _(
                "Перше введення збережено. Бюлетень зарахують, коли інший оператор внесе його "
                "так само."
            ),
        )
    else:
        messages.warning(
            request,
            _("Введення не збігається з першим: бюлетень передано лічильній комісії на звіряння."),
        )


@staff_view
def paper_reconcile(request: HttpRequest, slug: str) -> HttpResponse:
    """The counting commission's list of paper ballots whose two entries differ."""
    process = _staff_process(request, slug, "budgeting.reconcile_paper")
    form = ReconcileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cast = actions_paper_double.resolve_mismatch(
                request.user,
                process,
                entry_id=form.cleaned_data["entry"],
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Бюлетень зараховано за обраною версією.")
                if cast is not None
                else _("Ця особа вже проголосувала: жодну з версій не зараховано."),
            )
            return redirect("budgeting:paper_reconcile", slug=process.slug)
    return render(
        request,
        "budgeting/paper_reconcile.html",
        {
            "process": process,
            "form": form,
            "mismatches": actions_paper_double.mismatches(process),
            "waiting": actions_paper_double.waiting_count(process),
        },
        status=400 if form.errors else 200,
    )


@staff_view
def paper_report(request: HttpRequest, slug: str) -> HttpResponse:
    process = _staff_process(request, slug, "budgeting.view_paper_report")
    return render(
        request,
        "budgeting/paper_report.html",
        {
            "process": process,
            "by_channel": report.by_channel(process),
            "by_point": report.by_point(process),
            "by_operator": report.by_operator(process),
            "anomalies": report.anomalies(process),
            "burst": report.BURST_PER_HOUR,
        },
    )


@staff_view
def service_points(request: HttpRequest, community: str) -> HttpResponse:
    target = get_object_or_404(Community, slug=community)
    if not request.user.has_perm("budgeting.manage_service_points", target):
        raise Http404
    form = ServicePointForm(request.POST or None, community=target)
    if request.method == "POST" and "toggle" in request.POST:
        point = get_object_or_404(ServicePoint, community=target, pk=request.POST["toggle"])
        actions_paper.set_service_point_active(request.user, point, not point.active)
        return redirect("pb_staff:service_points", community=target.slug)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions_paper.create_service_point(
                request.user,
                target,
                name=data["name"],
                kind=data["kind"],
                settlement_id=data["settlement"],
                address=data["address"],
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Пункт прийому додано."))
            return redirect("pb_staff:service_points", community=target.slug)
    return render(
        request,
        "budgeting/service_points.html",
        {
            "community": target,
            "form": form,
            "points": ServicePoint.objects.filter(community=target).select_related("settlement"),
        },
        status=400 if form.errors else 200,
    )
