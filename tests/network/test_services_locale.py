"""The services pages open in Ukrainian and English with no string left in the other language
(the checks of tests/network/test_locale.py, over the catalogue, a request, the cases, a case
in progress and a working group)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from hromada.network import actions_services as services
from tests.core.test_locale import CYRILLIC, LATIN_ALLOWED, LATIN_WORD, visible_text
from tests.network.conftest import World, pdf
from tests.network.test_locale import DATA_CYRILLIC
from tests.network.test_locale import DATA_WORDS as NETWORK_WORDS
from tests.network.test_services import case_in

pytestmark = pytest.mark.django_db

# The test data's own words: services, requests, notes typed by people.
SERVICE_DATA = set(
    CYRILLIC.findall(
        "Повний супровід бюджету участі Рік поруч із командою громади Консультація Година з "
        "експертом Допоможіть Аудит положення Положення Ольга Коваль голова робочої групи "
        "Сільрада зала Зібрали робочу групу Кошторис Нове положення ухвалено"
    )
)


def _pages(world: World) -> list[tuple[str, object]]:
    case = case_in(world, "in_progress")
    services.add_working_group_member(
        world.applicant, world.network, world.community, name="Ольга Коваль", role="голова"
    )
    wanted = services.request_document(world.expert, case, "Положення")
    services.upload_document(world.applicant, wanted, pdf())
    services.request_document(world.expert, case, "Кошторис")
    services.add_meeting(world.expert, case, starts_at=timezone.now(), place="Сільрада, зала")
    services.add_note(world.applicant, case, "Зібрали робочу групу.")
    closed = case_in(world, "closed", case.service)
    slug = world.network.slug
    return [
        (f"/network/{slug}/services/", None),
        (f"/network/{slug}/services/", world.team),
        (f"/network/{slug}/services/new/", world.team),
        (f"/network/{slug}/services/{case.service_id}/request/", world.applicant),
        (f"/network/{slug}/cases/", world.applicant),
        (f"/network/cases/{case.pk}/", world.expert),
        (f"/network/cases/{case.pk}/", world.applicant),
        (f"/network/cases/{closed.pk}/", world.applicant),
        (f"/network/{slug}/working-group/{world.community.slug}/", world.applicant),
    ]


@pytest.mark.parametrize("language", ["uk", "en"])
def test_services_pages_in_both_languages(world: World, language: str) -> None:
    problems = []
    for path, user in _pages(world):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            client.force_login(user)  # type: ignore[arg-type]
        response = client.get(path)
        html = response.content.decode()
        if response.status_code != 200:
            problems.append(f"{path}: HTTP {response.status_code}")
            continue
        if language == "en":
            text = visible_text(html, "en")
            for name in (world.community.name, world.other.name, world.network.name):
                text = text.replace(name, "")
            leftovers = sorted(set(CYRILLIC.findall(text)) - DATA_CYRILLIC - SERVICE_DATA)
            if leftovers:
                problems.append(f"{path}: Ukrainian left on the English page: {leftovers}")
        else:
            main = html[html.find("<main") :]
            words = set(LATIN_WORD.findall(visible_text(main, "uk")))
            leftovers = sorted(words - LATIN_ALLOWED - NETWORK_WORDS - {"lypova"})
            if leftovers:
                problems.append(f"{path}: English left on the Ukrainian page: {leftovers}")
    assert not problems, "\n".join(problems)
