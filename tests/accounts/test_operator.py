"""In-person verification by a ЦНАП operator."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts import actions
from hromada.accounts.models import Verification
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier
from hromada.core.models import AuditEntry
from tests.conftest import Personas


def test_operator_verifies_person_found_by_email(personas: Personas) -> None:
    verification = actions.verify_in_person(
        personas.operator,
        personas.community,
        email="NEWCOMER@example.org",
        identifier="АБ 123456",
        birth_year=2001,
    )
    assert verification.user == personas.newcomer
    assert verification.method == Verification.Method.OPERATOR
    assert verification.verified_by == personas.operator
    assert verification.identifier_hash == hash_identifier("аб123456")
    personas.newcomer.refresh_from_db()
    assert (personas.newcomer.birth_year, personas.newcomer.birth_year_verified) == (2001, True)
    entry = AuditEntry.objects.get(action="verification.operator")
    assert entry.actor == personas.operator
    assert "АБ" not in str(entry.details)


def test_unknown_email_is_explained(personas: Personas) -> None:
    with pytest.raises(ActionRefused) as exc:
        actions.verify_in_person(
            personas.operator,
            personas.community,
            email="nobody@example.org",
            identifier="1",
            birth_year=1990,
        )
    assert exc.value.field == "email"
    assert "Попросіть особу спершу зареєструватися" in exc.value.message


def test_operator_cannot_verify_own_account(personas: Personas) -> None:
    with pytest.raises(ActionRefused):
        actions.verify_in_person(
            personas.operator,
            personas.community,
            email=personas.operator.email,
            identifier="1",
            birth_year=1990,
        )
    assert not Verification.objects.filter(user=personas.operator).exists()


def test_same_person_cannot_verify_a_second_account(personas: Personas) -> None:
    actions.verify_in_person(
        personas.operator,
        personas.community,
        email=personas.newcomer.email,
        identifier="3012345678",
        birth_year=1990,
    )
    with pytest.raises(ActionRefused) as exc:
        actions.verify_in_person(
            personas.operator,
            personas.community,
            email=personas.outsider_resident.email,
            identifier="3012345678",
            birth_year=1990,
        )
    assert "Одна людина може мати лише один підтверджений запис" in exc.value.message
    assert not Verification.objects.filter(
        user=personas.outsider_resident, community=personas.community
    ).exists()
    personas.outsider_resident.refresh_from_db()
    assert personas.outsider_resident.birth_year_verified is False  # no partial write


def test_already_verified_account_is_refused(personas: Personas) -> None:
    with pytest.raises(ActionRefused) as exc:
        actions.verify_in_person(
            personas.operator,
            personas.community,
            email=personas.resident.email,
            identifier="9999",
            birth_year=1990,
        )
    assert "уже підтверджено для громади «Вишнева громада»" in exc.value.message


def test_operator_page_flow(client: Client, personas: Personas) -> None:
    client.force_login(personas.operator)
    url = reverse("accounts:verify_in_person", args=[personas.community.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"email": "nobody@example.org", "identifier": "1", "birth_year": "1990"}
    )
    assert response.status_code == 400
    assert 'aria-describedby="id_email_error"' in response.content.decode()
    response = client.post(
        url,
        {"email": personas.newcomer.email, "identifier": "1", "birth_year": "1990"},
        follow=True,
    )
    assert "Особу newcomer@example.org підтверджено" in response.content.decode()
    assert Verification.objects.filter(user=personas.newcomer).exists()
