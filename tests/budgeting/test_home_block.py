"""The participatory-budget block of the home page: what a resident can do now comes first."""

from __future__ import annotations

from django.test import Client
from django.utils import formats, timezone

from hromada.budgeting import actions
from hromada.budgeting.models import Process
from hromada.budgeting.phases import TIMELINE
from tests.conftest import Personas
from tests.factories import make_process


def test_processes_are_ordered_by_what_a_resident_can_do(
    client: Client, personas: Personas
) -> None:
    # Created in the wrong order on purpose: the page must not follow creation or id order.
    for phase in ("finished", "implementation", "review", "submission", "voting"):
        make_process(personas.community, phase=phase, title=f"Процес «{phase}»")
    page = client.get("/").content.decode()
    positions = [
        page.index(f"Процес «{phase}»</a>")
        for phase in ("voting", "submission", "review", "implementation", "finished")
    ]
    assert positions == sorted(positions)


def test_an_open_vote_gets_a_button_with_its_closing_date(
    client: Client, personas: Personas
) -> None:
    voting = make_process(personas.community, phase="voting", title="Бюджет 2027")
    make_process(personas.community, phase="submission", title="Бюджет 2028")
    page = client.get("/").content.decode()
    closes = TIMELINE.decide(voting, "vote").closes_at
    assert closes is not None
    date = formats.date_format(timezone.localtime(closes), "j E, H:i")
    button = f'href="/pb/{voting.slug}/vote/">Голосуйте до {date}</a>'
    assert button in page
    assert page.count("Голосуйте до") == 1  # not for the process still collecting projects


def test_someone_who_has_voted_is_thanked_instead_of_asked_again(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    project = voting_process.projects.order_by("number").first()
    assert project is not None
    actions.cast_ballot(personas.resident, voting_process, {project.sub_budget_id: [project.pk]})
    client.force_login(personas.resident)
    page = client.get("/").content.decode()
    assert "Голосуйте до" not in page and "Ви вже проголосували" in page
    client.force_login(personas.newcomer)  # same community, has not voted
    assert "Голосуйте до" in client.get("/").content.decode()


def test_people_of_another_community_are_not_asked_to_vote(
    client: Client, personas: Personas
) -> None:
    make_process(personas.community, phase="voting", title="Бюджет 2027")
    assert "Голосуйте до" in client.get("/").content.decode()  # a visitor is asked
    client.force_login(personas.outsider_resident)
    assert "Голосуйте до" not in client.get("/").content.decode()
    client.force_login(personas.resident)
    assert "Голосуйте до" in client.get("/").content.decode()
