"""Stored results: computed once after voting ends, read by the page, the API and the export."""

from __future__ import annotations

import hashlib
import re
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from hromada.budgeting import actions
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.models import Ballot, Process, ResultSnapshot
from hromada.budgeting.results import compute_results
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident


@pytest.fixture
def voted(personas: Personas, voting_process: Process) -> Process:
    """Three ballots with a tie in the small sub-budget (projects 2 and 3 have one vote each)."""
    s, big = projects_of(voting_process, 0), projects_of(voting_process, 1)
    for small, large in [([s[0], s[1]], [big[0]]), ([s[0], s[2]], [big[0]]), ([s[0]], [big[1]])]:
        voter = verified_resident(personas.community)
        actions.cast_ballot(voter, voting_process, ballot(voting_process, small, large))
    move_to(voting_process, "implementation")
    return voting_process


def _audits() -> int:
    return AuditEntry.objects.filter(action="results.store").count()


def test_results_are_not_stored_before_voting_ends(voting_process: Process) -> None:
    with pytest.raises(ActionRefused):
        actions.store_results(voting_process)
    assert not ResultSnapshot.objects.exists()


def test_storing_is_idempotent_and_audited_once(voted: Process) -> None:
    first = actions.store_results(voted)
    assert actions.store_results(voted).pk == first.pk
    assert actions.store_results(voted, recompute=True).pk == first.pk
    assert _audits() == 1
    assert first.ballots_count == 3 and len(first.sub_budgets) == 2


def test_snapshot_holds_what_a_fresh_count_says(voted: Process) -> None:
    snapshot = actions.store_results(voted)
    fresh = compute_results(voted)
    for entry, result in zip(snapshot.sub_budgets, fresh, strict=True):
        assert [row["project"] for row in entry["rows"]] == [r.project.pk for r in result.rows]
        assert [row["selected"] for row in entry["rows"]] == [r.selected for r in result.rows]
        assert entry["ties"] == result.tie_orders
    assert fresh[0].tie_orders, "the fixture is meant to have a tie"


def _main(client: Client, url: str) -> str:
    """The page without its per-request form token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", client.get(url).content.decode())


def test_pages_read_the_snapshot_not_the_ballots(voted: Process, client: Client) -> None:
    page = _main(client, f"/pb/{voted.slug}/results/")
    assert ResultSnapshot.objects.filter(process=voted).exists()
    # A ballot changed behind the platform's back (say, a database repair): the published
    # results stay as stored until someone recomputes them on purpose.
    Ballot.objects.filter(process=voted).delete()
    assert _main(client, f"/pb/{voted.slug}/results/") == page
    assert client.get(f"/api/processes/{voted.slug}/results/").json()[0]["ballots"] == 3
    call_command("compute_results", voted.slug, "--recompute", stdout=StringIO())
    assert client.get(f"/api/processes/{voted.slug}/results/").json()[0]["ballots"] == 0
    assert _audits() == 2


def test_results_page_keeps_reasons_and_ties(voted: Process, client: Client) -> None:
    actions.store_results(voted)
    page = client.get(f"/pb/{voted.slug}/results/").content.decode()
    assert "мали порівну голосів" in page and "№2, №3" in page
    assert "проєкт вмістився" in page and "не вмістився" in page


def test_ballots_hash_can_be_checked_from_the_open_data(voted: Process) -> None:
    snapshot = actions.store_results(voted)
    digests = []
    for sub_budget in voted.sub_budgets.all():
        text = pabulib_text(voted, sub_budget)
        votes = [line.split(";")[1] for line in text.split("VOTES\n")[1].splitlines()[1:]]
        digest = hashlib.sha256("\n".join(sorted(votes)).encode()).hexdigest()
        entry = next(e for e in snapshot.sub_budgets if e["sub_budget"] == sub_budget.pk)
        assert digest == entry["ballots_sha256"]
        digests.append(digest)
    assert hashlib.sha256("\n".join(digests).encode()).hexdigest() == snapshot.ballots_hash


def test_command_stores_only_ended_votes(voted: Process, personas: Personas) -> None:
    from tests.factories import make_process

    still_voting = make_process(personas.community, phase="voting")
    out = StringIO()
    call_command("compute_results", stdout=out)
    assert f"{voted.slug}: stored, 3 ballots" in out.getvalue()
    assert not ResultSnapshot.objects.filter(process=still_voting).exists()
    out = StringIO()
    call_command("compute_results", stdout=out)
    assert "unchanged" in out.getvalue()


def test_cached_results_page_shows_a_new_implementation_state(
    voted: Process, client: Client, personas: Personas
) -> None:
    url = f"/pb/{voted.slug}/results/"
    assert "реалізується" not in client.get(url).content.decode()
    winner = projects_of(voted, 0)[0]
    actions.update_implementation(personas.admin, winner, status="in_progress", note="Тендер")
    assert "реалізується" in client.get(url).content.decode()


def test_cached_project_list_follows_reviews(personas: Personas, client: Client) -> None:
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident, title="Велосипедна стоянка")
    url = f"/pb/{process.slug}/"
    assert "Велосипедна стоянка" in client.get(url).content.decode()
    assert "Велосипедна стоянка" not in client.get(url + "?status=admitted").content.decode()
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    assert "Велосипедна стоянка" in client.get(url + "?status=admitted").content.decode()
    move_to(process, "submission")
    submit(process, personas.resident, title="Дитячий майданчик")
    assert "Дитячий майданчик" in client.get(url).content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_readers_store_the_results_once(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    actions.cast_ballot(personas.resident, process, {project.sub_budget_id: [project.pk]})
    move_to(process, "implementation")
    barrier = threading.Barrier(2)
    stored: list[int] = []

    def read() -> None:
        barrier.wait()
        try:
            stored.append(actions.stored_results(process).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stored) == 2 and stored[0] == stored[1]
    assert ResultSnapshot.objects.count() == 1 and _audits() == 1


def test_cached_project_list_follows_a_renamed_sub_budget(
    personas: Personas, client: Client
) -> None:
    from hromada.budgeting.models import SubBudget
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission")
    submit(process, personas.resident)
    url = f"/pb/{process.slug}/"
    client.get(url)
    SubBudget.objects.filter(process=process, position=0).update(name="Шкільні проєкти")
    page = client.get(url).content.decode()
    assert page.count("Шкільні проєкти") == 2  # the money card and the project's card


def test_process_cards_count_ballots_live_then_from_the_snapshot(
    voted: Process, personas: Personas
) -> None:
    from django.core.cache import cache

    from hromada.budgeting.selectors import LIVE_COUNTS_KEY, processes_with_phase
    from tests.factories import make_process

    empty = make_process(personas.community, phase="voting")
    cards = {card.process.pk: card for card in processes_with_phase()}
    assert (cards[voted.pk].projects, cards[voted.pk].ballots) == (6, 3)
    assert (cards[empty.pk].projects, cards[empty.pk].ballots) == (0, 0)
    actions.store_results(voted)
    Ballot.objects.filter(process=voted).delete()  # the stored count is final
    cache.delete(LIVE_COUNTS_KEY)
    assert {c.process.pk: c.ballots for c in processes_with_phase()}[voted.pk] == 3


def test_command_names_a_process_whose_vote_has_not_ended(voting_process: Process) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match=voting_process.slug):
        call_command("compute_results", voting_process.slug, stdout=StringIO())
    assert not ResultSnapshot.objects.exists()
