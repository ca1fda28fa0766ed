"""A sub-budget's winner rule may change after the process was created, until voting opens, on
the public log; the review's end is fixed once the ballot is being prepared."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from hromada.budgeting import actions_rules
from hromada.budgeting.models import Process, ProcessChange, SubBudget
from hromada.budgeting.phases import current_phase
from hromada.core.errors import ActionRefused
from hromada.demo.timeline import dates_for_phase
from tests.conftest import Personas
from tests.factories import make_process

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)
MES = SubBudget.WinnerRule.MES


def process_in(personas: Personas, phase: str) -> Process:
    if phase == "ballot":  # review_end + 3 days: between the review's end and the vote
        process = make_process(
            personas.community, phase="voting", **dates_for_phase("voting", NOW + timedelta(3))
        )
        assert current_phase(process, NOW).key == "ballot"
        return process
    return make_process(personas.community, phase=phase, **dates_for_phase(phase, NOW))


@pytest.mark.parametrize(
    ("phase", "allowed"),
    [("submission", True), ("review", True), ("ballot", True), ("voting", False)],
)
def test_winner_rule_changes_until_voting_opens(
    personas: Personas, phase: str, allowed: bool
) -> None:
    process = process_in(personas, phase)
    large = process.sub_budgets.last()
    assert large is not None and large.winner_rule != MES
    with time_machine.travel(NOW, tick=False):
        if not allowed:
            with pytest.raises(ActionRefused, match="Голосування"):
                actions_rules.change_process_rule(
                    personas.admin, process, field="winner_rule", value=MES,
                    reason="Рішення ради", sub_budget_id=large.pk,
                )  # fmt: skip
            assert SubBudget.objects.get(pk=large.pk).winner_rule != MES
            return
        actions_rules.change_process_rule(
            personas.admin, process, field="winner_rule", value=MES,
            reason="Рішення ради № 5", sub_budget_id=large.pk,
        )  # fmt: skip
    assert SubBudget.objects.get(pk=large.pk).winner_rule == MES
    logged = ProcessChange.objects.get(process=process)
    assert logged.field == "winner_rule" and logged.sub_budget_id == large.pk
    assert logged.new_value == "метод рівних часток"


def test_unknown_rule_and_staff_only(personas: Personas) -> None:
    process = process_in(personas, "review")
    large = process.sub_budgets.last()
    assert large is not None
    for who in (personas.resident, personas.reviewer):
        with pytest.raises(ActionRefused):
            actions_rules.change_process_rule(
                who, process, field="winner_rule", value=MES, reason="x", sub_budget_id=large.pk
            )
    assert not ProcessChange.objects.exists()


def test_staff_screen_changes_the_rule_and_the_regulation_says_so(
    client: Client, personas: Personas
) -> None:
    process = process_in(personas, "review")
    large = process.sub_budgets.last()
    assert large is not None
    client.force_login(personas.admin)
    rules_page = client.get(f"/pb/{process.slug}/rules/").content.decode()
    assert f"/rules/winner_rule/{large.pk}/" in rules_page
    url = f"/pb/{process.slug}/rules/winner_rule/{large.pk}/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"value": "lottery-of-everything", "reason": "x"})
    assert bad.status_code == 400
    done = client.post(url, {"value": MES, "reason": "Рішення сесії № 7"})
    assert done.status_code == 302
    assert SubBudget.objects.get(pk=large.pk).winner_rule == MES
    client.logout()
    regulation = client.get(f"/pb/{process.slug}/regulation/").content.decode()
    assert "метод рівних часток" in regulation
    public = client.get(process.get_absolute_url()).content.decode()
    assert "Рішення сесії № 7" in public


@pytest.mark.parametrize(("phase", "allowed"), [("review", True), ("ballot", False)])
def test_review_end_is_fixed_once_the_ballot_is_prepared(
    personas: Personas, phase: str, allowed: bool
) -> None:
    process = process_in(personas, phase)
    new_end = process.review_end + timedelta(days=1)
    with time_machine.travel(NOW, tick=False):
        if allowed:
            actions_rules.change_process_rule(
                personas.admin, process, field="review_end", value=new_end, reason="Більше часу"
            )
            assert Process.objects.get(pk=process.pk).review_end == new_end
        else:
            with pytest.raises(ActionRefused, match="Підготовка до голосування"):
                actions_rules.change_process_rule(
                    personas.admin, process, field="review_end", value=new_end, reason="Ще"
                )
            assert not ProcessChange.objects.exists()


@pytest.mark.parametrize(("phase", "allowed"), [("review", True), ("voting", False)])
def test_double_entry_is_chosen_before_voting_on_the_staff_screen(
    client: Client, personas: Personas, phase: str, allowed: bool
) -> None:
    process = process_in(personas, phase)
    client.force_login(personas.admin)
    url = f"/pb/{process.slug}/rules/paper_double_entry/"
    response = client.post(url, {"value": "1", "reason": "Рішення комісії"})
    assert (response.status_code == 302) == allowed
    assert Process.objects.get(pk=process.pk).paper_double_entry == allowed
    if allowed:
        logged = ProcessChange.objects.get(field="paper_double_entry")
        assert (logged.old_value, logged.new_value) == ("ні", "так")
        assert client.post(url, {"value": "\x00", "reason": "x"}).status_code == 400
