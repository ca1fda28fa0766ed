"""Ballot types: one project per sub-budget (one per category / one large + one small), points
spread over projects (cumulative), a ranking of the top N. Each is checked on the server with a
message that says what to change, works as a plain form, keeps its points or places on the
anonymous side, and is counted by its points."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hromada.budgeting import actions, actions_vote, regulation
from hromada.budgeting.forms import parse_ballot
from hromada.budgeting.models import DEFAULT_BASES, BallotChoice, Process
from hromada.core.errors import ActionRefused
from tests.budgeting.ballot_types_helpers import by_number, marked, sub_budget, typed_process
from tests.budgeting.conftest import move_to
from tests.conftest import Personas
from tests.factories import verified_resident


@pytest.fixture
def process(personas: Personas) -> Process:
    return typed_process(personas.community, personas.reviewer)


def cast(process: Process, personas: Personas, index: int, ballot: Any) -> Any:
    voter = verified_resident(personas.community)
    return actions.cast_ballot(voter, process, *marked(process, index, ballot))


ACCEPTED = [
    (0, [2]),
    (1, [5]),
    (2, {7: 5, 8: 3, 9: 2}),
    (2, {9: 1}),
    (3, {10: 1, 11: 2, 12: 3}),
    (3, {12: 1}),
]


@pytest.mark.parametrize(("index", "ballot"), ACCEPTED)
def test_a_valid_ballot_of_each_type_is_stored_with_its_marks(
    personas: Personas, process: Process, index: int, ballot: Any
) -> None:
    cast_ballot = cast(process, personas, index, ballot)
    stored = {
        c.project.number: (c.points, c.rank)
        for c in BallotChoice.objects.filter(ballot=cast_ballot.ballot).select_related("project")
    }
    numbers = list(ballot)
    assert sorted(stored) == sorted(numbers)
    for number in numbers:
        mark = ballot[number] if isinstance(ballot, dict) else None
        expected = {2: (mark, None), 3: (None, mark)}.get(index, (None, None))
        assert stored[number] == expected


REFUSED = [
    (0, [1, 2], "можна обрати лише один проєкт, а обрано 2"),
    (2, {7: 5, 8: 5, 9: 1}, "можна розподілити 10 балів, а розподілено 11 — на 1 більше"),
    (2, {7: 6}, "одному проєкту можна дати не більше 5 балів, а проєкту №7 дано 6"),
    (2, {7: 40_000}, "проєкту №7 дано 40000"),
    (3, {10: 1, 11: 1}, "місце 1 дано кільком проєктам"),
    (3, {10: 1, 11: 3}, "місце 2 пропущено"),
    (3, {10: 2}, "місце 1 пропущено"),
    (3, {10: 4}, "можна розставити лише 3 місця, а вказано місце 4"),
]


@pytest.mark.parametrize(("index", "ballot", "message"), REFUSED)
def test_a_ballot_against_its_rule_is_refused_saying_what_to_change(
    personas: Personas, process: Process, index: int, ballot: Any, message: str
) -> None:
    with pytest.raises(ActionRefused) as refused:
        cast(process, personas, index, ballot)
    assert message in refused.value.message
    assert not BallotChoice.objects.exists()


def test_marks_on_the_wrong_kind_of_ballot_are_a_forgery(
    personas: Personas, process: Process
) -> None:
    voter = verified_resident(personas.community)
    projects = by_number(process)
    # Points on a one-project ballot; a plain tick on a points ballot.
    forged = [
        ({sub_budget(process, 0).pk: [projects[1].pk]}, {projects[1].pk: 3}),
        ({sub_budget(process, 2).pk: [projects[7].pk]}, {}),
        # A mark for a project that is not on the ballot at all.
        ({sub_budget(process, 2).pk: [projects[7].pk]}, {projects[7].pk: 2, projects[8].pk: 2}),
    ]
    for choices, marks in forged:
        with pytest.raises(ActionRefused, match="Бюлетень пошкоджено"):
            actions.cast_ballot(voter, process, choices, marks)


def test_the_form_is_read_as_typed(process: Process) -> None:
    projects = by_number(process)
    small, points, ranking = (sub_budget(process, i).pk for i in (0, 2, 3))
    post = QueryDict(mutable=True)
    post.setlist(f"sb-{small}", [""])  # "none in this sub-budget"
    post[f"pts-{points}-{projects[7].pk}"] = " 4 "
    post[f"pts-{points}-{projects[8].pk}"] = "0"
    post[f"pts-{points}-{projects[9].pk}"] = ""
    post[f"rank-{ranking}-{projects[12].pk}"] = "1"
    choices, marks = parse_ballot(post)
    assert choices == {small: [], points: [projects[7].pk], ranking: [projects[12].pk]}
    assert marks == {projects[7].pk: 4, projects[12].pk: 1}


@pytest.mark.parametrize("typed", ["٣", "3.5", "-2", "3\x00", "1" * 30, "²"])
def test_points_that_are_no_whole_number_get_a_clear_message(process: Process, typed: str) -> None:
    post = QueryDict(mutable=True)
    post[f"pts-{sub_budget(process, 2).pk}-{by_number(process)[7].pk}"] = typed
    with pytest.raises(ValidationError) as error:
        parse_ballot(post)
    assert "цілими числами" in error.value.messages[0]
    assert "\x00" not in error.value.messages[0]


def test_residents_vote_with_every_type_through_the_plain_form(
    client: Client, personas: Personas, process: Process
) -> None:
    projects = by_number(process)
    ids = [sub_budget(process, i).pk for i in range(4)]
    client.force_login(personas.resident)
    url = f"/pb/{process.slug}/vote/"
    page = client.get(url).content.decode()
    assert f'type="radio" name="sb-{ids[0]}"' in page
    assert f'name="pts-{ids[2]}-{projects[7].pk}"' in page and 'max="5"' in page
    assert f'name="rank-{ids[3]}-{projects[10].pk}"' in page
    data = {
        f"sb-{ids[0]}": str(projects[2].pk),
        f"sb-{ids[1]}": "",
        f"pts-{ids[2]}-{projects[7].pk}": "6",
        f"pts-{ids[2]}-{projects[8].pk}": "5",
        f"rank-{ids[3]}-{projects[11].pk}": "1",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "не більше 5 балів, а проєкту №7 дано 6" in text
    # The refused ballot comes back as typed, so it need not be filled in again.
    assert 'value="6"' in text and 'value="5"' in text
    assert f'value="{projects[2].pk}" id="p{projects[2].pk}" data-cost="20000000" checked' in text
    data[f"pts-{ids[2]}-{projects[7].pk}"] = "5"
    assert client.post(url, data).status_code == 302
    stored = {c.project.number: (c.points, c.rank) for c in BallotChoice.objects.all()}
    assert stored == {2: (None, None), 7: (5, None), 8: (5, None), 11: (None, 1)}


def test_a_points_ballot_costs_no_more_statements_than_ticks(
    client: Client, personas: Personas, process: Process
) -> None:
    """The marks ride in the same multi-row insert: no statement per choice."""
    projects = by_number(process)
    ids = [sub_budget(process, i).pk for i in range(4)]
    url = f"/pb/{process.slug}/vote/"
    ticks = {f"sb-{ids[0]}": str(projects[1].pk)}
    marks = {
        f"pts-{ids[2]}-{projects[7].pk}": "5",
        f"pts-{ids[2]}-{projects[9].pk}": "5",
        f"rank-{ids[3]}-{projects[10].pk}": "2",
        f"rank-{ids[3]}-{projects[12].pk}": "1",
    }
    counts = []
    for data in (ticks, {**ticks, **marks}):
        voter = verified_resident(personas.community)
        client.force_login(voter)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, data).status_code == 302
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_sealing_keeps_points_and_places(personas: Personas, process: Process) -> None:
    cast(process, personas, 2, {7: 5, 8: 1})
    cast(process, personas, 3, {12: 1, 10: 2})
    before = sorted(BallotChoice.objects.values_list("id", "project_id", "points", "rank"))
    move_to(process, "implementation")
    actions_vote.seal_ballots(personas.admin, process)
    after = sorted(BallotChoice.objects.values_list("id", "project_id", "points", "rank"))
    assert after == before


def _rule(**fields: Any) -> regulation.SubBudgetRule:
    base: dict[str, Any] = {"name": "Бали", "amount": 100_000_000, "max_cost": 50_000_000}
    return regulation.SubBudgetRule(**{**base, **fields})


def regulated(rule: regulation.SubBudgetRule) -> regulation.Regulation:
    bases = list(DEFAULT_BASES)
    return regulation.Regulation(
        total_budget=100_000_000, sub_budgets=[rule], author_bases=bases,
        supporter_bases=bases, voter_bases=bases,
    )  # fmt: skip


CONTRADICTIONS = [
    (_rule(ballot_rule="ranking"), "sb-0-max_choices", "скільки місць (N)"),
    (_rule(ballot_rule="cumulative"), "sb-0-points_total", "від 1 до 100"),
    (
        _rule(ballot_rule="cumulative", points_total=0, points_per_project=1),
        "sb-0-points_total",
        "",
    ),
    (
        _rule(ballot_rule="cumulative", points_total=10, points_per_project=11),
        "sb-0-points_per_project",
        "від 1 до 10",
    ),
    (
        _rule(ballot_rule="cumulative", points_total=10, points_per_project=3, winner_rule="mes"),
        "sb-0-winner_rule",
        "рахує лише прихильників",
    ),
    (
        _rule(ballot_rule="ranking", max_choices=3, winner_rule="greedy_rising"),
        "sb-0-winner_rule",
        "рахує лише прихильників",
    ),
]


@pytest.mark.parametrize(("rule", "field", "message"), CONTRADICTIONS)
def test_the_settings_of_each_type_are_checked(
    rule: regulation.SubBudgetRule, field: str, message: str
) -> None:
    found = regulation.contradictions(regulated(rule))
    assert [item.field for item in found] == [field]
    assert message in found[0].message


@pytest.mark.parametrize(
    "rule",
    [
        _rule(ballot_rule="choose_one"),
        _rule(ballot_rule="cumulative", points_total=10, points_per_project=10),
        _rule(ballot_rule="ranking", max_choices=10, winner_rule="greedy_per_cost"),
    ],
)
def test_well_set_types_contradict_nothing(rule: regulation.SubBudgetRule) -> None:
    assert regulation.contradictions(regulated(rule)) == []


def test_the_regulation_page_describes_each_type(
    client: Client, process: Process, django_assert_max_num_queries: Any
) -> None:
    Process.objects.filter(pk=process.pk).update(bar_own_project_votes=True)
    with django_assert_max_num_queries(12):
        page = client.get(f"/pb/{process.slug}/regulation/").content.decode()
    assert "можна обрати один проєкт (або жодного)" in page
    assert "Балів у виборця: 10; одному проєкту — найбільше 5" in page
    assert "за місце 1 — 3, за кожне наступне — на 1 менше" in page
    assert "Автор не може голосувати за власний проєкт" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/pb/{process.slug}/regulation/").content.decode()
    assert "Points each voter has: 10; at most 5 to one project" in english
    assert "An author may not vote for their own project" in english
