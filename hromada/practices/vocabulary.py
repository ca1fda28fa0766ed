"""Closed vocabularies of the practices base: kinds, themes, instruments, oblasts, size bands.

Codes are stable (they appear in URLs, the API and import files); labels are translated.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# One list of oblasts and size bands serves communities and practices, so their values match.
from hromada.communities.geography import (  # noqa: F401 (re-exported)
    OBLAST_LABELS,
    OBLASTS,
    SizeBand,
    oblast_choices,
)


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
