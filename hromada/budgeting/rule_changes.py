"""Which rules of a process may change after it was created, declared once for every phase.

A rule may change until its `frozen_from` phase begins. Who may take part (every role's ages and
residence bases), the thresholds a project must meet (supporters, the support vote, the reserve)
and how long a review or an appeal may take are frozen once the phase that applies them opens:
after that, a change would treat the people who already acted under the old rule differently
from those who act under the new one (docs/regulation.md, "Changing the regulation").

From `later_only_from` on, a rule may only move later (a date) or grow: voting may be extended
once it has started, never shortened. Money is frozen once voting starts, submission dates once
submission has ended, and nothing changes once the process is finished. The action
(`actions_rules.change_process_rule`) reads this table, and so does the staff page that lists
what may still change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.budgeting.eligibility import basis_labels
from hromada.budgeting.models import SubBudget
from hromada.budgeting.phases import PHASE_BY_KEY, PHASES, current_phase
from hromada.core.errors import ActionRefused
from hromada.core.money import format_uah

if TYPE_CHECKING:
    from hromada.budgeting.models import Process

PHASE_ORDER = {phase.key: index for index, phase in enumerate(PHASES)}


@dataclass(frozen=True)
class RuleChange:
    field: str
    label: Promise
    # "text", "long_text", "date", "number", "optional_number", "money", "choice", "bases",
    # "winner_rule", "yes_no"
    kind: str
    frozen_from: str  # the first phase in which it may not change
    later_only_from: str | None = None
    on_sub_budget: bool = False


RULES: tuple[RuleChange, ...] = (
    RuleChange("title", gettext_lazy("Назва"), "text", "finished"),
    RuleChange("description", gettext_lazy("Опис"), "long_text", "finished"),
    RuleChange("submission_start", gettext_lazy("Початок подання"), "date", "submission"),
    RuleChange("submission_end", gettext_lazy("Кінець подання"), "date", "review", "submission"),
    # Once the ballot is being prepared the list of projects is final: the review cannot reopen.
    RuleChange("review_end", gettext_lazy("Кінець розгляду"), "date", "ballot", "review"),
    RuleChange("voting_start", gettext_lazy("Початок голосування"), "date", "voting"),
    RuleChange("voting_end", gettext_lazy("Кінець голосування"), "date", "counting", "voting"),
    RuleChange("results_date", gettext_lazy("Оголошення результатів"), "date", "implementation"),
    RuleChange(
        "implementation_end",
        gettext_lazy("Кінець реалізації"),
        "date",
        "finished",
        "implementation",
    ),
    # Who may take part, in every role: fixed before anyone submits (docs/regulation.md).
    RuleChange("author_min_age", gettext_lazy("Мінімальний вік автора"), "number", "submission"),
    RuleChange(
        "author_max_age", gettext_lazy("Найбільший вік автора"), "optional_number", "submission"
    ),
    RuleChange("author_bases", gettext_lazy("Підстави для авторів"), "bases", "submission"),
    RuleChange(
        "supporter_min_age", gettext_lazy("Мінімальний вік прихильника"), "number", "submission"
    ),
    RuleChange("supporter_bases", gettext_lazy("Підстави для прихильників"), "bases", "submission"),
    RuleChange(
        "voter_min_age", gettext_lazy("Мінімальний вік голосування"), "number", "submission"
    ),
    RuleChange("voter_bases", gettext_lazy("Підстави для голосування"), "bases", "submission"),
    # What a project must meet: checked on submission and at the collection's close.
    RuleChange("reserve_percent", gettext_lazy("Резерв у кошторисі, %"), "number", "submission"),
    RuleChange(
        "supporters_required", gettext_lazy("Потрібно прихильників"), "number", "submission"
    ),
    RuleChange(
        "support_top",
        gettext_lazy("Голосування за підтримку: проходять перші N"),
        "optional_number",
        "submission",
    ),
    RuleChange("support_start", gettext_lazy("Початок збору підтримки"), "date", "submission"),
    # The collection may be extended while it runs (like submission), never shortened.
    RuleChange(
        "support_end", gettext_lazy("Кінець збору підтримки"), "date", "review", "submission"
    ),
    RuleChange("review_days", gettext_lazy("Днів на висновок рецензента"), "number", "review"),
    RuleChange("appeal_days", gettext_lazy("Днів на апеляцію"), "number", "review"),
    RuleChange(
        "max_projects_per_author",
        gettext_lazy("Найбільше проєктів від одного автора"),
        "number",
        "review",
    ),
    RuleChange("min_votes", gettext_lazy("Мінімум голосів для перемоги"), "number", "voting"),
    RuleChange(
        "tie_breaking", gettext_lazy("Правило за рівної кількості голосів"), "choice", "voting"
    ),
    RuleChange("lottery_seed", gettext_lazy("Ключ жеребкування"), "text", "voting"),
    RuleChange("amount", gettext_lazy("Сума підбюджету"), "money", "voting", on_sub_budget=True),
    RuleChange(
        "max_cost",
        gettext_lazy("Найбільша вартість проєкту"),
        "money",
        "voting",
        on_sub_budget=True,
    ),
)
# The winner rule of a sub-budget: chosen before anyone votes, never while the ballots are coming
# in. Its own kind, so that the form offers the rules and the log names them.
WINNER_RULE_CHANGE = RuleChange(
    "winner_rule",
    gettext_lazy("Правило визначення переможців"),
    "winner_rule",
    "voting",
    on_sub_budget=True,
)
# Double entry of paper ballots: chosen before the ballots come in, so that no ballot is left
# waiting for a second entry that the process no longer asks for.
DOUBLE_ENTRY_CHANGE = RuleChange(
    "paper_double_entry",
    gettext_lazy("Подвійне введення паперових бюлетенів"),
    "yes_no",
    "voting",
)
RULES = (*RULES, WINNER_RULE_CHANGE, DOUBLE_ENTRY_CHANGE)
RULE_BY_FIELD = {rule.field: rule for rule in RULES}


def frozen_reason(rule: RuleChange, process: Process, now: datetime | None = None) -> str:
    """Why `rule` may not change now ("" if it may)."""
    phase = current_phase(process, now)
    if PHASE_ORDER[phase.key] >= PHASE_ORDER[rule.frozen_from]:
        return _("Не змінюється з етапу «%(phase)s».") % {
            "phase": PHASE_BY_KEY[rule.frozen_from].label
        }
    return ""


def only_later(rule: RuleChange, process: Process, now: datetime | None = None) -> bool:
    if rule.later_only_from is None:
        return False
    return PHASE_ORDER[current_phase(process, now).key] >= PHASE_ORDER[rule.later_only_from]


def check_change(
    rule: RuleChange, process: Process, old: Any, new: Any, now: datetime | None = None
) -> None:
    """Refuse a change the table does not allow in the process's current phase."""
    reason = frozen_reason(rule, process, now)
    if reason:
        raise ActionRefused(reason, field="value")
    if new == old:
        raise ActionRefused(_("Нове значення таке саме, як поточне."), field="value")
    if only_later(rule, process, now) and old is not None and new < old:
        raise ActionRefused(
            _("На етапі «%(phase)s» це можна лише продовжити, але не скоротити.")
            % {"phase": current_phase(process, now).label},
            field="value",
        )
    if rule.kind == "date" and new <= (now or timezone.now()):
        raise ActionRefused(_("Нова дата має бути в майбутньому."), field="value")


def current_value(rule: RuleChange, process: Process, sub_budget: SubBudget | None) -> Any:
    return getattr(sub_budget if rule.on_sub_budget else process, rule.field)


def display(rule: RuleChange, value: Any, process: Process) -> str:
    """A value as residents read it on the public log."""
    if value in (None, ""):
        return "—"
    if rule.kind == "date":
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if rule.kind == "money":
        return format_uah(value)
    if rule.kind == "bases":
        return basis_labels(value)
    if rule.kind == "choice":
        return str(dict(type(process).TieBreaking.choices).get(value, value))
    if rule.kind == "winner_rule":
        return winner_rule_label(value)
    if rule.kind == "yes_no":
        return _("так") if value else _("ні")
    return str(value)


def winner_rule_label(value: str) -> str:
    return str(dict(SubBudget.WinnerRule.choices).get(value, value))
