"""python manage.py import_practices FILE.jsonl — all lines or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.core.errors import ActionRefused
from hromada.practices.actions import import_practices
from hromada.practices.importing import parse_jsonl


class Command(BaseCommand):
    help = "Import practices from JSON Lines (one object per line); a bad line imports nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        parsed = parse_jsonl(options["file"])
        if parsed.errors:
            raise CommandError(
                "\n".join([*parsed.errors, "Нічого не імпортовано / nothing was imported."])
            )
        try:
            practices = import_practices(None, parsed.rows, related=parsed.related)
        except ActionRefused as exc:
            raise CommandError(
                f"{exc.message}\nНічого не імпортовано / nothing was imported."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Імпортовано / imported: {len(practices)}"))
