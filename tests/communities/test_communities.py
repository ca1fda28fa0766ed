"""Platform admins set communities up through pages and actions; nobody else can."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.communities import actions
from hromada.communities.geography import OBLAST_CHOICES, OBLAST_NAMES
from hromada.communities.models import Community, Settlement
from hromada.core.collation import sorted_ukrainian
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.conftest import Personas
from tests.factories import platform_admin

pytestmark = pytest.mark.django_db

FIELDS: dict[str, Any] = {
    "name": "Калинова сільська громада",
    "slug": "kalynova",
    "oblast": "Івано-Франківська",
    "kind": "village",
    "size_band": "small",
    "population": 8200,
    "description": "",
}


def test_ukrainian_alphabetical_order_puts_ye_i_yi_in_their_places() -> None:
    labels = [label for _value, label in OBLAST_CHOICES]
    assert len(labels) == 26
    assert labels[0] == "Автономна Республіка Крим"
    # І comes after З and И, not before А as code points would have it.
    assert labels.index("Запорізька") < labels.index("Івано-Франківська") < labels.index("Київська")
    assert sorted(OBLAST_NAMES)[0] == "Івано-Франківська"  # what Python's sort would do
    assert sorted_ukrainian(["їжак", "яр", "єнот", "ґанок", "гай", "інжир", "ж"]) == [
        "гай", "ґанок", "єнот", "ж", "інжир", "їжак", "яр",
    ]  # fmt: skip


def test_platform_admin_creates_and_edits_a_community_with_audit() -> None:
    admin = platform_admin()
    community = actions.create_community(admin, **FIELDS)
    assert community.get_oblast_display() == "Івано-Франківська"
    actions.update_community(admin, community, **(FIELDS | {"population": 8400}))
    community.refresh_from_db()
    assert community.population == 8400
    entries = AuditEntry.objects.filter(community=community).values_list("action", flat=True)
    assert set(entries) == {"community.create", "community.update"}


@pytest.mark.parametrize("slug", ["vyshneva", "communities"])
def test_taken_or_reserved_address_is_refused_beside_the_field(
    personas: Personas, slug: str
) -> None:
    with pytest.raises(ActionRefused) as refused:
        actions.create_community(platform_admin(), **(FIELDS | {"slug": slug}))
    assert refused.value.field == "slug"


def test_settlements_are_added_edited_and_removed() -> None:
    admin = platform_admin()
    community = actions.create_community(admin, **FIELDS)
    village = actions.add_settlement(
        admin, community, name="Калинівка", kind="village", population=1200
    )
    with pytest.raises(ActionRefused):
        actions.add_settlement(admin, community, name="калинівка", kind="village", population=1)
    actions.update_settlement(admin, village, name="Калинівка", kind="town", population=1300)
    village.refresh_from_db()
    assert (village.kind, village.population) == ("town", 1300)
    actions.remove_settlement(admin, village)
    assert not Settlement.objects.filter(community=community).exists()


def test_community_admin_and_superuser_without_totp_cannot_create(personas: Personas) -> None:
    for who in (personas.admin, platform_admin(totp=False)):
        with pytest.raises(ActionRefused):
            actions.create_community(who, **FIELDS)
    with pytest.raises(ActionRefused):
        actions.update_community(personas.admin, personas.community, **FIELDS)


def test_pages_create_then_add_a_settlement(client: Client) -> None:
    client.force_login(platform_admin())
    assert client.get("/staff/").status_code == 200  # no community yet: still the dashboard
    page = client.get("/staff/communities/new/").content.decode()
    assert page.index("Автономна Республіка Крим") < page.index("Вінницька")
    response = client.post("/staff/communities/new/", FIELDS)
    assert response.status_code == 302
    client.post(
        "/staff/communities/kalynova/",
        {"add_settlement": "1", "new-name": "Калинівка", "new-kind": "village",
         "new-population": "900"},
    )  # fmt: skip
    settlement = Settlement.objects.get(community__slug="kalynova")
    client.post(
        f"/staff/communities/kalynova/settlements/{settlement.pk}/",
        {f"s{settlement.pk}-name": "Калинівка", f"s{settlement.pk}-kind": "town",
         f"s{settlement.pk}-population": "950"},
    )  # fmt: skip
    settlement.refresh_from_db()
    assert settlement.population == 950
    bad = client.post("/staff/communities/kalynova/", FIELDS | {"oblast": "Нарнійська"})
    assert bad.status_code == 400 and 'href="#id_oblast"' in bad.content.decode()
    assert Community.objects.get(slug="kalynova").oblast == "Івано-Франківська"


def test_community_pages_are_not_found_for_community_staff(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.admin)
    assert client.get("/staff/communities/new/").status_code == 404
    assert client.get(f"/staff/communities/{personas.community.slug}/").status_code == 404
