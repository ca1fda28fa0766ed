"""The API shows each process's regulation settings, read-only: sub-budgets with kind, share,
settlement and residents-only, the supporters' threshold, window and support vote, and every
role's age and bases."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.budgeting.models import Process, SubBudget
from hromada.demo.timeline import dates_with_support
from tests.conftest import Personas
from tests.factories import SettlementFactory, make_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_process(personas: Personas) -> Process:
    dates: dict[str, Any] = dates_with_support("submission")
    process = make_process(
        personas.community,
        supporters_required=15,
        support_top=5,
        author_min_age=14,
        author_max_age=18,
        supporter_min_age=14,
        voter_min_age=16,
        supporter_bases=["registered", "study"],
        reserve_percent=20,
        review_days=10,
        appeal_days=3,
        **dates,
    )
    village = SettlementFactory.create(community=personas.community, name="Вишневе")
    SubBudget.objects.filter(process=process, position=0).update(
        kind=SubBudget.Kind.SETTLEMENT, settlement=village, residents_only=True, share=4000
    )
    return process


def _process(client: Client, slug: str) -> dict[str, Any]:
    data: dict[str, Any] = client.get(f"/api/processes/{slug}/").json()
    return data


def test_the_regulation_settings_are_published(village_process: Process, client: Client) -> None:
    data = _process(client, village_process.slug)
    assert {key: data[key] for key in ("author_min_age", "author_max_age")} == {
        "author_min_age": 14,
        "author_max_age": 18,
    }
    assert (data["supporter_min_age"], data["voter_min_age"]) == (14, 16)
    assert data["supporter_bases"] == ["registered", "study"]
    assert (data["supporters_required"], data["support_top"]) == (15, 5)
    assert data["support_start"] and data["support_end"]
    assert (data["reserve_percent"], data["review_days"], data["appeal_days"]) == (20, 10, 3)
    village, large = data["sub_budgets"]
    assert {key: village[key] for key in ("kind", "share", "settlement", "residents_only")} == {
        "kind": "settlement",
        "share": 4000,
        "settlement": "Вишневе",
        "residents_only": True,
    }
    assert (large["kind"], large["share"], large["settlement"]) == ("size", None, None)


def test_the_settings_cannot_be_written(village_process: Process, personas: Personas) -> None:
    client = Client()
    client.force_login(personas.admin)
    url = f"/api/processes/{village_process.slug}/"
    for method in (client.put, client.patch):
        response = method(url, {"supporters_required": 1}, content_type="application/json")
        assert response.status_code == 405
    assert Process.objects.get(pk=village_process.pk).supporters_required == 15


def test_the_list_reads_the_settlements_in_the_same_queries(
    village_process: Process,
    personas: Personas,
    client: Client,
    django_assert_max_num_queries: Any,
) -> None:
    # A second process with its own settlement sub-budget: the count must not grow with it.
    other = make_process(personas.community, phase="information")
    SubBudget.objects.filter(process=other, position=0).update(
        kind=SubBudget.Kind.SETTLEMENT,
        settlement=SettlementFactory.create(community=personas.community, name="Калинівка"),
    )
    with django_assert_max_num_queries(3):
        rows = client.get("/api/processes/").json()["results"]
    settlements = {sb["settlement"] for row in rows for sb in row["sub_budgets"]}
    assert settlements == {"Вишневе", "Калинівка", None}
    with django_assert_max_num_queries(2):
        _process(client, village_process.slug)
