"""Changing a running process's rules: what may change depends on the phase (declared once in
rule_changes.RULES), and every change is logged publicly with its reason and the changer's role."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from hromada.budgeting import actions_rules
from hromada.budgeting.models import Process, ProcessChange
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from hromada.demo.timeline import dates_for_phase
from tests.budgeting.conftest import submit
from tests.conftest import Personas
from tests.factories import make_process

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def process_in(personas: Personas, phase: str) -> Process:
    return make_process(personas.community, phase=phase, **dates_for_phase(phase, NOW))


def change(who: Any, process: Process, field: str, value: Any, **kw: Any) -> ProcessChange:
    return actions_rules.change_process_rule(
        who, process, field=field, value=value, reason=kw.pop("reason", "Рішення ради"), **kw
    )


def later(process: Process, field: str, days: int) -> Any:
    return getattr(process, field) + timedelta(days=days)


# (phase, field, shift in days, allowed): dates move by `shift`; money and numbers too (x100).
CASES = [
    ("information", "submission_start", 1, True),
    ("submission", "submission_start", 1, False),
    ("submission", "submission_end", 1, True),
    ("submission", "submission_end", -1, False),  # shortening once submission is open
    ("review", "submission_end", 1, False),  # submission dates not after submission ended
    ("review", "voting_start", 1, True),
    ("voting", "voting_start", 1, False),
    ("voting", "voting_end", 2, True),  # voting may be extended...
    ("voting", "voting_end", -1, False),  # ...never shortened
    ("counting", "voting_end", 1, False),
    ("counting", "results_date", 1, True),
    ("implementation", "implementation_end", 10, True),
    ("implementation", "implementation_end", -1, False),
]


@pytest.mark.parametrize(("phase", "field", "shift", "allowed"), CASES)
def test_dates_by_phase(
    personas: Personas, phase: str, field: str, shift: int, allowed: bool
) -> None:
    process = process_in(personas, phase)
    with time_machine.travel(NOW, tick=False):
        if allowed:
            change(personas.admin, process, field, later(process, field, shift))
            assert getattr(Process.objects.get(pk=process.pk), field) == later(
                process, field, shift
            )
        else:
            with pytest.raises(ActionRefused):
                change(personas.admin, process, field, later(process, field, shift))
            assert not ProcessChange.objects.exists()


@pytest.mark.parametrize(
    ("phase", "allowed"), [("submission", True), ("review", True), ("voting", False)]
)
def test_money_is_frozen_once_voting_starts(personas: Personas, phase: str, allowed: bool) -> None:
    process = process_in(personas, phase)
    small = process.sub_budgets.first()
    assert small is not None
    with time_machine.travel(NOW, tick=False):
        if allowed:
            change(personas.admin, process, "amount", 150_000_000, sub_budget_id=small.pk)
            process.refresh_from_db()
            assert process.total_budget == 350_000_000  # follows the sub-budgets
        else:
            with pytest.raises(ActionRefused):
                change(personas.admin, process, "amount", 150_000_000, sub_budget_id=small.pk)


def test_nothing_changes_once_finished(personas: Personas) -> None:
    process = process_in(personas, "finished")
    with time_machine.travel(NOW, tick=False), pytest.raises(ActionRefused):
        change(personas.admin, process, "title", "Інша назва")


def test_cost_limit_cannot_drop_below_a_submitted_project(personas: Personas) -> None:
    process = process_in(personas, "submission")
    submit(process, personas.resident, 0, 30_000_000)
    small = process.sub_budgets.first()
    assert small is not None
    with pytest.raises(ActionRefused, match="Уже подано"):
        change(personas.admin, process, "max_cost", 20_000_000, sub_budget_id=small.pk)


def test_reason_required_staff_only_and_dates_kept_in_order(personas: Personas) -> None:
    process = process_in(personas, "information")
    with pytest.raises(ActionRefused) as refused:
        change(personas.admin, process, "title", "Нова назва", reason=" ")
    assert refused.value.field == "reason"
    for who in (personas.reviewer, personas.outsider_admin, personas.resident):
        with pytest.raises(ActionRefused):
            change(who, process, "title", "Нова назва")
    with pytest.raises(ActionRefused, match="по черзі"):
        change(personas.admin, process, "submission_start", later(process, "voting_end", 1))


def test_public_log_names_the_role_not_the_person(client: Client, personas: Personas) -> None:
    process = process_in(personas, "voting")
    new_end = process.voting_end + timedelta(days=3)
    change(personas.admin, process, "voting_end", new_end, reason="Відключення світла")
    logged = ProcessChange.objects.get()
    assert (logged.field, logged.actor_role) == ("voting_end", "адміністратор громади")
    assert AuditEntry.objects.filter(action="process.change_rule").exists()
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Зміни правил" in page and "Відключення світла" in page
    assert "адміністратор громади" in page and personas.admin.email not in page


def test_staff_pages_list_and_change_rules(client: Client, personas: Personas) -> None:
    process = process_in(personas, "voting")
    client.force_login(personas.admin)
    rules_page = client.get(f"/pb/{process.slug}/rules/").content.decode()
    assert "продовжити" in rules_page and "Не змінюється з етапу" in rules_page
    new_end = timezone.localtime(process.voting_end + timedelta(days=2))
    response = client.post(
        f"/pb/{process.slug}/rules/voting_end/",
        {"value": new_end.strftime("%Y-%m-%dT%H:%M"), "reason": "Продовжено рішенням ради"},
    )
    assert response.status_code == 302
    refused = client.post(
        f"/pb/{process.slug}/rules/voting_end/",
        {"value": "2020-01-01T10:00", "reason": "Скоротити"},
    )
    assert refused.status_code == 400 and "не скоротити" in refused.content.decode()
    client.force_login(personas.reviewer)
    assert client.get(f"/pb/{process.slug}/rules/").status_code == 404


def test_lottery_needs_a_published_seed(personas: Personas) -> None:
    process = process_in(personas, "review")
    with pytest.raises(ActionRefused, match="ключ"):
        change(personas.admin, process, "tie_breaking", Process.TieBreaking.LOTTERY)
    change(personas.admin, process, "lottery_seed", "2027-ключ")
    change(personas.admin, process, "tie_breaking", Process.TieBreaking.LOTTERY)
    assert ProcessChange.objects.count() == 2
