"""`demo_totp` prints a demo staff account's current code, and only a demo account's."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.management import CommandError, call_command

from hromada.demo.content import DEMO_TOTP_SECRET
from tests.factories import UserFactory, enable_totp

pytestmark = pytest.mark.django_db


def test_prints_the_current_code_of_a_demo_account() -> None:
    TOTP.activate(UserFactory.create(email="admin@demo.hromada.localhost"), DEMO_TOTP_SECRET)
    out = StringIO()
    call_command("demo_totp", "admin@demo.hromada.localhost", stdout=out)
    counter = int(time.time()) // 30
    codes = {format_hotp_value(hotp_value(DEMO_TOTP_SECRET, c)) for c in (counter, counter - 1)}
    assert out.getvalue().split()[0] in codes


def test_refuses_an_account_with_its_own_secret() -> None:
    enable_totp(UserFactory.create(email="real@example.org"))
    with pytest.raises(CommandError):
        call_command("demo_totp", "real@example.org", stdout=StringIO())
