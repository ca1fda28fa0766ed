"""The online support vote: the N most supported projects of each sub-budget go on to review,
ties at the N-th place all go on, the rest are not admitted with their place in the reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from hromada.budgeting import actions, actions_support, regulation, support_vote
from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.models import Process, Project
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_with_support, submit, support_process
from tests.conftest import Personas
from tests.factories import verified_resident

pytestmark = pytest.mark.django_db


def test_places_are_counted_as_in_sport() -> None:
    placed = support_vote.places([(1, 10), (2, 7), (3, 7), (4, 3), (5, 7)], top=2)
    assert [placed[pk].place for pk in (1, 2, 3, 4, 5)] == [1, 2, 2, 5, 2]
    assert all(placed[pk].of == 5 for pk in placed)
    # The tie at the 2nd place: all three go on, so four pass with N = 2.
    assert [pk for pk, place in placed.items() if place.passes] == [1, 2, 3, 5]


def test_a_tie_just_below_the_cut_off_does_not_pass() -> None:
    placed = support_vote.places([(1, 9), (2, 8), (3, 5), (4, 5)], top=2)
    assert [pk for pk, place in placed.items() if place.passes] == [1, 2]
    assert placed[3].place == placed[4].place == 3


def test_an_empty_sub_budget_places_nobody() -> None:
    assert support_vote.places([], top=3) == {}


def _regulation(**fields: Any) -> regulation.Regulation:
    rule = regulation.SubBudgetRule(name="Усі", max_cost=100, ballot_rule="knapsack", amount=1000)
    bases = ["registered"]
    base: dict[str, Any] = {
        "total_budget": 1000,
        "sub_budgets": [rule],
        "author_bases": bases,
        "supporter_bases": bases,
        "voter_bases": bases,
    }
    return regulation.Regulation(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"support_top": 5, "supporters_required": 0}, "supporters_required"),
        ({"support_top": 0, "supporters_required": 1}, "support_top"),
        ({"support_top": 5000, "supporters_required": 1}, "support_top"),
    ],
)
def test_contradictory_support_vote_settings_are_named(fields: dict[str, Any], field: str) -> None:
    found = regulation.contradictions(_regulation(**fields))
    assert [item.field for item in found] == [field]


def test_a_support_vote_with_a_threshold_is_consistent() -> None:
    assert regulation.contradictions(_regulation(support_top=3, supporters_required=1)) == []
    assert regulation.contradictions(_regulation(supporters_required=15)) == []


def _support(project: Project, community: Any, how_many: int) -> None:
    for _ in range(how_many):
        actions_support.support_project(verified_resident(community), project)


@pytest.fixture
def vote_process(personas: Personas) -> Process:
    process = support_process(personas.community, "submission", required=1)
    Process.objects.filter(pk=process.pk).update(support_top=2)
    process.refresh_from_db()
    return process


def test_the_daily_job_keeps_the_first_n_of_each_sub_budget(
    vote_process: Process, personas: Personas
) -> None:
    community = personas.community
    small = {n: submit(vote_process, personas.resident, 0, title=f"Малий {n}") for n in range(4)}
    large = submit(vote_process, personas.resident, 1, cost=50_000_000, title="Великий")
    for n, supporters in zip(range(4), (4, 2, 2, 1), strict=True):
        _support(small[n], community, supporters)
    # No supporter at all: below the threshold of 1, whatever its place.
    move_with_support(vote_process, "review")
    # A reviewer cannot admit a project that did not place, even before the job has run.
    with pytest.raises(ActionRefused, match="посів місце 4 з 4"):
        actions.review_project(personas.reviewer, small[3], decision="admit")
    assert actions_support.close_due_support_collections() == 2
    assert actions_support.close_due_support_collections() == 0  # idempotent
    status = {n: Project.objects.get(pk=p.pk).status for n, p in small.items()}
    # 4 supporters: 1st; the two with 2 share the 2nd place and both go on; 1 supporter: 4th.
    assert status == {0: "submitted", 1: "submitted", 2: "submitted", 3: "rejected"}
    last = small[3].history.last()
    assert last is not None and last.ground == RejectionGround.SUPPORT_VOTE
    assert last.comment == (
        "За результатами голосування за підтримку посів місце 4 з 4 у підбюджеті «Малі "
        "проєкти»; далі проходять перші 2."
    )
    # The large sub-budget ranks on its own: its only project is first, but has no supporter.
    short = large.history.last()
    assert short is not None and short.ground == RejectionGround.SUPPORTERS
    actions.review_project(personas.reviewer, small[2], decision="admit")


def test_without_a_support_vote_every_project_over_the_threshold_goes_on(
    vote_process: Process, personas: Personas
) -> None:
    Process.objects.filter(pk=vote_process.pk).update(support_top=None)
    projects = [submit(vote_process, personas.resident, 0, title=f"П {n}") for n in range(3)]
    for project, supporters in zip(projects, (3, 2, 1), strict=True):
        _support(project, personas.community, supporters)
    move_with_support(vote_process, "review")
    assert actions_support.close_due_support_collections() == 0


def test_the_regulation_page_states_the_support_vote(vote_process: Process, client: Client) -> None:
    url = reverse("budgeting:regulation", args=[vote_process.slug])
    page = client.get(url).content.decode()
    assert "далі проходять 2 проєкти з найбільшою кількістю прихильників" in page
    assert "далі проходять усі вони" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert "the 2 projects with the most supporters go on" in english


def test_the_staff_form_refuses_a_support_vote_without_supporters(
    personas: Personas, client: Client
) -> None:
    from hromada.budgeting.actions import SubBudgetSpec, create_process
    from hromada.demo.timeline import dates_for_phase

    spec = SubBudgetSpec(name="Усі", amount=100_000_000, max_cost=1_000_000, ballot_rule="knapsack")
    with pytest.raises(regulation.RegulationContradicts, match="вкажіть, скільки прихильників"):
        create_process(
            personas.admin,
            personas.community,
            [spec],
            title="Бюджет",
            slug="bez-pidtrymky",
            total_budget=100_000_000,
            support_top=3,
            **dates_for_phase("submission"),
        )


def test_my_participation_tells_the_author_their_place(
    vote_process: Process, personas: Personas
) -> None:
    from hromada.budgeting.selectors_review import my_projects

    ahead = submit(vote_process, personas.resident, 0, title="Попереду")
    behind = submit(vote_process, personas.resident, 0, title="Позаду")
    third = submit(vote_process, personas.resident, 0, title="Третій")
    _support(ahead, personas.community, 3)
    _support(behind, personas.community, 1)
    _support(third, personas.community, 1)
    steps = {row.project.title: row.next_step for row in my_projects(personas.resident)}
    assert steps["Попереду"] == (
        "Голосування за підтримку: зараз проєкт на 1 місці з 3 у своєму підбюджеті; далі "
        "пройдуть перші 2."
    )
    assert "на 2 місці з 3" in steps["Позаду"] and "на 2 місці з 3" in steps["Третій"]


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        ({"support_top": "3"}, "вкажіть, скільки прихильників"),  # no collection
        ({"support_top": "٣", "supporters_required": "1"}, "цифрами 0–9"),  # Arabic-Indic three
    ],
)
def test_the_staff_form_names_a_support_vote_problem(
    client: Client, personas: Personas, posted: dict[str, str], error: str
) -> None:
    from tests.budgeting.test_process_form import SMALL, browser_post

    client.force_login(personas.admin)
    url = f"/staff/{personas.community.slug}/processes/new/"
    response = client.post(url, browser_post([SMALL], **posted))
    assert response.status_code == 400 and error in response.content.decode()
    assert not Process.objects.exists()


def test_the_staff_form_creates_a_support_vote(client: Client, personas: Personas) -> None:
    from tests.budgeting.test_process_form import SMALL, browser_post

    client.force_login(personas.admin)
    url = f"/staff/{personas.community.slug}/processes/new/"
    window = {"support_start": "2027-02-01T09:00", "support_end": "2027-03-10T18:00"}
    posted = browser_post([SMALL], support_top="10", supporters_required="1", **window)
    assert client.post(url, posted).status_code == 302
    assert Process.objects.get().support_top == 10
