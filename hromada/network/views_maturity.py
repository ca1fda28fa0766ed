"""Maturity assessment pages: the framework (public), a community's self-assessment (its staff),
an assessment's result with the chart, peers and recommendations, and the expert's validation."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.network import actions_maturity as actions
from hromada.network.forms_maturity import SelfAssessmentForm, ValidationForm
from hromada.network.models import Network
from hromada.network.models_maturity import Assessment, Indicator, Theme
from hromada.network.recommendations import offers_for
from hromada.network.selectors_maturity import assessment_result, bar_chart


def framework(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    indicators = Indicator.objects.filter(network=network, active=True)
    labels = dict(Theme.choices)
    themes = [(labels[key], list(items)) for key, items in groupby(indicators, lambda i: i.theme)]
    return render(
        request, "network/maturity_framework.html", {"network": network, "themes": themes}
    )


@staff_view
def community_assessments(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    place = get_object_or_404(Community, slug=community)
    if not request.user.has_perm("network.assess", place):
        raise Http404
    rounds = list(Assessment.objects.filter(network=network, community=place))
    draft = next((a for a in rounds if a.status == Assessment.Status.DRAFT), None)
    if request.method == "POST" and "start" in request.POST:
        actions.start_assessment(request.user, network, place)
        return redirect(request.path)
    form = None
    if draft is not None:
        indicators = list(Indicator.objects.filter(network=network, active=True))
        answers = {a.indicator_id: a for a in draft.answers.all()}
        form = SelfAssessmentForm(request.POST or None, indicators=indicators, answers=answers)
        if request.method == "POST" and form.is_valid():
            submit = "submit" in request.POST
            try:
                actions.save_self_assessment(
                    request.user, draft, form.levels(), form.evidence(), submit=submit
                )
            except ActionRefused as refusal:
                refusal_to_form(form, refusal)
            else:
                messages.success(
                    request,
                    _("Надіслано експертам мережі.") if submit else _("Чернетку збережено."),
                )
                return redirect(request.path)
    return render(
        request,
        "network/maturity_community.html",
        {
            "network": network,
            "community": place,
            "rounds": rounds,
            "draft": draft,
            "form": form,
            "themes": _fields_by_theme(form) if form is not None else [],
        },
    )


def _fields_by_theme(form: SelfAssessmentForm) -> list[tuple[str, list[Any]]]:
    """The form's fields under a heading per theme (level, then evidence, per indicator)."""
    labels = dict(Theme.choices)
    return [
        (
            str(labels[theme]),
            [form[f"{prefix}{i.pk}"] for i in indicators for prefix in ("i", "ev")],
        )
        for theme, indicators in groupby(form.indicators, lambda i: i.theme)
    ]


@staff_view
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.select_related("community", "network"), pk=pk)
    if not request.user.has_perm("network.view_assessment", assessment):
        raise Http404
    form = None
    if request.user.has_perm("network.validate_assessment", assessment):
        answers = list(assessment.answers.select_related("indicator"))
        form = ValidationForm(
            request.POST or None, answers=answers, initial={"conclusion": assessment.expert_comment}
        )
        if request.method == "POST" and form.is_valid():
            try:
                actions.validate_assessment(
                    request.user,
                    assessment,
                    form.levels(),
                    form.comments(),
                    form.cleaned_data["conclusion"],
                )
            except ActionRefused as refusal:
                refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Оцінювання перевірено."))
                return redirect(request.path)
    result = assessment_result(assessment)
    offers = offers_for(assessment.network_id, {a.indicator.theme for a in result.weak})
    return render(
        request,
        "network/maturity_result.html",
        {
            "assessment": assessment,
            "result": result,
            "chart": bar_chart(result.rows),
            "form": form,
            # Each weak indicator with the hub's services (and any other provider's offers).
            "recommended": [(a, offers.get(a.indicator.theme, [])) for a in result.weak],
        },
    )
