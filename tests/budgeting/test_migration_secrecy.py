"""The data migration that split every stored ballot into who voted and what was voted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hromada.budgeting.receipts import published_voter_id

BEFORE = [("budgeting", "0008_implementation_milestones")]
AFTER = [("budgeting", "0009_ballot_secrecy")]


@pytest.mark.django_db(transaction=True)
def test_old_ballots_become_a_participation_and_an_anonymous_ballot() -> None:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    others = [node for node in leaves if node[0] != "budgeting"]
    executor.migrate(BEFORE)
    old = executor.loader.project_state(others + BEFORE).apps
    community = old.get_model("communities", "Community").objects.create(name="Г", slug="g")
    user_model = old.get_model("accounts", "User")
    process = old.get_model("budgeting", "Process").objects.create(
        community=community, title="Б", slug="b", total_budget=100,
        submission_start=datetime(2026, 1, 1, tzinfo=UTC),
        submission_end=datetime(2026, 2, 1, tzinfo=UTC),
        review_end=datetime(2026, 3, 1, tzinfo=UTC),
        voting_start=datetime(2026, 3, 1, tzinfo=UTC),
        voting_end=datetime(2026, 4, 1, tzinfo=UTC),
        results_date=datetime(2026, 5, 1, tzinfo=UTC),
        implementation_end=datetime(2027, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    sub_budget = old.get_model("budgeting", "SubBudget").objects.create(
        process=process, name="Усі", amount=100, max_cost=100, ballot_rule="knapsack"
    )
    author = user_model.objects.create(email="a@example.org")
    projects = [
        old.get_model("budgeting", "Project").objects.create(
            process=process,
            sub_budget=sub_budget,
            number=n,
            author=author,
            title=f"П{n}",
            description="",
            cost=10,
            location="",
            submitted_at=datetime(2026, 1, 5, tzinfo=UTC),
        )
        for n in (1, 2)
    ]
    ballot_model = old.get_model("budgeting", "Ballot")
    cast = {}
    for i in range(5):
        voter = user_model.objects.create(email=f"v{i}@example.org")
        receipt = f"AAAA{i}-BBBBB"
        ballot = ballot_model.objects.create(
            process=process, voter=voter, voter_key=f"key{i}", receipt=receipt,
            cast_at=datetime(2026, 3, 10 + i, 12, tzinfo=UTC),
        )  # fmt: skip
        ballot.projects.set(projects[: 1 + i % 2])
        cast[receipt] = (voter.pk, {p.pk for p in projects[: 1 + i % 2]})

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(others + AFTER).apps
    participations = new.get_model("budgeting", "Participation").objects.all()
    assert sorted(p.voter_id for p in participations) == sorted(v for v, _ in cast.values())
    assert {p.channel for p in participations} == {"online"}
    assert sorted(str(p.day) for p in participations)[0].startswith("2026-03-1")
    ballots = new.get_model("budgeting", "Ballot").objects.all()
    assert len(ballots) == 5
    for receipt, (_voter, chosen) in cast.items():
        ballot = ballots.get(public_id=published_voter_id(receipt))
        assert set(ballot.choices.values_list("project_id", flat=True)) == chosen
    # Back to today's schema for the other tests (the new tables must be empty to go back).
    new.get_model("budgeting", "BallotChoice").objects.all().delete()
    ballots.delete()
    participations.delete()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaves)
