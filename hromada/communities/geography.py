"""Ukraine's regions and the kinds and sizes of communities, as choices for forms and models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.collation import sorted_ukrainian, ukrainian_sort_key

# The 24 oblasts, Kyiv city and Crimea, as stored (the Ukrainian name without «область»),
# with their translated names. Practices use the same values.
OBLAST_LABELS = {
    "Вінницька": _("Вінницька"),
    "Волинська": _("Волинська"),
    "Дніпропетровська": _("Дніпропетровська"),
    "Донецька": _("Донецька"),
    "Житомирська": _("Житомирська"),
    "Закарпатська": _("Закарпатська"),
    "Запорізька": _("Запорізька"),
    "Івано-Франківська": _("Івано-Франківська"),
    "Київська": _("Київська"),
    "Кіровоградська": _("Кіровоградська"),
    "Луганська": _("Луганська"),
    "Львівська": _("Львівська"),
    "Миколаївська": _("Миколаївська"),
    "Одеська": _("Одеська"),
    "Полтавська": _("Полтавська"),
    "Рівненська": _("Рівненська"),
    "Сумська": _("Сумська"),
    "Тернопільська": _("Тернопільська"),
    "Харківська": _("Харківська"),
    "Херсонська": _("Херсонська"),
    "Хмельницька": _("Хмельницька"),
    "Черкаська": _("Черкаська"),
    "Чернівецька": _("Чернівецька"),
    "Чернігівська": _("Чернігівська"),
    "м. Київ": _("м. Київ"),
    "Автономна Республіка Крим": _("Автономна Республіка Крим"),
}
OBLASTS = sorted_ukrainian(OBLAST_LABELS)  # the codes in Ukrainian alphabetical order


def oblast_choices() -> list[tuple[str, str]]:
    """(code, name) of every oblast in the active language, in that language's alphabetical
    order (Ukrainian collation also orders Latin names correctly)."""
    names = [(code, str(label)) for code, label in OBLAST_LABELS.items()]
    return sorted(names, key=lambda pair: ukrainian_sort_key(pair[1]))


OBLAST_NAMES = list(OBLAST_LABELS)
OBLAST_CHOICES = [(name, name) for name in OBLASTS]


class CommunityKind(models.TextChoices):
    CITY = "city", _("міська громада")
    TOWN = "town", _("селищна громада")
    VILLAGE = "village", _("сільська громада")


class SizeBand(models.TextChoices):
    """The same bands as the practices base, so practices can be matched by size."""

    SMALL = "small", _("до 10 тис. жителів")
    MEDIUM = "medium", _("10–50 тис. жителів")
    LARGE = "large", _("50–250 тис. жителів")
    CITY = "city", _("понад 250 тис. жителів")
