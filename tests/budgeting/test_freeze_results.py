"""The counting commission approves ("freezes") the results: who may, when, what it stores, and
that nothing recomputes frozen results afterwards."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from hromada.budgeting import actions, actions_counting
from hromada.budgeting.models import Ballot, Process, ProcessChange, ResultSnapshot
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to, submit
from tests.conftest import PERSONA_NAMES, Personas
from tests.factories import make_process, staff, verified_resident

PHASES = ["submission", "review", "voting", "counting", "implementation", "finished"]
WHO = [*PERSONA_NAMES, "commission", "anonymous"]
ALLOWED_WHO = {"commission"}
ALLOWED_PHASES = {"counting", "implementation"}


@pytest.fixture
def commission(personas: Personas) -> object:
    return staff(personas.community, StaffRole.Role.COMMISSION, email="commission@example.org")


def voted_process(personas: Personas) -> Process:
    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    actions.cast_ballot(
        verified_resident(personas.community), process, {project.sub_budget_id: [project.pk]}
    )
    return process


@pytest.mark.parametrize("phase", PHASES)
def test_matrix(personas: Personas, commission: object, phase: str) -> None:
    process = voted_process(personas)
    move_to(process, phase)
    people = {name: getattr(personas, name) for name in PERSONA_NAMES}
    people |= {"commission": commission, "anonymous": AnonymousUser()}
    for name in WHO:
        expected = name in ALLOWED_WHO and phase in ALLOWED_PHASES
        try:
            actions_counting.freeze_results(
                people[name],
                process,
                decision_number="12/3",
                decision_date=timezone.localdate(),
            )
            done = True
        except ActionRefused:
            done = False
        assert done == expected, f"{name} freeze in {phase}: expected {expected}"
        if done:  # let the next persona try on unfrozen results again
            ResultSnapshot.objects.filter(process=process).update(frozen_at=None)


def test_commission_of_another_community_may_not(personas: Personas) -> None:
    process = voted_process(personas)
    move_to(process, "counting")
    stranger = staff(personas.other, StaffRole.Role.COMMISSION, email="far-commission@example.org")
    with pytest.raises(ActionRefused):
        actions_counting.freeze_results(
            stranger, process, decision_number="1", decision_date=timezone.localdate()
        )


def test_freezing_stores_the_decision_logs_it_and_stops_recomputing(
    personas: Personas, commission: object
) -> None:
    process = voted_process(personas)
    move_to(process, "counting")
    snapshot = actions_counting.freeze_results(
        commission, process, decision_number=" 45 / 2 ", decision_date=timezone.localdate()
    )
    assert snapshot.decision_number == "45 / 2" and snapshot.frozen_at is not None
    assert snapshot.ballots_count == 1
    change = ProcessChange.objects.get(process=process, field="results")
    assert "45 / 2" in change.reason and change.actor_role == "лічильна комісія"
    # A ballot disappearing afterwards (or a late recount) changes nothing any more.
    Ballot.objects.filter(process=process).delete()
    again = actions.store_results(process, recompute=True)
    assert again.pk == snapshot.pk and again.ballots_count == 1
    with pytest.raises(ActionRefused, match="вже затверджено"):
        actions_counting.freeze_results(
            commission, process, decision_number="46", decision_date=timezone.localdate()
        )


@pytest.mark.parametrize(
    ("number", "date_shift", "field"),
    [
        ("", 0, "decision_number"),
        ("   ", 0, "decision_number"),
        ("1\x00", 0, "decision_number"),
        ("1" * 101, 0, "decision_number"),
        ("7", 3, "decision_date"),  # in the future
        ("7", -400, "decision_date"),  # before the vote ended
    ],
)
def test_bad_decisions_are_refused_with_a_reason(
    personas: Personas, commission: object, number: str, date_shift: int, field: str
) -> None:
    process = voted_process(personas)
    move_to(process, "counting")
    with pytest.raises(ActionRefused) as refused:
        actions_counting.freeze_results(
            commission,
            process,
            decision_number=number,
            decision_date=timezone.localdate() + dt.timedelta(days=date_shift),
        )
    assert refused.value.field == field
    assert not ResultSnapshot.objects.filter(process=process, frozen_at__isnull=False).exists()


def test_the_form_freezes_and_the_page_says_so(
    personas: Personas, commission: object, client: Client
) -> None:
    process = voted_process(personas)
    move_to(process, "implementation")
    client.force_login(commission)  # type: ignore[arg-type]
    url = f"/pb/{process.slug}/results/approve/"
    page = client.get(f"/pb/{process.slug}/results/").content.decode()
    assert "Попередні результати" in page and url in page
    bad = client.post(url, {"decision_number": "", "decision_date": "2020-13-45"})
    assert bad.status_code == 400
    today = timezone.localdate().isoformat()
    done = client.post(url, {"decision_number": "Р-17", "decision_date": today})
    assert done.status_code == 302
    page = client.get(f"/pb/{process.slug}/results/").content.decode()
    assert "затверджено рішенням лічильної комісії № Р-17" in page
    assert "Попередні результати" not in page


def test_others_do_not_see_the_form(personas: Personas, client: Client) -> None:
    process = voted_process(personas)
    move_to(process, "counting")
    client.force_login(personas.admin)
    assert client.get(f"/pb/{process.slug}/results/approve/").status_code == 404
    client.logout()
    assert client.get(f"/pb/{process.slug}/results/approve/").status_code in (302, 404)


@pytest.mark.parametrize(
    ("phase", "seed_shown"),
    [("submission", False), ("voting", False), ("counting", True), ("implementation", True)],
)
def test_lottery_seed_hash_first_then_the_seed(
    personas: Personas, client: Client, phase: str, seed_shown: bool
) -> None:
    process = make_process(
        personas.community, phase=phase, tie_breaking="lottery", lottery_seed="сесія-2026-жовтень"
    )
    page = client.get(f"/pb/{process.slug}/").content.decode()
    digest = hashlib.sha256("сесія-2026-жовтень".encode()).hexdigest()
    assert ("сесія-2026-жовтень" in page) == seed_shown
    assert (digest in page) == (not seed_shown)


def test_approval_announces_the_results_before_the_results_date(
    personas: Personas, commission: object, client: Client
) -> None:
    process = voted_process(personas)
    move_to(process, "counting")
    url = f"/pb/{process.slug}/results/"
    assert "Результати ще не оголошено" in client.get(url).content.decode()
    client.force_login(commission)  # type: ignore[arg-type]
    preliminary = client.get(url).content.decode()
    assert "Попередні результати" in preliminary and "/results/approve/" in preliminary
    client.logout()
    sub_budget = process.sub_budgets.all()[0]
    assert client.get(f"/pb/{process.slug}/export/{sub_budget.pk}.pb").status_code == 404
    actions_counting.freeze_results(
        commission, process, decision_number="9", decision_date=timezone.localdate()
    )
    assert "затверджено рішенням лічильної комісії № 9" in client.get(url).content.decode()
    assert client.get(f"/pb/{process.slug}/export/{sub_budget.pk}.pb").status_code == 200
