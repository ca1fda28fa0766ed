"""Demo double entry of paper ballots: the current process asks two operators to key in each
paper ballot (chosen in review, on the public change log), and a few second entries differ
from the first, so the counting commission's reconciliation list has something to show.

Everything goes through the real actions (actions_rules, actions_paper_double).
"""

from __future__ import annotations

from datetime import timedelta

from hromada.accounts.models import User
from hromada.budgeting import actions_paper_double, actions_rules
from hromada.budgeting.models import Process, ProcessChange

REASON = "Рішення робочої групи: паперові бюлетені вносять двоє операторів незалежно."
# Second entries that differ from the first (a year of birth misread): left for the commission.
MISREAD = {5, 13}


def require(process: Process, admin: User) -> None:
    """Called while the process is in review, before voting opens."""
    actions_rules.change_process_rule(
        admin, process, field="paper_double_entry", value=True, reason=REASON
    )


def date_the_change(process: Process) -> None:
    """The process was moved on after the change: keep it dated inside review on the log."""
    ProcessChange.objects.filter(process=process, field="paper_double_entry").update(
        at=process.review_end - timedelta(days=2)
    )


def second_entry(
    process: Process,
    second: User,
    index: int,
    *,
    point_id: int,
    identifier: str,
    birth_year: int,
    choices: dict[int, list[int]],
) -> None:
    actions_paper_double.key_in(
        second, process, point_id=point_id, identifier=identifier,
        birth_year=birth_year + (1 if index in MISREAD else 0), choices=choices,
    )  # fmt: skip
