"""Every write about supporters: one click online, a paper list keyed in by an operator,
withdrawing, and closing the collection at its deadline.

One person supports a project once. The unique constraint on (project, supporter_key) is the
last word: two simultaneous clicks, or the same person online and on paper, count once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from hromada.accounts.actions import check_birth_year
from hromada.budgeting import support, support_vote
from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.models import Process, Project, ProjectStatusChange, ProjectSupport
from hromada.budgeting.phases import TIMELINE
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.identifiers import hash_identifier, identifier_problem

OPEN_STATUSES = (Project.Status.SUBMITTED, Project.Status.RETURNED)


def _require_collecting(project: Project) -> None:
    """The project takes supporters now: the phase, the process's window and its state."""
    process = project.process
    TIMELINE.require(process, "support")
    refusal = support.support_window_refusal(process)
    if refusal:
        raise ActionRefused(refusal)
    if project.status not in OPEN_STATUSES:
        raise ActionRefused(
            _("Підтримати можна лише поданий проєкт; зараз його стан: «%(status)s».")
            % {"status": project.get_status_display()}
        )


def _locked(project: Project) -> Project:
    return (
        Project.objects.select_for_update()
        .select_related("process__community", "author")
        .get(pk=project.pk)
    )


def support_project(actor: Any, project: Project) -> ProjectSupport:
    """One click by a verified, eligible resident who is not the project's author."""
    try:
        return _support_project(actor, project)
    except IntegrityError:
        raise ActionRefused(_("Ви вже підтримали цей проєкт.")) from None


@transaction.atomic
def _support_project(actor: Any, project: Project) -> ProjectSupport:
    project = _locked(project)
    if actor.is_authenticated and project.author_id == actor.pk:
        raise ActionRefused(_("Автор не може підтримати власний проєкт."))
    require_perm(actor, "budgeting.support_project", project)
    _require_collecting(project)
    reason = support._supporter_eligible(actor, project)
    if reason is not None:
        raise ActionRefused(reason)
    verification = support.supporter_verification(actor, project)
    assert verification is not None  # an eligible supporter is a verified resident
    key = verification.identifier_hash
    if _author_key(project) == key:
        raise ActionRefused(_("Автор не може підтримати власний проєкт."))
    existing = ProjectSupport.objects.filter(project=project, supporter_key=key).first()
    if existing is not None:
        if existing.channel == ProjectSupport.Channel.PAPER:
            raise ActionRefused(_("Ваш підпис уже є в паперовому списку цього проєкту."))
        raise ActionRefused(_("Ви вже підтримали цей проєкт."))
    created = ProjectSupport.objects.create(
        project=project,
        supporter=actor,
        supporter_key=key,
        channel=ProjectSupport.Channel.ONLINE,
        created_at=timezone.now(),
    )
    audit.record(
        "project.support", actor=actor, target=project, community=project.process.community
    )
    return created


@transaction.atomic
def withdraw_support(actor: Any, project: Project) -> None:
    """Until the collection closes a supporter may change their mind (online support only: a
    paper signature is withdrawn on paper)."""
    project = _locked(project)
    require_perm(actor, "budgeting.support_project", project)
    _require_collecting(project)
    deleted, _rows = ProjectSupport.objects.filter(
        project=project, supporter=actor, channel=ProjectSupport.Channel.ONLINE
    ).delete()
    if not deleted:
        raise ActionRefused(_("Ви не підтримували цей проєкт онлайн."))
    audit.record(
        "project.support_withdraw", actor=actor, target=project, community=project.process.community
    )


def enter_paper_support(
    actor: Any, project: Project, *, identifier: str, birth_year: int | None
) -> ProjectSupport:
    """An operator keys in one signature from a paper list: the person's identifier (kept only as
    its keyed hash) and birth year (for the age rule), after seeing the list."""
    try:
        return _enter_paper_support(actor, project, identifier=identifier, birth_year=birth_year)
    except IntegrityError:
        raise ActionRefused(_DUPLICATE_MESSAGE(), field="identifier") from None


def _DUPLICATE_MESSAGE() -> str:  # a message, translated when raised
    return _(
        "Ця особа вже підтримала проєкт (онлайн або в паперовому списку); вдруге не враховано."
    )


@transaction.atomic
def _enter_paper_support(
    actor: Any, project: Project, *, identifier: str, birth_year: int | None
) -> ProjectSupport:
    project = _locked(project)
    require_perm(actor, "budgeting.enter_paper_support", project)
    _require_collecting(project)
    problem = identifier_problem(identifier)
    if problem is not None:
        raise ActionRefused(problem, field="identifier")
    if birth_year is None:
        raise ActionRefused(_("Вкажіть рік народження з підписного листа."), field="birth_year")
    check_birth_year(birth_year)
    process = project.process
    # By calendar year, as every age rule: from the year in which the person turns the minimum.
    age = timezone.localdate().year - birth_year
    if age < process.supporter_min_age:
        raise ActionRefused(
            _("Підтримати проєкт можна з року, у якому виповнюється %(age)s.")
            % {"age": process.supporter_min_age},
            field="birth_year",
        )
    key = hash_identifier(identifier)
    if _author_key(project) == key:
        raise ActionRefused(_("Автор не може підтримати власний проєкт."), field="identifier")
    if ProjectSupport.objects.filter(project=project, supporter_key=key).exists():
        raise ActionRefused(_DUPLICATE_MESSAGE(), field="identifier")
    created = ProjectSupport.objects.create(
        project=project,
        supporter_key=key,
        channel=ProjectSupport.Channel.PAPER,
        entered_by=actor,
        created_at=timezone.now(),
    )
    audit.record("project.support_paper", actor=actor, target=project, community=process.community)
    return created


def _author_key(project: Project) -> str | None:
    verification = support.supporter_verification(project.author, project)
    return verification.identifier_hash if verification is not None else None


@transaction.atomic
def close_support_collection(process: Process, *, actor: Any = None) -> list[Project]:
    """Once the collection has closed, reject every open project short of supporters — and, in a
    support vote, every project not among the first N of its sub-budget — with that reason in
    its public history. Idempotent: counts cannot change after the deadline, and places among
    the projects still open only improve, so a second run finds nothing more to reject."""
    process = Process.objects.select_for_update().select_related("community").get(pk=process.pk)
    if not support.collects_supporters(process):
        return []
    TIMELINE.require(process, "close_support")
    open_projects: list[Any] = list(
        process.projects.filter(status__in=OPEN_STATUSES)
        .annotate(supporters=Count("supports"))
        .select_related("author", "sub_budget")
        .order_by("number")
    )
    now = timezone.now()
    refused = _not_going_on(process, open_projects)
    for project, ground, comment in refused:
        project.process = process
        project.status = Project.Status.REJECTED
        project.save(update_fields=["status"])
        ProjectStatusChange.objects.create(
            project=project,
            at=now,
            status=Project.Status.REJECTED,
            comment=comment,
            ground=ground,
            actor=actor,
        )
        audit.record(
            "project.reject_supporters", actor=actor, target=project, community=process.community
        )
    return [project for project, _ground, _comment in refused]


def _not_going_on(process: Process, projects: list[Any]) -> list[tuple[Any, str, str]]:
    """The open projects that do not go on to review, each with its ground and public reason:
    short of the threshold, or (in a support vote) placed below the first N of its sub-budget."""
    required, top = process.supporters_required, process.support_top
    placed: dict[int, support_vote.Place] = {}
    if top:
        for sub_budget in {project.sub_budget_id for project in projects}:
            counts = [(p.pk, p.supporters) for p in projects if p.sub_budget_id == sub_budget]
            placed.update(support_vote.places(counts, top))
    refused: list[tuple[Any, str, str]] = []
    for project in projects:
        if project.supporters < required:
            comment = ngettext(
                "Зібрано %(got)s з %(need)s потрібного підпису підтримки.",
                "Зібрано %(got)s з %(need)s потрібних підписів підтримки.",
                required,
            ) % {"got": project.supporters, "need": required}
            refused.append((project, RejectionGround.SUPPORTERS, comment))
        elif top and not placed[project.pk].passes:
            reason = support_vote.not_passed_reason(
                placed[project.pk], top, project.sub_budget.name
            )
            refused.append((project, RejectionGround.SUPPORT_VOTE, reason))
    return refused


def close_due_support_collections(now: datetime | None = None) -> int:
    """Close every collection whose deadline has passed, while its process is in review;
    returns how many projects were not admitted."""
    now = now or timezone.now()
    due = Process.objects.filter(
        supporters_required__gt=0, support_end__lte=now, voting_start__gt=now
    )
    return sum(len(close_support_collection(process)) for process in due)


@task()
def close_due_support_collections_task() -> int:
    """The deadline as a background task: run daily (see docs/review.md)."""
    return close_due_support_collections()
