"""Register CSV upload (all-or-nothing) and verification against it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from hromada.accounts import actions, register_csv
from hromada.accounts.models import RegisterEntry, RegisterUpload, Verification
from hromada.accounts.register_csv import RegisterFileInvalid
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier
from hromada.core.models import AuditEntry
from tests.conftest import Personas

Upload = Callable[[str], RegisterUpload]


def test_upload_stores_only_hashes_and_replaces_previous(
    personas: Personas, upload: Upload
) -> None:
    upload("identifier,birth_year\n3012345670,1985\nкн-12 34 56,\n")
    entries = RegisterEntry.objects.filter(community=personas.community)
    assert {(e.identifier_hash, e.birth_year) for e in entries} == {
        (hash_identifier("3012345670"), 1985),
        (hash_identifier("КН123456"), None),
    }
    assert not entries.filter(identifier_hash__contains="3012345670").exists()

    second = upload("\ufeffidentifier;birth_year\n123456789;2000\n")  # BOM and ";" from Excel
    assert second.rows == 1
    assert list(RegisterEntry.objects.values_list("identifier_hash", flat=True)) == [
        hash_identifier("123456789")
    ]
    assert AuditEntry.objects.filter(action="register.upload").count() == 2


def test_upload_single_column_without_birth_year(upload: Upload) -> None:
    assert (
        upload("identifier\n100000001\n100000002\n\n").rows == 2
    )  # trailing blank lines are ignored


BAD_FILES = [
    ("", ["Файл порожній."]),
    (
        "id,birth_year\n123456789,1990\n",
        [
            "Рядок 1: немає стовпця «identifier». Перший рядок має містити назви стовпців: "
            "identifier (обов'язковий), birth_year і settlement (необов'язкові)."
        ],
    ),
    ("identifier,birth_year\n123456789,1990\n,1991\n", ["Рядок 3: порожній identifier."]),
    (
        "identifier,birth_year\n123456781,199O\n123456782,1800\n",
        [
            "Рядок 2: рік народження «199O» має бути числом від 1900 до 2026.",
            "Рядок 3: рік народження «1800» має бути числом від 1900 до 2026.",
        ],
    ),
    ("identifier\n123 456 789\n123456788\n123456789\n", ["Рядок 4: identifier повторює рядок 2."]),
    ("identifier\n", ["У файлі немає жодного рядка з даними, лише заголовок."]),
]


@time_machine.travel("2026-03-01 12:00 +0200", tick=False)
@pytest.mark.parametrize(("text", "errors"), BAD_FILES)
def test_bad_file_is_rejected_with_line_numbers_and_changes_nothing(
    personas: Personas, upload: Upload, text: str, errors: list[str]
) -> None:
    upload("identifier\nКН000001\n")
    with pytest.raises(RegisterFileInvalid) as exc:
        upload(text)
    assert exc.value.errors == errors
    assert list(RegisterEntry.objects.values_list("identifier_hash", flat=True)) == [
        hash_identifier("КН000001")
    ]
    assert RegisterUpload.objects.count() == 1


def test_not_utf8_is_rejected_with_line(personas: Personas) -> None:
    content = "identifier\n123456789\nПетренко\n".encode("cp1251")
    with pytest.raises(RegisterFileInvalid) as exc:
        actions.upload_register(
            personas.admin, personas.community, filename="r.csv", content=content
        )
    assert exc.value.errors == [
        "Рядок 3: файл не в кодуванні UTF-8. Збережіть таблицю як «CSV UTF-8 (розділювач — "
        "кома)» і завантажте знову."
    ]
    assert not RegisterEntry.objects.exists()


def test_too_large_is_rejected(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(register_csv, "MAX_BYTES", 1024 * 1024)
    content = b"identifier\n" + b"3012345670\n" * 100_000
    with pytest.raises(RegisterFileInvalid) as exc:
        actions.upload_register(
            personas.admin, personas.community, filename="r.csv", content=content
        )
    assert exc.value.errors == ["Файл завеликий: 1.0 МБ, найбільше можна 1 МБ."]
    assert not RegisterEntry.objects.exists()


def test_upload_page_shows_every_error(client: Client, personas: Personas, upload: Upload) -> None:
    upload("identifier\nКН000001\n")
    client.force_login(personas.admin)
    url = reverse("accounts:register_upload", args=[personas.community.slug])
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("r.csv", b"identifier;birth_year\n;1990\n123456787;abc\n", "text/csv")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Рядок 2: порожній identifier." in page
    assert "Рядок 3: рік народження «abc»" in page
    assert 'aria-invalid="true"' in page
    assert RegisterEntry.objects.count() == 1

    good = SimpleUploadedFile("r.csv", b"identifier\n100000001\n100000002\n100000003\n", "text/csv")
    response = client.post(url, {"file": good}, follow=True)
    page = response.content.decode()
    assert "Підтвердьте зміни реєстру" in page
    assert RegisterEntry.objects.count() == 1, "nothing changes before the confirmation"
    staged = RegisterUpload.objects.get(status="staged")
    assert (staged.added, staged.removed, staged.unchanged) == (3, 1, 0)
    confirm = reverse("accounts:register_confirm", args=[personas.community.slug, staged.pk])
    response = client.post(confirm, {"confirm": "1"}, follow=True)
    assert "Реєстр оновлено: 3 записи." in response.content.decode()
    assert RegisterEntry.objects.count() == 3


def test_resident_matching_register_is_verified_and_birth_year_overridden(
    personas: Personas, upload: Upload
) -> None:
    upload("identifier,birth_year\n3012345670,1970\n")
    person = personas.newcomer
    verification = actions.verify_by_register(person, personas.community, " 30123-45670 ")
    assert verification.method == Verification.Method.REGISTER
    person.refresh_from_db()
    assert (person.birth_year, person.birth_year_verified) == (1970, True)
    assert AuditEntry.objects.filter(action="verification.register", actor=person).exists()


def test_register_row_without_year_keeps_declared_year(personas: Personas, upload: Upload) -> None:
    upload("identifier,birth_year\n3012345670,\n")
    actions.verify_by_register(personas.newcomer, personas.community, "3012345670")
    personas.newcomer.refresh_from_db()
    assert (personas.newcomer.birth_year, personas.newcomer.birth_year_verified) == (1990, False)


def test_mismatch_is_explained_and_rate_limited(personas: Personas, upload: Upload) -> None:
    upload("identifier\n3012345670\n")
    person, community = personas.newcomer, personas.community
    with time_machine.travel("2026-03-01 12:00 +0200", tick=False):
        for left in (4, 3, 2, 1, 0):
            with pytest.raises(ActionRefused) as exc:
                actions.verify_by_register(person, community, "1111111111")
            assert f"залишилось спроб: {left}" in exc.value.message
        with pytest.raises(ActionRefused) as exc:
            actions.verify_by_register(person, community, "3012345670")  # right, but too late
        assert exc.value.message.startswith("Забагато невдалих спроб.")
    assert not Verification.objects.filter(user=person).exists()
    with time_machine.travel("2026-03-01 13:01 +0200", tick=False):
        actions.verify_by_register(person, community, "3012345670")
    assert Verification.objects.filter(user=person, community=community).exists()


def test_register_identifier_already_used_by_another_account(
    personas: Personas, upload: Upload
) -> None:
    upload("identifier\n3012345670\n")
    actions.verify_by_register(personas.newcomer, personas.community, "3012345670")
    twin = personas.outsider_resident
    with pytest.raises(ActionRefused) as exc:
        actions.verify_by_register(twin, personas.community, "3012345670")
    assert "вже підтверджено в громаді «Вишнева громада» з іншим обліковим записом" in str(
        exc.value
    )
    assert "зверніться до ЦНАП" in str(exc.value)
    assert not Verification.objects.filter(user=twin, community=personas.community).exists()


def test_profile_register_form_shows_error_at_the_field(
    client: Client, personas: Personas, upload: Upload
) -> None:
    upload("identifier\n3012345670\n")
    client.force_login(personas.newcomer)
    response = client.post(reverse("accounts:verify_register"), {"identifier": "0000"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Цього номера немає в реєстрі громади «Вишнева громада»" in page
    assert 'aria-describedby="id_identifier_error"' in page
    response = client.post(reverse("accounts:verify_register"), {"identifier": "3012345670"})
    assert response.status_code == 302
    assert Verification.objects.filter(user=personas.newcomer).count() == 1
