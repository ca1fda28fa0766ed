"""Site-wide promises: Ukrainian first, migrations complete, settings fail loudly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from hromada.core.money import format_uah


@pytest.mark.django_db
def test_home_is_ukrainian_even_when_the_browser_asks_for_english(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert b'<html lang="uk">' in response.content
    assert response["Content-Language"] == "uk"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "phrase"), [("uk", "Бюджети участі"), ("en", "Participatory budgets")]
)
def test_each_language_renders(client: Client, language: str, phrase: str) -> None:
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"}, follow=True)
    assert f'<html lang="{language}">'.encode() in response.content
    assert phrase in response.content.decode()


@pytest.mark.django_db
def test_no_missing_migrations() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")


def _secret_key_of_a_production_start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DEBUG="0", DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="hromada.settings")
    env["IDENTIFIER_HASH_KEY"] = "y" * 50
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); print(django.conf.settings.SECRET_KEY)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_keeps_a_private_one_in_the_data_folder(
    tmp_path: Path,
) -> None:
    first = _secret_key_of_a_production_start(tmp_path)
    second = _secret_key_of_a_production_start(tmp_path)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.stdout.strip() == key_file.read_text().strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50


def test_production_refuses_to_start_without_a_usable_secret_key(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("short\n")
    result = _secret_key_of_a_production_start(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_bad_boolean_setting_is_named() -> None:
    env = dict(os.environ, DEBUG="maybe", DJANGO_SETTINGS_MODULE="hromada.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize(
    ("kopiykas", "text"),
    [
        (150_000_050, "1\u00a0500\u00a0000,50\u00a0грн"),
        (100, "1\u00a0грн"),
        (-2_500, "-25\u00a0грн"),
    ],
)
def test_money_is_written_the_ukrainian_way(kopiykas: int, text: str) -> None:
    assert format_uah(kopiykas) == text


@pytest.mark.django_db
def test_demo_loads_twice_without_duplicates() -> None:
    from hromada.budgeting.models import Ballot, Process

    call_command("load_demo", stdout=StringIO())
    counts = (Process.objects.count(), Ballot.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Process.objects.count(), Ballot.objects.count()) == counts
    # voting, finished, the starosta districts' (demo/regulation.py), collecting supporters and
    # in review (demo/supporters.py)
    assert counts[0] == 5


@pytest.mark.django_db
def test_a_chosen_language_does_not_outlive_its_request(client: Client) -> None:
    from django.utils import translation

    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert translation.get_language() == "uk"
