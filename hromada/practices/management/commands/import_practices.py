"""python manage.py import_practices FILE.jsonl --as EMAIL — all lines or none.

The import publishes entries, so it runs as a named person who may do so (a hub editor or a
platform admin), with that person's permission re-checked by the action and their name on the
revisions and the audit log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts.models import User
from hromada.core.errors import ActionRefused
from hromada.practices.actions import import_practices
from hromada.practices.importing import parse_jsonl

NOTHING = "Нічого не імпортовано / nothing was imported."


class Command(BaseCommand):
    help = (
        "Import practices from JSON Lines (one object per line) as a hub editor or platform "
        "admin; a bad line imports nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--as",
            dest="as_email",
            required=True,
            metavar="EMAIL",
            help="the hub editor or platform admin the import is made by",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["as_email"].strip()
        actor = User.objects.filter(email__iexact=email, is_active=True).first()
        if actor is None:
            raise CommandError(
                f"Немає активного облікового запису {email} / no active account {email}.\n"
                + NOTHING
            )
        if not actor.has_perm("practices.moderate"):
            raise CommandError(
                f"{email} не редактор бази практик і не адміністратор платформи / "
                f"{email} is neither a practices editor nor a platform admin.\n" + NOTHING
            )
        parsed = parse_jsonl(options["file"])
        if parsed.errors:
            raise CommandError("\n".join([*parsed.errors, NOTHING]))
        try:
            practices = import_practices(actor, parsed.rows, related=parsed.related)
        except ActionRefused as exc:
            raise CommandError(f"{exc.message}\n{NOTHING}") from None
        self.stdout.write(self.style.SUCCESS(f"Імпортовано / imported: {len(practices)}"))
