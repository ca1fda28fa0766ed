"""The app registry: shared pages are built only from what apps registered, so a new app plugs
in by registering its contributions and touches no other app."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client

from hromada.core import registry
from hromada.core.registry import (
    DashboardSection,
    HomeBlock,
    NavEntry,
    Registry,
    SearchHit,
    SearchProvider,
)
from tests.conftest import Personas


@pytest.fixture
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    """The real registrations plus whatever the test adds, undone afterwards."""
    scratch = Registry(dict(registry.REGISTRY.contributions))
    monkeypatch.setattr(registry, "REGISTRY", scratch)
    yield scratch


@pytest.fixture
def fake_templates(settings: Any, tmp_path: Path) -> Path:
    """A template folder of a pretend `events` app."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "home.html").write_text(
        '<section class="events">Подій: {{ n }}</section>', encoding="utf-8"
    )
    (tmp_path / "events" / "staff.html").write_text(
        "<p>Реєстрації в {{ community.name }}: {{ n }}</p>", encoding="utf-8"
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates
    return tmp_path


def _only_admins(user: Any, community: Any) -> bool:
    return bool(user.has_perm("communities.manage", community))


def _events_search(query: str, limit: int) -> list[SearchHit]:
    return [SearchHit("Толока в парку", "/events/1/", f"збіг: {query}")][:limit]


@pytest.mark.django_db
def test_a_new_app_appears_on_every_shared_page_by_registering_alone(
    client: Client, personas: Personas, fresh_registry: Registry, fake_templates: Path
) -> None:
    registry.register(
        HomeBlock("events", "events/home.html", lambda request: {"n": 3}, order=15),
        NavEntry("events", "Події", "home", order=20),
        DashboardSection(
            "events", "events/staff.html", lambda request, c: {"n": 7}, visible=_only_admins
        ),
        SearchProvider("events", "Події", _events_search),
    )
    home = client.get("/").content.decode()
    assert '<section class="events">Подій: 3</section>' in home
    # Order 15 puts it between budgets (10) and practices (20).
    assert home.index("Бюджети участі") < home.index("Подій: 3") < home.index("home-q")
    assert ">Події</a>" in home
    found = client.get("/search/", {"q": "толока"}).content.decode()
    assert "Толока в парку" in found and "збіг: толока" in found

    client.force_login(personas.admin)
    assert "Реєстрації в Вишнева громада: 7" in client.get("/staff/").content.decode()
    client.force_login(personas.reviewer)  # staff here, but the section is for admins
    assert "Реєстрації в" not in client.get("/staff/").content.decode()


@pytest.mark.django_db
def test_a_block_with_nothing_to_show_is_left_out(
    client: Client, fresh_registry: Registry, fake_templates: Path
) -> None:
    registry.register(HomeBlock("events", "events/home.html", lambda request: None))
    assert "Подій" not in client.get("/").content.decode()


def test_registering_a_key_again_replaces_it(fresh_registry: Registry) -> None:
    def context(request: HttpRequest) -> dict[str, Any]:
        return {}

    registry.register(HomeBlock("twice", "a.html", context, order=1))
    registry.register(HomeBlock("twice", "b.html", context, order=1))
    blocks = [b for b in fresh_registry.of_kind(HomeBlock) if b.key == "twice"]
    assert [b.template for b in blocks] == ["b.html"]


@pytest.mark.django_db
def test_navigation_follows_each_apps_visibility(client: Client, personas: Personas) -> None:
    anonymous = client.get("/").content.decode()
    assert "Практики" in anonymous
    assert "Мій профіль" not in anonymous and "Кабінет працівника" not in anonymous
    client.force_login(personas.resident)
    resident = client.get("/").content.decode()
    assert "Мій профіль" in resident and "Кабінет працівника" not in resident
    client.force_login(personas.operator)
    assert "Кабінет працівника" in client.get("/").content.decode()


@pytest.mark.django_db
def test_dashboard_sections_follow_roles(client: Client, personas: Personas) -> None:
    client.force_login(personas.operator)
    operator = client.get("/staff/").content.decode()
    assert "Верифікувати особу" in operator and "Реєстр жителів" not in operator
    assert "Новий процес" not in operator
    client.force_login(personas.admin)
    admin = client.get("/staff/").content.decode()
    assert "Новий процес" in admin and "Реєстр жителів" in admin


@pytest.mark.django_db
def test_site_search_without_a_query_asks_for_one(client: Client) -> None:
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert "нічого не знайдено" not in response.content.decode()
    long = client.get("/search/", {"q": "ж" * 5000})
    assert long.status_code == 200


@pytest.mark.django_db
def test_site_search_asks_each_app_and_leaves_rejected_projects_out(
    client: Client, personas: Personas
) -> None:
    from hromada.budgeting import actions
    from tests.budgeting.conftest import move_to, submit
    from tests.factories import make_process
    from tests.practices.conftest import publish

    process = make_process(personas.community, title="Бюджет участі Вишневої громади")
    bench = submit(process, personas.resident, title="Лавки у Вишневому парку")
    fence = submit(process, personas.resident, title="Паркан біля Вишневої школи")
    move_to(process, "review")
    actions.review_project(
        personas.reviewer, fence, decision="reject", comment="Не належить", ground="competence"
    )
    publish(title="Громадський бюджет у Вишневій громаді", body="Жителі подали сорок проєктів.")

    page = client.get("/search/", {"q": "громадського бюджету"}).content.decode()
    assert "Громадський бюджет у Вишневій громаді" in page  # the practices base, inflected
    assert "/practices/?q=" in page  # its link to the full search with facets
    page = client.get("/search/", {"q": "Лавки"}).content.decode()
    assert bench.get_absolute_url() in page
    page = client.get("/search/", {"q": "Паркан"}).content.decode()
    assert fence.get_absolute_url() not in page and "нічого не знайдено" in page


@pytest.mark.django_db
def test_a_page_panel_shows_on_the_page_that_names_its_slot_only(
    fresh_registry: Registry, fake_templates: Path, client: Client
) -> None:
    """An app adds a panel to another app's page (here the network's) without that app
    knowing who fills its slot; a panel with nothing to show is left out."""
    from hromada.network.models import Network

    (fake_templates / "events" / "panel.html").write_text(
        "<section class='pretend-panel'>{{ object.name }}: {{ n }}</section>", encoding="utf-8"
    )
    Network.objects.create(name="Хаб", slug="hub", kind=Network.Kind.HUB)
    Network.objects.create(name="Порожня", slug="empty", kind=Network.Kind.HUB)

    def context(request: HttpRequest, network: Any) -> dict[str, Any] | None:
        return {"n": 3} if network.slug == "hub" else None

    fresh_registry.register(
        registry.PagePanel("pretend", "network.detail", "events/panel.html", context),
        registry.PagePanel("elsewhere", "other.page", "events/panel.html", context),
    )
    page = client.get("/network/hub/").content.decode()
    assert page.count("pretend-panel") == 1 and "Хаб: 3" in page
    assert "pretend-panel" not in client.get("/network/empty/").content.decode()
