"""python manage.py reindex_practices [--all] — refill search columns after the analyzer changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from hromada.practices import search_version
from hromada.practices.indexing import reindex
from hromada.practices.models import Practice
from hromada.text import ANALYZER_VERSION


class Command(BaseCommand):
    help = "Re-analyse practices whose index was built by another analyzer version (or all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="re-index every entry")

    def handle(self, *args: Any, **options: Any) -> None:
        practices = Practice.objects.all()
        if not options["all"]:
            practices = practices.exclude(analyzer_version=ANALYZER_VERSION)
        with transaction.atomic():
            count = reindex(practices.iterator())
        search_version.bump()  # every worker's remembered matches are now stale
        self.stdout.write(f"Переіндексовано / re-indexed: {count} (analyzer {ANALYZER_VERSION})")
