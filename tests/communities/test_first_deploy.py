"""`create_platform_admin` on first deploy: an account, and a one-time link to set its password."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-new-password-2027"


def run(email: str) -> str:
    out = StringIO()
    call_command("create_platform_admin", email, stdout=out)
    match = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", out.getvalue())
    assert match, out.getvalue()
    return match.group(0).removeprefix(settings.SITE_URL.rstrip("/"))


def set_password(client: Client, link: str) -> int:
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    return done.status_code


def test_link_sets_the_password_once(client: Client) -> None:
    link = run("Root@Example.org")
    user = User.objects.get(email="root@example.org")
    assert user.is_superuser and not user.has_usable_password()
    assert set_password(client, link) == 302
    assert Client().login(email="root@example.org", password=NEW_PASSWORD)
    second = Client().get(link, follow=True).content.decode()
    assert 'name="password1"' not in second  # used: the token no longer matches


def test_link_expires(client: Client) -> None:
    link = run("root@example.org")
    # A day past the limit: the token compares naive local times, which time-machine may not
    # shift by the time zone.
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, days=1)
    with time_machine.travel(later):
        page = client.get(link, follow=True).content.decode()
    assert 'name="password1"' not in page
    assert not User.objects.get(email="root@example.org").has_usable_password()


def test_existing_account_is_promoted_and_bad_email_refused() -> None:
    person = UserFactory.create(email="someone@example.org")
    run("someone@example.org")
    person.refresh_from_db()
    assert person.is_superuser and person.has_usable_password()
    with pytest.raises(CommandError):
        call_command("create_platform_admin", "not-an-email", stdout=StringIO())
