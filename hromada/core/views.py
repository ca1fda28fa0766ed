"""Pages core assembles from what the apps registered: the home page and the site-wide search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.core import registry

SEARCH_HITS_PER_PROVIDER = 5
MAX_QUERY_LENGTH = 200


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"blocks": registry.render_home_blocks(request)})


def search(request: HttpRequest) -> HttpResponse:
    """Ask every registered provider for its best few public items; each app's own search page
    goes deeper."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    groups = []
    if query:
        for provider in registry.search_providers():
            hits = provider.search(query, SEARCH_HITS_PER_PROVIDER)
            more = provider.more_url(query) if provider.more_url else None
            groups.append((provider.label, hits, more))
    return render(
        request,
        "core/search.html",
        {"query": query, "groups": groups, "found": any(hits for _, hits, _ in groups)},
    )
