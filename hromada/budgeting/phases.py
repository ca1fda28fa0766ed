"""The timeline of a participatory-budget process, declared once: its phases (half-open intervals
between the process's dates) and what each phase allows. Actions, views and templates ask
`TIMELINE` (see hromada.core.timeline) whether an action may happen now; nobody compares phase
keys.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from hromada.core.timeline import Decision, Phase, Timeline

if TYPE_CHECKING:
    from hromada.budgeting.models import Process

PHASES: tuple[Phase, ...] = (
    Phase("information", gettext_lazy("Інформування"), None, "submission_start"),
    Phase("submission", gettext_lazy("Подання проєктів"), "submission_start", "submission_end"),
    # Without supporters to collect, `support_closes` is submission's end: a phase of no length.
    Phase("support", gettext_lazy("Збір підтримки"), "submission_end", "support_closes"),
    Phase("review", gettext_lazy("Розгляд проєктів"), "support_closes", "review_end"),
    # Between the review's end and the vote the list of projects is final but for appeals.
    Phase("ballot", gettext_lazy("Підготовка до голосування"), "review_end", "voting_start"),
    Phase("voting", gettext_lazy("Голосування"), "voting_start", "voting_end"),
    Phase("counting", gettext_lazy("Підрахунок голосів"), "voting_end", "results_date"),
    Phase("implementation", gettext_lazy("Реалізація"), "results_date", "implementation_end"),
    Phase("finished", gettext_lazy("Завершено"), "implementation_end", None),
)
# Rule changes (rule_changes.py) are declared as "frozen from phase X on".
PHASE_BY_KEY = {phase.key: phase for phase in PHASES}

# Which actions each phase allows. Reviewers decide only in review (not while supporters are
# still being collected), and an author may revise a returned project until review ends.
RESULTS_PHASES = {"implementation", "finished"}
ALLOWED_ACTIONS: dict[str, set[str]] = {
    "submit": {"submission"},
    "revise": {"submission", "support", "review"},
    # Supporters sign during submission and the support phase, within the process's own
    # collection window (support_start..support_end, checked in actions_support).
    "support": {"submission", "support"},
    # Projects short of supporters are not admitted once the collection has closed.
    "close_support": {"review"},
    "review": {"review"},
    # Departments may be assigned early; their conclusions are written in review.
    "assign_review": {"submission", "support", "review"},
    # An author appeals a rejection and the commission decides, all before voting starts.
    "appeal": {"review", "ballot"},
    "decide_appeal": {"review", "ballot"},
    "vote": {"voting"},
    # Paper ballots cast at a service point are keyed in while the vote is on and until the
    # results are announced (the counting window: voting_end .. results_date).
    "enter_paper_ballot": {"voting", "counting"},
    # The outcome is computed once, from the ballots, as soon as voting has closed.
    "store_results": {"counting", *RESULTS_PHASES},
    # The counting commission approves the results (late approval is still approval).
    "freeze_results": {"counting", "implementation"},
    "see_results": RESULTS_PHASES,
    # Turnout is shown once voting has closed: during the vote it could sway it.
    "see_statistics": {"counting", *RESULTS_PHASES},
    "see_implementation": RESULTS_PHASES,
    "update_implementation": RESULTS_PHASES,
    # A finished budget becomes a practices-base case (actions_practice.py).
    "draft_practice": {"finished"},
}

TIMELINE = Timeline(PHASES, ALLOWED_ACTIONS)


def current_phase(process: Process, now: datetime | None = None) -> Phase:
    return TIMELINE.current(process, now)


def decide(process: Process, action: str, now: datetime | None = None) -> Decision:
    return TIMELINE.decide(process, action, now)


def results_public(process: Process, now: datetime | None = None) -> bool:
    return TIMELINE.decide(process, "see_results", now).allowed


def phase_dates(process: Process, key: str) -> str:
    """'з 1 березня 10:00 до 31 березня 23:59' in the active language."""
    return TIMELINE.dates(process, key)
