"""python manage.py seal_ballots SLUG --as EMAIL — rewrite a closed vote's anonymous ballots in a
random order (one transaction), so that neither their place in the table nor PostgreSQL's
transaction stamps match them to the participations. Then run VACUUM (docs/voting.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts.models import User
from hromada.budgeting.actions_vote import seal_ballots
from hromada.budgeting.models import Process
from hromada.core.errors import ActionRefused


class Command(BaseCommand):
    help = "Rewrite a closed vote's anonymous ballots in a random order."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--as", dest="actor", required=True, help="email of an admin")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(email__iexact=options["actor"]).first()
        process = Process.objects.filter(slug=options["slug"]).first()
        if actor is None or process is None:
            raise CommandError("No such account or process")
        try:
            count = seal_ballots(actor, process)
        except ActionRefused as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{process.slug}: {count} ballots rewritten in a random order")
