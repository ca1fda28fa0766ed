"""The public regulation page, starting a process from a template (posted data), and the
reserve a submission's estimate must hold."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from hromada.budgeting import actions
from hromada.budgeting.models import Process
from hromada.core.errors import ActionRefused
from tests.conftest import Personas
from tests.factories import SettlementFactory, make_process

pytestmark = pytest.mark.django_db


def _page(client: Client, process: Process, language: str = "uk") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/pb/{process.slug}/regulation/")
    assert response.status_code == 200
    return response.content.decode().replace("\u00a0", " ")


def test_the_regulation_page_reads_the_settings(client: Client, personas: Personas) -> None:
    village = SettlementFactory.create(community=personas.community, name="Черешневе")
    process = make_process(
        personas.community,
        author_min_age=14,
        author_max_age=18,
        supporter_min_age=14,
        voter_min_age=16,
        author_bases=["study", "registered"],
        voter_bases=["idp"],
        reserve_percent=20,
        min_votes=300,
        tie_breaking="lottery",
        lottery_seed="seed-2027",
    )
    sub_budget = process.sub_budgets.first()
    assert sub_budget is not None
    sub_budget.settlement, sub_budget.residents_only, sub_budget.share = village, True, 3333
    sub_budget.save()
    page = _page(client, process)
    assert "з року, у якому виповнюється 14, до року, у якому виповнюється 18, включно" in page
    assert "навчання в громаді; зареєстроване місце проживання" in page
    assert "внутрішньо переміщена особа (довідка ВПО)" in page
    assert "щонайменше 20 % від вартості робіт" in page
    assert "33,33 % бюджету" in page
    assert "щонайменше 300 голосів" in page and "seed-2027" in page
    assert "лише ті, чия підстава участі підтверджена в населеному пункті «Черешневе»" in page
    assert (
        f'href="/pb/{process.slug}/regulation/"'
        in client.get(f"/pb/{process.slug}/").content.decode()
    )
    english = _page(client, process, "en")
    assert "from the year in which one turns 14 until the year in which one turns 18" in english
    assert "at least 20 % of the cost of the works" in english


def test_the_supporters_section_states_the_threshold_between_phases_and_ballot(
    client: Client, personas: Personas
) -> None:
    process = make_process(personas.community)
    Process.objects.filter(pk=process.pk).update(
        supporters_required=15,
        support_start=process.submission_start,
        support_end=process.submission_end,
        appeal_days=0,
    )
    page = _page(client, process)
    threshold = page.index("щонайменше 15 жителів")
    assert page.index('id="phases"') < threshold < page.index('id="ballot"')
    assert "не передбачає апеляції" in page


def test_the_regulation_page_is_two_queries(
    client: Client, personas: Personas, django_assert_max_num_queries: Any
) -> None:
    process = make_process(personas.community)
    client.get(f"/pb/{process.slug}/regulation/")
    with django_assert_max_num_queries(2):
        client.get(f"/pb/{process.slug}/regulation/")


def _city_post(client: Client, personas: Personas, **changes: str) -> dict[str, Any]:
    """What the browser posts after choosing the city template and filling title and address."""
    page = client.get(f"/staff/{personas.community.slug}/processes/new/?template=city")
    assert page.status_code == 200
    form = page.context["form"]
    formset = page.context["formset"]
    data: dict[str, Any] = {"title": "Бюджет участі 2027", "slug": "pb-2027"}
    for name, field in form.fields.items():
        if name in data:
            continue
        value = form.initial.get(name, field.initial)
        if isinstance(value, list):
            data[name] = value
        elif hasattr(value, "strftime"):
            data[name] = value.strftime("%Y-%m-%dT%H:%M")
        elif value is not None:
            data[name] = str(field.prepare_value(value)) if name != "total_budget" else str(value)
    for key, value in formset.management_form.initial.items():
        data[f"sb-{key}"] = value
    for sub in formset.forms:
        for name, field in sub.fields.items():
            value = sub.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[sub.add_prefix(name)] = str(field.prepare_value(value))
    return {**data, **changes}


def test_a_process_from_the_city_template_with_a_40_60_split(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.admin)
    data = _city_post(client, personas)
    assert (data["sb-0-share"], data["sb-1-share"]) == ("40", "60")
    response = client.post(f"/staff/{personas.community.slug}/processes/new/?template=city", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    process = Process.objects.get(slug="pb-2027")
    small, large = process.sub_budgets.all()
    assert (small.share, large.share) == (4000, 6000)
    assert (small.amount, large.amount) == (400_000_000, 600_000_000)
    assert process.total_budget == 1_000_000_000
    assert (process.reserve_percent, process.regulation_template) == (20, "city")
    assert large.min_cost == small.max_cost + 1


def test_a_split_that_is_not_100_percent_is_shown_on_the_form(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.admin)
    data = _city_post(client, personas, **{"sb-1-share": "50"})
    response = client.post(f"/staff/{personas.community.slug}/processes/new/", data)
    assert response.status_code == 400
    page = response.content.decode().replace("\u00a0", " ")
    assert "Підбюджети разом дають 9 000 000 грн (90 % загального бюджету)" in page
    assert not Process.objects.filter(slug="pb-2027").exists()


@pytest.mark.parametrize("share", ["١٠", "40\x00", "9" * 40, "-5", "abc", "100.001", "²"])
def test_odd_shares_get_a_message_not_an_error(
    client: Client, personas: Personas, share: str
) -> None:
    client.force_login(personas.admin)
    data = _city_post(client, personas, **{"sb-0-share": share})
    response = client.post(f"/staff/{personas.community.slug}/processes/new/", data)
    assert response.status_code == 400
    assert not Process.objects.filter(slug="pb-2027").exists()


def test_the_contradiction_names_the_sub_budget_field(client: Client, personas: Personas) -> None:
    client.force_login(personas.admin)
    data = _city_post(client, personas, **{"sb-1-min_cost": "200000", "supporter_min_age": "18"})
    response = client.post(f"/staff/{personas.community.slug}/processes/new/", data)
    formset = response.context["formset"]
    assert "перетинаються" in " ".join(formset.forms[1].errors["min_cost"])
    assert "Знизьте вік прихильника" in " ".join(
        response.context["form"].errors["supporter_min_age"]
    )


def test_every_template_opens_filled(client: Client, personas: Personas) -> None:
    SettlementFactory.create(community=personas.community, name="Черешневе")
    client.force_login(personas.admin)
    for key in ("city", "village", "school", "wartime"):
        page = client.get(f"/staff/{personas.community.slug}/processes/new/?template={key}")
        assert page.status_code == 200
        assert page.context["chosen"].key == key


def _submit(process: Process, author: Any, cost: int, reserve: int) -> Any:
    return actions.submit_project(
        author,
        process,
        sub_budget_id=process.sub_budgets.first().pk,  # type: ignore[union-attr]
        title="Лавки в парку",
        description="Поставити двадцять лавок уздовж алеї парку.",
        cost=cost,
        location="Парк",
        reserve=reserve,
    )


def test_the_reserve_is_checked_on_submission(personas: Personas) -> None:
    process = make_process(personas.community, reserve_percent=20)
    with pytest.raises(ActionRefused, match="щонайменше 20\u00a0000\u00a0грн") as refused:
        _submit(process, personas.resident, 12_000_000, 1_999_999)
    assert refused.value.field == "reserve"
    assert _submit(process, personas.resident, 12_000_000, 2_000_000).reserve == 2_000_000
    with pytest.raises(ActionRefused):
        _submit(process, personas.resident, 12_000_000, 12_000_000)  # all reserve, no works
    free = make_process(personas.community)
    assert _submit(free, personas.resident, 12_000_000, 0).reserve == 0


def test_the_submission_form_asks_for_the_reserve(client: Client, personas: Personas) -> None:
    process = make_process(personas.community, reserve_percent=20)
    client.force_login(personas.resident)
    post = {
        "sub_budget": process.sub_budgets.first().pk,  # type: ignore[union-attr]
        "title": "Лавки в парку",
        "description": "Поставити двадцять лавок уздовж алеї парку, з урнами й освітленням.",
        "cost": "120000",
        "reserve": "10000",
        "location": "Парк",
    }
    response = client.post(f"/pb/{process.slug}/projects/new/", post)
    assert response.status_code == 200
    assert "щонайменше 20 000" in response.content.decode().replace("\u00a0", " ")
    response = client.post(f"/pb/{process.slug}/projects/new/", {**post, "reserve": "20000"})
    assert response.status_code == 302


def test_a_revision_keeps_the_reserve_rule(personas: Personas) -> None:
    process = make_process(personas.community, reserve_percent=20)
    project = _submit(process, personas.resident, 12_000_000, 2_000_000)
    project.status = "returned"
    project.save(update_fields=["status"])
    more: dict[str, Any] = {"title": "Лавки", "description": "Поставити лавки.", "location": "Парк"}
    with pytest.raises(ActionRefused, match="Збільште резерв"):
        actions.revise_project(personas.resident, project, cost=18_000_000, **more)
    revised = actions.revise_project(
        personas.resident, project, cost=18_000_000, reserve=3_000_000, **more
    )
    assert (revised.cost, revised.reserve) == (18_000_000, 3_000_000)
