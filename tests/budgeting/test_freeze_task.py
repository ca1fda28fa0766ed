"""The commission's approval runs on the task queue: the page says it is being computed, no
paper ballot is taken meanwhile, the task freezes and seals the ballots in one go, and a failed
task leaves nothing half-written and says so."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from hromada.budgeting import actions_counting, actions_paper
from hromada.budgeting.models import Ballot, Process, ProcessChange, ResultSnapshot
from hromada.budgeting.models_counting import ResultsApproval
from hromada.budgeting.models_paper import ServicePoint
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import move_to
from tests.budgeting.test_paper import RNOKPP, _enter
from tests.budgeting.test_secrecy import _cast_many, _physical_order
from tests.conftest import Personas
from tests.factories import staff

TODAY = timezone.localdate().isoformat()


@pytest.fixture
def commission(personas: Personas) -> Any:
    return staff(personas.community, StaffRole.Role.COMMISSION, email="commission@example.org")


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker() -> None:
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0, stdout=StringIO()
    )


def _ballots(process: Process) -> set[tuple[str, frozenset[int]]]:
    return {
        (b.public_id, frozenset(b.projects.values_list("pk", flat=True)))
        for b in Ballot.objects.filter(process=process)
    }


def test_approval_is_computed_by_the_task_and_seals_the_ballots(
    personas: Personas, voting_process: Process, commission: Any, client: Client,
    database_tasks: None,
) -> None:  # fmt: skip
    cast = _cast_many(personas, voting_process)
    move_to(voting_process, "counting")
    written_order = _physical_order(voting_process)
    before = _ballots(voting_process)
    point = ServicePoint.objects.create(community=personas.community, name="ЦНАП")
    client.force_login(commission)
    url = f"/pb/{voting_process.slug}/results/approve/"
    response = client.post(url, {"decision_number": "Р-3", "decision_date": TODAY})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "Обчислюється…" in page and 'http-equiv="refresh"' in page
    assert not ResultSnapshot.objects.filter(frozen_at__isnull=False).exists()
    # Meanwhile no paper ballot: the approval counts the ballots as they are.
    with pytest.raises(ActionRefused, match="затверджує результати"):
        _enter(personas, voting_process, point, RNOKPP)
    results = client.get(f"/pb/{voting_process.slug}/results/").content.decode()
    assert "Затвердження обчислюється…" in results
    again = client.post(url, {"decision_number": "Р-4", "decision_date": TODAY})
    assert again.status_code == 400 and "вже обчислюється" in again.content.decode()

    run_worker()
    snapshot = ResultSnapshot.objects.get(process=voting_process)
    assert snapshot.frozen_at is not None and snapshot.decision_number == "Р-3"
    assert snapshot.ballots_count == len(cast)
    assert ResultsApproval.objects.get().state == ResultsApproval.State.DONE
    # Sealed: the same ballots, no longer in the order they were written.
    assert _ballots(voting_process) == before
    stored = _physical_order(voting_process)
    assert sorted(stored) == sorted(written_order) and stored != written_order
    entry = AuditEntry.objects.get(action="results.freeze")
    assert entry.details["sealed"] == len(cast)
    page = client.get(url).content.decode()
    assert "Обчислюється…" not in page and "Р-3" in page


def test_a_failed_task_writes_nothing_and_says_so(
    personas: Personas, voting_process: Process, commission: Any, client: Client,
    database_tasks: None, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _cast_many(personas, voting_process)
    move_to(voting_process, "counting")
    written_order = _physical_order(voting_process)
    client.force_login(commission)
    url = f"/pb/{voting_process.slug}/results/approve/"
    client.post(url, {"decision_number": "Р-3", "decision_date": TODAY})

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(actions_counting, "store_results", broken)
    run_worker()
    # Nothing half-written: not frozen, not logged, not sealed (the seal ran before the failure).
    assert not ResultSnapshot.objects.filter(frozen_at__isnull=False).exists()
    assert not ProcessChange.objects.filter(field="results").exists()
    assert _physical_order(voting_process) == written_order
    approval = ResultsApproval.objects.get()
    assert approval.state == ResultsApproval.State.FAILED
    page = client.get(url).content.decode()
    assert "нічого не змінено" in page and "Обчислюється…" not in page
    # The failure reopens paper entry and the form; a second try succeeds.
    point = ServicePoint.objects.create(community=personas.community, name="ЦНАП")
    _enter(personas, voting_process, point, RNOKPP)
    monkeypatch.undo()
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client.post(url, {"decision_number": "Р-5", "decision_date": TODAY})
    run_worker()
    assert ResultSnapshot.objects.get().decision_number == "Р-5"


def test_with_an_immediate_queue_the_form_lands_on_the_approved_results(
    personas: Personas, voting_process: Process, commission: Any, client: Client
) -> None:
    _cast_many(personas, voting_process)
    move_to(voting_process, "counting")
    client.force_login(commission)
    response = client.post(
        f"/pb/{voting_process.slug}/results/approve/",
        {"decision_number": "Р-3", "decision_date": TODAY},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/pb/{voting_process.slug}/results/"
    page = client.get(response["Location"]).content.decode()
    assert "затверджено рішенням лічильної комісії № Р-3" in page
    with pytest.raises(ActionRefused, match="затверджує результати"):
        point = ServicePoint.objects.create(community=personas.community, name="ЦНАП")
        actions_paper.enter_paper_ballot(
            personas.operator, voting_process, point_id=point.pk, identifier=RNOKPP,
            birth_year=1980, choices={},
        )  # fmt: skip


def test_no_paper_ballot_after_results_frozen_directly(
    personas: Personas, voting_process: Process, commission: Any
) -> None:
    _cast_many(personas, voting_process)
    move_to(voting_process, "counting")
    actions_counting.freeze_results(
        commission, voting_process, decision_number="7", decision_date=timezone.localdate()
    )
    point = ServicePoint.objects.create(community=personas.community, name="ЦНАП")
    with pytest.raises(ActionRefused, match="затверджує результати"):
        _enter(personas, voting_process, point, RNOKPP)
