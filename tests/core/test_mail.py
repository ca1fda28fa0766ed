"""Email goes through the task queue: retried while SMTP is down, sent once it is back, and
production refuses to start when it would only print email to the console."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.checks import run_checks
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.test import Client
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from hromada.core.mail import MAX_ATTEMPTS, Attachment, deliver_email, retry_delay, send_email

pytestmark = pytest.mark.django_db


class FlakySMTP(LocmemBackend):
    """Refuses every message while `down` (a server that does not answer), then delivers."""

    down = True
    refused = 0

    def send_messages(self, messages: Any) -> int:
        if FlakySMTP.down:
            FlakySMTP.refused += 1
            raise ConnectionRefusedError("SMTP server does not answer")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings: Any) -> Any:
    settings.EMAIL_BACKEND = "tests.core.test_mail.FlakySMTP"
    FlakySMTP.down, FlakySMTP.refused = True, 0
    return FlakySMTP


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker closes "old" connections between tasks; inside a test's transaction that
    would close the test's own connection (on PostgreSQL)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker() -> None:
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0, stdout=StringIO()
    )


def test_send_email_sends_through_the_task(settings: Any) -> None:
    send_email(to=["a@example.org"], subject="Тема\nз двох рядків", body="Текст")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Тема з двох рядків"
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_a_mail_is_retried_while_smtp_is_down_and_sent_once_it_works(
    database_tasks: None, flaky_smtp: Any
) -> None:
    send_email(to=["a@example.org"], subject="Підтвердіть адресу", body="Посилання")
    assert mail.outbox == []  # only queued
    run_worker()
    assert flaky_smtp.refused == 1 and mail.outbox == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    run_worker()  # not due yet: the retry waits
    assert flaky_smtp.refused == 1
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + retry_delay(1) + dt.timedelta(seconds=5)):
        run_worker()  # still down: the third attempt is queued, later
        assert flaky_smtp.refused == 2
        flaky_smtp.down = False
        with time_machine.travel(dt.datetime.now(tz=dt.UTC) + retry_delay(2), tick=True):
            run_worker()
    assert [m.subject for m in mail.outbox] == ["Підтвердіть адресу"]
    assert not DBTaskResult.objects.filter(status="READY").exists()
    run_worker()
    assert len(mail.outbox) == 1  # sent once


def test_retries_are_bounded(database_tasks: None, flaky_smtp: Any) -> None:
    with pytest.raises(ConnectionRefusedError):
        deliver_email.call(
            to=["a@example.org"], subject="s", body="b", from_email="x@y.z", attempt=MAX_ATTEMPTS
        )
    assert not DBTaskResult.objects.exists()
    assert retry_delay(1) == dt.timedelta(minutes=1)
    assert retry_delay(MAX_ATTEMPTS) == dt.timedelta(hours=1)


def test_allauths_emails_go_through_the_queue(client: Client, database_tasks: None) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "queued-signup@example.org",
            "password1": "Dovhyi-parol-2026",
            "password2": "Dovhyi-parol-2026",
        },
    )
    assert response.status_code == 302
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["queued-signup@example.org"]
    assert "/accounts/confirm-email/" in str(mail.outbox[0].body)


def _ids(settings: Any, **overrides: Any) -> set[str]:
    for name, value in overrides.items():
        setattr(settings, name, value)
    return {message.id for message in run_checks() if message.id}


def test_production_without_smtp_refuses_to_start(settings: Any) -> None:
    no_smtp = {"DEBUG": False, "EMAIL_HOST": "", "DEMO": False, "REDIS_URL": ""}
    assert "hromada.E001" in _ids(settings, **no_smtp, EMAIL_CONSOLE=False)
    with_console = _ids(settings, **no_smtp, EMAIL_CONSOLE=True)
    assert "hromada.E001" not in with_console and "hromada.W001" in with_console
    assert "hromada.E001" not in _ids(settings, **(no_smtp | {"EMAIL_HOST": "smtp.example.org"}))
    assert not {"hromada.E001", "hromada.W001"} & _ids(settings, DEBUG=True, EMAIL_HOST="")


def _production_env(tmp: Any, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEMO", "EMAIL_CONSOLE", "EMAIL_HOST"}}
    env.update(
        DEBUG="0", SECRET_KEY="x" * 50, IDENTIFIER_HASH_KEY="y" * 50, DATA_DIR=str(tmp), **extra
    )
    env["DJANGO_SETTINGS_MODULE"] = "hromada.settings"
    return env


def test_gunicorns_entry_point_refuses_production_without_smtp(tmp_path: Any) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import hromada.wsgi"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "hromada.E001" in result.stderr and "EMAIL_CONSOLE=1" in result.stderr


@pytest.mark.parametrize(("demo", "installed"), [("", False), ("1", True)])
def test_the_demo_app_is_installed_in_production_only_with_demo(
    tmp_path: Any, demo: str, installed: bool
) -> None:
    code = "import django; django.setup(); from django.apps import apps; "
    code += "print(apps.is_installed('hromada.demo'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=_production_env(tmp_path, DEMO=demo),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(installed)


def test_production_switches_for_this_machine_are_named(settings: Any) -> None:
    production = {"DEBUG": False, "EMAIL_HOST": "smtp.example.org", "REDIS_URL": "redis://r"}
    assert not _ids(settings, **production, DEMO=False, HTTPS=True) & {
        "hromada.W002",
        "hromada.W003",
        "hromada.W004",
    }
    named = _ids(settings, **(production | {"REDIS_URL": ""}), DEMO=True, HTTPS=False)
    assert {"hromada.W002", "hromada.W003", "hromada.W004"} <= named


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) + b"\x00tail"


def test_attachments_travel_through_the_database_queue_and_images_go_inline(
    database_tasks: None,
) -> None:
    send_email(
        to=["a@example.org"],
        subject="Ваш код",
        body="Код у вкладенні",
        html_body='<p><img src="cid:qr-1@hromada"></p>',
        attachments=[
            Attachment("qr.png", PNG, "image/png", content_id="qr-1@hromada"),
            Attachment("програма.txt", "Програма дня".encode(), "text/plain"),
        ],
    )
    assert mail.outbox == []  # queued as JSON arguments, the bytes as base64
    run_worker()
    raw = mail.outbox[0].message()
    assert raw.get_content_type() == "multipart/related"  # the image belongs with the HTML
    parts = {part.get_content_type(): part for part in raw.walk()}
    image = parts["image/png"]
    assert image["Content-ID"] == "<qr-1@hromada>"
    assert image.get_content_disposition() == "inline"
    assert image.get_payload(decode=True) == PNG
    texts = [p for p in raw.walk() if p.get_content_type() == "text/plain"]
    assert any(p.get_filename() == "програма.txt" for p in texts)
    assert any(p.get_payload(decode=True) == "Програма дня".encode() for p in texts)
    assert "text/html" in parts
