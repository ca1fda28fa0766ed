"""Forged or odd ballots and receipt codes: a clear answer, never a 500, even anonymously."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.budgeting.models import Ballot, Process
from tests.budgeting.conftest import projects_of
from tests.conftest import Personas
from tests.factories import PASSWORD

ODD = ["²", "١٢", "9" * 5000, str(2**63), "-1", "\x00", ""]


@pytest.mark.parametrize("value", ODD)
def test_odd_ballot_values_are_refused(
    client: Client, personas: Personas, voting_process: Process, value: str
) -> None:
    assert client.login(email=personas.resident.email, password=PASSWORD)
    sub_budget = projects_of(voting_process, 0)[0].sub_budget_id
    response = client.post(f"/pb/{voting_process.slug}/vote/", {f"sb-{sub_budget}": [value]})
    assert response.status_code == 400
    # An empty value is the one-project ballot's "none here" choice: a ballot with nothing on it.
    expected = "Оберіть хоча б один проєкт" if value == "" else "Бюлетень пошкоджено"
    assert expected in response.content.decode()
    response = client.post(f"/pb/{voting_process.slug}/vote/", {f"sb-{value}": ["1"]})
    assert response.status_code == 400
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("value", ODD)
def test_odd_ballot_values_posted_anonymously(
    client: Client, voting_process: Process, value: str
) -> None:
    response = client.post(f"/pb/{voting_process.slug}/vote/", {"sb-1": [value]})
    assert response.status_code in {302, 403}


@pytest.mark.parametrize("code", ["ABCDE-\x0012345", "\x00", "²" * 50, "A" * 5000])
def test_odd_receipt_codes_are_simply_not_found(
    client: Client, voting_process: Process, code: str
) -> None:
    response = client.post(f"/pb/{voting_process.slug}/receipt/", {"code": code})
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


@pytest.mark.django_db
def test_api_process_lookups_with_nul(client: Client, personas: Personas) -> None:
    assert client.get("/api/projects/", {"process": "a\x00b"}).json()["count"] == 0
    assert client.get("/api/processes/a%00b/").status_code == 404
    assert client.get("/api/processes/a%00b/results/").status_code == 404
