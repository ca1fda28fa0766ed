"""python manage.py compute_results [SLUG ...] [--recompute] — store the results of ended votes.

Run it from cron (e.g. every 10 minutes): each process whose voting has ended gets its results
computed once and stored; pages then read the stored snapshot. Without it the first reader of
the results page stores them.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hromada.budgeting.actions import store_results
from hromada.budgeting.models import Process, ResultSnapshot


class Command(BaseCommand):
    help = "Compute and store the results of every process whose voting has ended (or the named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="only these processes")
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="read the ballots again; replace a stored snapshot if anything differs",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        processes = Process.objects.filter(voting_end__lte=timezone.now()).order_by("pk")
        if options["slugs"]:
            processes = processes.filter(slug__in=options["slugs"])
            missing = set(options["slugs"]) - set(processes.values_list("slug", flat=True))
            if missing:
                raise CommandError(
                    f"Немає процесу із завершеним голосуванням / no process whose voting has "
                    f"ended: {', '.join(sorted(missing))}"
                )
        for process in processes:
            before = ResultSnapshot.objects.filter(process=process).values_list("pk", flat=True)
            known = set(before)
            snapshot = store_results(process, recompute=options["recompute"])
            state = "unchanged" if snapshot.pk in known else "stored"
            self.stdout.write(
                f"{process.slug}: {state}, {snapshot.ballots_count} ballots, "
                f"sha256 {snapshot.ballots_hash}"
            )
