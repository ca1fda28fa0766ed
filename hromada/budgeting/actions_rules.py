"""Actions that change the rules of a running process: what may change in which phase is declared
in `rule_changes`; every change is checked there, saved in one transaction and logged publicly
(ProcessChange) with its reason and the changer's role."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import ResidenceBasis
from hromada.budgeting import regulation, rule_changes
from hromada.budgeting.models import Process, ProcessChange, Project, SubBudget
from hromada.communities.models import Community, StaffRole
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.money import format_uah


def _role_label(actor: Any, community: Community) -> str:
    admin = StaffRole.objects.filter(user=actor, community=community, role=StaffRole.Role.ADMIN)
    if admin.exists():
        return str(StaffRole.Role.ADMIN.label)
    return _("адміністратор платформи")


@transaction.atomic
def change_process_rule(
    actor: Any,
    process: Process,
    *,
    field: str,
    value: Any,
    reason: str,
    sub_budget_id: int | None = None,
) -> ProcessChange:
    """Change one rule of a running process, if the phase allows it (see rule_changes), and
    log it publicly with its reason."""
    process = Process.objects.select_for_update().select_related("community").get(pk=process.pk)
    require_perm(actor, "budgeting.manage_process", process)
    rule = rule_changes.RULE_BY_FIELD.get(field)
    if rule is None:
        raise ActionRefused(_("Це поле не змінюють після створення процесу."))
    reason = reason.strip()
    if not reason:
        raise ActionRefused(_("Поясніть причину зміни: її побачать жителі."), field="reason")
    sub_budget = None
    if rule.on_sub_budget:
        sub_budget = (
            SubBudget.objects.select_for_update()
            .filter(process=process, pk=sub_budget_id or 0)
            .first()
        )
        if sub_budget is None:
            raise ActionRefused(_("Такого підбюджету в цьому процесі немає."))
    old = rule_changes.current_value(rule, process, sub_budget)
    if rule.kind == "bases":  # one order, so that the same set is the same value
        value = [basis for basis in ResidenceBasis.values if basis in value]
    rule_changes.check_change(rule, process, old, value)
    before = _contradiction_messages(process) if sub_budget is None else set()
    target: Process | SubBudget = sub_budget if sub_budget is not None else process
    setattr(target, field, value)
    if sub_budget is not None:
        _check_sub_budget_money(sub_budget)
    # The regulation's own messages first; the model's checks (dates in order) speak for dates.
    if rule.kind == "date":
        _full_clean(target, rule)
    if sub_budget is None:
        _refuse_new_contradictions(process, before)
    _full_clean(target, rule)
    target.save()
    if sub_budget is not None:
        process.total_budget = sum(process.sub_budgets.values_list("amount", flat=True))
        process.save(update_fields=["total_budget"])
    label = str(rule.label) + (f" «{sub_budget.name}»" if sub_budget is not None else "")
    change = ProcessChange.objects.create(
        process=process,
        sub_budget=sub_budget,
        at=timezone.now(),
        actor=actor,
        actor_role=_role_label(actor, process.community),
        field=field,
        field_label=label,
        old_value=rule_changes.display(rule, old, process),
        new_value=rule_changes.display(rule, value, process),
        reason=reason,
    )
    audit.record(
        "process.change_rule",
        actor=actor,
        target=process,
        community=process.community,
        field=field,
        sub_budget=sub_budget_id,
    )
    return change


def _contradiction_messages(process: Process) -> set[str]:
    return {item.message for item in regulation.contradictions(regulation.regulation_of(process))}


def _refuse_new_contradictions(process: Process, before: set[str]) -> None:
    """The changed regulation, checked as a whole like a new one. Only what this change brings
    is refused: an older contradiction (a process created before a check existed) must not block
    every later correction."""
    for message in sorted(_contradiction_messages(process) - before):
        raise ActionRefused(message, field="value")


def _full_clean(target: Process | SubBudget, rule: rule_changes.RuleChange) -> None:
    try:
        target.full_clean()
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if rule.kind == "date":
            message = _("Дати етапів мають іти по черзі: %(e)s") % {"e": message}
        raise ActionRefused(message, field="value") from None


def _check_sub_budget_money(sub_budget: SubBudget) -> None:
    if sub_budget.amount <= 0 or sub_budget.max_cost <= 0:
        raise ActionRefused(_("Сума має бути більшою за нуль."), field="value")
    if sub_budget.max_cost > sub_budget.amount:
        raise ActionRefused(
            _("Максимальна вартість проєкту не може перевищувати суму підбюджету."), field="value"
        )
    dearest = (
        sub_budget.projects.exclude(status=Project.Status.REJECTED)
        .order_by("-cost")
        .values_list("cost", flat=True)
        .first()
    )
    if dearest is not None and dearest > sub_budget.max_cost:
        raise ActionRefused(
            _("Уже подано проєкт вартістю %(cost)s: найбільша вартість не може бути меншою.")
            % {"cost": format_uah(dearest)},
            field="value",
        )
