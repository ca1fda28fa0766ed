"""Ballot secrecy: who voted and what was voted are stored apart, and nothing joins them."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, models

from hromada.budgeting import actions, actions_vote, selectors
from hromada.budgeting.models import Ballot, BallotChoice, Participation, Process
from hromada.budgeting.receipts import published_voter_id
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident

VOTERS = 24


def _cast_many(personas: Personas, process: Process) -> list[tuple[int, str, set[int]]]:
    """VOTERS people vote one after another, each a different ballot; returns who cast what."""
    small, large = projects_of(process, 0), projects_of(process, 1)
    options = [
        (s, lg)
        for s in ([], [small[0]], [small[1]], [small[2]], small[:2], small[1:])
        for lg in ([], [large[1]], [large[2]], large[1:])
        if s or lg
    ]
    cast = []
    for i in range(VOTERS):
        person = verified_resident(personas.community)
        s, lg = options[i % len(options)]
        result = actions.cast_ballot(person, process, ballot(process, s, lg))
        cast.append((person.pk, result.receipt, {p.pk for p in [*s, *lg]}))
    return cast


def _columns(model: type[models.Model]) -> set[str]:
    return {field.column for field in model._meta.concrete_fields}


def test_the_anonymous_tables_hold_nothing_about_the_voter_or_the_time(
    personas: Personas, voting_process: Process
) -> None:
    assert _columns(Ballot) == {"id", "process_id", "public_id"}
    # Points (cumulative ballot) and place (ranking) are what was voted, nothing about who.
    assert _columns(BallotChoice) == {"id", "ballot_id", "project_id", "points", "rank"}
    for model in (Ballot, BallotChoice):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateField | models.AutoField), field
    # And who voted holds no reference to a ballot, only the day.
    assert _columns(Participation) == {
        *("id", "process_id", "voter_id", "voter_key", "channel"),
        *("service_point_id", "entered_by_id", "day"),
    }


def test_a_dump_of_both_tables_cannot_be_joined(
    personas: Personas, voting_process: Process
) -> None:
    cast = _cast_many(personas, voting_process)
    out = StringIO()
    call_command(
        "dumpdata",
        "budgeting.participation",
        "budgeting.ballot",
        "budgeting.ballotchoice",
        stdout=out,
    )
    dump = json.loads(out.getvalue())
    people = [row for row in dump if row["model"] == "budgeting.participation"]
    ballots = [row for row in dump if row["model"] == "budgeting.ballot"]
    choices = [row for row in dump if row["model"] == "budgeting.ballotchoice"]
    assert len(people) == len(ballots) == VOTERS
    # The participations come in the order people voted (their ids count up) ...
    assert [row["fields"]["voter"] for row in people] == [voter for voter, _, _ in cast]
    # ... the ballots do not: their order is their random ids' order, unrelated to the casting.
    cast_order = [published_voter_id(receipt) for _, receipt, _ in cast]
    dumped_order = [row["fields"]["public_id"] for row in ballots]
    assert sorted(dumped_order) == sorted(cast_order)
    assert dumped_order != cast_order
    ballot_ids = [row["pk"] for row in ballots]
    # Choices are keyed by the random ballot id; their own ids are random too.
    assert {row["fields"]["ballot"] for row in choices} == set(ballot_ids)
    choice_order = [row["fields"]["ballot"] for row in choices]
    first_seen = list(dict.fromkeys(choice_order))
    assert first_seen != [ballot_ids[dumped_order.index(public_id)] for public_id in cast_order]
    # No value of a participation appears anywhere in the anonymous rows.
    anonymous = {
        str(value) for row in ballots + choices for value in [row["pk"], *row["fields"].values()]
    }
    for row in people:
        assert row["fields"]["voter_key"] not in anonymous
        assert row["fields"]["day"] not in anonymous
        assert not any(row["fields"]["voter_key"][:16] in value for value in anonymous)
    # The audit says who voted in which process, never which ballot.
    targets = set(
        AuditEntry.objects.filter(action="ballot.cast").values_list("target_id", flat=True)
    )
    assert targets == {str(voting_process.pk)}


def test_the_voter_alone_holds_the_link(personas: Personas, voting_process: Process) -> None:
    cast = _cast_many(personas, voting_process)
    for _voter, receipt, projects in cast[:5]:
        found = Ballot.objects.get(public_id=published_voter_id(receipt))
        assert set(found.projects.values_list("pk", flat=True)) == projects
    assert not Ballot.objects.filter(public_id__in=[r for _, r, _ in cast]).exists()


def test_results_still_read_every_ballot_through_the_seam(
    personas: Personas, voting_process: Process
) -> None:
    cast = _cast_many(personas, voting_process)
    approvals = selectors.approvals_by_sub_budget(voting_process)
    counted = sorted(tuple(sorted(ids)) for by_sb in approvals.values() for ids in by_sb)
    small_sb, large_sb = voting_process.sub_budgets.all()
    expected = []
    for _, _, projects in cast:
        for sb in (small_sb, large_sb):
            mine = sorted(p for p in projects if p in {x.pk for x in sb.projects.all()})
            if mine:
                expected.append(tuple(mine))
    assert counted == sorted(expected)
    assert selectors.ballot_of(personas.resident, voting_process) is None
    someone = Participation.objects.filter(process=voting_process).first()
    assert someone is not None and selectors.ballot_of(someone.voter, voting_process) == someone


def _physical_order(process: Process) -> list[str]:
    """The ballots' public ids in the order the table stores them (rowid / ctid)."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT public_id FROM budgeting_secret_ballot WHERE process_id = %s "  # noqa: S608
            f"ORDER BY {position}",
            [process.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def test_sealing_shuffles_the_stored_order_and_keeps_every_ballot(
    personas: Personas, voting_process: Process
) -> None:
    cast = _cast_many(personas, voting_process)
    cast_order = [published_voter_id(receipt) for _, receipt, _ in cast]
    # Written one by one, the table keeps the casting order: the reason sealing exists.
    assert _physical_order(voting_process) == cast_order
    before = {
        (b.pk, b.public_id, frozenset(b.projects.values_list("pk", flat=True)))
        for b in Ballot.objects.filter(process=voting_process)
    }
    with pytest.raises(ActionRefused, match="після завершення"):
        actions_vote.seal_ballots(personas.admin, voting_process)
    move_to(voting_process, "implementation")
    with pytest.raises(ActionRefused):
        actions_vote.seal_ballots(personas.reviewer, voting_process)
    assert actions_vote.seal_ballots(personas.admin, voting_process) == VOTERS
    after = {
        (b.pk, b.public_id, frozenset(b.projects.values_list("pk", flat=True)))
        for b in Ballot.objects.filter(process=voting_process)
    }
    assert after == before
    stored = _physical_order(voting_process)
    assert sorted(stored) == sorted(cast_order) and stored != cast_order


def _transactions_of_ballots() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM budgeting_secret_ballot")
        return int(cursor.fetchone()[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sealing_gives_every_ballot_one_transaction_stamp(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    for _ in range(4):
        person = verified_resident(personas.community)
        actions.cast_ballot(person, process, {project.sub_budget_id: [project.pk]})
    # Each ballot carries the id of the transaction that also wrote its participation.
    assert _transactions_of_ballots() == 4
    move_to(process, "implementation")
    actions_vote.seal_ballots(personas.admin, process)
    assert _transactions_of_ballots() == 1
