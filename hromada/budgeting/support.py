"""Supporter collection, read side: the process's support settings and their contradictions,
who may support a project, and how many supporters a project has.

`_supporter_eligible` is the ONE place the support actions ask who may support; it answers
with the regulation's per-role eligibility (budgeting/eligibility.py, `may_support`): the
supporters' own minimum age, accepted residence bases and a sub-budget's settlement.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.eligibility import verification_for
from hromada.budgeting import eligibility
from hromada.core.timeline import format_moment

if TYPE_CHECKING:
    from hromada.accounts.models import Verification
    from hromada.budgeting.models import Process, Project


def support_settings_problems(process: Process) -> dict[str, str]:
    """The contradictions in a process's supporter settings, by field, in the active language."""
    problems: dict[str, str] = {}
    start, end = process.support_start, process.support_end
    if not process.supporters_required:
        if start or end:
            problems["supporters_required"] = _(
                "Вказано строки збору підтримки, але не вказано, скільки прихильників потрібно."
            )
        return problems
    if start is None:
        problems["support_start"] = _("Вкажіть початок збору підтримки.")
    if end is None:
        problems["support_end"] = _("Вкажіть кінець збору підтримки.")
    if start is None or end is None or process.submission_start is None:
        return problems
    if start < process.submission_start:
        problems["support_start"] = _("Збір підтримки не може початися раніше за подання.")
    elif start >= end:
        problems["support_end"] = _("Кінець збору підтримки має бути пізніше за його початок.")
    elif process.submission_end and end < process.submission_end:
        problems["support_end"] = _("Збір підтримки не може завершитися раніше за подання.")
    elif process.review_end and end > process.review_end:
        problems["support_end"] = _("Збір підтримки має завершитися до кінця розгляду.")
    return problems


def collects_supporters(process: Process) -> bool:
    return process.supporters_required > 0


def support_window_refusal(process: Process, now: datetime | None = None) -> str | None:
    """Why supporters cannot sign now (besides the phase, which the timeline answers)."""
    now = now or timezone.now()
    if not collects_supporters(process):
        return _("У цьому процесі прихильників не збирають.")
    if process.support_start and now < process.support_start:
        return _("Збір підтримки починається %(date)s.") % {
            "date": format_moment(process.support_start)
        }
    return None


def _supporter_eligible(user: Any, project: Project) -> str | None:
    """None when `user` may support `project`, else the reason they may not."""
    decision = eligibility.may_support(user, project)
    return None if decision.allowed else decision.reason


def supporter_verification(user: Any, project: Project) -> Verification | None:
    return verification_for(user, project.process.community)


def support_count(project: Project) -> int:
    annotated = getattr(project, "supporters", None)
    return annotated if annotated is not None else project.supports.count()


def missing_supporters(project: Project) -> int:
    return max(0, project.process.supporters_required - support_count(project))
