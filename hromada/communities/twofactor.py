"""Staff pages open only with TOTP two-factor authentication on. The rules refuse the actions
anyway (hromada.communities.rules); this sends a person to a page that explains what to do
instead of a bare "not found"."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from hromada.communities.rules import has_totp, holds_any_role, needs_totp

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Log in first; then, for anyone holding a staff role without TOTP, the setup page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if needs_totp(request.user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('staff:totp_required')}?{query}")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@login_required
def totp_required(request: HttpRequest) -> HttpResponse:
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return render(
        request,
        "communities/totp_required.html",
        {
            "has_role": holds_any_role(request.user),
            "has_totp": has_totp(request.user),
            "next": next_url or reverse("staff:dashboard"),
        },
    )


def admin_has_permission(request: HttpRequest) -> bool:
    """Django's admin asks this before every admin page: staff flag and TOTP, as everywhere."""
    user = request.user
    return bool(user.is_active and user.is_staff and has_totp(user))
