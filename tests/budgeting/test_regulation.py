"""Every setting of a regulation and how the settings are checked together (regulation.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from hromada.budgeting import actions, regulation, regulation_templates
from hromada.budgeting.models import Process
from hromada.budgeting.regulation import Regulation, SubBudgetRule, contradictions
from hromada.core.errors import ActionRefused
from tests.conftest import Personas
from tests.factories import SettlementFactory

EVERY = ["registered", "actual", "work", "study", "property", "business", "idp"]
SMALL = SubBudgetRule(
    name="Малі", share=4000, min_cost=0, max_cost=30_000_000, ballot_rule="approval", max_choices=3
)
LARGE = SubBudgetRule(
    name="Великі", share=6000, min_cost=30_000_001, max_cost=300_000_000, ballot_rule="knapsack"
)


def city(**changes: Any) -> Regulation:
    """A coherent city regulation (10 million UAH split 40/60); each test changes one thing."""
    base = Regulation(
        total_budget=1_000_000_000,
        sub_budgets=[SMALL, LARGE],
        author_bases=EVERY,
        supporter_bases=EVERY,
        voter_bases=EVERY,
    )
    return replace(base, **changes)


def fields(found: list[regulation.Contradiction]) -> list[str]:
    return [item.field for item in found]


def test_a_coherent_regulation_has_no_contradiction() -> None:
    assert contradictions(city()) == []


def test_shares_resolve_to_kopiykas_that_add_up_to_the_total() -> None:
    assert regulation.resolve_amounts(1_000_000_000, [SMALL, LARGE]) == [400_000_000, 600_000_000]
    thirds = [replace(SMALL, share=3333), replace(SMALL, share=3333), replace(SMALL, share=3334)]
    amounts = regulation.resolve_amounts(1_000_001, thirds)
    assert sum(a or 0 for a in amounts) == 1_000_001  # the rounding kopiyka goes to the last
    mixed = [replace(SMALL, share=None, amount=400_000_000), LARGE]
    assert regulation.resolve_amounts(1_000_000_000, mixed) == [400_000_000, 600_000_000]


def test_a_split_that_does_not_add_up_to_100_percent_is_named_with_its_sum() -> None:
    found = contradictions(city(sub_budgets=[SMALL, replace(LARGE, share=5000)]))
    assert fields(found) == ["total_budget"]
    assert "90 %" in found[0].message and "100 %" in found[0].message
    amounts = [replace(SMALL, share=None, amount=400_000_000), replace(LARGE, share=None, amount=1)]
    assert fields(contradictions(city(sub_budgets=amounts))) == ["total_budget", "sb-1-max_cost"]


def test_a_sub_budget_needs_exactly_one_of_amount_and_share() -> None:
    both = replace(SMALL, amount=400_000_000)
    neither = replace(SMALL, share=None)
    assert "sb-0-amount" in fields(contradictions(city(sub_budgets=[both, LARGE])))
    assert "sb-0-amount" in fields(contradictions(city(sub_budgets=[neither, LARGE])))


@pytest.mark.parametrize("share", [0, 10_001])
def test_a_share_is_above_0_and_at_most_100_percent(share: int) -> None:
    found = contradictions(city(sub_budgets=[replace(SMALL, share=share), LARGE]))
    assert "sb-0-share" in fields(found)


def test_a_project_limit_above_its_sub_budget_is_a_contradiction() -> None:
    found = contradictions(city(sub_budgets=[replace(SMALL, max_cost=500_000_000), LARGE]))
    assert "sb-0-max_cost" in fields(found)
    assert "перевищує суму самого підбюджету" in found[0].message


def test_min_cost_above_max_cost() -> None:
    found = contradictions(city(sub_budgets=[replace(SMALL, min_cost=40_000_000), LARGE]))
    assert "sb-0-min_cost" in fields(found)


def test_size_sub_budgets_whose_cost_ranges_overlap() -> None:
    found = contradictions(city(sub_budgets=[SMALL, replace(LARGE, min_cost=30_000_000)]))
    assert fields(found) == ["sb-1-min_cost"]
    assert "300 000 грн" in found[0].message.replace("\u00a0", " ")
    # Theme sub-budgets may share costs: a project belongs to one by its topic.
    themes = [replace(SMALL, kind="theme"), replace(LARGE, kind="theme", min_cost=0)]
    assert contradictions(city(sub_budgets=themes)) == []


def test_approval_ballot_needs_k() -> None:
    found = contradictions(city(sub_budgets=[replace(SMALL, max_choices=None), LARGE]))
    assert "sb-0-max_choices" in fields(found)


def test_settlement_sub_budgets_need_a_settlement_of_the_community() -> None:
    no_place = replace(SMALL, kind="settlement")
    assert "sb-0-settlement" in fields(contradictions(city(sub_budgets=[no_place, LARGE])))
    only_locals = replace(SMALL, residents_only=True)
    assert "sb-0-settlement" in fields(contradictions(city(sub_budgets=[only_locals, LARGE])))
    elsewhere = replace(SMALL, kind="settlement", settlement_id=99)
    found = contradictions(
        city(sub_budgets=[elsewhere, LARGE], community_settlements=frozenset({1, 2}))
    )
    assert "sb-0-settlement" in fields(found)
    here = replace(SMALL, kind="settlement", settlement_id=2, residents_only=True)
    assert (
        contradictions(city(sub_budgets=[here, LARGE], community_settlements=frozenset({1, 2})))
        == []
    )


def test_supporter_age_above_voter_age_is_a_contradiction() -> None:
    found = contradictions(city(supporter_min_age=18, voter_min_age=16))
    assert fields(found) == ["supporter_min_age"]
    assert "Знизьте вік прихильника до 16" in found[0].message
    assert contradictions(city(supporter_min_age=14, voter_min_age=16)) == []


def test_author_age_range() -> None:
    assert fields(contradictions(city(author_min_age=18, author_max_age=14))) == ["author_max_age"]
    assert contradictions(city(author_min_age=14, author_max_age=18)) == []


@pytest.mark.parametrize("name", ["voter_min_age", "author_min_age", "supporter_min_age"])
@pytest.mark.parametrize("age", [0, 9, 101, 30_000])
def test_ages_are_within_bounds(name: str, age: int) -> None:
    assert name in fields(contradictions(city(**{name: age})))


@pytest.mark.parametrize("role", ["author", "supporter", "voter"])
def test_each_role_needs_a_known_basis(role: str) -> None:
    assert fields(contradictions(city(**{f"{role}_bases": []}))) == [f"{role}_bases"]
    assert fields(contradictions(city(**{f"{role}_bases": ["moon"]}))) == [f"{role}_bases"]
    foreigners = contradictions(city(**{f"{role}_bases": ["foreigner"]}))
    assert foreigners == []


@pytest.mark.parametrize("percent", [-1, 51, 1000])
def test_reserve_percent_bounds(percent: int) -> None:
    assert fields(contradictions(city(reserve_percent=percent))) == ["reserve_percent"]


def test_general_settings() -> None:
    assert fields(contradictions(city(min_votes=0))) == ["min_votes"]
    assert fields(contradictions(city(max_projects_per_author=0))) == ["max_projects_per_author"]
    assert fields(contradictions(city(tie_breaking="lottery"))) == ["lottery_seed"]
    assert contradictions(city(tie_breaking="lottery", lottery_seed="2027-01-15")) == []
    assert fields(contradictions(city(total_budget=0))) == ["total_budget"]
    assert fields(contradictions(city(sub_budgets=[]))) == [""]


def test_dates_in_order() -> None:
    now = timezone.now()
    dates = {"submission_start": now, "submission_end": now - timedelta(days=1)}
    assert fields(contradictions(city(dates=dates))) == ["submission_end"]


@pytest.mark.parametrize(
    ("cost", "percent", "needed"),
    [(12_000_000, 20, 2_000_000), (12_000_001, 20, 2_000_001), (5_000_000, 0, 0), (1, 20, 1)],
)
def test_required_reserve_is_a_share_of_the_works(cost: int, percent: int, needed: int) -> None:
    assert regulation.required_reserve(cost, percent) == needed


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(regulation_templates.TEMPLATES))
def test_every_template_is_a_coherent_regulation(personas: Personas, key: str) -> None:
    for name in ("Вишневе", "Черешневе", "Грушівка"):
        SettlementFactory.create(community=personas.community, name=name)
    initial, rows = regulation_templates.initial_for(key, personas.community)
    specs = [
        actions.SubBudgetSpec(
            name=str(row["name"]),
            amount=row.get("amount"),
            share=row.get("share"),
            min_cost=row.get("min_cost", 0),
            max_cost=row["max_cost"],
            ballot_rule=row["ballot_rule"],
            max_choices=row.get("max_choices"),
            kind=row["kind"],
            settlement_id=row.get("settlement"),
            residents_only=row.get("residents_only", False),
        )
        for row in rows
    ]
    process = actions.create_process(
        personas.admin, personas.community, specs, title=f"Шаблон {key}", slug=key, **initial
    )
    assert contradictions(regulation.regulation_of(process)) == []
    assert sum(sb.amount for sb in process.sub_budgets.all()) == process.total_budget
    if key == "village":
        assert process.sub_budgets.filter(residents_only=True).count() == 3


@pytest.mark.django_db
def test_create_process_refuses_every_contradiction_at_once(personas: Personas) -> None:
    initial, _rows = regulation_templates.initial_for("city", personas.community)
    bad = [
        actions.SubBudgetSpec(
            name="Малі", amount=None, share=4000, max_cost=1, ballot_rule="knapsack"
        ),
        actions.SubBudgetSpec(
            name="Великі", amount=None, share=5000, max_cost=1, ballot_rule="knapsack"
        ),
    ]
    with pytest.raises(regulation.RegulationContradicts) as refused:
        actions.create_process(
            personas.admin,
            personas.community,
            bad,
            title="Суперечливий",
            slug="bad",
            **{**initial, "supporter_min_age": 18},
        )
    found = set(fields(refused.value.contradictions))
    assert {"supporter_min_age", "total_budget", "sb-1-min_cost"} <= found
    assert isinstance(refused.value, ActionRefused)
    assert not Process.objects.filter(slug="bad").exists()
