"""Ukraine's regions and the kinds and sizes of communities, as choices for forms and models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.collation import ukrainian_key

# The 24 oblasts, Kyiv city and Crimea, spelled as the practices base spells them, so that a
# community's oblast and a practice's oblast are the same value.
OBLAST_NAMES = [
    "Вінницька", "Волинська", "Дніпропетровська", "Донецька", "Житомирська", "Закарпатська",
    "Запорізька", "Івано-Франківська", "Київська", "Кіровоградська", "Луганська", "Львівська",
    "Миколаївська", "Одеська", "Полтавська", "Рівненська", "Сумська", "Тернопільська",
    "Харківська", "Херсонська", "Хмельницька", "Черкаська", "Чернівецька", "Чернігівська",
    "м. Київ", "Автономна Республіка Крим",
]  # fmt: skip
OBLAST_CHOICES = [(name, name) for name in sorted(OBLAST_NAMES, key=ukrainian_key)]


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
