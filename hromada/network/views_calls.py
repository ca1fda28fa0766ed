"""The staff's editors: write or edit a contest call, and edit the maturity framework."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.network import actions_calls, actions_framework
from hromada.network.forms_calls import CallForm, IndicatorForm
from hromada.network.models import Network
from hromada.network.models_contests import Contest
from hromada.network.models_maturity import Indicator
from hromada.network.phases import CONTEST_TIMELINE


@staff_view
def call_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.manage", network):
        raise Http404
    form = CallForm(
        request.POST or None,
        initial={"winners_count": 5, "members_only": True, "disagreement_threshold": 25,
                 "max_per_oblast": 0},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            contest = actions_calls.create_call(
                request.user, network, form.data_object(), form.cleaned_data["slug"]
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Конкурс створено."))
            return redirect(contest)
    return render(request, "network/call_form.html", {"network": network, "form": form})


@staff_view
def call_edit(request: HttpRequest, slug: str) -> HttpResponse:
    contest = get_object_or_404(Contest.objects.select_related("network"), slug=slug)
    if not request.user.has_perm("network.manage_contest", contest):
        raise Http404
    decision = CONTEST_TIMELINE.decide(contest, "edit_call")
    editable = decision.allowed
    form = CallForm(request.POST or None, initial=CallForm.initial_of(contest))
    form.fields["slug"].disabled = True
    locked = actions_calls.LOCKED_ONCE_APPLIED if contest.applications.exists() else ()
    for name in locked:
        form.fields[name].disabled = True
        form.fields[name].help_text = _("Закрито: громади вже подають заявки.")
    if request.method == "POST" and editable and form.is_valid():
        try:
            actions_calls.update_call(request.user, contest, form.data_object())
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Зміни збережено."))
            return redirect(contest)
    return render(
        request,
        "network/call_form.html",
        {
            "network": contest.network,
            "contest": contest,
            "form": form,
            "editable": editable,
            "reason": decision.reason,
            "locked": bool(locked),
        },
    )


@staff_view
def framework_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.manage", network):
        raise Http404
    indicator = get_object_or_404(Indicator, network=network, pk=pk) if pk is not None else None
    initial = IndicatorForm.initial_of(indicator) if indicator is not None else {}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions_framework.save_indicator(
                request.user, network, form.data_object(), indicator=indicator
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Показник збережено."))
            return redirect("network:framework", network.slug)
    return render(
        request,
        "network/framework_edit.html",
        {
            "network": network,
            "indicator": indicator,
            "form": form,
            "indicators": list(Indicator.objects.filter(network=network)),
        },
    )
