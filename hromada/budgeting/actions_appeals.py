"""An author's appeal against a rejection, and the appeals commission's decision on it.

The author appeals within the process's `appeal_days` of the rejection; the commission decides,
with a reason, before voting starts. Both stand in the project's public history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.budgeting import notifications
from hromada.budgeting.models import Appeal, Project, ProjectStatusChange
from hromada.budgeting.phases import TIMELINE
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.timeline import format_moment

MAX_TEXT = 5000


def appeal_deadline(project: Project) -> dt.datetime | None:
    """Until when the author may appeal the project's latest rejection; None if they may not."""
    process = project.process
    if project.status != Project.Status.REJECTED or not process.appeal_days:
        return None
    rejected = (
        ProjectStatusChange.objects.filter(project=project, status=Project.Status.REJECTED)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    if rejected is None:
        return None
    return min(rejected + dt.timedelta(days=process.appeal_days), process.voting_start)


def appeal_rejection(actor: Any, project: Project, *, text: str) -> Appeal:
    try:
        return _appeal_rejection(actor, project, text=text)
    except IntegrityError:
        raise ActionRefused(_("Апеляція щодо цього проєкту вже на розгляді.")) from None


@transaction.atomic
def _appeal_rejection(actor: Any, project: Project, *, text: str) -> Appeal:
    project = (
        Project.objects.select_for_update().select_related("process__community").get(pk=project.pk)
    )
    require_perm(actor, "budgeting.appeal_rejection", project)
    TIMELINE.require(project.process, "appeal")
    if project.status != Project.Status.REJECTED:
        raise ActionRefused(_("Оскаржити можна лише відхилений проєкт."))
    if not project.process.appeal_days:
        raise ActionRefused(_("Положення цього процесу не передбачає апеляції."))
    deadline = appeal_deadline(project)
    if deadline is None or timezone.now() >= deadline:
        raise ActionRefused(
            _("Строк апеляції минув %(date)s.") % {"date": format_moment(deadline)}
            if deadline
            else _("Оскаржити можна лише відхилений проєкт.")
        )
    if project.appeals.filter(decision=Appeal.Decision.PENDING).exists():
        raise ActionRefused(_("Апеляція щодо цього проєкту вже на розгляді."))
    text = text.strip()
    if not text:
        raise ActionRefused(_("Поясніть, чому рішення слід переглянути."), field="text")
    if len(text) > MAX_TEXT:
        raise ActionRefused(
            _("Апеляція має бути не довшою за %(n)s символів.") % {"n": MAX_TEXT}, field="text"
        )
    with transaction.atomic():
        appeal = Appeal.objects.create(
            project=project, author=actor, text=text, filed_at=timezone.now()
        )
    audit.record("project.appeal", actor=actor, target=project, community=project.process.community)
    return appeal


APPEAL_DECISIONS = {
    "admit": Appeal.Decision.ADMITTED,
    "dismiss": Appeal.Decision.DISMISSED,
}


@transaction.atomic
def decide_appeal(actor: Any, appeal: Appeal, *, decision: str, reason: str) -> Appeal:
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("project__process__community", "project__author")
        .get(pk=appeal.pk)
    )
    project = appeal.project
    require_perm(actor, "budgeting.decide_appeal", project)
    TIMELINE.require(project.process, "decide_appeal")
    outcome = APPEAL_DECISIONS.get(decision)
    if outcome is None:
        raise ActionRefused(_("Невідоме рішення."), field="decision")
    if appeal.decision != Appeal.Decision.PENDING:
        raise ActionRefused(_("Цю апеляцію вже вирішено."))
    reason = reason.strip()
    if not reason:
        raise ActionRefused(_("Обґрунтуйте рішення комісії: воно публічне."), field="reason")
    now = timezone.now()
    appeal.decision, appeal.decision_reason = outcome, reason[:MAX_TEXT]
    appeal.decided_at, appeal.decided_by = now, actor
    appeal.save()
    status = Project.Status.ADMITTED if outcome == Appeal.Decision.ADMITTED else project.status
    if status != project.status:
        project.status = status
        project.save(update_fields=["status"])
    ProjectStatusChange.objects.create(
        project=project,
        at=now,
        status=status,
        comment=_("Рішення апеляційної комісії: %(reason)s") % {"reason": appeal.decision_reason},
        actor=actor,
    )
    audit.record(
        f"project.appeal_{decision}",
        actor=actor,
        target=project,
        community=project.process.community,
    )
    notifications.project_reviewed(project, appeal.decision_reason)
    return appeal
