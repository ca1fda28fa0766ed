"""Casting ballots: every refusal leaves the database as it was."""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.db import connection

from hromada.budgeting import actions
from hromada.budgeting.models import Ballot, Process
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident


def _snapshot() -> tuple[int, int, int]:
    return (
        Ballot.objects.count(),
        Ballot.projects.through.objects.count(),
        AuditEntry.objects.filter(action="ballot.cast").count(),
    )


def test_valid_ballot_gets_a_receipt(personas: Personas, voting_process: Process) -> None:
    small, large = projects_of(voting_process, 0), projects_of(voting_process, 1)
    cast = actions.cast_ballot(
        personas.resident, voting_process, ballot(voting_process, small[:2], large[1:])
    )
    assert len(cast.receipt) == 11 and cast.receipt[5] == "-"
    assert set(cast.projects.all()) == {*small[:2], *large[1:]}
    entry = AuditEntry.objects.get(action="ballot.cast")
    assert entry.details == {}  # the audit never says what was chosen


@pytest.mark.parametrize(
    ("small_idx", "large_idx", "message"),
    [
        ([0, 1, 2], [], "не більше 2 проєктів"),
        ([], [0, 1, 2], "коштують більше, ніж його сума"),
        ([], [], "Оберіть хоча б один проєкт"),
    ],
)
def test_over_limit_ballots_are_refused(
    personas: Personas,
    voting_process: Process,
    small_idx: list[int],
    large_idx: list[int],
    message: str,
) -> None:
    small, large = projects_of(voting_process, 0), projects_of(voting_process, 1)
    before = _snapshot()
    choices = ballot(voting_process, [small[i] for i in small_idx], [large[i] for i in large_idx])
    with pytest.raises(ActionRefused, match=message):
        actions.cast_ballot(personas.resident, voting_process, choices)
    assert _snapshot() == before


def test_second_ballot_is_refused(personas: Personas, voting_process: Process) -> None:
    small = projects_of(voting_process, 0)
    actions.cast_ballot(personas.resident, voting_process, ballot(voting_process, small[:1], []))
    before = _snapshot()
    with pytest.raises(ActionRefused, match="вже проголосували"):
        actions.cast_ballot(
            personas.resident, voting_process, ballot(voting_process, small[1:2], [])
        )
    assert _snapshot() == before


@pytest.mark.parametrize("when", ["before", "after"])
def test_ballot_outside_voting_window_is_refused(
    personas: Personas, voting_process: Process, when: str
) -> None:
    small = projects_of(voting_process, 0)
    moment = voting_process.voting_start if when == "before" else voting_process.voting_end
    before = _snapshot()
    # One second before voting opens, or exactly when it closes: both are outside [start, end).
    shift = -1 if when == "before" else 0
    choices = ballot(voting_process, small[:1], [])
    with (
        time_machine.travel(moment.timestamp() + shift, tick=False),
        pytest.raises(ActionRefused, match="Голосування"),
    ):
        actions.cast_ballot(personas.resident, voting_process, choices)
    assert _snapshot() == before


def test_forged_sub_budget_is_refused(personas: Personas, voting_process: Process) -> None:
    small = projects_of(voting_process, 0)
    before = _snapshot()
    with pytest.raises(ActionRefused, match="підбюджет, якого немає"):
        actions.cast_ballot(personas.resident, voting_process, {999_999: [small[0].pk]})
    assert _snapshot() == before


def test_project_under_the_wrong_sub_budget_is_refused(
    personas: Personas, voting_process: Process
) -> None:
    small, large = projects_of(voting_process, 0), projects_of(voting_process, 1)
    small_sb = next(iter(voting_process.sub_budgets.all()))
    before = _snapshot()
    with pytest.raises(ActionRefused, match="голосувати не можна"):
        actions.cast_ballot(
            personas.resident, voting_process, {small_sb.pk: [small[0].pk, large[0].pk]}
        )
    with pytest.raises(ActionRefused, match="голосувати не можна"):
        actions.cast_ballot(personas.resident, voting_process, {small_sb.pk: [987_654]})
    assert _snapshot() == before


def test_ineligible_people_are_refused(personas: Personas, voting_process: Process) -> None:
    small = projects_of(voting_process, 0)
    choices = ballot(voting_process, small[:1], [])
    young = verified_resident(personas.community, birth_year=voting_process.voting_start.year - 10)
    before = _snapshot()
    for person, message in [
        (personas.newcomer, "ще не підтвердили"),
        (personas.outsider_resident, "ще не підтвердили"),
        (young, "виповнюється 16"),
    ]:
        with pytest.raises(ActionRefused, match=message):
            actions.cast_ballot(person, voting_process, choices)
    assert _snapshot() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ballots_by_one_person_count_once(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    from tests.budgeting.conftest import move_to, submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    choices = {project.sub_budget_id: [project.pk]}
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def vote() -> None:
        barrier.wait()
        try:
            actions.cast_ballot(personas.resident, process, choices)
            outcomes.append("cast")
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["cast", "refused"]
    assert Ballot.objects.filter(process=process).count() == 1
    assert AuditEntry.objects.filter(action="ballot.cast").count() == 1
