"""The members map: a schematic tile map of Ukraine — one square per oblast, Kyiv city and
Crimea, placed roughly where they lie — with the number of current members in each, drawn as
server-rendered SVG. It is a grid of our own, not a drawn border, so it needs no map data; the
same numbers are in a table beside it, and members abroad are counted by country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from hromada.communities.geography import OBLAST_LABELS
from hromada.network.models import UKRAINE, Member

# (column, row) of each region's tile, west to east and north to south, and its few letters.
TILES: dict[str, tuple[int, int, Promise]] = {
    "Волинська": (0, 0, pgettext_lazy("плитка області", "Вол")),
    "Рівненська": (1, 0, pgettext_lazy("плитка області", "Рів")),
    "Житомирська": (2, 0, pgettext_lazy("плитка області", "Жит")),
    "Київська": (3, 0, pgettext_lazy("плитка області", "Київщ")),
    "Чернігівська": (4, 0, pgettext_lazy("плитка області", "Чг")),
    "Сумська": (5, 0, pgettext_lazy("плитка області", "Сум")),
    "Львівська": (0, 1, pgettext_lazy("плитка області", "Льв")),
    "Тернопільська": (1, 1, pgettext_lazy("плитка області", "Тер")),
    "Хмельницька": (2, 1, pgettext_lazy("плитка області", "Хм")),
    "м. Київ": (3, 1, pgettext_lazy("плитка області", "Київ")),
    "Полтавська": (4, 1, pgettext_lazy("плитка області", "Пол")),
    "Харківська": (5, 1, pgettext_lazy("плитка області", "Хар")),
    "Луганська": (6, 1, pgettext_lazy("плитка області", "Луг")),
    "Закарпатська": (0, 2, pgettext_lazy("плитка області", "Зак")),
    "Івано-Франківська": (1, 2, pgettext_lazy("плитка області", "І-Ф")),
    "Вінницька": (2, 2, pgettext_lazy("плитка області", "Він")),
    "Черкаська": (3, 2, pgettext_lazy("плитка області", "Чк")),
    "Кіровоградська": (4, 2, pgettext_lazy("плитка області", "Кір")),
    "Дніпропетровська": (5, 2, pgettext_lazy("плитка області", "Дні")),
    "Донецька": (6, 2, pgettext_lazy("плитка області", "Дон")),
    "Чернівецька": (1, 3, pgettext_lazy("плитка області", "Чв")),
    "Одеська": (2, 3, pgettext_lazy("плитка області", "Од")),
    "Миколаївська": (3, 3, pgettext_lazy("плитка області", "Мик")),
    "Херсонська": (4, 3, pgettext_lazy("плитка області", "Хер")),
    "Запорізька": (5, 3, pgettext_lazy("плитка області", "Зап")),
    "Автономна Республіка Крим": (4, 4, pgettext_lazy("плитка області", "Крим")),
}
TILE = 46  # side of a tile, in SVG units
GAP = 4
# Fill by number of members: none, one, two or three, four and more.
SHADES = ("#eef1f5", "#b9cde8", "#6f9bd1", "#0b4ea2")


def _shade(count: int) -> str:
    return SHADES[0 if count == 0 else 1 if count == 1 else 2 if count <= 3 else 3]


@dataclass
class Tile:
    code: str
    name: str
    short: str
    count: int
    x: str
    y: str
    fill: str
    text_fill: str
    label_x: str
    label_y: str
    count_y: str


def members_map(members: list[Member]) -> dict[str, Any]:
    """Tiles with counts of Ukrainian members, and members abroad counted by country."""
    in_ukraine = Counter(m.oblast for m in members if m.country == UKRAINE and m.oblast)
    abroad = Counter(m.country for m in members if m.country != UKRAINE)
    tiles = []
    for code, (column, row, short) in TILES.items():
        count = in_ukraine.get(code, 0)
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        tiles.append(
            Tile(
                code=code,
                name=str(OBLAST_LABELS[code]),
                short=str(short),
                count=count,
                x=str(x),
                y=str(y),
                fill=_shade(count),
                text_fill="#ffffff" if count >= 2 else "#1b1f24",
                label_x=str(x + TILE // 2),
                label_y=str(y + 17),
                count_y=str(y + 37),
            )
        )
    columns = 1 + max(column for column, _row, _short in TILES.values())
    rows = 1 + max(row for _column, row, _short in TILES.values())
    return {
        "tiles": tiles,
        "width": str(columns * (TILE + GAP) - GAP),
        "height": str(rows * (TILE + GAP) - GAP),
        "tile": str(TILE),
        "rows": sorted((t for t in tiles if t.count), key=lambda t: (-t.count, t.name)),
        "abroad": sorted(abroad.items(), key=lambda pair: (-pair[1], pair[0])),
        "unplaced": sum(1 for m in members if m.country == UKRAINE and not m.oblast),
    }
