"""Residence claims: eID says who someone is; the community's staff confirm where they live."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts import actions, actions_identity
from hromada.accounts.eid.base import EidClaims
from hromada.accounts.models import ResidenceClaim, User, Verification
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.accounts.test_register import Upload
from tests.conftest import Personas


def _identified(user: User, identifier: str = "3012345670") -> User:
    actions_identity.record_eid_identity(user, EidClaims(identifier, "Олена Петренко", "diia"))
    return User.objects.get(pk=user.pk)


def _declare(client: Client, basis: str = "work", details: str = "Лікарня №1") -> None:
    client.post(reverse("accounts:declare_residence"), {"basis": basis, "details": details})


def test_declaring_needs_an_identity(client: Client, personas: Personas) -> None:
    client.force_login(personas.newcomer)
    _declare(client)
    assert not ResidenceClaim.objects.exists()
    with pytest.raises(ActionRefused, match="Спершу засвідчіть особу"):
        actions_identity.declare_residence(personas.newcomer, personas.community, basis="work")


def test_operator_confirms_a_declared_basis(client: Client, personas: Personas) -> None:
    person = _identified(personas.newcomer)
    client.force_login(person)
    _declare(client)
    claim = ResidenceClaim.objects.get(user=person)
    assert claim.status == "pending"
    assert not Verification.objects.filter(user=person).exists()
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "розглядає працівник громади" in page

    staff = Client()
    staff.force_login(personas.operator)
    queue = reverse("accounts:residence_queue", args=[personas.community.slug])
    assert "Лікарня №1" in staff.get(queue).content.decode()
    decide = reverse("accounts:residence_decide", args=[personas.community.slug, claim.pk])
    staff.post(decide, {"decision": "confirm"})
    verification = Verification.objects.get(user=person, community=personas.community)
    assert (verification.method, verification.verified_by) == ("basis", personas.operator)
    assert verification.identifier_hash == person.identity_hash
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == ("confirmed", personas.operator)
    assert list(
        AuditEntry.objects.filter(action__startswith="residence.").values_list("action", flat=True)
    ) == ["residence.confirm", "residence.declare"]


def test_refusal_needs_a_reason_the_person_then_reads(client: Client, personas: Personas) -> None:
    person = _identified(personas.newcomer)
    claim = actions_identity.declare_residence(person, personas.community, basis="property")
    with pytest.raises(ActionRefused, match="Вкажіть причину"):
        actions_identity.refuse_residence(personas.admin, personas.community, claim.pk, "  ")
    actions_identity.refuse_residence(
        personas.admin, personas.community, claim.pk, "Договір оренди не надано"
    )
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Попередню заяву відхилено: Договір оренди не надано" in page
    assert not Verification.objects.filter(user=person).exists()
    with pytest.raises(ActionRefused, match="вже розглянуто"):
        actions_identity.confirm_residence(personas.admin, personas.community, claim.pk)


def test_only_this_communitys_staff_decide(client: Client, personas: Personas) -> None:
    person = _identified(personas.newcomer)
    claim = actions_identity.declare_residence(person, personas.community, basis="idp")
    for outsider in (personas.outsider_admin, personas.reviewer, personas.resident):
        with pytest.raises(ActionRefused):
            actions_identity.confirm_residence(outsider, personas.community, claim.pk)
        client.force_login(outsider)
        queue = reverse("accounts:residence_queue", args=[personas.community.slug])
        assert client.get(queue).status_code == 404
    # A claim of this community cannot be decided through another community's address.
    with pytest.raises(ActionRefused, match="вже розглянуто"):
        actions_identity.confirm_residence(personas.outsider_admin, personas.other, claim.pk)
    assert not Verification.objects.filter(user=person).exists()


def test_staff_do_not_confirm_themselves(personas: Personas) -> None:
    operator = _identified(personas.operator)
    claim = actions_identity.declare_residence(operator, personas.community, basis="actual")
    with pytest.raises(ActionRefused, match="Власну заяву"):
        actions_identity.confirm_residence(operator, personas.community, claim.pk)


def test_one_pending_claim_at_a_time(personas: Personas) -> None:
    person = _identified(personas.newcomer)
    actions_identity.declare_residence(person, personas.community, basis="work")
    with pytest.raises(ActionRefused, match="вже розглядають"):
        actions_identity.declare_residence(person, personas.community, basis="study")


def test_listed_in_the_register_needs_no_claim(
    client: Client, personas: Personas, upload: Upload
) -> None:
    person = _identified(personas.newcomer, "3055555556")
    upload("identifier\n3055555556\n")
    client.force_login(person)
    _declare(client)
    assert not ResidenceClaim.objects.exists()
    assert Verification.objects.get(user=person).method == "register"


def test_identified_name_cannot_be_edited(client: Client, personas: Personas) -> None:
    """Staff decide claims by the name eID vouched for; a tampered form must not change it."""
    person = _identified(personas.newcomer)
    client.force_login(person)
    form = {"full_name": "Хтось Інший", "community": personas.community.pk}
    client.post(reverse("accounts:profile"), form)
    assert User.objects.get(pk=person.pk).full_name == "Олена Петренко"
    with pytest.raises(ActionRefused, match="Ім'я засвідчено"):
        actions.update_profile(
            person,
            full_name="Хтось Інший",
            community=personas.community,
            settlement=None,
            birth_year=person.birth_year,
        )


def test_identified_person_cannot_type_someone_elses_number(
    personas: Personas, upload: Upload
) -> None:
    person = _identified(personas.newcomer, "3012345670")
    upload("identifier\n3099999990\n")
    with pytest.raises(ActionRefused, match="не збігається з особою"):
        actions.verify_by_register(person, personas.community, "3099999990")
    assert not Verification.objects.filter(user=person).exists()
