"""The profile page, and allauth's pages wearing our clothes in Ukrainian."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts import actions
from hromada.core.errors import ActionRefused
from tests.conftest import Personas
from tests.factories import SettlementFactory


def test_profile_edit_saves(client: Client, personas: Personas) -> None:
    village = SettlementFactory.create(community=personas.community, name="Вишневе")
    client.force_login(personas.newcomer)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": " Іван Сірко ",
            "community": personas.community.pk,
            "settlement": village.pk,
            "birth_year": "2000",
        },
    )
    assert response.status_code == 302
    personas.newcomer.refresh_from_db()
    assert personas.newcomer.full_name == "Іван Сірко"
    assert personas.newcomer.settlement == village
    assert personas.newcomer.birth_year == 2000


def test_settlement_of_another_community_is_refused(client: Client, personas: Personas) -> None:
    foreign = SettlementFactory.create(community=personas.other, name="Яблунівка")
    client.force_login(personas.newcomer)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Іван", "community": personas.community.pk, "settlement": foreign.pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Населений пункт «Яблунівка» не належить до громади «Вишнева громада»." in page
    assert 'aria-describedby="id_settlement_helptext id_settlement_error"' in page
    personas.newcomer.refresh_from_db()
    assert personas.newcomer.settlement is None


@pytest.mark.parametrize("year", ["1899", "2999", "abc"])
def test_insane_birth_year_is_refused(client: Client, personas: Personas, year: str) -> None:
    client.force_login(personas.newcomer)
    response = client.post(reverse("accounts:profile"), {"birth_year": year})
    assert response.status_code == 400
    personas.newcomer.refresh_from_db()
    assert personas.newcomer.birth_year == 1990


def test_verified_birth_year_cannot_be_edited(personas: Personas) -> None:
    actions.verify_in_person(
        personas.operator,
        personas.community,
        email=personas.newcomer.email,
        identifier="1",
        birth_year=2010,
    )
    personas.newcomer.refresh_from_db()
    with pytest.raises(ActionRefused):
        actions.update_profile(
            personas.newcomer,
            full_name="",
            community=personas.community,
            settlement=None,
            birth_year=1990,
        )


def test_profile_shows_status_and_ways_to_verify(client: Client, personas: Personas) -> None:
    client.force_login(personas.newcomer)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "не підтверджено" in page
    assert "Як підтвердити, що ви житель громади «Вишнева громада»" in page
    assert reverse("accounts:eid_start") in page
    assert reverse("mfa_index") not in page
    client.force_login(personas.resident)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Вишнева громада — особисто в ЦНАП" in page


def test_staff_see_two_factor_advice(client: Client, personas: Personas) -> None:
    client.force_login(personas.reviewer)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("mfa_index") in page
    assert "Увімкніть двофакторну автентифікацію" in page


def test_signup_page_is_ukrainian_and_ours(client: Client, db: None) -> None:
    response = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert '<html lang="uk">' in page
    assert "Зареєструватися" in page  # our catalogue overrides allauth's wording
    assert 'class="field"' in page
    assert 'class="primary"' in page
    response = client.post(reverse("account_signup"), {"email": "x", "password1": "1"})
    page = response.content.decode()
    assert 'aria-describedby="id_email_error"' in page
    assert 'aria-invalid="true"' in page


def test_signup_then_confirmation_email_in_ukrainian(
    client: Client, db: None, mailoutbox: list[Any]
) -> None:
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "Hromada-2026!", "password2": "Hromada-2026!"},
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.org"]
    assert "Підтвердьте" in mailoutbox[0].subject  # our subject, not allauth's


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_allauth_entrance_pages_render_in_our_layout(client: Client, db: None, name: str) -> None:
    page = client.get(reverse(name)).content.decode()
    assert '<html lang="uk">' in page
    assert 'class="site-header"' in page
    assert 'class="primary"' in page


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "mfa_index", "mfa_activate_totp"]
)
def test_allauth_account_pages_render_for_staff(
    client: Client, personas: Personas, name: str
) -> None:
    client.force_login(personas.operator)
    response = client.get(reverse(name), follow=True)  # TOTP setup asks for the password first
    assert response.status_code == 200
    assert '<html lang="uk">' in response.content.decode()
