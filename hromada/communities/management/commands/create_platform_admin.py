"""First deploy: `manage.py create_platform_admin EMAIL` makes the first platform admin (or
promotes an existing account) and prints a one-time link that sets the password."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from hromada.communities import actions


class Command(BaseCommand):
    help = "Create or promote a platform admin and print a one-time link to set the password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            validate_email(options["email"])
        except ValidationError:
            raise CommandError(f"Not an email address: {options['email']}") from None
        user, created = actions.make_platform_admin(options["email"])
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        self.stdout.write(
            ("Створено" if created else "Надано права")
            + f" / {'created' if created else 'promoted'}: {user.email}"
        )
        self.stdout.write(
            f"Одноразове посилання для пароля (дійсне {hours} год) / "
            f"one-time link to set the password (valid {hours} h):"
        )
        self.stdout.write(actions.password_link(user))
        self.stdout.write(
            "Після входу увімкніть двофакторну автентифікацію / after logging in, turn on "
            "two-factor authentication: /accounts/2fa/totp/activate/"
        )
