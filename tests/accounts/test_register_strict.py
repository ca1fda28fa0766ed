"""The register file read strictly (quoting, line endings, cell size, identifier shapes, years)
and staged: nothing changes until the admin has seen what the file would change."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.accounts import actions
from hromada.accounts.models import RegisterEntry, RegisterUpload
from hromada.accounts.register_csv import RegisterFileInvalid, parse_register
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import (
    hash_identifier,
    identifier_problem,
    rnokpp_check_digit,
    rnokpp_with_check_digit,
)
from hromada.core.models import AuditEntry
from tests.accounts.test_register import Upload
from tests.conftest import Personas


def errors_of(content: bytes) -> list[str]:
    with pytest.raises(RegisterFileInvalid) as exc:
        parse_register(content)
    return exc.value.errors


@time_machine.travel("2026-03-01 12:00 +0200", tick=False)
@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            b'identifier,birth_year\n3012345670,1990\n"123456789,1991\n987654321,1992\n',
            "Рядок 3: лапки відкрито, але не закрито.",
        ),
        (b'identifier\n"123"456789\n', "Рядок 2: рядок CSV пошкоджено"),
        (b"identifier\n" + b"1" * 131_073 + b"\n", "Рядок 2: клітинка завелика"),
        (b"identifier\n" + b"1" * 5000 + b"\n", "Рядок 2: клітинка довша за 1000 символів."),
        ("identifier,birth_year\n3012345670,²\n".encode(), "Рядок 2: рік народження «²»"),
        ("identifier,birth_year\n3012345670,١٩٩٠\n".encode(), "Рядок 2: рік народження"),
        (b"identifier\n3012345678\n", "Рядок 2: РНОКПП «3012345678» з помилкою"),
        (b"identifier\n12345\n", "Рядок 2: «12345» не схоже на РНОКПП"),
        (b"identifier\nKH123456\n", "Рядок 2: Серія паспорта «KH» містить латинські"),
        (b"identifier\n3012\x00345670\n", "Рядок 2: «3012\\0345670» не схоже"),
    ],
    ids=[
        "unterminated-quote", "stray-quote", "csv-limit-cell", "long-cell", "superscript-year",
        "arabic-year", "rnokpp-check", "short", "latin-series", "nul",
    ],
)  # fmt: skip
def test_malformed_files_are_refused_with_their_line(content: bytes, error: str) -> None:
    errors = errors_of(content)
    assert len(errors) == 1 and errors[0].startswith(error), errors


def test_old_mac_and_windows_line_endings() -> None:
    assert len(parse_register(b"identifier,birth_year\r3012345670,1990\r123456789,\r").rows) == 2
    assert len(parse_register(b"identifier\r\n3012345670\r\n\r\n").rows) == 1
    assert errors_of(b"identifier\r3012345670\r12\r") == [
        "Рядок 3: «12» не схоже на РНОКПП (10 цифр), номер ID-картки (9 цифр) чи паспорта "
        "(2 літери й 6 цифр, як КН123456)."
    ]


def test_rnokpp_check_digit_follows_the_official_weights() -> None:
    # -1·3 + 5·0 + 7·1 + 9·2 + 4·3 + 6·4 + 10·5 + 5·6 + 7·7 = 187; 187 mod 11 = 0; 0 mod 10 = 0
    assert rnokpp_check_digit("301234567") == 0
    assert identifier_problem("3012345670") is None
    for wrong in "123456789":
        assert identifier_problem("301234567" + wrong) is not None
    assert identifier_problem("кн 123456") is None and identifier_problem("123-456-789") is None


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_nine_digits_have_exactly_one_check_digit(first_nine: str) -> None:
    valid = [d for d in "0123456789" if identifier_problem(first_nine + d) is None]
    assert valid == [rnokpp_with_check_digit(first_nine)[-1]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.text(alphabet='0123456789,;"\r\n\x00²КН ', max_size=30),
        ),
        max_size=8,
    )
)
def test_any_file_is_parsed_or_refused_with_messages(lines: list[str]) -> None:
    content = ("identifier,birth_year\n" + "\n".join(lines)).encode()
    try:
        parsed = parse_register(content)
    except RegisterFileInvalid as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
    else:
        assert all(len(digest) == 64 for digest, _year, _place in parsed.rows)


def test_upload_is_staged_then_confirmed_in_one_step(personas: Personas, upload: Upload) -> None:
    upload("identifier,birth_year\n3012345670,1980\n123456789,\nКН000001,1990\n")
    admin, community = personas.admin, personas.community
    staged = actions.upload_register(
        admin,
        community,
        filename="new.csv",
        content="identifier,birth_year\n3012345670,1980\n123456789,1999\nКН000002,\n".encode(),
    )
    assert staged.status == RegisterUpload.Status.STAGED
    assert (staged.added, staged.removed, staged.changed, staged.unchanged) == (1, 1, 1, 1)
    assert RegisterEntry.objects.filter(identifier_hash=hash_identifier("КН000001")).exists()
    actions.confirm_register_upload(admin, community, staged.pk)
    assert set(RegisterEntry.objects.values_list("identifier_hash", flat=True)) == {
        hash_identifier(i) for i in ("3012345670", "123456789", "КН000002")
    }
    assert AuditEntry.objects.filter(action="register.upload").latest("id").details["added"] == 1
    with pytest.raises(ActionRefused, match="уже застосовано"):
        actions.confirm_register_upload(admin, community, staged.pk)


def stage(personas: Personas, content: bytes) -> RegisterUpload:
    return actions.upload_register(
        personas.admin, personas.community, filename="r.csv", content=content
    )


def test_discard_and_stale_staging_change_nothing(personas: Personas, upload: Upload) -> None:
    upload("identifier\n3012345670\n")
    admin, community = personas.admin, personas.community
    first = actions.upload_register(
        admin, community, filename="a.csv", content=b"identifier\n123456789\n"
    )
    actions.discard_register_upload(admin, community, first.pk)
    assert RegisterUpload.objects.get(pk=first.pk).staged_rows == []
    late = actions.upload_register(
        admin, community, filename="b.csv", content=b"identifier\n123456788\n"
    )
    newer = actions.upload_register(
        admin, community, filename="c.csv", content=b"identifier\n123456787\n"
    )
    assert RegisterUpload.objects.get(pk=late.pk).status == RegisterUpload.Status.DISCARDED
    actions.confirm_register_upload(admin, community, newer.pk)
    with pytest.raises(ActionRefused):
        actions.confirm_register_upload(admin, community, late.pk)
    with pytest.raises(ActionRefused):
        actions.confirm_register_upload(personas.outsider_admin, community, newer.pk)
    assert list(RegisterEntry.objects.values_list("identifier_hash", flat=True)) == [
        hash_identifier("123456787")
    ]


def test_confirmation_page_shows_the_counts(
    client: Client, personas: Personas, upload: Upload
) -> None:
    upload("identifier\n3012345670\n123456789\n")
    client.force_login(personas.admin)
    url = reverse("accounts:register_upload", args=[personas.community.slug])
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("r.csv", b"identifier\n3012345670\n111111111\n222222222\n")
    response = client.post(url, {"file": file}, follow=True)
    page = response.content.decode()
    assert "Додано</th><td>2" in page and "Вилучено</th><td>1" in page
    assert "Без змін</th><td>1" in page
    staged = RegisterUpload.objects.get(status="staged")
    confirm = reverse("accounts:register_confirm", args=[personas.community.slug, staged.pk])
    client.post(confirm, {"discard": "1"})
    assert RegisterEntry.objects.count() == 2
    client.force_login(personas.outsider_admin)
    assert client.get(confirm).status_code == 404
