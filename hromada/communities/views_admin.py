"""Platform admins' pages: communities with their settlements, and the platform's own roles."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.communities import actions
from hromada.communities.forms import CommunityForm, PlatformInviteForm, SettlementForm
from hromada.communities.models import Community, Invitation, PlatformRole, Settlement
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form


def _require(request: HttpRequest, perm: str, obj: Community | None = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise Http404


@staff_view
def community_list(request: HttpRequest) -> HttpResponse:
    _require(request, "communities.create_community")
    communities = Community.objects.all()
    return render(request, "communities/community_list.html", {"communities": communities})


@staff_view
def community_create(request: HttpRequest) -> HttpResponse:
    _require(request, "communities.create_community")
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = actions.create_community(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Громаду створено. Додайте населені пункти."))
            return redirect("staff:community_edit", community=community.slug)
    return render(
        request,
        "communities/community_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_view
def community_edit(request: HttpRequest, community: str) -> HttpResponse:
    target = get_object_or_404(Community, slug=community)
    _require(request, "communities.edit_community", target)
    posted = request.POST if request.method == "POST" else None
    adding = posted is not None and "add_settlement" in posted
    form = CommunityForm(None if adding else posted, initial=_initial(target))
    settlement_form = SettlementForm(posted if adding else None, prefix="new")
    chosen = settlement_form if adding else form
    if posted is not None and chosen.is_valid():
        try:
            if adding:
                actions.add_settlement(request.user, target, **settlement_form.cleaned_data)
            else:
                target = actions.update_community(request.user, target, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(chosen, exc)
        else:
            messages.success(request, _("Збережено."))
            return redirect("staff:community_edit", community=target.slug)
    return render(
        request,
        "communities/community_form.html",
        {
            "community": target,
            "form": form,
            "settlement_form": settlement_form,
            "settlements": [
                (s, SettlementForm(instance=s, prefix=f"s{s.pk}")) for s in target.settlements.all()
            ],
        },
        status=400 if chosen.errors else 200,
    )


def _initial(community: Community) -> dict[str, object]:
    return {name: getattr(community, name) for name in actions.COMMUNITY_FIELDS}


@staff_view
@require_POST
def settlement_update(request: HttpRequest, community: str, pk: int) -> HttpResponse:
    settlement = get_object_or_404(Settlement, community__slug=community, pk=pk)
    _require(request, "communities.edit_community", settlement.community)
    back = redirect("staff:community_edit", community=community)
    if "remove" in request.POST:
        return act_and_return(
            request,
            lambda: actions.remove_settlement(request.user, settlement),
            _("Населений пункт вилучено."),
            back.url,
        )
    form = SettlementForm(request.POST, prefix=f"s{pk}")
    return act_and_return(
        request,
        lambda: actions.update_settlement(request.user, settlement, **form.cleaned_data),
        _("Населений пункт збережено."),
        back.url,
        form=form,
        invalid=_("Перевірте назву, тип і кількість жителів населеного пункту."),
    )


@staff_view
def platform_roles(request: HttpRequest) -> HttpResponse:
    _require(request, "communities.manage_platform_roles")
    form = PlatformInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite(request.user, None, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Запрошення надіслано."))
            return redirect("staff:platform_roles")
    return render(
        request,
        "communities/platform_roles.html",
        {
            "form": form,
            "roles": PlatformRole.objects.select_related("user").order_by("user__email"),
            "pending": Invitation.objects.filter(community=None, accepted_at=None),
        },
    )


@staff_view
@require_POST
def platform_role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "communities.manage_platform_roles")
    role = get_object_or_404(PlatformRole, pk=pk)
    return act_and_return(
        request,
        lambda: actions.remove_platform_role(request.user, role),
        _("Роль знято."),
        "staff:platform_roles",
    )
