"""Public pages of a network (its people, its members) and the way in: a request to join and
the board's decision. Views are thin: they read, check, call one action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.communities.models import Community, StaffRole
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.network import actions, selectors
from hromada.network.documents import file_response
from hromada.network.forms import DecisionForm, JoinRequestForm
from hromada.network.members_map import members_map
from hromada.network.models import JoinRequest, Network, NetworkDocument, NetworkRole
from hromada.network.phases import CONTEST_TIMELINE


def network_list(request: HttpRequest) -> HttpResponse:
    networks = list(Network.objects.all())
    if len(networks) == 1:
        return redirect("network:detail", networks[0].slug)
    return render(request, "network/list.html", {"networks": networks})


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    roles = list(network.roles.select_related("user").order_by("role", "user__first_name"))
    contests = [(contest, CONTEST_TIMELINE.current(contest)) for contest in network.contests.all()]
    return render(
        request,
        "network/detail.html",
        {
            "network": network,
            "board": [r for r in roles if r.role == NetworkRole.Role.BOARD],
            "team": [r for r in roles if r.role != NetworkRole.Role.BOARD],
            "contests": contests,
            "member_count": len(selectors.current_members(network)),
            "can_manage": request.user.has_perm("network.manage", network),
        },
    )


def members(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    groups = selectors.members_grouped(network)
    current = [card.member for group in groups for card in group.cards]
    return render(
        request,
        "network/members.html",
        {"network": network, "groups": groups, "map": members_map(current)},
    )


def _admin_communities(user: Any) -> QuerySet[Community]:
    return Community.objects.filter(
        staff_roles__user_id=user.pk, staff_roles__role=StaffRole.Role.ADMIN
    ).distinct()


@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    communities = _admin_communities(request.user)
    form = JoinRequestForm(request.POST or None, request.FILES or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = [data["document"]] if data.get("document") else []
        fields = {k: v for k, v in data.items() if k != "document"}
        try:
            join_request = actions.request_to_join(
                request.user, network, actions.JoinRequestData(**fields), files
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Заяву надіслано. Правління розгляне її й відповість."))
            return redirect("network:join_request", network.slug, join_request.pk)
    return render(request, "network/join.html", {"network": network, "form": form})


@staff_view
def join_requests(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.manage", network):
        raise Http404
    pending = network.join_requests.order_by("status", "-created_at")
    return render(request, "network/join_requests.html", {"network": network, "requests": pending})


@login_required
def join_request_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest, network__slug=slug, pk=pk)
    if not request.user.has_perm("network.view_join_request", join_request):
        raise Http404
    can_decide = request.user.has_perm("network.decide_join", join_request.network)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and can_decide and form.is_valid():
        try:
            actions.decide_join_request(
                request.user,
                join_request,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Рішення збережено."))
            return redirect("network:join_request", slug, pk)
    return render(
        request,
        "network/join_request.html",
        {
            "network": join_request.network,
            "join_request": join_request,
            "documents": join_request.documents.all(),
            "form": form if can_decide and join_request.status == "pending" else None,
        },
    )


def _may_see_document(request: HttpRequest, document: NetworkDocument) -> bool:
    if document.join_request_id is not None:
        return bool(request.user.has_perm("network.view_join_request", document.join_request))
    return bool(request.user.has_perm("network.view_application", document.application))


def document_file(request: HttpRequest, token: str) -> FileResponse:
    """A document of a join request or an application, for whoever may see its owner."""
    document = get_object_or_404(NetworkDocument, token=token)
    if not _may_see_document(request, document):
        raise Http404
    return file_response(document)
