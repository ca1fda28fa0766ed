"""The platform side of eID verification, the same for every adapter.

start: remember a random state and the community in the session, send the person to the gateway.
callback: accept the answer only with that state (single use, fresh), then exchange the code.
The state is what stops a forged callback from attaching someone else's identity to this
account (login CSRF), so it is compared in constant time and dropped after one use.
"""

from __future__ import annotations

import secrets
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import actions
from hromada.accounts.eid.base import EidError
from hromada.accounts.eid.registry import get_adapter
from hromada.accounts.models import User
from hromada.communities.models import Community
from hromada.core.errors import ActionRefused

SESSION_KEY = "eid_flow"
STATE_LIFETIME_SECONDS = 600


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:eid_callback"))


@login_required
@require_POST
def eid_start(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.community_id is None:
        messages.error(request, _("Спершу вкажіть у профілі свою громаду."))
        return redirect("accounts:profile")
    state = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = {
        "state": state,
        "community": user.community_id,
        "started": time.time(),
    }
    return redirect(get_adapter().authorization_url(state, _redirect_uri(request)))


@login_required
def eid_callback(request: HttpRequest) -> HttpResponse:
    flow = request.session.pop(SESSION_KEY, None)  # single use, whatever happens next
    state = request.GET.get("state", "")
    fresh = flow is not None and time.time() - flow["started"] <= STATE_LIFETIME_SECONDS
    if not fresh or not state or not secrets.compare_digest(str(flow["state"]), state):
        messages.error(
            request,
            _("Сеанс підтвердження недійсний або застарів. Почніть підтвердження знову."),
        )
        return redirect("accounts:profile")
    if "error" in request.GET or not request.GET.get("code"):
        messages.error(request, _("Підтвердження через eID скасовано або не завершено."))
        return redirect("accounts:profile")
    community = Community.objects.filter(pk=flow["community"]).first()
    if community is None:
        messages.error(request, _("Громаду не знайдено. Почніть підтвердження знову."))
        return redirect("accounts:profile")
    try:
        claims = get_adapter().exchange(request.GET["code"], _redirect_uri(request))
        actions.verify_by_eid(request.user, community, claims)  # type: ignore[arg-type]
    except EidError as exc:
        messages.error(request, exc.message)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Готово: ви підтверджений житель громади «%(community)s».")
            % {"community": community.name},
        )
    return redirect("accounts:profile")
