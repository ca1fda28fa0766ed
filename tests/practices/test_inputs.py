"""Odd input on the practices pages and the import command: a clear message, never a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hromada.accounts.models import User
from hromada.practices.models import Practice
from tests.factories import PASSWORD

GOOD = {"title": "Сквер", "body": "Слухання.", "language": "uk", "kind": "case"}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["²", "١٢", "9" * 5000, "99999999999999999999", "-1", "\x00"])
@pytest.mark.parametrize("address", ["/practices/", "/practices/export.csv", "/api/practices/"])
def test_odd_page_numbers_show_the_first_page(client: Client, address: str, page: str) -> None:
    response = client.get(address, {"page": page, "year": page, "q": "a\x00b"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_suggest_with_nul(client: Client) -> None:
    assert client.get("/practices/suggest/", {"q": "сквер\x00"}).status_code == 200


def propose(client: Client, user: User, **fields: str) -> str:
    assert client.login(email=user.email, password=PASSWORD)
    post = {"full": "1", "title": "Сквер", "summary": "Що зробили", "themes": "youth"}
    post.update(kind="case", language="uk", **fields)
    response = client.post("/practices/new/", post)
    assert response.status_code == 200, "the form comes back with a message"
    return response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants", str(2**31)),
        ("projects", str(2**31)),
        ("money_uah", str(2**63)),
        ("participants", "²"),
        ("money_uah", "١٢"),
        ("year", "9" * 5000),
        ("related", "9" * 4301),
        ("related", "²"),
    ],
)
def test_out_of_range_numbers_are_refused_on_the_form(
    client: Client, contributor: User, field: str, value: str
) -> None:
    page = propose(client, contributor, **{field: value})
    assert "errorlist" in page or "error" in page
    assert not Practice.objects.exists()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "вкладеність"),
        (json.dumps(GOOD)[:-1] + ', "participants": ' + "9" * 5000 + "}", "число"),
        (json.dumps({**GOOD, "participants": 2**31}), "participants"),
        (json.dumps({**GOOD, "money_uah": 2**63}), "money_uah"),
        (json.dumps({**GOOD, "title": "a\x00b"}), "NUL"),
        (json.dumps({**GOOD, "place": "м" * 201}), "place"),
        (json.dumps({**GOOD, "title": "т" * 201}), "200"),
        (json.dumps({**GOOD, "region": {"a": 1}}), "region"),
    ],
)
def test_bad_import_lines_name_file_and_line(
    tmp_path: Path, editor: User, line: str, says: str
) -> None:
    path = write(tmp_path, json.dumps({**GOOD, "title": "Перший"}) + "\n" + line + "\n")
    with pytest.raises(CommandError) as raised:
        call_command("import_practices", str(path), "--as", editor.email)
    assert "bad.jsonl:2:" in str(raised.value)
    assert says in str(raised.value)
    assert not Practice.objects.exists()
