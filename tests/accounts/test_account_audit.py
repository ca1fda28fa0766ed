"""Sign-ups, logins, failed logins, logouts, password and two-factor changes are audited."""

from __future__ import annotations

import re
import time
from typing import Any

from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, hotp_value
from django.core import mail
from django.test import Client

from hromada.accounts.models import User
from hromada.core.models import AuditEntry
from tests.conftest import Personas
from tests.factories import PASSWORD

NEW_PASSWORD = "Vyshnevyi-sad-2026-nove"


def actions_of(user: User | None = None) -> list[str]:
    rows = AuditEntry.objects.filter(action__startswith="account.").order_by("id")
    if user is not None:
        rows = rows.filter(actor=user)
    return list(rows.values_list("action", flat=True))


def test_sign_up_is_audited(client: Client, db: None) -> None:
    form = {"email": "nova@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post("/accounts/signup/", form)
    user = User.objects.get(email="nova@example.org")
    assert actions_of(user)[0] == "account.signup"


def test_login_failed_login_and_logout_are_audited(client: Client, personas: Personas) -> None:
    email = personas.resident.email
    client.post("/accounts/login/", {"login": email, "password": "wrong"})
    failed = AuditEntry.objects.get(action="account.login_failed")
    assert failed.actor is None and failed.details["login"] == email
    assert "wrong" not in str(failed.details)
    client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    client.post("/accounts/logout/")
    assert actions_of(personas.resident) == ["account.login", "account.logout"]
    assert AuditEntry.objects.get(action="account.login").details["ip"] == "127.0.0.1"


def test_password_change_and_reset_are_audited(client: Client, personas: Personas) -> None:
    user = personas.resident
    client.force_login(user)
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "account.password_change" in actions_of(user)
    client.post("/accounts/logout/")
    client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", str(mail.outbox[-1].body)
    )
    assert link, mail.outbox[-1].body
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": PASSWORD + "-x", "password2": PASSWORD + "-x"},
    )
    assert "account.password_reset" in actions_of(user)


def test_two_factor_changes_are_audited(
    client: Client, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    user = personas.resident  # staff already have TOTP on (factories), a resident starts without
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after commit
        client.post("/accounts/2fa/totp/activate/", {"code": code})
        client.post("/accounts/2fa/recovery-codes/generate/")
        client.post("/accounts/2fa/totp/deactivate/")
    done = actions_of(user)
    assert done.count("account.mfa_activated") >= 1  # TOTP (and recovery codes with it)
    assert "account.mfa_recovery_codes_regenerated" in done
    assert "account.mfa_deactivated" in done
    removed = AuditEntry.objects.filter(action="account.mfa_deactivated")
    assert {row.details["type"] for row in removed} == {"totp", "recovery_codes"}
