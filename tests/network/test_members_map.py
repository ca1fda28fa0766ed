"""The members map: a tile per oblast (plus Kyiv city and Crimea) with the number of current
members, the same numbers in a table, members abroad counted by country."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from hromada.communities.geography import OBLAST_LABELS
from hromada.network import actions
from hromada.network.members_map import TILES, members_map
from hromada.network.models import Member
from tests.network.conftest import World

pytestmark = pytest.mark.django_db


def _add(world: World, name: str, country: str = "UA", oblast: str = "", **fields: Any) -> Member:
    return actions.add_member_record(
        world.network, community=None, name=name, country=country, oblast=oblast,
        starts_on=dt.date(2024, 1, 1), **fields,
    )  # fmt: skip


def test_every_region_has_one_tile_of_its_own() -> None:
    assert set(TILES) == set(OBLAST_LABELS)
    assert len({(column, row) for column, row, _short in TILES.values()}) == len(TILES)
    # No two tiles share their letters, in either language.
    for language in ("uk", "en"):
        with translation.override(language):
            assert len({str(short) for _c, _r, short in TILES.values()}) == len(TILES)


def test_counts_by_oblast_and_abroad(world: World) -> None:
    # The world's members: two in Полтавська, one in Сумська.
    _add(world, "Ліщинська громада", oblast="Полтавська")
    _add(world, "Gmina Brzozowa", country="PL")
    _add(world, "Obec Lipová", country="SK")
    _add(world, "Miasto Dębowe", country="PL")
    former = _add(world, "Колишня громада", oblast="Сумська")
    former.memberships.update(ends_on=dt.date(2024, 6, 1))
    html = Client().get(f"/network/{world.network.slug}/members/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == len(TILES)
    assert "<title>Полтавська: 3</title>" in svg
    assert "<title>Сумська: 1</title>" in svg  # the member who left is not counted
    assert "<title>Львівська: 0</title>" in svg
    table = html[html.index('data-testid="members-map-table"') :]
    rows = re.findall(
        r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table[: table.index("</table>")]
    )
    assert rows == [("Полтавська", "3"), ("Сумська", "1")]
    abroad = html[html.index('data-testid="members-abroad"') :]
    abroad_rows = re.findall(
        r'<th scope="row">([^<]+)</th><td>(\d+)</td>', abroad[: abroad.index("</table>")]
    )
    assert abroad_rows == [("PL", "2"), ("SK", "1")]


def test_shades_grow_with_the_count() -> None:
    members = [Member(name=str(n), country="UA", oblast="Київська") for n in range(4)]
    members.append(Member(name="x", country="UA", oblast="Одеська"))
    tiles = {tile.code: tile for tile in members_map(members)["tiles"]}
    assert tiles["Київська"].count == 4 and tiles["Одеська"].count == 1
    assert tiles["Київська"].fill != tiles["Одеська"].fill != tiles["Вінницька"].fill
