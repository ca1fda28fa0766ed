"""The page shown when a form fails Django's CSRF check (CSRF_FAILURE_VIEW): in the site's
layout and language, saying what to do, instead of Django's English technical page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
