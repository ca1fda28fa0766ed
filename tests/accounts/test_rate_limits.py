"""Rate limits on the shared cache: logins, sign-ups, ballots and the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.checks import run_checks
from django.test import Client, override_settings
from rest_framework.throttling import SimpleRateThrottle

from hromada.budgeting import actions as budgeting_actions
from hromada.budgeting import actions_vote
from hromada.budgeting.models import Process
from hromada.core.errors import ActionRefused
from tests.conftest import Personas
from tests.factories import PASSWORD


def test_failed_logins_for_one_account_are_limited(client: Client, personas: Personas) -> None:
    email = personas.resident.email
    for _ in range(5):
        page = client.post("/accounts/login/", {"login": email, "password": "wrong"})
        assert page.status_code == 200
    # Now even the right password is refused for a while: guessing cannot continue.
    page = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert page.status_code in (200, 429)


def test_sign_ups_from_one_address_are_limited(client: Client, db: None) -> None:
    password = "Ab-12345678"
    form = {"password1": password, "password2": password}
    statuses = [
        client.post("/accounts/signup/", {**form, "email": f"bot{n}@example.org"}).status_code
        for n in range(25)
    ]
    assert 429 in statuses


@override_settings(ACCOUNT_RATE_LIMITS=False, DEBUG=False)
def test_system_check_refuses_disabled_rate_limits_in_production() -> None:
    assert [m.id for m in run_checks() if m.id == "accounts.E002"] == ["accounts.E002"]


def test_ballot_tries_per_minute_are_limited(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actions_vote, "BALLOT_TRIES_PER_MINUTE", 3)
    process = Process(pk=987_654, slug="none")  # never reached: the limit comes first
    messages = []
    for _ in range(4):
        with pytest.raises(ActionRefused) as exc:
            budgeting_actions.cast_ballot(personas.resident, process, {})
        messages.append(exc.value.message)
    assert "Забагато спроб" not in messages[2]
    assert messages[3].startswith("Забагато спроб проголосувати")


def test_api_is_throttled(client: Client, db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    rates: dict[str, Any] = {"anon": "3/minute", "user": "5/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    statuses = [client.get("/api/processes/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
