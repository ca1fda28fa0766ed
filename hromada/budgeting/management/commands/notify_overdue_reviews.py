"""python manage.py notify_overdue_reviews — remind reviewers of projects left unreviewed.

It also keeps the review's other deadlines (docs/review.md): projects short of supporters when
their collection has closed are not admitted, and community admins hear of overdue conclusions.

Run it daily (a systemd timer or cron, docs/deploy.md). Each overdue project is included in one
reminder only, however often the command runs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from hromada.budgeting.actions_review import notify_overdue_conclusions
from hromada.budgeting.actions_support import close_due_support_collections
from hromada.budgeting.notifications import notify_overdue_reviews


class Command(BaseCommand):
    help = "Email each community's reviewers about submitted projects still unreviewed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REVIEW_OVERDUE_DAYS,
            help="days after the end of submission (default: REVIEW_OVERDUE_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_due_support_collections()
        self.stdout.write(f"Не допущено без підтримки / rejected short of supporters: {closed}")
        count = notify_overdue_reviews(days=options["days"])
        self.stdout.write(f"Нагадано про проєктів / projects in reminders: {count}")
        late = notify_overdue_conclusions()
        self.stdout.write(f"Прострочених висновків / overdue conclusions reported: {late}")
