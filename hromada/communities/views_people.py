"""A community's staff: who holds which role, invitations, and accepting one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.communities import actions
from hromada.communities.forms import InviteForm
from hromada.communities.models import Community, Invitation, StaffRole
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form


def _managed(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not request.user.has_perm("communities.manage_staff", community):
        raise Http404
    return community


@staff_view
def people(request: HttpRequest, community: str) -> HttpResponse:
    target = _managed(request, community)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = actions.invite(request.user, target, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Запрошення надіслано на %(email)s.") % {"email": invitation.email}
            )
            return redirect("staff:people", community=target.slug)
    return render(
        request,
        "communities/people.html",
        {
            "community": target,
            "form": form,
            "roles": StaffRole.objects.filter(community=target)
            .select_related("user")
            .order_by("role", "user__email"),
            "pending": Invitation.objects.filter(community=target, accepted_at=None),
        },
        status=400 if form.errors else 200,
    )


@staff_view
@require_POST
def role_remove(request: HttpRequest, community: str, pk: int) -> HttpResponse:
    target = _managed(request, community)
    role = get_object_or_404(StaffRole, community=target, pk=pk)
    return act_and_return(
        request,
        lambda: actions.remove_staff_role(request.user, role),
        _("Роль знято."),
        redirect("staff:people", community=target.slug).url,
    )


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone with the link: it says what to do next (log in, sign up, accept)."""
    found = (
        Invitation.objects.select_related("community")
        .filter(token_hash=actions.hash_token(token))
        .first()
    )
    problem = actions.invitation_problem(found, request.user)
    if request.method == "POST" and not problem:
        try:
            accepted = actions.accept_invitation(request.user, token)
        except ActionRefused as exc:
            problem = exc.message
        else:
            messages.success(
                request,
                _("Запрошення прийнято: ваша роль — «%(role)s».")
                % {"role": accepted.get_role_display()},
            )
            return redirect("staff:dashboard")
    return render(
        request,
        "communities/invitation.html",
        {"invitation": found, "problem": problem, "path": request.get_full_path()},
        status=400 if problem else 200,
    )
