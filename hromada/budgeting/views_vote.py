"""The ballot and the receipt pages. Views parse and render; actions_vote decides and writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.budgeting import ballot_types, eligibility, receipts, selectors
from hromada.budgeting.actions_vote import VoteRefused, cast_ballot, email_receipt
from hromada.budgeting.forms import parse_ballot, posted_choices
from hromada.budgeting.models import Process
from hromada.budgeting.phases import TIMELINE
from hromada.core import ratelimit
from hromada.core.errors import ActionRefused

# The fresh receipt travels from the ballot to the receipt page in a signed cookie read once:
# no session write (a second transaction on every ballot) and never in a URL or a log.
RECEIPT_COOKIE = "pb_receipt"
RECEIPT_COOKIE_SALT = "hromada.budgeting.receipt"
RECEIPT_COOKIE_SECONDS = 900
RECEIPT_CHECKS_PER_MINUTE = 30


def _process(slug: str) -> Process:
    return get_object_or_404(Process.objects.select_related("community"), slug=slug)


def _refusal_before_voting(request: HttpRequest, process: Process) -> str | None:
    """Why this person cannot vote, said on the form before they fill it in."""
    if selectors.ballot_of(request.user, process) is not None:
        return _("Ви вже проголосували в цьому процесі. Дякуємо!")
    decision = eligibility.may_vote(request.user, process)
    return None if decision else decision.reason


def vote(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    decision = TIMELINE.decide(process, "vote")
    refusal = None if decision else decision.reason
    if refusal is None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    error = None
    if request.method == "POST" and refusal is None:
        # The action checks eligibility and double votes itself (once, in its transaction).
        try:
            cast = cast_ballot(request.user, process, *parse_ballot(request.POST))
        except VoteRefused as exc:
            refusal = exc.message
        except (ActionRefused, ValidationError) as exc:
            error = exc.message if isinstance(exc, ActionRefused) else exc.messages[0]
        else:
            response = redirect("budgeting:receipt", slug=process.slug)
            response.set_signed_cookie(
                RECEIPT_COOKIE,
                cast.receipt,
                salt=RECEIPT_COOKIE_SALT,
                max_age=RECEIPT_COOKIE_SECONDS,
                path=reverse("budgeting:receipt", args=[process.slug]),
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return response
    elif refusal is None:
        refusal = _refusal_before_voting(request, process)
    chosen, marks = posted_choices(request.POST)
    return render(
        request,
        "budgeting/vote.html",
        {
            "process": process,
            "refusal": refusal,
            "error": error,
            "groups": ballot_types.form_groups(
                selectors.ballot_projects_by_sub_budget(process), chosen, marks
            )
            if not refusal
            else [],
        },
        status=403 if refusal and request.method == "POST" else (400 if error else 200),
    )


def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    fresh = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE_SALT, max_age=RECEIPT_COOKIE_SECONDS
    )
    # Checked by POST: a receipt in a URL would end up in access logs beside the address.
    raw = request.POST.get("code", "") if request.method == "POST" else ""
    query = raw.strip()[:40].replace("\x00", "")  # shown back on the page: never a NUL byte
    code = receipts.normalise_receipt(raw) if raw else None
    checked = None
    limited = False
    if code is not None:
        # 50 random bits cannot be guessed, but a script trying codes gets nowhere fast.
        client = request.META.get("REMOTE_ADDR", "")
        limited = not ratelimit.allow("receipt", client, RECEIPT_CHECKS_PER_MINUTE, 60)
        checked = None if limited else receipts.check_receipt(process, code)
    response = render(
        request,
        "budgeting/receipt.html",
        {
            "process": process,
            "code": fresh,
            "query": query,
            "checked": checked,
            "limited": limited,
            "results_out": TIMELINE.decide(process, "see_results").allowed,
        },
    )
    if fresh:  # shown once: a shared computer does not show it to the next person
        response.delete_cookie(
            RECEIPT_COOKIE, path=reverse("budgeting:receipt", args=[process.slug])
        )
    return response


@login_required
@require_POST
def receipt_email(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    assert request.user.is_authenticated  # login_required
    code = receipts.normalise_receipt(request.POST.get("code", ""))
    try:
        email_receipt(request.user, process, code or "")
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Квитанцію надіслано на %(email)s.") % {"email": request.user.email}
        )
    return redirect("budgeting:receipt", slug=process.slug)
