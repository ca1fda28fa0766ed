"""Typical regulations staff start a process from, then adjust in the process form.

Each template gives the process form's and the sub-budget forms' initial values: what a
community of that kind usually writes in its положення (ranges from real Ukrainian
regulations). Nothing is saved until staff submit the form, so a template is only a start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hromada.budgeting.regulation import WHOLE
from hromada.communities.models import Community

EVERY_RESIDENCE = ["registered", "actual", "work", "study", "property", "business", "idp"]


@dataclass(frozen=True)
class RegulationTemplate:
    key: str
    label: str | Promise
    summary: str | Promise
    build: Callable[[Community], tuple[dict[str, Any], list[dict[str, Any]]]]


def schedule(start: datetime | None = None) -> dict[str, datetime]:
    """A usual calendar from a fortnight from now: 45 days of submission, 30 of review, 21 of
    voting, 10 of counting, implementation to the end of next year."""
    base = timezone.localtime(start or timezone.now()).date() + timedelta(days=14)

    def at(day: int) -> datetime:
        return timezone.make_aware(datetime.combine(base + timedelta(days=day), time(9, 0)))

    next_year_end = at(0).replace(year=base.year + 1, month=12, day=31, hour=18)
    return {
        "submission_start": at(0),
        "submission_end": at(45),
        "review_end": at(75),
        "voting_start": at(75),
        "voting_end": at(96),
        "results_date": at(106),
        "implementation_end": next_year_end,
    }


def _process(**fields: Any) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "voter_min_age": 16,
        "author_min_age": 16,
        "author_max_age": None,
        "supporter_min_age": 16,
        "author_bases": EVERY_RESIDENCE,
        "supporter_bases": EVERY_RESIDENCE,
        "voter_bases": EVERY_RESIDENCE,
        "reserve_percent": 0,
        "max_projects_per_author": 3,
        "min_votes": 1,
        "tie_breaking": "submission",
        **schedule(),
    }
    return {**defaults, **fields}


def _city(community: Community) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    process = _process(total_budget=1_000_000_000, reserve_percent=20)
    small = {
        "name": _("Малі проєкти"),
        "kind": "size",
        "share": 40 * 100,
        "min_cost": 5_000_000,
        "max_cost": 30_000_000,
        "ballot_rule": "approval",
        "max_choices": 3,
    }
    large = {
        "name": _("Великі проєкти"),
        "kind": "size",
        "share": 60 * 100,
        "min_cost": 30_000_001,
        "max_cost": 300_000_000,
        "ballot_rule": "approval",
        "max_choices": 2,
    }
    return process, [small, large]


def _village(community: Community) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    settlements = list(community.settlements.order_by("name"))
    process = _process(total_budget=300_000_000, voter_min_age=16, author_min_age=18)
    if not settlements:
        one = {"name": _("Проєкти громади"), "kind": "size", "share": WHOLE}
        return process, [
            {**one, "max_cost": 50_000_000, "ballot_rule": "approval", "max_choices": 2}
        ]
    each = WHOLE // len(settlements)
    rows = []
    for index, settlement in enumerate(settlements):
        share = each if index < len(settlements) - 1 else WHOLE - each * (len(settlements) - 1)
        rows.append(
            {
                "name": settlement.name,
                "kind": "settlement",
                "settlement": settlement.pk,
                "residents_only": True,
                "share": share,
                "max_cost": min(50_000_000, 300_000_000 * share // WHOLE),
                "ballot_rule": "approval",
                "max_choices": 1,
            }
        )
    return process, rows


def _school(community: Community) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    pupils = ["registered", "actual", "study"]
    process = _process(
        total_budget=50_000_000,
        author_min_age=14,
        author_max_age=18,
        supporter_min_age=14,
        voter_min_age=14,
        author_bases=pupils,
        supporter_bases=pupils,
        voter_bases=pupils,
        max_projects_per_author=1,
    )
    school = {
        "name": _("Шкільні проєкти"),
        "kind": "size",
        "share": WHOLE,
        "max_cost": 10_000_000,
        "ballot_rule": "approval",
        "max_choices": 2,
    }
    return process, [school]


def _wartime(community: Community) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    process = _process(
        total_budget=500_000_000,
        author_min_age=18,
        voter_min_age=16,
        reserve_percent=20,
        max_projects_per_author=2,
    )
    cap = 100_000_000  # one project may take at most a fifth of the money
    themes = [
        _("Оборона й безпека громади"),
        _("Цивільна інфраструктура та укриття"),
    ]
    rows = [
        {
            "name": name,
            "kind": "theme",
            "share": WHOLE // 2,
            "max_cost": cap,
            "ballot_rule": "approval",
            "max_choices": 2,
        }
        for name in themes
    ]
    return process, rows


TEMPLATES: dict[str, RegulationTemplate] = {
    template.key: template
    for template in (
        RegulationTemplate(
            "city",
            _("Місто: малі й великі проєкти (40/60)"),
            _(
                "Два підбюджети за вартістю проєкту: малі до 300 тис. грн (40 %) і великі "
                "до 3 млн грн (60 %); резерв у кошторисі 20 %; голосують з 16 років."
            ),
            _city,
        ),
        RegulationTemplate(
            "village",
            _("Громада зі старостинськими округами"),
            _(
                "Підбюджет для кожного населеного пункту громади, порівну; подають і голосують "
                "у підбюджеті лише ті, чия підстава участі підтверджена в цьому населеному пункті."
            ),
            _village,
        ),
        RegulationTemplate(
            "school",
            _("Шкільний бюджет участі (автори 14–18 років)"),
            _(
                "Автори — учні від 14 до 18 років, підтримують і голосують з 14; підстави — "
                "проживання або навчання в громаді; один проєкт до 100 тис. грн."
            ),
            _school,
        ),
        RegulationTemplate(
            "wartime",
            _("Бюджет воєнного часу"),
            _(
                "Лише дві теми — оборона й безпека та цивільна інфраструктура й укриття; "
                "проєкт не дорожчий за 1 млн грн; резерв у кошторисі 20 %."
            ),
            _wartime,
        ),
    )
}


def initial_for(key: str, community: Community) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The process form's and sub-budget forms' initial values of template `key`."""
    process, sub_budgets = TEMPLATES[key].build(community)
    return {**process, "regulation_template": key}, sub_budgets
