"""Every network page opens in Ukrainian and English, with no string left in the other language
(the same checks as tests/core/test_locale.py, over pages that need a network to exist)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from hromada.network import actions
from hromada.network import actions_contests as contests
from hromada.network import actions_maturity as maturity
from hromada.network.maturity_starter import STARTER, install_starter_framework
from hromada.network.models_maturity import Indicator
from tests.core.test_locale import CYRILLIC, LATIN_ALLOWED, LATIN_WORD, visible_text
from tests.network.conftest import World, make_contest, move_to, pdf, submitted
from tests.network.test_contests import _score_all

pytestmark = pytest.mark.django_db


def _pages(world: World) -> list[tuple[str, object]]:
    join = actions.request_to_join(
        world.outsider_admin,
        world.network,
        actions.JoinRequestData("Олена", "o@example.org", "Хочемо.", community=world.outsider),
        [pdf()],
    )
    finished = make_contest(world, winners_count=1)
    mine, _theirs = _score_all(world, finished)
    move_to(finished, "selection")
    contests.select_winners(world.board, finished, [mine], "Готова команда.")
    contests.announce_results(world.board, finished)
    running = make_contest(world)
    application = submitted(running, world.community, world.applicant)
    for juror in (world.expert,):
        contests.appoint_juror(world.team, running, juror)
    move_to(running, "review")
    contests.declare_conflicts(world.expert, running, [])
    slug = world.network.slug
    install_starter_framework(world.network)
    maturity.start_assessment(world.applicant, world.network, world.community)
    indicators = list(Indicator.objects.filter(network=world.network))
    submitted_assessment = maturity.start_assessment(world.other_admin, world.network, world.other)
    maturity.save_self_assessment(
        world.other_admin, submitted_assessment, {i.pk: 0 for i in indicators}, {}, submit=True
    )
    return [
        (f"/network/{slug}/maturity/", None),
        (f"/network/{slug}/maturity/{world.community.slug}/", world.applicant),
        (f"/network/maturity/{submitted_assessment.pk}/", world.expert),
        (f"/network/{slug}/", None),
        (f"/network/{slug}/members/", None),
        (f"/network/{slug}/join/", world.outsider_admin),
        (f"/network/{slug}/join-requests/", world.board),
        (f"/network/{slug}/join-requests/{join.pk}/", world.board),
        (finished.get_absolute_url(), None),
        (f"/network/contests/{finished.slug}/ranking/", world.board),
        (f"/network/contests/{finished.slug}/apply/{world.community.slug}/", world.applicant),
        (running.get_absolute_url(), world.applicant),
        (f"/network/contests/{running.slug}/jury/", world.expert),
        (f"/network/contests/{running.slug}/applications/{application.code}/", world.expert),
        ("/staff/", world.applicant),
    ]


# Names of the test data a page shows as they are.
DATA_WORDS = {"example", "org", "board", "expert", "team", "statut", "PDF", "DOCX", "ODT", "XLSX"}


@pytest.mark.parametrize("language", ["uk", "en"])
def test_network_pages_in_both_languages(world: World, language: str) -> None:
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
            for _theme, *indicator_texts, _weight, _max in STARTER:  # the network's own content
                for written in indicator_texts:
                    text = text.replace(str(written), "")
            leftovers = sorted(set(CYRILLIC.findall(text)) - DATA_CYRILLIC)
            if leftovers:
                problems.append(f"{path}: Ukrainian left on the English page: {leftovers}")
        else:
            main = html[html.find("<main") :]
            words = set(LATIN_WORD.findall(visible_text(main, "uk")))
            leftovers = sorted(words - LATIN_ALLOWED - DATA_WORDS)
            if leftovers:
                problems.append(f"{path}: English left on the Ukrainian page: {leftovers}")
    assert not problems, "\n".join(problems)


# The test data's own Ukrainian words (names, answers, comments typed by people).
DATA_CYRILLIC = set(
    CYRILLIC.findall(
        "Асоціація громад участі Липова Грушева Обласне місто Далека громада Полтавська Сумська "
        "Львівська П'ять громад для супроводу Оберемо п'ять громад для повного супроводу бюджету "
        "участі Чому громаді потрібен супровід Бо хочемо Рішення виконкому Готовність Команда "
        "Готова команда Готові Сильна заявка Мало деталей Олена Хочемо Особа"
    )
)
