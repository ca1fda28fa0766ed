"""Who may upload a register and verify in person: personas × actions, on pages and actions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hromada.accounts import actions
from hromada.accounts.models import RegisterEntry, RegisterUpload, Verification
from hromada.core.errors import ActionRefused
from tests.conftest import PERSONA_NAMES, Personas

PERSONAS = PERSONA_NAMES
MAY_UPLOAD = {"admin"}
MAY_VERIFY = {"operator", "admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_upload_register_matrix(client: Client, personas: Personas, persona: str) -> None:
    user = getattr(personas, persona)
    allowed = persona in MAY_UPLOAD
    assert user.has_perm("communities.upload_register", personas.community) is allowed
    url = reverse("accounts:register_upload", args=[personas.community.slug])
    client.force_login(user)
    assert client.get(url).status_code == (200 if allowed else 404)
    file = SimpleUploadedFile("r.csv", b"identifier\n123456789\n", "text/csv")
    assert client.post(url, {"file": file}).status_code == (302 if allowed else 404)
    if not allowed:
        with pytest.raises(ActionRefused):
            actions.upload_register(
                user, personas.community, filename="r.csv", content=b"identifier\n123456789\n"
            )
    assert RegisterUpload.objects.exists() is allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_verify_in_person_matrix(client: Client, personas: Personas, persona: str) -> None:
    user = getattr(personas, persona)
    allowed = persona in MAY_VERIFY
    assert user.has_perm("communities.verify_in_person", personas.community) is allowed
    url = reverse("accounts:verify_in_person", args=[personas.community.slug])
    client.force_login(user)
    assert client.get(url).status_code == (200 if allowed else 404)
    form = {"email": personas.newcomer.email, "identifier": "777", "birth_year": "1990"}
    if persona == "newcomer":
        form["email"] = personas.reviewer.email  # nobody verifies themselves
    assert client.post(url, form).status_code == (302 if allowed else 404)
    if not allowed:
        with pytest.raises(ActionRefused):
            actions.verify_in_person(
                user,
                personas.community,
                email=form["email"],
                identifier=form["identifier"],
                birth_year=1990,
            )
    assert (
        Verification.objects.filter(identifier_hash__isnull=False, method="operator")
        .exclude(user__in=[personas.resident, personas.outsider_resident])
        .exists()
        is allowed
    )


def test_staff_pages_of_another_community_are_404_and_change_nothing(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.outsider_admin)
    slug = personas.community.slug
    file = SimpleUploadedFile("r.csv", b"identifier\n123456789\n", "text/csv")
    assert (
        client.post(reverse("accounts:register_upload", args=[slug]), {"file": file}).status_code
        == 404
    )
    response = client.post(
        reverse("accounts:verify_in_person", args=[slug]),
        {"email": personas.newcomer.email, "identifier": "1", "birth_year": "1990"},
    )
    assert response.status_code == 404
    assert not RegisterEntry.objects.exists()
    assert not Verification.objects.filter(user=personas.newcomer).exists()
    # and the outsider's own community still works
    own = reverse("accounts:register_upload", args=[personas.other.slug])
    assert client.get(own).status_code == 200


def test_unknown_community_is_404_and_anonymous_is_sent_to_login(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.admin)
    assert client.get(reverse("accounts:register_upload", args=["nowhere"])).status_code == 404
    client.logout()
    response = client.get(reverse("accounts:verify_in_person", args=[personas.community.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
