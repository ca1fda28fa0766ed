from __future__ import annotations

from typing import Any

import pytest

from hromada.accounts.models import User
from hromada.practices.actions import PracticeData, import_practices
from hromada.practices.models import Practice
from tests.conftest import Personas
from tests.factories import hub_editor, practices_editor


def publish(**fields: Any) -> Practice:
    """One published entry, through the import action the hub uses."""
    fields.setdefault("body", "")
    return import_practices(hub_editor(), [PracticeData(**fields)])[0]


@pytest.fixture
def editor(db: None) -> User:
    return practices_editor(email="editor@example.org")


@pytest.fixture
def corpus(db: None) -> dict[str, Practice]:
    """A small corpus with the inflections, spellings and languages the search must bridge."""
    return {
        "pb": publish(
            title="Громадський бюджет у Вишневій громаді",
            body="Жителі подали 40 проєктів до громадського бюджету; міська рада його затвердила.",
            themes=["budget_process"], instruments=["participatory_budget"],
            oblast="Полтавська", size_band="medium", year=2021,
        ),
        "old_spelling": publish(
            title="Шкільний проект енергозбереження",
            body="Учні підготували проект утеплення спортзалу.",
            themes=["youth"], instruments=["school_budget"], oblast="Львівська", year=2018,
        ),
        "apostrophe": publish(
            title="Об’єднана громада відкрила мобільний ЦНАП",
            body="Мобільний офіс адміністративних послуг їздить старостинськими округами.",
            themes=["admin_services"], instruments=["service_centre"], oblast="Полтавська",
            size_band="small", year=2022,
        ),
        "petitions": publish(
            title="Електронні петиції в місті Калинівка",
            body="За рік зареєстровано 120 петицій, 14 із них набрали потрібну кількість підписів.",
            themes=["e_democracy"], instruments=["e_petition"], oblast="Вінницька", year=2019,
        ),
        "ru": publish(
            title="Бюджет участия в приморском городе",
            body="Горожане голосовали за проекты благоустройства дворов и скверов.",
            language="ru", themes=["budget_process"], instruments=["participatory_budget"],
            oblast="Одеська", year=2017,
        ),
        "en": publish(
            title="Youth councils in rural communities",
            body="Young people advise village councils on budgets and sports facilities.",
            language="en", kind="method", themes=["youth"], instruments=["youth_council"],
            year=2023,
        ),
    }  # fmt: skip


@pytest.fixture
def contributor(personas: Personas) -> User:
    return personas.resident
