"""Every write of the departments' review: assigning a project to a department, a reviewer's
structured conclusion, keeping the author's earlier versions, and telling the community admin
about conclusions past their due date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.models import Project, ProjectRevision, ReviewAssignment
from hromada.budgeting.phases import TIMELINE
from hromada.communities.models import StaffRole
from hromada.communities.rules import is_community_admin
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.mail import send_email

MAX_COST = 10**15  # kopiykas: far above any community's budget, within a 64-bit column


def review_departments(community: Any) -> list[str]:
    """The departments the community's reviewers belong to, as their roles name them."""
    names = StaffRole.objects.filter(community=community, role=StaffRole.Role.REVIEWER).values_list(
        "department", flat=True
    )
    return sorted({name.strip() for name in names if name.strip()})


def due_date(project: Project, assigned_at: dt.datetime) -> dt.datetime:
    """`review_days` from assignment, counted from when review begins if assigned earlier,
    and never later than the end of review."""
    process = project.process
    start = max(assigned_at, process.support_closes)
    return min(start + dt.timedelta(days=process.review_days), process.review_end)


@transaction.atomic
def assign_review(actor: Any, project: Project, *, department: str) -> ReviewAssignment:
    project = (
        Project.objects.select_for_update().select_related("process__community").get(pk=project.pk)
    )
    require_perm(actor, "budgeting.assign_review", project)
    TIMELINE.require(project.process, "assign_review")
    department = department.strip()
    if department not in review_departments(project.process.community):
        raise ActionRefused(
            _("У громади немає рецензентів підрозділу «%(d)s».") % {"d": department[:200]},
            field="department",
        )
    if project.status not in (Project.Status.SUBMITTED, Project.Status.RETURNED):
        raise ActionRefused(_("На розгляд призначають лише подані проєкти."))
    now = timezone.now()
    try:
        with transaction.atomic():
            assignment = ReviewAssignment.objects.create(
                project=project,
                department=department,
                assigned_at=now,
                due_at=due_date(project, now),
                assigned_by=actor,
            )
    except IntegrityError:
        raise ActionRefused(
            _("Проєкт уже призначено підрозділу «%(d)s».") % {"d": department}, field="department"
        ) from None
    audit.record(
        "project.assign_review",
        actor=actor,
        target=project,
        community=project.process.community,
        department=department,
    )
    return assignment


def _in_department(user: Any, assignment: ReviewAssignment) -> bool:
    community = assignment.project.process.community
    if is_community_admin(user, community):
        return True
    return StaffRole.objects.filter(
        user=user,
        community=community,
        role=StaffRole.Role.REVIEWER,
        department=assignment.department,
    ).exists()


@transaction.atomic
def write_conclusion(  # the conclusion's fields, each named
    actor: Any,
    assignment: ReviewAssignment,
    *,
    feasibility: str,
    legality: str,
    land: str,
    recommendation: str,
    reason: str,
    cost_estimate: int | None = None,
    ground: str = "",
) -> ReviewAssignment:
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .select_related("project__process__community")
        .get(pk=assignment.pk)
    )
    project = assignment.project
    require_perm(actor, "budgeting.write_conclusion", project)
    if not _in_department(actor, assignment):
        raise ActionRefused(
            _("Висновок пише рецензент підрозділу «%(d)s».") % {"d": assignment.department}
        )
    TIMELINE.require(project.process, "review")
    _check_choice(feasibility, ReviewAssignment.Feasibility, "feasibility")
    _check_choice(legality, ReviewAssignment.Legality, "legality")
    _check_choice(land, ReviewAssignment.Land, "land")
    _check_choice(recommendation, ReviewAssignment.Recommendation, "recommendation")
    if cost_estimate is not None and not 0 < cost_estimate <= MAX_COST:
        raise ActionRefused(_("Оцінка вартості має бути додатною сумою."), field="cost_estimate")
    reason = reason.strip()
    if not reason:
        raise ActionRefused(_("Обґрунтуйте висновок."), field="reason")
    if recommendation == ReviewAssignment.Recommendation.REJECT:
        _check_choice(ground, RejectionGround, "ground")
    else:
        ground = ""
    assignment.feasibility, assignment.legality, assignment.land = feasibility, legality, land
    assignment.recommendation, assignment.ground, assignment.reason = recommendation, ground, reason
    assignment.cost_estimate = cost_estimate
    assignment.reviewer, assignment.concluded_at = actor, timezone.now()
    assignment.save()
    audit.record(
        "project.conclusion", actor=actor, target=project, community=project.process.community
    )
    return assignment


def _check_choice(value: str, choices: Any, field: str) -> None:
    if value not in choices.values:
        raise ActionRefused(_("Оберіть значення зі списку."), field=field)


def keep_revision(project: Project) -> ProjectRevision:
    """Save the project as it stands, before its author revises it (called by revise_project
    inside its transaction)."""
    version = project.revisions.count() + 1
    return ProjectRevision.objects.create(
        project=project,
        version=version,
        saved_at=timezone.now(),
        title=project.title,
        description=project.description,
        cost=project.cost,
        location=project.location,
    )


def overdue_assignments(community: Any, now: dt.datetime | None = None) -> Any:
    """Conclusions past their due date, still unwritten, in the community's processes."""
    return (
        ReviewAssignment.objects.filter(
            project__process__community=community,
            concluded_at__isnull=True,
            due_at__lt=now or timezone.now(),
            project__status=Project.Status.SUBMITTED,
        )
        .select_related("project__process")
        .order_by("due_at", "id")
    )


@transaction.atomic
def notify_overdue_conclusions(now: dt.datetime | None = None) -> int:
    """Tell each community's admins, once per assignment, which conclusions are overdue."""
    now = now or timezone.now()
    due = list(
        ReviewAssignment.objects.select_for_update(of=("self",))
        .filter(
            concluded_at__isnull=True,
            overdue_notified_at__isnull=True,
            due_at__lt=now,
            project__status=Project.Status.SUBMITTED,
        )
        .select_related("project__process__community")
        .order_by("due_at", "id")
    )
    by_community: dict[int, list[ReviewAssignment]] = {}
    for assignment in due:
        by_community.setdefault(assignment.project.process.community_id, []).append(assignment)
    for group in by_community.values():
        with translation.override(settings.LANGUAGE_CODE):
            _tell_admins(group)
    ReviewAssignment.objects.filter(pk__in=[a.pk for a in due]).update(overdue_notified_at=now)
    return len(due)


def _tell_admins(assignments: list[ReviewAssignment]) -> None:
    community = assignments[0].project.process.community
    admins = StaffRole.objects.filter(community=community, role=StaffRole.Role.ADMIN)
    recipients = sorted({email for email in admins.values_list("user__email", flat=True) if email})
    if not recipients:
        return
    lines = [_("Висновки рецензентів, строк яких минув:"), ""]
    for assignment in assignments:
        project = assignment.project
        lines.append(
            _("№%(n)s «%(title)s» — %(dept)s, строк до %(due)s")
            % {
                "n": project.number,
                "title": project.title,
                "dept": assignment.department,
                "due": timezone.localtime(assignment.due_at).strftime("%d.%m.%Y"),
            }
        )
    lines += ["", settings.SITE_URL.rstrip("/") + reverse("staff:dashboard")]
    send_email(
        to=recipients,
        subject=_("Прострочені висновки рецензентів: %(c)s") % {"c": community.name},
        body="\n".join(lines),
    )


@task()
def notify_overdue_conclusions_task() -> int:
    return notify_overdue_conclusions()
