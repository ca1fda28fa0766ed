"""A finished participatory budget drafts a practices-base case in one click: numbers, rule and
photos of built projects prefilled; only the community's staff, only once the budget is
finished; the draft is then edited and sent to moderation in the practices base."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.budgeting import actions
from hromada.budgeting.actions_implementation import add_milestone
from hromada.budgeting.actions_practice import draft_practice
from hromada.budgeting.models import Process
from hromada.core.errors import ActionRefused
from hromada.practices import actions as practices
from hromada.practices.models import Practice
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.budgeting.test_implementation import png, step
from tests.conftest import Personas
from tests.factories import verified_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(personas: Personas, voting_process: Process) -> Process:
    """Two residents vote: №1 and №2 of the small sub-budget win (as in test_implementation)."""
    small = projects_of(voting_process, 0)
    for picks in ([small[0], small[1]], [small[0]]):
        actions.cast_ballot(
            verified_resident(personas.community), voting_process, ballot(voting_process, picks, [])
        )
    move_to(voting_process, "implementation")
    return voting_process


def test_a_finished_budget_drafts_a_prefilled_practice(
    personas: Personas,
    finished: Process,
) -> None:
    winner = projects_of(finished, 0)[0]
    add_milestone(personas.admin, winner, step(100, 20_000_000, 20_000_000), photos=[png()])
    personas.community.population = 200
    personas.community.save()
    move_to(finished, "finished")
    practice = draft_practice(personas.admin, finished)
    assert practice.status == Practice.Status.DRAFT and practice.author == personas.admin
    # Two voters of 200 residents; winners №1 and №2 of the small sub-budget (700,000 UAH).
    assert (practice.participants, practice.projects, practice.money_uah) == (2, 2, 700_000)
    assert "явка: 1,0 % жителів громади" in practice.body
    assert "«Малі проєкти»" in practice.body and "Правила визначення переможців" in practice.body
    assert practice.community == personas.community and practice.theme_codes == ["budget_process"]
    assert [a.is_image for a in practice.attachments.all()] == [True]
    assert draft_practice(personas.admin, finished) == practice  # asked twice: one draft
    practices.submit_practice(personas.admin, practice)
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PENDING


@pytest.mark.parametrize("phase", ["voting", "implementation"])
def test_only_a_finished_budget(personas: Personas, finished: Process, phase: str) -> None:
    move_to(finished, phase)
    with pytest.raises(ActionRefused):
        draft_practice(personas.admin, finished)


@pytest.mark.parametrize("persona", ["resident", "reviewer", "operator", "outsider_admin"])
def test_only_the_communitys_admin(
    personas: Personas,
    finished: Process,
    persona: str,
) -> None:
    move_to(finished, "finished")
    with pytest.raises(ActionRefused):
        draft_practice(getattr(personas, persona), finished)
    assert not Practice.objects.exists()


def test_the_button_and_the_page(personas: Personas, finished: Process) -> None:
    client = Client()
    client.force_login(personas.admin)
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "Створити практику з цього бюджету" not in page  # not finished yet
    move_to(finished, "finished")
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "Створити практику з цього бюджету" in page
    response = client.post(f"/pb/{finished.slug}/practice/")
    practice = Practice.objects.get()
    assert response["Location"] == f"/practices/{practice.pk}/edit/"
    assert client.get(response["Location"]).status_code == 200
    stranger = Client()
    stranger.force_login(personas.outsider_admin)
    stranger.post(f"/pb/{finished.slug}/practice/")
    assert Practice.objects.count() == 1
