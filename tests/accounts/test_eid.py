"""eID identification through the local simulator, end to end through the test client.

eID proves who a person is; residency comes only from the community's register (matched on
the same identifier), an operator, or a basis the staff confirm (see test_residence)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from hromada.accounts import actions_identity
from hromada.accounts.eid.base import EidClaims, EidError
from hromada.accounts.eid.registry import get_adapter
from hromada.accounts.eid.simulator import SimulatorAdapter, issue_code
from hromada.accounts.models import User, Verification
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier
from hromada.core.models import AuditEntry
from tests.accounts.test_register import Upload
from tests.conftest import Personas

IDENTITY = {
    "full_name": "Олена Петренко",
    "identifier": "3012345670",
    "birth_year": "1984",
    "provider": "diia",
}


def _start(client: Client) -> str:
    """Press the eID button; follow to the simulator; return its URL."""
    response = client.post(reverse("accounts:eid_start"))
    assert response.status_code == 302
    return response["Location"]


def _authorize(client: Client, authorize_url: str, identity: dict[str, str]) -> str:
    page = client.get(authorize_url)
    assert page.status_code == 200
    assert "Симулятор державного eID" in page.content.decode()
    query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
    response = client.post(authorize_url, {**query, **identity})
    assert response.status_code == 302
    return response["Location"]


def test_eid_identifies_but_does_not_make_a_resident(client: Client, personas: Personas) -> None:
    """The attack: pick a community, invent a tax number in eID, become its resident."""
    client.force_login(personas.newcomer)
    callback = _authorize(client, _start(client), IDENTITY)
    assert callback.startswith("http://testserver/me/verify/eid/callback/?code=")
    response = client.get(callback, follow=True)
    page = response.content.decode()
    assert "Особу засвідчено." in page
    assert "Подати заяву" in page  # the next step: a residence basis for staff to confirm
    assert not Verification.objects.filter(user=personas.newcomer).exists()
    user = User.objects.get(pk=personas.newcomer.pk)
    assert user.identity_hash == hash_identifier("3012345670")
    assert (user.identity_provider, user.full_name, user.birth_year) == (
        "simulator:diia",
        "Олена Петренко",
        1984,
    )
    assert user.birth_year_verified
    assert AuditEntry.objects.filter(action="identity.eid", actor=user).count() == 1


def test_eid_identity_in_the_register_makes_a_resident(
    client: Client, personas: Personas, upload: Upload
) -> None:
    upload("identifier,birth_year\n3012345670,1980\n")
    client.force_login(personas.newcomer)
    response = client.get(_authorize(client, _start(client), IDENTITY), follow=True)
    assert "вас знайдено в реєстрі громади «Вишнева громада»" in response.content.decode()
    verification = Verification.objects.get(user=personas.newcomer)
    assert (verification.method, verification.provider) == ("register", "simulator:diia")
    user = User.objects.get(pk=personas.newcomer.pk)
    assert user.birth_year == 1984  # the gateway's year outranks the register's


def test_callback_with_wrong_state_is_refused(client: Client, personas: Personas) -> None:
    client.force_login(personas.newcomer)
    callback = _authorize(client, _start(client), IDENTITY)
    forged = callback.replace("state=", "state=x")
    response = client.get(forged, follow=True)
    assert "Сеанс підтвердження недійсний або застарів" in response.content.decode()
    assert User.objects.get(pk=personas.newcomer.pk).identity_hash == ""
    # the state was single-use: the genuine callback afterwards is refused as well
    client.get(callback)
    assert User.objects.get(pk=personas.newcomer.pk).identity_hash == ""


def test_callback_without_started_flow_is_refused(client: Client, personas: Personas) -> None:
    """A callback planted by someone else (login CSRF) finds no state in this session."""
    redirect_uri = "http://testserver" + reverse("accounts:eid_callback")
    code = issue_code(EidClaims("3012345670", "Зловмисник", "simulator"), redirect_uri)
    client.force_login(personas.newcomer)
    client.get(f"{redirect_uri}?code={code}&state=anything")
    assert User.objects.get(pk=personas.newcomer.pk).identity_hash == ""


def test_code_is_single_use(personas: Personas) -> None:
    adapter = SimulatorAdapter()
    claims = EidClaims("3012345670", "Олена", "simulator", birth_year=1984)
    code = issue_code(claims, "http://testserver/cb")
    with pytest.raises(EidError):
        adapter.exchange(code, "http://testserver/other")  # redirect_uri must match
    code = issue_code(claims, "http://testserver/cb")
    assert adapter.exchange(code, "http://testserver/cb") == claims
    with pytest.raises(EidError) as exc:
        adapter.exchange(code, "http://testserver/cb")
    assert "уже використаний" in exc.value.message


def test_reused_code_through_the_client(client: Client, personas: Personas) -> None:
    client.force_login(personas.newcomer)
    callback = _authorize(client, _start(client), IDENTITY)
    client.get(callback)
    assert User.objects.get(pk=personas.newcomer.pk).identity_hash
    other = Client()
    other.force_login(personas.outsider_resident)
    other.get(reverse("accounts:profile"))
    _start_other = other.post(reverse("accounts:eid_start"))
    state = parse_qs(urlsplit(_start_other["Location"]).query)["state"][0]
    code = parse_qs(urlsplit(callback).query)["code"][0]
    response = other.get(
        reverse("accounts:eid_callback"), {"code": code, "state": state}, follow=True
    )
    assert "уже використаний" in response.content.decode()
    assert User.objects.get(pk=personas.outsider_resident.pk).identity_hash == ""


def test_same_identity_on_second_account_is_refused(client: Client, personas: Personas) -> None:
    actions_identity.record_eid_identity(
        personas.newcomer, EidClaims("3012345670", "Олена", "simulator")
    )
    twin = personas.outsider_admin
    client.force_login(twin)
    response = client.get(_authorize(client, _start(client), IDENTITY), follow=True)
    assert "Одна людина може мати лише один засвідчений запис" in response.content.decode()
    twin.refresh_from_db()
    assert twin.identity_hash == ""
    assert twin.full_name != "Олена Петренко"  # no partial write from the claims


def test_account_cannot_switch_to_another_identity(personas: Personas) -> None:
    actions_identity.record_eid_identity(
        personas.newcomer, EidClaims("3012345670", "Олена", "simulator")
    )
    with pytest.raises(ActionRefused, match="іншу особу"):
        actions_identity.record_eid_identity(
            personas.newcomer, EidClaims("3099999999", "Інша", "simulator")
        )


def test_simulator_refuses_foreign_redirect(client: Client, personas: Personas) -> None:
    url = reverse("accounts:eid_simulator_authorize")
    response = client.get(url, {"state": "s", "redirect_uri": "https://evil.example/cb"})
    assert response.status_code == 400


@override_settings(EID_ADAPTER="hromada.accounts.eid.simulator.SimulatorAdapter")
def test_registry_accepts_dotted_path(db: None) -> None:
    assert isinstance(get_adapter(), SimulatorAdapter)


@override_settings(EID_SIMULATOR=False)
def test_simulator_pages_refuse_when_switched_off(client: Client, personas: Personas) -> None:
    """Even where the URL is still mounted (this process started with it on)."""
    assert get_adapter() is None
    assert client.get(reverse("accounts:eid_simulator_authorize")).status_code == 404
    client.force_login(personas.newcomer)
    assert client.post(reverse("accounts:eid_start")).status_code == 404


def test_code_and_state_are_short_lived(client: Client, personas: Personas) -> None:
    adapter = SimulatorAdapter()
    claims = EidClaims("3012345670", "Олена", "simulator", birth_date=date(1984, 5, 1))
    assert claims.year_of_birth == 1984
    with time_machine.travel("2026-03-01 12:00 +0200", tick=False) as clock:
        code = issue_code(claims, "http://testserver/cb")
        clock.shift(301)
        with pytest.raises(EidError):
            adapter.exchange(code, "http://testserver/cb")

        client.force_login(personas.newcomer)
        callback = _authorize(client, _start(client), IDENTITY)
        clock.shift(601)  # the person left the gateway tab open too long
        response = client.get(callback, follow=True)
    assert "Сеанс підтвердження недійсний або застарів" in response.content.decode()
    assert User.objects.get(pk=personas.newcomer.pk).identity_hash == ""
