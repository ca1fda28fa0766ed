"""What staff and authors type into the regulation's numbers, fuzzed: the forms answer with a
message, and whatever they let through is checked by contradictions() without an exception."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada.budgeting import regulation
from hromada.budgeting.forms import ProcessForm, ProjectForm, SubBudgetForm
from tests.conftest import Personas
from tests.factories import make_process
from tests.test_fuzz_inputs import ODD_TEXT

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NUMBERS = ["author_min_age", "author_max_age", "supporter_min_age", "voter_min_age"]
NUMBERS += ["reserve_percent", "total_budget", "min_votes", "max_projects_per_author"]


@pytest.mark.django_db
@FUZZ
@given(st.fixed_dictionaries(dict.fromkeys(NUMBERS, ODD_TEXT)))
def test_process_numbers_only_ever_report_errors(values: dict[str, str]) -> None:
    form = ProcessForm({"title": "Т", "slug": "t", "tie_breaking": "submission", **values})
    if form.is_valid():  # not with the dates missing; errors are all it may give
        pytest.fail("a form without dates was accepted")
    assert form.errors


@FUZZ
@given(
    st.fixed_dictionaries(
        {"share": ODD_TEXT, "amount": ODD_TEXT, "min_cost": ODD_TEXT, "max_cost": ODD_TEXT}
    )
)
def test_sub_budget_numbers_are_checked_without_an_exception(values: dict[str, str]) -> None:
    form = SubBudgetForm(
        {"name": "Малі", "kind": "size", "ballot_rule": "knapsack", **values}, settlements=[]
    )
    if not form.is_valid():
        return
    data: dict[str, Any] = form.cleaned_data
    rule = regulation.SubBudgetRule(
        name="Малі",
        amount=data.get("amount"),
        share=data.get("share"),
        min_cost=data.get("min_cost") or 0,
        max_cost=data["max_cost"],
        ballot_rule="knapsack",
    )
    found = regulation.contradictions(
        regulation.Regulation(
            total_budget=100_000_000,
            sub_budgets=[rule],
            author_bases=["registered"],
            supporter_bases=["registered"],
            voter_bases=["registered"],
        )
    )
    assert all(item.message for item in found)


@pytest.mark.django_db
@FUZZ
@given(st.fixed_dictionaries({"cost": ODD_TEXT, "reserve": ODD_TEXT}))
def test_the_reserve_field_only_ever_reports_errors(
    personas: Personas, values: dict[str, str]
) -> None:
    process = make_process(personas.community, reserve_percent=20)
    form = ProjectForm({"title": "Т", "location": "Парк", **values}, process=process)
    assert not form.is_valid()  # no sub-budget, no description: errors, never an exception


@pytest.mark.parametrize("age", ["١٦", "¹⁶", "16\x00", "1" * 30, "-16", "16.5"])
def test_ages_are_ascii_whole_numbers(age: str) -> None:
    form = ProcessForm({"voter_min_age": age})
    form.is_valid()
    assert "voter_min_age" in form.errors
