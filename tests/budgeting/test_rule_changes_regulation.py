"""Changing the regulation's own settings after creation (rule_changes.RULES): who may take part
and the thresholds are fixed once submission opens, the supporters' window may be extended while
it runs, and every change is checked with the whole regulation like a new one."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from hromada.budgeting import actions_rules
from hromada.budgeting.models import Process, ProcessChange
from hromada.core.errors import ActionRefused
from hromada.demo.timeline import dates_with_support
from tests.conftest import Personas
from tests.factories import make_process

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def process_in(personas: Personas, phase: str) -> Process:
    """A process collecting 3 supporters per project, placed in `phase`."""
    fields: dict[str, Any] = {"supporters_required": 3, "max_projects_per_author": 10}
    fields.update(dates_with_support(phase, NOW))
    return make_process(personas.community, **fields)


def change(who: Any, process: Process, field: str, value: Any) -> ProcessChange:
    with time_machine.travel(NOW, tick=False):
        return actions_rules.change_process_rule(
            who, process, field=field, value=value, reason="Рішення ради"
        )


SETTINGS = [
    ("author_min_age", 18),
    ("author_max_age", 35),
    ("author_bases", ["registered", "idp"]),
    ("supporter_min_age", 14),
    ("supporter_bases", ["registered"]),
    ("voter_min_age", 18),
    ("voter_bases", ["registered", "actual"]),
    ("reserve_percent", 10),
    ("supporters_required", 20),
    ("support_top", 5),
]


@pytest.mark.parametrize(("field", "value"), SETTINGS)
def test_eligibility_and_thresholds_change_only_before_submission(
    personas: Personas, field: str, value: Any
) -> None:
    before = process_in(personas, "information")
    change(personas.admin, before, field, value)
    assert getattr(Process.objects.get(pk=before.pk), field) == value
    during = process_in(personas, "submission")
    with pytest.raises(ActionRefused, match="Не змінюється з етапу «Подання проєктів»"):
        change(personas.admin, during, field, value)
    assert not ProcessChange.objects.filter(process=during).exists()


@pytest.mark.parametrize(
    ("phase", "days", "allowed"),
    [
        ("information", -1, True),  # not yet running
        ("submission", 1, True),  # it runs from the start of submission
        ("support", 2, True),  # extended while it runs
        ("support", -1, False),  # never shortened
        ("review", 1, False),  # over
    ],
)
def test_the_support_window_may_be_extended_while_it_runs(
    personas: Personas, phase: str, days: int, allowed: bool
) -> None:
    process = process_in(personas, phase)
    assert process.support_end is not None
    new_end = process.support_end + timedelta(days=days)
    if allowed:
        change(personas.admin, process, "support_end", new_end)
        assert Process.objects.get(pk=process.pk).support_end == new_end
    else:
        with pytest.raises(ActionRefused):
            change(personas.admin, process, "support_end", new_end)


@pytest.mark.parametrize("field", ["review_days", "appeal_days"])
def test_review_and_appeal_deadlines_are_fixed_once_review_starts(
    personas: Personas, field: str
) -> None:
    change(personas.admin, process_in(personas, "support"), field, 9)
    with pytest.raises(ActionRefused, match="Розгляд проєктів"):
        change(personas.admin, process_in(personas, "review"), field, 9)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("supporter_min_age", 18, "Підтримувати проєкти можна з 18, а голосувати — з 16"),
        ("voter_min_age", 14, "Підтримувати проєкти можна з 16, а голосувати — з 14"),
        ("author_max_age", 15, "Найбільший вік автора (15) менший за найменший (16)"),
        ("voter_bases", [], "Оберіть хоча б одну підставу участі («голосування»)"),
        ("reserve_percent", 80, "Резерв у кошторисі — від 0 до 50"),
        ("author_min_age", 300, "Вік має бути від 10 до 100"),
    ],
)
def test_a_change_is_checked_with_the_whole_regulation(
    personas: Personas, field: str, value: Any, message: str
) -> None:
    process = process_in(personas, "information")
    with pytest.raises(ActionRefused, match=re.escape(message)):
        change(personas.admin, process, field, value)
    assert not ProcessChange.objects.exists()


def test_a_support_vote_needs_a_supporter_collection(personas: Personas) -> None:
    process = make_process(personas.community, phase="information")
    with pytest.raises(ActionRefused, match="вкажіть, скільки прихильників"):
        change(personas.admin, process, "support_top", 3)


def test_an_older_contradiction_does_not_block_a_correction(personas: Personas) -> None:
    """A process saved before a check existed (here: supporters older than voters) can still
    be corrected one setting at a time."""
    process = process_in(personas, "information")
    Process.objects.filter(pk=process.pk).update(supporter_min_age=18)
    process.refresh_from_db()
    change(personas.admin, process, "reserve_percent", 20)
    change(personas.admin, process, "supporter_min_age", 16)
    assert ProcessChange.objects.count() == 2


def test_bases_are_one_set_whatever_the_order_and_logged_by_name(personas: Personas) -> None:
    process = process_in(personas, "information")
    change(personas.admin, process, "author_bases", ["idp", "registered"])
    with pytest.raises(ActionRefused, match="таке саме"):
        change(personas.admin, process, "author_bases", ["registered", "idp"])
    logged = ProcessChange.objects.get()
    assert logged.new_value == (
        "зареєстроване місце проживання; внутрішньо переміщена особа (довідка ВПО)"
    )


def test_the_staff_form_posts_bases_and_an_empty_top_age(
    client: Client, personas: Personas
) -> None:
    process = process_in(personas, "information")
    Process.objects.filter(pk=process.pk).update(author_max_age=18)
    client.force_login(personas.admin)
    rules_page = client.get(f"/pb/{process.slug}/rules/").content.decode()
    assert "Підстави для прихильників" in rules_page
    posted = client.post(
        f"/pb/{process.slug}/rules/supporter_bases/",
        {"value": ["registered", "study"], "reason": "Школярі"},
    )
    assert posted.status_code == 302
    emptied = client.post(
        f"/pb/{process.slug}/rules/author_max_age/", {"value": "", "reason": "Без обмеження"}
    )
    assert emptied.status_code == 302
    process.refresh_from_db()
    assert process.supporter_bases == ["registered", "study"]
    assert process.author_max_age is None
    refused = client.post(
        f"/pb/{process.slug}/rules/voter_bases/", {"value": [], "reason": "Помилка"}
    )
    assert refused.status_code == 400 and "хоча б одну підставу" in refused.content.decode()
    forged = client.post(
        f"/pb/{process.slug}/rules/voter_bases/", {"value": ["martian"], "reason": "Підробка"}
    )
    assert forged.status_code == 400
