"""Closed vocabularies of the practices base: kinds, themes, instruments, oblasts, size bands.

Codes are stable (they appear in URLs, the API and import files); labels are translated.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.collation import sorted_ukrainian, ukrainian_sort_key


class Kind(models.TextChoices):
    CASE = "case", _("кейс")
    METHOD = "method", _("метод")
    ORGANISATION = "organisation", _("організація")


class Language(models.TextChoices):
    UK = "uk", _("українська")
    RU = "ru", _("російська")
    EN = "en", _("англійська")


class Theme(models.TextChoices):
    BUDGET_PROCESS = "budget_process", _("бюджетний процес")
    ADMIN_SERVICES = "admin_services", _("адміністративні послуги")
    STRATEGIC_PLANNING = "strategic_planning", _("стратегічне планування")
    E_DEMOCRACY = "e_democracy", _("е-демократія")
    GENDER_POLICY = "gender_policy", _("гендерна політика")
    LOCAL_ECONOMY = "local_economy", _("місцевий економічний розвиток")
    SOCIAL_HUMANITARIAN = "social_humanitarian", _("соціально-гуманітарна сфера")
    RECOVERY = "recovery", _("відновлення")
    YOUTH = "youth", _("молодь")
    TRANSPARENCY = "transparency", _("прозорість і відкриті дані")
    INCLUSION = "inclusion", _("інклюзія")


class Instrument(models.TextChoices):
    PARTICIPATORY_BUDGET = "participatory_budget", _("бюджет участі")
    SCHOOL_BUDGET = "school_budget", _("шкільний бюджет участі")
    E_PETITION = "e_petition", _("електронна петиція")
    CONSULTATION = "consultation", _("публічні консультації")
    HEARING = "hearing", _("громадські слухання")
    YOUTH_COUNCIL = "youth_council", _("молодіжна рада")
    LOCAL_INITIATIVE = "local_initiative", _("місцева ініціатива")
    SURVEY = "survey", _("опитування")
    OPEN_DATA = "open_data", _("відкриті дані")
    SERVICE_CENTRE = "service_centre", _("ЦНАП")
    RECOVERY_OFFICE = "recovery_office", _("офіс відновлення")
    GENERAL_MEETING = "general_meeting", _("загальні збори")


class SizeBand(models.TextChoices):
    SMALL = "small", _("до 10 тис. жителів")
    MEDIUM = "medium", _("10–50 тис. жителів")
    LARGE = "large", _("50–250 тис. жителів")
    CITY = "city", _("понад 250 тис. жителів")


# Oblasts as stored (the Ukrainian name without "область"), with their translated names.
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
