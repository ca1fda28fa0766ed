"""What the practices knowledge base adds to the shared pages (registered in apps.py): its
search box on the home page, its navigation link, and its top hits in the site-wide search."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from hromada.core.registry import SearchHit
from hromada.practices.search import search


def home_context(request: HttpRequest) -> dict[str, Any]:
    return {}


def search_public(query: str, limit: int) -> list[SearchHit]:
    """The knowledge base's own search (published practices only), first page only."""
    result = search(query, per_page=limit)
    return [
        SearchHit(hit.practice.title, hit.practice.get_absolute_url(), hit.snippet)
        for hit in result.hits
    ]


def full_search_url(query: str) -> str:
    return f"{reverse('practices:search')}?{urlencode({'q': query})}"
