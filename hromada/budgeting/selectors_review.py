"""Reads of supporters, review and appeals that the project page, the staff queues and a
resident's "my participation" page show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.budgeting import actions_appeals, actions_review, support, support_vote
from hromada.budgeting.forms_review import AppealForm, AssignReviewForm, ConclusionForm
from hromada.budgeting.models import (
    Appeal,
    Project,
    ProjectRevision,
    ProjectSupport,
    ReviewAssignment,
)
from hromada.budgeting.phases import TIMELINE
from hromada.communities.models import StaffRole

# Annotations on the project's own query that say which of its lists exist, so that the page
# of a plain project reads none of them.
REVIEW_FLAGS = {
    "has_supports": Exists(ProjectSupport.objects.filter(project=OuterRef("pk"))),
    "has_assignments": Exists(ReviewAssignment.objects.filter(project=OuterRef("pk"))),
    "has_appeals": Exists(Appeal.objects.filter(project=OuterRef("pk"))),
    "has_revisions": Exists(ProjectRevision.objects.filter(project=OuterRef("pk"))),
}


def _listed(project: Project, flag: str, rows: Any) -> list[Any]:
    return list(rows) if getattr(project, flag, True) else []


def project_review_context(user: Any, project: Project) -> dict[str, Any]:
    """Everything the project page shows about supporters, review, versions and appeals."""
    process = project.process
    supports = _listed(
        project, "has_supports", project.supports.values_list("supporter_id", "channel")
    )
    mine = bool(user.is_authenticated and any(uid == user.pk for uid, _ch in supports))
    assignments = _listed(project, "has_assignments", project.review_assignments.all())
    appeals = _listed(project, "has_appeals", project.appeals.all())
    collecting = bool(
        support.collects_supporters(process)
        and TIMELINE.decide(process, "support")
        and support.support_window_refusal(process) is None
        and project.status in (Project.Status.SUBMITTED, Project.Status.RETURNED)
    )
    deadline = actions_appeals.appeal_deadline(project)
    is_author = user.is_authenticated and user.pk == project.author_id
    may_appeal = bool(
        is_author
        and deadline is not None
        and TIMELINE.decide(process, "appeal")
        and not any(a.decision == Appeal.Decision.PENDING for a in appeals)
    )
    may_assign = user.has_perm("budgeting.assign_review", project) and bool(
        TIMELINE.decide(process, "assign_review")
    )
    return {
        "supporters_required": process.supporters_required,
        "supporters_count": len(supports),
        "supporters_paper": sum(1 for _uid, ch in supports if ch == ProjectSupport.Channel.PAPER),
        "i_support": mine,
        "collecting": collecting,
        "may_support": collecting and not is_author and not mine and user.is_authenticated,
        "may_enter_paper": collecting and user.has_perm("budgeting.enter_paper_support", project),
        "assignments": assignments,
        "may_assign": may_assign,
        "assign_form": AssignReviewForm(
            departments=actions_review.review_departments(process.community) if may_assign else []
        ),
        "may_conclude": user.has_perm("budgeting.write_conclusion", project)
        and bool(TIMELINE.decide(process, "review")),
        "revisions": _listed(project, "has_revisions", project.revisions.all()),
        "appeals": appeals,
        "may_appeal": may_appeal,
        "appeal_deadline": deadline if may_appeal else None,
        "appeal_form": AppealForm(),
        "may_decide_appeal": user.has_perm("budgeting.decide_appeal", project)
        and bool(TIMELINE.decide(process, "decide_appeal")),
    }


def conclusion_form_for(assignment: ReviewAssignment) -> ConclusionForm:
    initial = {
        field: getattr(assignment, field)
        for field in ("feasibility", "legality", "land", "recommendation", "ground", "reason")
    }
    if assignment.cost_estimate:
        initial["cost_estimate"] = f"{assignment.cost_estimate / 100:.2f}"
    return ConclusionForm(initial=initial)


@dataclass
class MyProject:
    project: Project
    supporters: int
    next_step: str  # what the author should do or wait for, in the active language


def my_projects(user: Any) -> list[MyProject]:
    projects = (
        Project.objects.filter(author=user)
        .select_related("process__community")
        .annotate(supporters=Count("supports"))
        .prefetch_related(Prefetch("appeals", queryset=Appeal.objects.order_by("filed_at", "id")))
        .order_by("-submitted_at")
    )
    return [MyProject(p, p.supporters, next_step(p)) for p in projects]


def next_step(project: Project) -> str:
    process = project.process
    phase = TIMELINE.current(process).key
    pending = any(a.decision == Appeal.Decision.PENDING for a in project.appeals.all())
    if project.status == Project.Status.RETURNED:
        return _("Доопрацюйте проєкт за коментарем рецензента і надішліть знову.")
    if project.status == Project.Status.REJECTED:
        if pending:
            return _("Апеляція на розгляді комісії.")
        if actions_appeals.appeal_deadline(project) and TIMELINE.decide(process, "appeal"):
            return _("Можна подати апеляцію до апеляційної комісії.")
        return _("Нічого: проєкт відхилено.")
    if project.status == Project.Status.ADMITTED:
        return (
            _("Запросіть жителів проголосувати.")
            if phase in ("review", "voting")
            else _("Стежте за результатами й реалізацією.")
        )
    missing = support.missing_supporters(project)
    if missing and phase in ("submission", "support"):
        return ngettext(
            "Зберіть ще %(n)s підпис підтримки.", "Зберіть ще %(n)s підписів підтримки.", missing
        ) % {"n": missing}
    place = support_vote.place_of(project) if phase in ("submission", "support") else None
    if place is not None:
        return _(
            "Голосування за підтримку: зараз проєкт на %(place)s місці з %(of)s у своєму "
            "підбюджеті; далі пройдуть перші %(top)s."
        ) % {"place": place.place, "of": place.of, "top": process.support_top}
    return _("Чекайте висновку рецензентів.")


def my_supports(user: Any) -> list[ProjectSupport]:
    return list(
        ProjectSupport.objects.filter(supporter=user)
        .select_related("project__process")
        .order_by("-created_at")
    )


def appeal_queue(process: Any) -> list[Appeal]:
    return list(
        Appeal.objects.filter(project__process=process)
        .select_related("project")
        .order_by("decision", "filed_at")
    )


def departments_of(user: Any, community: Any) -> set[str]:
    return set(
        StaffRole.objects.filter(
            user=user, community=community, role=StaffRole.Role.REVIEWER
        ).values_list("department", flat=True)
    )
