"""Pages as people use them, through the test client."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.budgeting.models import Ballot, Process, Project
from hromada.communities.models import StaffRole
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, move_to, projects_of, submit
from tests.conftest import Personas
from tests.factories import PASSWORD, make_process, staff


def login(client: Client, user: object) -> Client:
    assert client.login(email=user.email, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_vote_without_javascript_shows_receipt(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    login(client, personas.resident)
    small, large = projects_of(voting_process, 0), projects_of(voting_process, 1)
    page = client.get(f"/pb/{voting_process.slug}/vote/")
    assert page.status_code == 200
    assert f'name="sb-{small[0].sub_budget_id}" value="{small[0].pk}"'.encode() in page.content
    response = client.post(
        f"/pb/{voting_process.slug}/vote/",
        {
            f"sb-{small[0].sub_budget_id}": [small[0].pk],
            f"sb-{large[0].sub_budget_id}": [large[2].pk],
        },
        follow=True,
    )
    receipt = Ballot.objects.get().receipt
    assert receipt.encode() in response.content
    check = client.get(f"/pb/{voting_process.slug}/receipt/", {"code": receipt.lower()})
    assert "прийнято".encode() in check.content


def test_over_limit_ballot_page_keeps_choices_and_says_why(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    login(client, personas.resident)
    small = projects_of(voting_process, 0)
    response = client.post(
        f"/pb/{voting_process.slug}/vote/", {f"sb-{small[0].sub_budget_id}": [p.pk for p in small]}
    )
    assert response.status_code == 400
    assert "не більше 2 проєктів".encode() in response.content
    assert response.content.count(b" checked") == 3
    assert not Ballot.objects.exists()


def test_forged_ballot_fields_are_refused(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    login(client, personas.resident)
    response = client.post(f"/pb/{voting_process.slug}/vote/", {"sb-abc": ["1"]})
    assert response.status_code == 400
    assert "пошкоджено".encode() in response.content
    assert not Ballot.objects.exists()


def test_unverified_person_sees_why_they_cannot_vote(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    login(client, personas.newcomer)
    response = client.get(f"/pb/{voting_process.slug}/vote/")
    assert "ще не підтвердили".encode() in response.content
    response = client.post(f"/pb/{voting_process.slug}/vote/", {"sb-1": ["1"]})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_staff_of_another_community_gets_404_and_changes_nothing(
    client: Client, personas: Personas
) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    login(client, personas.outsider_admin)
    other_reviewer = staff(personas.other, StaffRole.Role.REVIEWER)
    # Logging in is audited too; only the refused writes must leave no trace.
    writes = AuditEntry.objects.exclude(action__startswith="account.")
    audit_before = writes.count()
    for user in (personas.outsider_admin, other_reviewer):
        login(client, user)
        base = f"/pb/{process.slug}/projects/{project.number}"
        assert client.post(f"{base}/review/", {"decision": "admit"}).status_code == 404
        assert client.post(f"{base}/implementation/", {"status": "done"}).status_code == 404
        assert client.get(f"/pb/{process.slug}/review/").status_code == 404
        assert client.get(f"/staff/{personas.community.slug}/processes/new/").status_code == 404
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED
    assert writes.count() == audit_before


def test_reviewer_admits_through_the_page(client: Client, personas: Personas) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    login(client, personas.reviewer)
    # Not while submission is open: the form appears once review has begun.
    assert "Рішення рецензента" not in client.get(project.get_absolute_url()).content.decode()
    move_to(process, "review")
    page = client.get(project.get_absolute_url())
    assert "Рішення рецензента".encode() in page.content
    client.post(f"/pb/{process.slug}/projects/{project.number}/review/", {"decision": "admit"})
    project.refresh_from_db()
    assert project.status == Project.Status.ADMITTED


def test_admin_creates_a_process(client: Client, personas: Personas) -> None:
    login(client, personas.admin)
    data = {
        "title": "Бюджет участі 2027",
        "slug": "pb-2027",
        "description": "",
        "voter_min_age": 16,
        "author_min_age": 16,
        "supporter_min_age": 16,
        "reserve_percent": 0,
        "author_bases": ["registered", "actual"],
        "supporter_bases": ["registered"],
        "voter_bases": ["registered", "idp"],
        "max_projects_per_author": 3,
        "tie_breaking": "submission",
        "min_votes": 1,
        "submission_start": "2027-02-01T09:00",
        "submission_end": "2027-03-01T18:00",
        "review_end": "2027-03-20T18:00",
        "voting_start": "2027-04-01T09:00",
        "voting_end": "2027-04-15T21:00",
        "results_date": "2027-04-25T12:00",
        "implementation_end": "2027-12-20T18:00",
        "sb-TOTAL_FORMS": 2,
        "sb-INITIAL_FORMS": 0,
        "sb-MIN_NUM_FORMS": 1,
        "sb-MAX_NUM_FORMS": 1000,
        "sb-0-name": "Малі",
        "sb-0-amount": "1 000 000",
        "sb-0-max_cost": "300000",
        "sb-0-ballot_rule": "approval",
        "sb-0-max_choices": 3,
        "sb-0-kind": "size",
        "sb-1-name": "Великі",
        "sb-1-kind": "size",
        "sb-1-amount": "2000000,00",
        "sb-1-min_cost": "300000,01",
        "sb-1-max_cost": "1500000",
        "sb-1-ballot_rule": "knapsack",
    }
    response = client.post(f"/staff/{personas.community.slug}/processes/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    process = Process.objects.get(slug="pb-2027")
    assert process.total_budget == 300_000_000
    assert [sb.amount for sb in process.sub_budgets.all()] == [100_000_000, 200_000_000]


@pytest.mark.parametrize("phase", ["voting", "counting"])
def test_results_are_hidden_until_announced(client: Client, personas: Personas, phase: str) -> None:
    process = make_process(personas.community, phase=phase)
    assert "ще не оголошено".encode() in client.get(f"/pb/{process.slug}/results/").content
    assert client.get(f"/api/processes/{process.slug}/results/").status_code == 404


def test_results_page_and_api_show_winners(
    personas: Personas, voting_process: Process, client: Client
) -> None:
    from hromada.budgeting import actions

    small, large = projects_of(voting_process, 0), projects_of(voting_process, 1)
    actions.cast_ballot(
        personas.resident, voting_process, ballot(voting_process, small[:2], large[1:])
    )
    move_to(voting_process, "implementation")
    page = client.get(f"/pb/{voting_process.slug}/results/").content.decode()
    assert "переміг" in page and "Проєкт 1" in page
    data = client.get(f"/api/processes/{voting_process.slug}/results/").json()
    assert [row["selected"] for row in data[0]["rows"]][:2] == [True, True]
