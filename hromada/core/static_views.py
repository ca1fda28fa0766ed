"""Addresses browsers ask for on their own, outside any page's links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file
    (a temporary redirect: the static name may carry a content hash that changes)."""
    return redirect(static("favicon.ico"))
