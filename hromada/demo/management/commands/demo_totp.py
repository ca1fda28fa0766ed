"""Print the current TOTP code of a demo staff account, so the demo can be tried without an
authenticator app. Only for accounts whose secret is the demo's public one."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.demo import content

PERIOD = 30


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo staff account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        authenticator = Authenticator.objects.filter(
            user__email__iexact=options["email"], type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{options['email']}: no TOTP authenticator")
        secret = get_adapter().decrypt(authenticator.data["secret"])
        if secret != content.DEMO_TOTP_SECRET:
            raise CommandError(f"{options['email']}: not a demo account (its secret is its own)")
        now = int(time.time())
        code = format_hotp_value(hotp_value(secret, now // PERIOD))
        self.stdout.write(
            f"{code}  (дійсний ще {PERIOD - now % PERIOD} с / valid {PERIOD - now % PERIOD} s)"
        )
