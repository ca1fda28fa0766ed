"""python manage.py serve — the site as production runs it, in the foreground of one command.

Collects the static files (hashed and precompressed), then runs gunicorn with several workers
and the django-tasks database worker side by side. Ctrl-C (or SIGTERM) stops both; if either
stops by itself, the other is stopped too and the command exits with its status.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve through gunicorn (several workers) and run the background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY") or 2)
        )
        parser.add_argument("--no-task-worker", action="store_true", help="web workers only")
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{options['port']}"
        commands = [self._gunicorn(address, options["workers"])]
        if not options["no_task_worker"]:
            worker = [sys.executable, "-m", "django", "db_worker", "--no-reload", "-v", "1"]
            commands.append(worker)
        children = [subprocess.Popen(command) for command in commands]  # noqa: S603
        mode = "DEBUG" if settings.DEBUG else "production mode"
        self.stdout.write(
            f"Hromada serves on http://{address}/ ({options['workers']} gunicorn workers, "
            f"{mode}); Ctrl-C stops it.",
        )
        sys.exit(self._supervise(children))

    def _gunicorn(self, address: str, workers: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "hromada.wsgi:application",
            f"--bind={address}",
            f"--workers={workers}",
            "--access-logfile=-",
            "--timeout=60",
            "--graceful-timeout=20",
        ]

    def _supervise(self, children: list[subprocess.Popen[bytes]]) -> int:
        """Wait until a child exits or we are told to stop; then stop every child."""
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        status = 0
        while not stopping:
            exited = [child for child in children if child.poll() is not None]
            if exited:
                status = exited[0].returncode or 0
                break
            time.sleep(0.2)
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 25
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return status
