"""Ways in: an editor reaches the moderation queue, anyone signed in reaches their entries, and
browsers find the site's icon."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from hromada.accounts.models import User
from hromada.practices.models import Practice
from tests.conftest import Personas


def _page(user: User | None, path: str) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(path).content.decode()


def test_editor_finds_the_moderation_queue(editor: User, corpus: dict[str, Practice]) -> None:
    for path in ["/practices/", corpus["pb"].get_absolute_url(), "/me/"]:
        assert 'href="/practices/moderation/"' in _page(editor, path), path


def test_others_see_no_moderation_link(personas: Personas) -> None:
    for user in [None, personas.resident]:
        assert "/practices/moderation/" not in _page(user, "/practices/")
    assert "/practices/moderation/" not in _page(personas.resident, "/me/")


def test_my_entries_are_linked(personas: Personas) -> None:
    assert 'href="/practices/mine/"' in _page(personas.resident, "/practices/")
    assert 'href="/practices/mine/"' in _page(personas.resident, "/me/")
    assert "/practices/mine/" not in _page(None, "/practices/")


@pytest.mark.django_db
def test_favicon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.ico")
    assert finders.find("favicon.ico") and finders.find("favicon.svg")
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
