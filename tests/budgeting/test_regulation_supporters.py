"""The "Положення" page's section on supporters, review and appeals (included by the public
regulation page when it exists) reads the process's settings in plain words, in both
languages, with Ukrainian plural forms."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.budgeting.conftest import support_process
from tests.conftest import Personas
from tests.factories import make_process

pytestmark = pytest.mark.django_db


def _text(process: object, language: str = "uk") -> str:
    with translation.override(language):
        html = render_to_string("budgeting/regulation/_supporters.html", {"process": process})
    return " ".join(html.split())


def test_supporters_review_and_appeal_in_ukrainian(personas: Personas) -> None:
    process = support_process(personas.community, "submission", required=22)
    process.review_days, process.appeal_days = 21, 3
    text = _text(process)
    assert "мають підтримати щонайменше 22 жителі громади" in text
    assert "протягом 21 дня від призначення" in text
    assert "протягом 3 днів" in text and "Апеляційна комісія" in text
    assert "онлайн одним натисканням або на паперовому підписному листі" in text


def test_no_supporters_and_no_appeal(personas: Personas) -> None:
    process = make_process(personas.community, appeal_days=0, review_days=1)
    text = _text(process)
    assert "Збирати підписи прихильників не потрібно" in text
    assert "протягом 1 дня від призначення" in text
    assert "не передбачає апеляції" in text


def test_in_english(personas: Personas) -> None:
    process = support_process(personas.community, "submission", required=15)
    text = _text(process, "en")
    assert "at least 15 residents of the community must support it" in text
    assert "within 5 days" in text
    assert not any("а" <= ch <= "я" for ch in text.replace("ЦНАП", ""))
