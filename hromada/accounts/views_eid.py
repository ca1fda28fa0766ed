"""The platform side of eID verification, the same for every adapter.

start: remember a random state in the session, send the person to the gateway.
callback: accept the answer only with that state (single use, fresh), then exchange the code.
The state is what stops a forged callback from attaching someone else's identity to this
account (login CSRF), so it is compared in constant time and dropped after one use.
eID proves who the person is; residency comes from the register or the community's staff
(see actions_identity). Without an adapter (production with no eID settings) both views 404.
"""

from __future__ import annotations

import secrets
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import actions_identity
from hromada.accounts.eid.base import EidAdapter, EidError
from hromada.accounts.eid.registry import get_adapter
from hromada.accounts.models import User
from hromada.core.errors import ActionRefused

SESSION_KEY = "eid_flow"
STATE_LIFETIME_SECONDS = 600


def _adapter() -> EidAdapter:
    adapter = get_adapter()
    if adapter is None:
        raise Http404
    return adapter


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:eid_callback"))


@login_required
@require_POST
def eid_start(request: HttpRequest) -> HttpResponse:
    adapter = _adapter()
    state = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = {"state": state, "started": time.time()}
    return redirect(adapter.authorization_url(state, _redirect_uri(request)))


@login_required
def eid_callback(request: HttpRequest) -> HttpResponse:
    adapter = _adapter()
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
    user: User = request.user  # type: ignore[assignment]
    try:
        claims = adapter.exchange(request.GET["code"], _redirect_uri(request))
        verification = actions_identity.record_eid_identity(user, claims)
    except (EidError, ActionRefused) as exc:
        messages.error(request, exc.message)
    else:
        if verification is not None:
            messages.success(
                request,
                _("Особу засвідчено, і вас знайдено в реєстрі громади «%(community)s»: ви її "
                  "підтверджений житель.") % {"community": verification.community.name},
            )  # fmt: skip
        else:
            messages.success(
                request,
                _("Особу засвідчено. Щоб підтвердити, що ви житель громади, подайте підставу "
                  "проживання нижче або зверніться до ЦНАП."),
            )  # fmt: skip
    return redirect("accounts:profile")
