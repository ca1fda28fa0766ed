"""Emails about projects: to an author when their project is reviewed, and to a community's
reviewers when projects are still unreviewed long after submission closed.

Both go through hromada.core.mail.send_email (the task queue). The texts are Ukrainian, the
platform's language; English readers get the translation when the site runs in English.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from hromada.budgeting.models import Process, Project
from hromada.communities.models import StaffRole
from hromada.core import audit
from hromada.core.mail import send_email
from hromada.core.models import AuditEntry

OVERDUE_NOTICE = "project.review_overdue_notified"  # audit action: this project's reminder went


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def project_reviewed(project: Project, comment: str) -> None:
    """Tell the author the decision on their project (and the reason, when there is one), in
    the site's language whatever language the reviewer's page was in."""
    with translation.override(settings.LANGUAGE_CODE):
        _tell_author(project, comment)


def _tell_author(project: Project, comment: str) -> None:
    subjects = {
        Project.Status.ADMITTED: _("Ваш проєкт «%(title)s» допущено до голосування"),
        Project.Status.RETURNED: _("Ваш проєкт «%(title)s» повернуто на доопрацювання"),
        Project.Status.REJECTED: _("Ваш проєкт «%(title)s» відхилено"),
    }
    subject = subjects.get(Project.Status(project.status))
    if subject is None or not project.author.email:
        return
    lines = [
        _("Рішення щодо проєкту «%(title)s» (%(process)s): %(status)s.")
        % {
            "title": project.title,
            "process": project.process.title,
            "status": project.get_status_display(),
        }
    ]
    if comment:
        lines += ["", _("Причина: %(comment)s") % {"comment": comment}]
    lines += ["", _link(project.get_absolute_url())]
    send_email(
        to=[project.author.email],
        subject=subject % {"title": project.title},
        body="\n".join(lines),
    )


def overdue_projects(now: dt.datetime, days: int) -> Any:
    """Submitted projects still unreviewed `days` after their process's review began (the end
    of submission, or of supporter collection), whose reviewers have not been reminded yet."""
    reminded = AuditEntry.objects.filter(
        action=OVERDUE_NOTICE, target_type=Project._meta.label
    ).values("target_id")
    since = now - dt.timedelta(days=days)
    return (
        Project.objects.filter(
            Q(process__support_end__isnull=True, process__submission_end__lte=since)
            | Q(process__support_end__lte=since),
            status=Project.Status.SUBMITTED,
        )
        .exclude(pk__in=[int(row["target_id"]) for row in reminded])
        .select_related("process__community")
        .order_by("process_id", "number")
    )


@transaction.atomic
def notify_overdue_reviews(now: dt.datetime | None = None, days: int | None = None) -> int:
    """Remind each community's reviewers of its overdue projects, once per project: the
    reminder is recorded in the audit log in the same transaction as the queued email.
    Returns how many projects were included."""
    now = now or timezone.now()
    days = settings.REVIEW_OVERDUE_DAYS if days is None else days
    projects = list(overdue_projects(now, days).select_for_update(of=("self",)))
    by_process: dict[int, list[Project]] = {}
    for project in projects:
        by_process.setdefault(project.process_id, []).append(project)
    for group in by_process.values():
        _remind_reviewers(group[0].process, group, days)
        for project in group:
            audit.record(
                OVERDUE_NOTICE, actor=None, target=project, community=project.process.community
            )
    return len(projects)


def _remind_reviewers(process: Process, projects: list[Project], days: int) -> None:
    reviewers = StaffRole.objects.filter(
        community=process.community, role=StaffRole.Role.REVIEWER
    ).values_list("user__email", flat=True)
    recipients = sorted({email for email in reviewers if email})
    if not recipients:
        return
    lines = [
        _(
            "Подання до «%(process)s» завершилося понад %(days)s дн. тому, а ці проєкти ще "
            "чекають рішення:"
        )
        % {"process": process.title, "days": days},
        "",
        *[f"№{project.number} «{project.title}»" for project in projects],
        "",
        _link(reverse("budgeting:review_queue", args=[process.slug])),
    ]
    send_email(
        to=recipients,
        subject=_("Прострочений розгляд проєктів: %(process)s") % {"process": process.title},
        body="\n".join(lines),
    )


@task()
def notify_overdue_reviews_task() -> int:
    """The reminder as a background task (for a scheduler that enqueues tasks)."""
    return notify_overdue_reviews()
