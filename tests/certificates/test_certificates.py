"""The certificates app alone: codes, issuing once per source, the verification page for a
genuine, a revoked and an unknown certificate, and the PDF made by its task."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.certificates import actions
from hromada.certificates.models import Certificate, CertificatePdf
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def _issue(personas: Personas, key: str = "academy.course:1") -> Certificate:
    return actions.issue(
        actor=personas.admin, source_key=key, holder_name="Ганна Ївженко",
        title="пройшла курс «Бюджет участі»", issuer_name="Академія громад",
    )  # fmt: skip


def test_codes_are_typed_forgivingly() -> None:
    assert actions.normalise_code("abcd efgh-2345") == "ABCD-EFGH-2345"
    # Anything else matches no code: its ASCII letters and digits only (never a NUL byte).
    assert actions.normalise_code("ABCD-EFGH-234") == "ABCDEFGH234"
    assert actions.normalise_code("١٢٣٤٥٦٧٨٩٠١٢") == ""
    assert actions.normalise_code("AB\x00CD") == "ABCD"
    code = actions.new_code()
    assert len(code) == 14 and set(code.replace("-", "")) <= set(actions.CODE_ALPHABET)


def test_one_certificate_per_source_and_its_pdf(personas: Personas) -> None:
    first = _issue(personas)
    assert _issue(personas).pk == first.pk
    assert CertificatePdf.objects.filter(certificate=first).exists()  # rendered by its task
    response = Client().get(first.pdf_url())
    assert response.content.startswith(b"%PDF") and b"DejaVu" in response.content


def test_the_pdf_waits_for_its_task(personas: Personas, client: Client) -> None:
    certificate = _issue(personas)
    CertificatePdf.objects.all().delete()
    response = client.get(certificate.pdf_url())
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_the_verification_page_tells_genuine_revoked_and_unknown(
    personas: Personas, client: Client, django_assert_max_num_queries: object
) -> None:
    certificate = _issue(personas)
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        genuine = client.get(certificate.get_absolute_url()).content.decode()
    assert "Сертифікат справжній" in genuine and "Ганна Ївженко" in genuine
    actions.revoke(actor=personas.admin, certificate=certificate, reason="видано помилково")
    revoked = client.get(certificate.get_absolute_url())
    assert "Сертифікат відкликано" in revoked.content.decode()
    assert "видано помилково" in revoked.content.decode()
    assert client.get(certificate.pdf_url()).status_code == 404
    for odd in ("ZZZZ-ZZZZ-ZZZZ", "%00", "x" * 300):
        assert client.get(f"/certificates/{odd}/").status_code == 404
    assert client.get("/certificates/?code=" + "\x00" * 5).status_code == 200
