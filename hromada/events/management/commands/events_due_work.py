"""Expire lapsed waiting-list offers and send due reminders (safe to run as often as you like)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hromada.events.tasks import due_work


class Command(BaseCommand):
    help = "Expire lapsed waiting-list offers and send due event reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        expired, rounds = due_work()
        self.stdout.write(f"offers expired: {expired}; reminder rounds sent: {rounds}")
