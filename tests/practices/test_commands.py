"""import_practices and search_practices as a hub's staff would run them."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hromada.practices.models import Practice
from tests.factories import hub_editor

GOOD = {
    "title": "Громадські слухання щодо скверу",
    "body": "Слухання зібрали 90 жителів.",
    "language": "uk",
    "kind": "case",
}


def write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "practices.jsonl"
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.django_db
def test_import_and_search_json(tmp_path: Path) -> None:
    other = {
        **GOOD,
        "title": "Hearings on a park",
        "body": "Ninety residents came.",
        "language": "en",
        "theme": "transparency",
        "year": 2020,
        "related": [GOOD["title"]],
    }
    call_command(
        "import_practices",
        str(write(tmp_path, GOOD, other)),
        "--as",
        hub_editor().email,
        stdout=StringIO(),
    )
    assert Practice.objects.filter(status="published").count() == 2
    out = StringIO()
    call_command("search_practices", "слухань", "--json", "--limit", "5", stdout=out)
    payload = json.loads(out.getvalue())
    assert set(payload) >= {"results", "total", "facets", "ms"}
    assert payload["total"] == 1
    assert set(payload["results"][0]) >= {"id", "title", "score", "snippet"}
    assert "<mark>" in payload["results"][0]["snippet"]
    assert payload["facets"]["language"] == {"uk": 1}
    english = Practice.objects.get(title="Hearings on a park")
    assert [p.title for p in english.related.all()] == [GOOD["title"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([GOOD, "{not json"], "practices.jsonl:2: не JSON"),
        (
            [GOOD, {**GOOD, "title": "Друга", "language": "de"}],
            "practices.jsonl:2: невідома мова «de»",
        ),
        ([{**GOOD, "body": ""}], "practices.jsonl:1: немає поля «body»"),
        (
            [GOOD, {**GOOD, "title": "Інша", "year": "2020"}],
            "practices.jsonl:2: поле «year» має бути цілим числом",
        ),
        ([GOOD, GOOD], "practices.jsonl:2: назва повторює рядок 1"),
        ([GOOD, [1, 2]], "practices.jsonl:2: рядок має бути об'єктом JSON"),
        ([{**GOOD, "theme": "weather"}], "practices.jsonl:1: невідома тема «weather»"),
        ([{**GOOD, "related": ["Немає такого"]}], "Пов'язані записи не знайдено: Немає такого"),
    ],
)
def test_a_bad_line_imports_nothing(tmp_path: Path, lines: list[object], message: str) -> None:
    with pytest.raises(CommandError) as failed:
        call_command(
            "import_practices",
            str(write(tmp_path, *lines)),
            "--as",
            hub_editor().email,
            stdout=StringIO(),
        )
    assert message in str(failed.value)
    assert "Нічого не імпортовано" in str(failed.value)
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="файл не знайдено"):
        call_command("import_practices", str(tmp_path / "nope.jsonl"), "--as", hub_editor().email)
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("cp1251"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_practices", str(latin), "--as", hub_editor().email)


@pytest.mark.django_db
def test_api_and_exports_carry_the_same_search(client: object, tmp_path: Path) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    lines = [
        GOOD,
        {
            **GOOD,
            "title": "Петиції в Калинівці",
            "body": "Петиції збирають підписи.",
            "theme": ["e_democracy"],
        },
    ]
    call_command(
        "import_practices",
        str(write(tmp_path, *lines)),
        "--as",
        hub_editor().email,
        stdout=StringIO(),
    )
    data = client.get("/api/practices/", {"q": "петиції"}).json()
    assert data["total"] == 1 and data["results"][0]["themes"] == ["e_democracy"]
    assert data["facets"]["theme"] == {"e_democracy": 1}
    entry = client.get(f"/api/practices/{data['results'][0]['id']}/").json()
    assert entry["title"] == "Петиції в Калинівці"
    csv_text = client.get("/practices/export.csv", {"q": "петиції"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].split(",")[1] == "Петиції в Калинівці"
    exported = client.get("/practices/export.json", {"theme": "e_democracy"}).json()
    assert [row["title"] for row in exported["results"]] == ["Петиції в Калинівці"]
    assert client.get("/practices/export.xml").status_code == 404


@pytest.mark.django_db
def test_import_runs_as_a_named_editor_or_admin(tmp_path: Path) -> None:
    from tests.factories import UserFactory, platform_admin

    path = write(tmp_path, GOOD)
    with pytest.raises(CommandError, match=r"nobody@example\.org"):
        call_command("import_practices", str(path), "--as", "nobody@example.org")
    plain = UserFactory.create(email="plain@example.org")
    with pytest.raises(CommandError, match="neither a practices editor"):
        call_command("import_practices", str(path), "--as", plain.email)
    assert not Practice.objects.exists()
    admin = platform_admin(email="root@example.org")
    call_command("import_practices", str(path), "--as", admin.email, stdout=StringIO())
    entry = Practice.objects.get()
    assert entry.author == admin and entry.revisions.get().editor == admin
