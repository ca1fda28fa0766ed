"""What each app contributes to the shared pages, registered from its `AppConfig.ready()`.

`core` never imports an app: the home page, the staff dashboard, the site navigation and the
site-wide search are assembled from what the apps put here. Adding an app means registering its
contributions in its own `apps.py`; no other app changes.

    from hromada.core import registry

    class EventsConfig(AppConfig):
        def ready(self) -> None:
            from hromada.events import contributions  # imports models: only once apps are ready

            registry.register(
                registry.HomeBlock("events", "events/home.html", contributions.home, order=30),
                registry.NavEntry("events", _("Події"), "events:list", order=20),
            )

A contribution's key is unique: registering a key again replaces the earlier one (so a `ready()`
that Django runs twice, as some test runners do, does not show a block twice).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString

Label = str | Promise
# A context function returns the template's context, or None when the block has nothing to show.
BlockContext = Callable[[HttpRequest], Mapping[str, Any] | None]
SectionContext = Callable[[HttpRequest, Any], Mapping[str, Any] | None]


def _always(*_args: Any) -> bool:
    return True


@dataclass(frozen=True)
class HomeBlock:
    """A block of the public home page: `template` rendered with `context(request)`."""

    key: str
    template: str
    context: BlockContext
    order: int = 100


@dataclass(frozen=True)
class DashboardSection:
    """A section of one community's panel on the staff dashboard. `visible(user, community)`
    says who sees it; `context(request, community)` fills `template` (which also gets
    `community`)."""

    key: str
    template: str
    context: SectionContext
    visible: Callable[[Any, Any], bool] = _always
    order: int = 100


@dataclass(frozen=True)
class NavEntry:
    """A link of the site's main navigation, shown when `visible(request)` is true."""

    key: str
    label: Label
    url_name: str
    order: int = 100
    visible: Callable[[HttpRequest], bool] = _always


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    snippet: str = ""  # plain text, or a SafeString the provider has escaped (highlights)


@dataclass(frozen=True)
class SearchProvider:
    """Public items of one app for the site-wide search: `search(query, limit)` returns at most
    `limit` hits, best first; `more_url(query)` (optional) leads to the app's own full search."""

    key: str
    label: Label
    search: Callable[[str, int], list[SearchHit]]
    order: int = 100
    more_url: Callable[[str], str] | None = None


@dataclass(frozen=True)
class PagePanel:
    """A panel one app adds to another app's page about an object (e.g. a network's events
    on the network's page). The page names its slot — `{% page_panels "network.detail"
    network %}` — and knows nothing of who fills it; `context(request, obj)` fills `template`
    (which also gets `object`), or returns None to show nothing."""

    key: str
    page: str
    template: str
    context: SectionContext
    order: int = 100


Contribution = HomeBlock | DashboardSection | NavEntry | SearchProvider | PagePanel
Kind = TypeVar("Kind", HomeBlock, DashboardSection, NavEntry, SearchProvider, PagePanel)


@dataclass
class Registry:
    contributions: dict[tuple[type, str], Contribution] = field(default_factory=dict)

    def register(self, *items: Contribution) -> None:
        for item in items:
            self.contributions[(type(item), item.key)] = item

    def unregister(self, kind: type, key: str) -> None:
        self.contributions.pop((kind, key), None)

    def of_kind(self, kind: type[Kind]) -> list[Kind]:
        found = [item for item in self.contributions.values() if isinstance(item, kind)]
        return sorted(found, key=lambda item: (item.order, item.key))


REGISTRY = Registry()


def register(*items: Contribution) -> None:
    REGISTRY.register(*items)


def render_home_blocks(request: HttpRequest) -> list[SafeString]:
    rendered = []
    for block in REGISTRY.of_kind(HomeBlock):
        context = block.context(request)
        if context is not None:
            rendered.append(render_to_string(block.template, dict(context), request=request))
    return rendered


def render_dashboard_sections(request: HttpRequest, community: Any) -> list[SafeString]:
    rendered = []
    for section in REGISTRY.of_kind(DashboardSection):
        if not section.visible(request.user, community):
            continue
        context = section.context(request, community)
        if context is not None:
            rendered.append(
                render_to_string(
                    section.template, {**context, "community": community}, request=request
                )
            )
    return rendered


def render_page_panels(request: HttpRequest, page: str, obj: Any) -> list[SafeString]:
    rendered = []
    for panel in REGISTRY.of_kind(PagePanel):
        if panel.page != page:
            continue
        context = panel.context(request, obj)
        if context is not None:
            rendered.append(
                render_to_string(panel.template, {**context, "object": obj}, request=request)
            )
    return rendered


def navigation(request: HttpRequest) -> list[tuple[Label, str, bool]]:
    """(label, url, is the current page's section) for each entry this request may see."""
    entries = []
    for entry in REGISTRY.of_kind(NavEntry):
        if entry.visible(request):
            url = reverse(entry.url_name)
            entries.append((entry.label, url, request.path.startswith(url)))
    return entries


def search_providers() -> list[SearchProvider]:
    return REGISTRY.of_kind(SearchProvider)
