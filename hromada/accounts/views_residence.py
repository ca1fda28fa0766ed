"""Residence claims: a person identified by eID declares a basis; the community's staff decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import actions_identity
from hromada.accounts.forms import ResidenceClaimForm, ResidenceDecisionForm
from hromada.accounts.models import ResidenceClaim, User
from hromada.accounts.views import _staff_community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused

STAFF_PERM = "communities.verify_in_person"


@login_required
@require_POST
def declare_residence(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.community is None:
        messages.error(request, _("Спершу вкажіть у профілі свою громаду."))
        return redirect("accounts:profile")
    form = ResidenceClaimForm(request.POST, request.FILES, community=user.community)
    if not form.is_valid():
        errors = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(errors) or _("Оберіть підставу зі списку."))
        return redirect("accounts:profile")
    try:
        # The register is asked first: a listed person needs no one's decision.
        verification = None
        if not user.verifications.filter(community=user.community).exists():
            verification = actions_identity.match_identity_in_register(user, user.community)
        if verification is None:
            actions_identity.declare_residence(user, user.community, **form.cleaned_data)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        if verification is not None:
            messages.success(
                request,
                _("Готово: ви підтверджений житель громади «%(community)s».")
                % {"community": user.community.name},
            )
        else:
            messages.success(request, _("Заяву подано. Працівник громади розгляне її."))
    return redirect("accounts:profile")


@staff_view
def residence_queue(request: HttpRequest, community: str) -> HttpResponse:
    target = _staff_community(request, community, STAFF_PERM)
    claims = ResidenceClaim.objects.filter(
        community=target, status=ResidenceClaim.Status.PENDING
    ).select_related("user", "settlement")
    return render(request, "accounts/residence_queue.html", {"community": target, "claims": claims})


@staff_view
@require_POST
def residence_decide(request: HttpRequest, community: str, claim: int) -> HttpResponse:
    target = _staff_community(request, community, STAFF_PERM)
    form = ResidenceDecisionForm(request.POST)
    back = redirect("accounts:residence_queue", community=target.slug)
    if not form.is_valid():
        messages.error(request, _("Оберіть рішення."))
        return back
    try:
        if form.cleaned_data["decision"] == "confirm":
            verification = actions_identity.confirm_residence(request.user, target, claim)
            messages.success(
                request,
                _("Особу %(email)s підтверджено як жителя громади.")
                % {"email": verification.user.email},
            )
        else:
            actions_identity.refuse_residence(
                request.user, target, claim, form.cleaned_data["reason"]
            )
            messages.success(request, _("Заяву відхилено; заявник побачить причину."))
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return back


@staff_view
def residence_document(request: HttpRequest, community: str, claim: int) -> HttpResponse:
    """The uploaded document of a pending claim, only to the community's staff who decide it."""
    target = _staff_community(request, community, STAFF_PERM)
    found = ResidenceClaim.objects.filter(
        pk=claim, community=target, status=ResidenceClaim.Status.PENDING
    ).first()
    if found is None or not found.document:
        raise Http404
    response: HttpResponse = FileResponse(  # type: ignore[assignment]
        found.document.open("rb"), as_attachment=False
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
