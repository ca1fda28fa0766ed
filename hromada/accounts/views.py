"""Profile and verification pages. Thin: parse the form, call an action, show the outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hromada.accounts import actions
from hromada.accounts.eid.registry import get_adapter
from hromada.accounts.forms import (
    OperatorVerifyForm,
    ProfileForm,
    RegisterUploadForm,
    RegisterVerifyForm,
    ResidenceClaimForm,
)
from hromada.accounts.models import RegisterUpload, ResidenceClaim, User
from hromada.accounts.register_csv import RegisterFileInvalid
from hromada.communities.models import Community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import refusal_to_form
from hromada.core.money import group_thousands


def _render_profile(
    request: HttpRequest,
    profile_form: ProfileForm | None = None,
    register_form: RegisterVerifyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    verifications = user.verifications.select_related("community").order_by("verified_at")
    declared = user.community
    declared_verified = declared is not None and any(
        v.community_id == declared.pk for v in verifications
    )
    has_register = declared is not None and declared.register_entries.exists()
    adapter = get_adapter()
    last_claim = (
        ResidenceClaim.objects.filter(user=user, community=declared).order_by("-created_at").first()
        if declared is not None
        else None
    )
    if profile_form is None:
        profile_form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "community": user.community_id,
                "settlement": user.settlement_id,
                "birth_year": user.birth_year,
            },
            birth_year_locked=user.birth_year_verified,
            name_locked=user.is_identified,
        )
    context = {
        "profile_form": profile_form,
        "register_form": register_form or RegisterVerifyForm(),
        "verifications": verifications,
        "declared": declared,
        "declared_verified": declared_verified,
        "has_register": has_register,
        "eid_label": adapter.label if adapter is not None else None,
        "last_claim": last_claim,
        "residence_form": ResidenceClaimForm(community=declared),
        "bases": ResidenceClaim.objects.filter(
            user=user, community=declared, status=ResidenceClaim.Status.CONFIRMED
        ).select_related("settlement", "decided_by")
        if declared_verified
        else [],
        "is_staff_member": user.is_staff or user.is_superuser or user.staff_roles.exists(),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if request.method != "POST":
        return _render_profile(request)
    form = ProfileForm(
        request.POST, birth_year_locked=user.birth_year_verified, name_locked=user.is_identified
    )
    if form.is_valid():
        data = form.cleaned_data
        birth_year = user.birth_year if user.birth_year_verified else data["birth_year"]
        try:
            actions.update_profile(
                user,
                full_name=user.full_name if user.is_identified else data["full_name"],
                community=data["community"],
                settlement=data["settlement"],
                birth_year=birth_year,
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Профіль збережено."))
            return redirect("accounts:profile")
    return _render_profile(request, profile_form=form, status=400)


@login_required
@require_POST
def verify_register(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.community is None:
        messages.error(request, _("Спершу вкажіть у профілі свою громаду."))
        return redirect("accounts:profile")
    form = RegisterVerifyForm(request.POST)
    if form.is_valid():
        try:
            actions.verify_by_register(user, user.community, form.cleaned_data["identifier"])
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Готово: ви підтверджений житель громади «%(community)s».")
                % {"community": user.community.name},
            )
            return redirect("accounts:profile")
    return _render_profile(request, register_form=form, status=400)


def admin_login(request: HttpRequest) -> HttpResponse:
    """Django admin's own login skips two-factor and rate limits: send it to the site's."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def _staff_community(request: HttpRequest, slug: str, perm: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not request.user.has_perm(perm, community):
        # Not 403: staff of another community must not learn what exists here.
        raise Http404
    return community


@staff_view
def register_upload(request: HttpRequest, community: str) -> HttpResponse:
    target = _staff_community(request, community, "communities.upload_register")
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    file_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = actions.upload_register(
                request.user, target, filename=upload.name or "", content=upload.read()
            )
        except RegisterFileInvalid as exc:
            file_errors = exc.errors
            form.add_error("file", exc.message)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            return redirect("accounts:register_confirm", community=target.slug, upload=staged.pk)
    return render(
        request,
        "accounts/register_upload.html",
        {
            "community": target,
            "form": form,
            "file_errors": file_errors,
            "last_upload": actions.current_register(target),
            "staged": RegisterUpload.objects.filter(
                community=target, status=RegisterUpload.Status.STAGED
            ).first(),
        },
        status=400 if form.errors else 200,
    )


@staff_view
def register_confirm(request: HttpRequest, community: str, upload: int) -> HttpResponse:
    """What a staged register file would change; the admin applies or discards it."""
    target = _staff_community(request, community, "communities.upload_register")
    staged = get_object_or_404(
        RegisterUpload, pk=upload, community=target, status=RegisterUpload.Status.STAGED
    )
    if request.method == "POST":
        try:
            if "confirm" in request.POST:
                applied = actions.confirm_register_upload(request.user, target, staged.pk)
                messages.success(
                    request,
                    ngettext(
                        "Реєстр оновлено: %(rows)s запис. Попередній реєстр замінено.",
                        "Реєстр оновлено: %(rows)s записів. Попередній реєстр замінено.",
                        applied.rows,
                    )
                    % {"rows": group_thousands(applied.rows)},
                )
            else:
                actions.discard_register_upload(request.user, target, staged.pk)
                messages.info(request, _("Файл скасовано, реєстр не змінено."))
        except ActionRefused as exc:
            messages.error(request, exc.message)
        return redirect("accounts:register_upload", community=target.slug)
    return render(
        request,
        "accounts/register_confirm.html",
        {"community": target, "staged": staged, "current": actions.current_register(target)},
    )


@staff_view
def verify_in_person(request: HttpRequest, community: str) -> HttpResponse:
    target = _staff_community(request, community, "communities.verify_in_person")
    form = OperatorVerifyForm(request.POST or None, community=target)
    if request.method == "POST" and form.is_valid():
        try:
            verification = actions.verify_in_person(request.user, target, **form.cleaned_data)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Особу %(email)s підтверджено як жителя громади «%(community)s».")
                % {"email": verification.user.email, "community": target.name},
            )
            return redirect("accounts:verify_in_person", community=target.slug)
    return render(
        request,
        "accounts/verify_in_person.html",
        {"community": target, "form": form},
        status=400 if form.errors else 200,
    )
