"""Residence bases: declared, confirmed by register, operator or a checked document that is then
deleted, keeping only what was confirmed, by whom and when."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hromada.accounts import actions, actions_identity
from hromada.accounts.bases import ConfirmedBasis, confirmed_bases
from hromada.accounts.eid.base import EidClaims
from hromada.accounts.models import ResidenceClaim, User, Verification
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.accounts.test_register import Upload
from tests.conftest import Personas
from tests.factories import SettlementFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_media(settings: object, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def _identified(user: User) -> User:
    actions_identity.record_eid_identity(user, EidClaims("3012345670", "Олена Петренко", "diia"))
    return User.objects.get(pk=user.pk)


def _scan(content: bytes = PDF, name: str = "dovidka.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_uploaded_document_is_seen_by_staff_then_deleted(
    client: Client, personas: Personas
) -> None:
    village = SettlementFactory.create(community=personas.community, name="Черешневе")
    person = _identified(personas.newcomer)
    client.force_login(person)
    client.post(
        reverse("accounts:declare_residence"),
        {
            "basis": "idp",
            "settlement": village.pk,
            "details": "довідка №0000-1",
            "document": _scan(),
        },
    )
    claim = ResidenceClaim.objects.get(user=person)
    path = Path(claim.document.path)
    assert path.read_bytes() == PDF and claim.settlement == village

    document = reverse("accounts:residence_document", args=[personas.community.slug, claim.pk])
    assert client.get(document).status_code == 404  # not even its own author reads it back
    staff = Client()
    staff.force_login(personas.operator)
    queue = staff.get(reverse("accounts:residence_queue", args=[personas.community.slug]))
    assert document in queue.content.decode() and "Черешневе" in queue.content.decode()
    response = staff.get(document)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Cache-Control"] == "private, no-store"

    staff.post(
        reverse("accounts:residence_decide", args=[personas.community.slug, claim.pk]),
        {"decision": "confirm"},
    )
    claim.refresh_from_db()
    assert not path.exists() and not claim.document
    assert claim.evidence == ResidenceClaim.Evidence.DOCUMENT
    assert (claim.status, claim.decided_by) == ("confirmed", personas.operator)
    assert claim.document_deleted_at == claim.decided_at
    assert staff.get(document).status_code == 404
    verification = Verification.objects.get(user=person)
    assert (verification.basis, verification.settlement) == ("idp", village)
    assert confirmed_bases(person, personas.community) == [ConfirmedBasis("idp", village.pk)]
    audit = AuditEntry.objects.get(action="residence.confirm")
    assert audit.details.get("evidence") == "document"


def test_a_refused_claims_document_is_deleted_too(personas: Personas) -> None:
    person = _identified(personas.newcomer)
    claim = actions_identity.declare_residence(
        person, personas.community, basis="work", document=_scan()
    )
    path = Path(claim.document.path)
    actions_identity.refuse_residence(
        personas.operator, personas.community, claim.pk, "Довідка нечитабельна"
    )
    claim.refresh_from_db()
    assert not path.exists() and claim.document_deleted_at is not None
    assert confirmed_bases(person, personas.community) == []


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 not a document", b"<html><script>alert(1)</script>", b"\x00" * 100]
)
def test_only_pdf_or_pictures_are_taken_as_documents(personas: Personas, content: bytes) -> None:
    person = _identified(personas.newcomer)
    with pytest.raises(ActionRefused, match="PDF, JPEG або PNG"):
        actions_identity.declare_residence(
            person, personas.community, basis="idp", document=_scan(content, "x.pdf")
        )
    assert not ResidenceClaim.objects.exists()


def test_settlement_of_another_community_is_refused(personas: Personas) -> None:
    elsewhere = SettlementFactory.create(community=personas.other, name="Далеке")
    person = _identified(personas.newcomer)
    with pytest.raises(ActionRefused, match="не належить до громади"):
        actions_identity.declare_residence(
            person, personas.community, basis="actual", settlement=elsewhere
        )


def test_an_operator_records_the_basis_and_settlement_they_saw(
    client: Client, personas: Personas
) -> None:
    village = SettlementFactory.create(community=personas.community, name="Грушівка")
    client.force_login(personas.operator)
    url = reverse("accounts:verify_in_person", args=[personas.community.slug])
    form = {
        "email": personas.newcomer.email,
        "identifier": "3012345670",
        "birth_year": "1980",
        "basis": "idp",
        "settlement": village.pk,
    }
    assert client.post(url, form).status_code == 302
    verification = Verification.objects.get(user=personas.newcomer)
    assert (verification.basis, verification.settlement) == ("idp", village)
    assert verification.verified_by == personas.operator


def test_a_verified_person_declares_a_further_basis_once(personas: Personas) -> None:
    resident = personas.resident  # verified on registered residence
    assert [b.basis for b in confirmed_bases(resident, personas.community)] == ["registered"]
    with pytest.raises(ActionRefused, match="вже підтверджено"):
        actions_identity.declare_residence(resident, personas.community, basis="registered")
    claim = actions_identity.declare_residence(resident, personas.community, basis="study")
    actions_identity.confirm_residence(personas.operator, personas.community, claim.pk)
    assert Verification.objects.filter(user=resident).count() == 1  # still one person, one row
    bases = {b.basis for b in confirmed_bases(resident, personas.community)}
    assert bases == {"registered", "study"}
    claim.refresh_from_db()
    assert claim.evidence == ResidenceClaim.Evidence.IN_PERSON


def test_the_profile_lists_confirmed_bases(client: Client, personas: Personas) -> None:
    claim = actions_identity.declare_residence(
        personas.resident, personas.community, basis="property"
    )
    actions_identity.confirm_residence(personas.operator, personas.community, claim.pk)
    client.force_login(personas.resident)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Мої підстави участі" in page
    assert "нерухомість у громаді" in page and "зареєстроване місце проживання" in page
    assert "Заявити ще одну підставу" in page


def test_register_match_confirms_registered_residence(personas: Personas, upload: Upload) -> None:
    upload("identifier\n3055555556\n")
    verification = actions.verify_by_register(personas.newcomer, personas.community, "3055555556")
    assert verification.basis == "registered" and verification.settlement is None
