"""The staff area: each staff member sees only the communities they work for."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.budgeting import actions as pb_actions
from hromada.budgeting.forms import ProcessForm, SubBudgetFormSet
from hromada.budgeting.selectors import processes_with_phase
from hromada.communities.models import Community, StaffRole
from hromada.communities.selectors import staff_communities
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form


@staff_view
def dashboard(request: HttpRequest) -> HttpResponse:
    communities = staff_communities(request.user)
    platform_admin = request.user.has_perm("communities.create_community")
    if not communities.exists() and not platform_admin:
        raise Http404
    roles = StaffRole.objects.filter(user_id=request.user.pk or 0).values_list(
        "community_id", "role"
    )
    panels = [
        {
            "community": community,
            "roles": {role for community_id, role in roles if community_id == community.pk},
            "processes": processes_with_phase(community),
            "is_admin": request.user.has_perm("communities.manage", community),
            "is_operator": request.user.has_perm("communities.verify_in_person", community),
        }
        for community in communities
    ]
    return render(
        request,
        "communities/dashboard.html",
        {"panels": panels, "platform_admin": platform_admin},
    )


@staff_view
def process_create(request: HttpRequest, community: str) -> HttpResponse:
    target = get_object_or_404(Community, slug=community)
    if not request.user.has_perm("budgeting.create_process", target):
        raise Http404
    form = ProcessForm(request.POST or None)
    formset = SubBudgetFormSet(request.POST or None, prefix="sb")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        specs = [
            pb_actions.SubBudgetSpec(
                name=data["name"],
                amount=data["amount"],
                max_cost=data["max_cost"],
                ballot_rule=data["ballot_rule"],
                max_choices=data.get("max_choices"),
            )
            for data in formset.cleaned_data
            if data
        ]
        try:
            process = pb_actions.create_process(
                request.user,
                target,
                specs,
                total_budget=sum(spec.amount for spec in specs),
                **form.cleaned_data,
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Процес створено."))
            return redirect(process)
    return render(
        request,
        "communities/process_form.html",
        {"community": target, "form": form, "formset": formset},
    )
