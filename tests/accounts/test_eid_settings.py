"""The eID simulator lets anyone claim any identity: it exists only where someone chose it."""

from __future__ import annotations

from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import Personas
from tests.production import production_settings, urls_built_with

SIMULATOR_URL = "/me/verify/eid/simulator/authorize/?state=s&redirect_uri=/me/"
BANNER = "Тестовий режим: симулятор eID"


def test_production_offers_no_eid_by_default() -> None:
    out = production_settings(
        "from django.conf import settings as s; print(repr(s.EID_ADAPTER), s.EID_SIMULATOR)"
    )
    assert out.strip().endswith("'' False"), out


def test_without_an_adapter_eid_is_not_offered_nor_the_simulator_mounted(
    client: Client, personas: Personas
) -> None:
    with urls_built_with(EID_SIMULATOR=False, EID_ADAPTER=""):
        assert client.get(SIMULATOR_URL).status_code == 404
        client.force_login(personas.newcomer)
        page = client.get(reverse("accounts:profile")).content.decode()
        assert reverse("accounts:eid_start") not in page
        assert BANNER not in page
        assert client.post(reverse("accounts:eid_start")).status_code == 404
        assert client.get(reverse("accounts:eid_callback")).status_code == 404


def test_simulator_on_shows_a_banner_on_every_page(client: Client, personas: Personas) -> None:
    with urls_built_with(EID_SIMULATOR=True, EID_ADAPTER="simulator"):
        assert BANNER in client.get("/").content.decode()
        assert BANNER in client.get(reverse("account_login")).content.decode()
        assert client.get(SIMULATOR_URL).status_code == 200


@override_settings(EID_SIMULATOR=True, DEBUG=False)
def test_system_check_refuses_the_simulator_in_production() -> None:
    errors = [m for m in run_checks() if m.id == "accounts.E001"]
    assert errors and errors[0].is_serious()


@override_settings(EID_SIMULATOR=True, DEBUG=True)
def test_system_check_allows_the_simulator_in_development() -> None:
    assert not [m for m in run_checks() if m.id == "accounts.E001"]
