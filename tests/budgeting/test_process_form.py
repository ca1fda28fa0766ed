"""The new-process form as a browser posts it: every select sends a value, even in the spare
sub-budget fieldsets a person left untouched."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.budgeting.models import Process
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def browser_post(sub_budgets: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    """The three fieldsets the page shows; untouched ones post the selects' first options."""
    data: dict[str, Any] = {
        "title": "Бюджет участі 2027",
        "slug": "pb-2027",
        "description": "",
        "voter_min_age": "16",
        "author_min_age": "16",
        "max_projects_per_author": "3",
        "tie_breaking": "submission",
        "lottery_seed": "",
        "min_votes": "1",
        "submission_start": "2027-02-01T09:00",
        "submission_end": "2027-03-01T18:00",
        "review_end": "2027-03-20T18:00",
        "voting_start": "2027-04-01T09:00",
        "voting_end": "2027-04-15T21:00",
        "results_date": "2027-04-25T12:00",
        "implementation_end": "2027-12-20T18:00",
        "author_bases": ["registered", "actual"],
        "supporter_bases": ["registered", "actual"],
        "voter_bases": ["registered", "actual", "idp"],
        "supporter_min_age": "16",
        "reserve_percent": "0",
        # Supporters, review and appeals, as the page fills them in.
        "supporters_required": "0",
        "support_start": "",
        "support_end": "",
        "review_days": "14",
        "appeal_days": "5",
        "sb-TOTAL_FORMS": "3",
        "sb-INITIAL_FORMS": "0",
        "sb-MIN_NUM_FORMS": "1",
        "sb-MAX_NUM_FORMS": "1000",
    }
    for i in range(3):
        given = sub_budgets[i] if i < len(sub_budgets) else {}
        data |= {
            f"sb-{i}-name": given.get("name", ""),
            f"sb-{i}-amount": given.get("amount", ""),
            f"sb-{i}-max_cost": given.get("max_cost", ""),
            f"sb-{i}-min_cost": given.get("min_cost", ""),
            f"sb-{i}-ballot_rule": given.get("ballot_rule", "approval"),
            f"sb-{i}-kind": given.get("kind", "size"),
            f"sb-{i}-max_choices": given.get("max_choices", ""),
            f"sb-{i}-winner_rule": given.get("winner_rule", "greedy_threshold"),
            f"sb-{i}-threshold_per_100k": given.get("threshold_per_100k", ""),
        }
    return data | overrides


SMALL = {"name": "Малі", "amount": "1 000 000", "max_cost": "300000", "max_choices": "3"}
LARGE = {
    "name": "Великі",
    "amount": "2000000",
    "min_cost": "300000,01",
    "max_cost": "1500000",
    "ballot_rule": "knapsack",
}


@pytest.fixture
def admin_client(client: Client, personas: Personas) -> Client:
    client.force_login(personas.admin)
    return client


@pytest.mark.parametrize("given", [[SMALL], [SMALL, LARGE]])
def test_one_or_two_sub_budgets_with_every_select_posted(
    admin_client: Client, personas: Personas, given: list[dict[str, Any]]
) -> None:
    url = f"/staff/{personas.community.slug}/processes/new/"
    response = admin_client.post(url, browser_post(given))
    assert response.status_code == 302, response.content.decode()[:2000]
    process = Process.objects.get(slug="pb-2027")
    assert process.sub_budgets.count() == len(given)


def test_the_page_marks_the_first_ballot_rule_as_chosen(
    admin_client: Client, personas: Personas
) -> None:
    page = admin_client.get(f"/staff/{personas.community.slug}/processes/new/").content.decode()
    # One sub-budget to fill and one spare.
    assert page.count('<option value="approval" selected>') == 2


def test_errors_are_summarised_at_the_top_with_links_to_fields(
    admin_client: Client, personas: Personas
) -> None:
    url = f"/staff/{personas.community.slug}/processes/new/"
    bad = dict(SMALL, max_cost="сто")
    page = admin_client.post(url, browser_post([bad], title="")).content.decode()
    summary = page.index('data-testid="error-summary"')
    assert summary < page.index('name="title"')
    assert 'href="#id_title"' in page and 'href="#id_sb-0-max_cost"' in page
    assert not Process.objects.exists()


def test_supporter_settings_are_checked_together(admin_client: Client, personas: Personas) -> None:
    """A threshold without a window, and a window that closes before submission does, are
    named beside their fields; a sound one creates the process with its settings."""
    sub_budget = {"name": "Усі", "amount": "1000000", "max_cost": "500000", "max_choices": "2"}
    url = f"/staff/{personas.community.slug}/processes/new/"
    page = admin_client.post(url, browser_post([sub_budget], supporters_required="15"))
    assert "Вкажіть початок збору підтримки" in page.content.decode()
    early = browser_post(
        [sub_budget],
        supporters_required="15",
        support_start="2027-02-01T09:00",
        support_end="2027-02-20T18:00",
    )
    assert "не може завершитися раніше за подання" in admin_client.post(url, early).content.decode()
    sound = early | {"support_end": "2027-03-10T18:00"}
    assert admin_client.post(url, sound).status_code == 302
    process = Process.objects.get(slug="pb-2027")
    assert (process.supporters_required, process.review_days, process.appeal_days) == (15, 14, 5)


def test_each_sub_budget_chooses_its_winner_rule(admin_client: Client, personas: Personas) -> None:
    small = SMALL | {"winner_rule": "greedy_rising", "threshold_per_100k": "5"}
    large = LARGE | {"winner_rule": "mes"}
    url = f"/staff/{personas.community.slug}/processes/new/"
    response = admin_client.post(url, browser_post([small, large]))
    assert response.status_code == 302, response.content.decode()[:2000]
    rules = list(
        Process.objects.get(slug="pb-2027")
        .sub_budgets.order_by("position")
        .values_list("winner_rule", "threshold_per_100k")
    )
    assert rules == [("greedy_rising", 5), ("mes", 0)]
    forged = admin_client.post(
        url, browser_post([LARGE | {"winner_rule": "dictator"}], slug="pb-2028")
    )
    assert forged.status_code == 400 and not Process.objects.filter(slug="pb-2028").exists()
    assert 'id="id_sb-0-winner_rule"' in forged.content.decode()
