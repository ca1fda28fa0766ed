"""The staff's editors of calls and indicators open in Ukrainian and English with no interface
string left in the other language (the checks of tests/core/test_locale.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from hromada.network.maturity_starter import STARTER, install_starter_framework
from hromada.network.models_maturity import Indicator
from tests.core.test_locale import CYRILLIC, LATIN_ALLOWED, LATIN_WORD, visible_text
from tests.network.conftest import World, make_contest, submitted
from tests.network.test_locale import DATA_CYRILLIC, DATA_WORDS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["uk", "en"])
def test_editor_pages_in_both_languages(world: World, language: str) -> None:
    contest = make_contest(world, phase="open")
    submitted(contest, world.community, world.applicant)  # the locked variant of the form
    install_starter_framework(world.network)
    indicator = Indicator.objects.filter(network=world.network).first()
    assert indicator is not None
    slug = world.network.slug
    pages = [
        f"/network/{slug}/calls/new/",
        f"/network/contests/{contest.slug}/edit/",
        f"/network/{slug}/framework/",
        f"/network/{slug}/framework/{indicator.pk}/",
    ]
    written = {str(text) for _theme, *texts, _w, _m in STARTER for text in texts}
    problems = []
    for path in pages:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.force_login(world.team)
        response = client.get(path)
        if response.status_code != 200:
            problems.append(f"{path}: HTTP {response.status_code}")
            continue
        html = response.content.decode()
        if language == "en":
            text = visible_text(html, "en")
            for known in sorted(written, key=len, reverse=True):  # the network's own content
                text = text.replace(known, "")
            leftovers = sorted(set(CYRILLIC.findall(text)) - DATA_CYRILLIC)
            if leftovers:
                problems.append(f"{path}: Ukrainian left on the English page: {leftovers}")
        else:
            words = set(LATIN_WORD.findall(visible_text(html[html.find("<main") :], "uk")))
            leftovers = sorted(words - LATIN_ALLOWED - DATA_WORDS - {"five"})
            if leftovers:
                problems.append(f"{path}: English left on the Ukrainian page: {leftovers}")
    assert not problems, "\n".join(problems)
