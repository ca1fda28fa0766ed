"""Staff can turn on TOTP two-factor authentication, and then a password alone is not enough."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.test import Client

from hromada.communities.models import StaffRole
from tests.conftest import Personas
from tests.factories import PASSWORD, staff


@pytest.mark.django_db
def test_staff_member_enables_totp_and_login_then_asks_for_a_code(
    client: Client, personas: Personas
) -> None:
    user = staff(personas.community, StaffRole.Role.ADMIN, totp=False)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    # Changing security settings asks for the password again first.
    assert "reauthenticate" in client.get("/accounts/2fa/totp/activate/")["Location"]
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert b"data:image/svg+xml" in page.content  # the QR code to scan
    # Activate through allauth's model API with a secret we know, then log in again.
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.logout()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and "/2fa/authenticate" in response["Location"]
    # The password alone did not log in.
    assert "_auth_user_id" not in client.session
    import time

    code = hotp_value(secret, int(time.time()) // 30)
    done = client.post(response["Location"], {"code": f"{code:06d}"})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_a_code_from_the_step_before_counts_once_and_an_older_one_never(personas: Personas) -> None:
    """One 30-second step of tolerance (a phone's clock, a code typed as it turned over); allauth
    still refuses a code used twice."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value

    user = staff(personas.community, StaffRole.Role.ADMIN, totp=False)
    secret = generate_totp_secret()
    totp = TOTP.activate(user, secret)
    step = int(time.time()) // 30
    older = format_hotp_value(hotp_value(secret, step - 3))
    previous = format_hotp_value(hotp_value(secret, step - 1))
    assert not totp.validate_code(older)
    assert totp.validate_code(previous)
    assert not totp.validate_code(previous)
