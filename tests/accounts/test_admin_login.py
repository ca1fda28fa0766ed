"""Django's admin signs in through the site's login: two-factor and rate limits apply to it."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from hromada.accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.production import urls_built_with


@pytest.fixture
def superuser(db: None) -> User:
    user = UserFactory.create(email="root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_admin_with_totp_cannot_reach_admin_with_a_password_alone(
    client: Client, superuser: User
) -> None:
    # Django's own admin login form (username + password) no longer logs anyone in.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    # The site's login asks for the second factor before anything else.
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": superuser.email, "password": PASSWORD}
    )
    assert "/2fa/authenticate" in response["Location"]
    assert "_auth_user_id" not in client.session
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_admin_login_keeps_only_local_next(client: Client, db: None) -> None:
    response = client.get("/admin/login/", {"next": "https://evil.example/"})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_admin_is_not_mounted_unless_enabled(client: Client, superuser: User) -> None:
    client.force_login(superuser)
    with urls_built_with(ADMIN_ENABLED=False):
        assert client.get("/admin/").status_code == 404
        assert client.get("/admin/login/").status_code == 404
    assert client.get("/admin/").status_code == 200
