"""Every write in participatory budgets. Each function is one transaction, re-checks permission,
phase and eligibility itself (views may not be trusted to have done it), and leaves an audit entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.budgeting import eligibility, notifications, regulation, support_vote
from hromada.budgeting.actions_review import keep_revision
from hromada.budgeting.actions_vote import (  # noqa: F401  (public names of this module)
    CastBallot,
    VoteRefused,
    cast_ballot,
    validate_ballot,
)
from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.models import (
    Ballot,
    Process,
    Project,
    ProjectStatusChange,
    ResultSnapshot,
    SnapshotVotes,
    SubBudget,
)
from hromada.budgeting.phases import TIMELINE
from hromada.budgeting.snapshots import ENGINE_VERSION, compute_snapshot, results_from_snapshot
from hromada.budgeting.support import missing_supporters
from hromada.communities.models import Community
from hromada.core import audit, uploads
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.money import format_uah
from hromada.core.storage import new_file_token


@dataclass(frozen=True)
class SubBudgetSpec:
    name: str
    amount: int | None  # kopiykas; None when given as a share of the total
    max_cost: int
    ballot_rule: str
    max_choices: int | None = None
    min_cost: int = 0
    share: int | None = None  # hundredths of a per cent (regulation.py)
    kind: str = SubBudget.Kind.SIZE
    settlement_id: int | None = None
    residents_only: bool = False
    winner_rule: str = SubBudget.WinnerRule.GREEDY_THRESHOLD
    threshold_per_100k: int = 0
    # A cumulative ballot: P points in all, at most M on one project (ballot_types.py).
    points_total: int | None = None
    points_per_project: int | None = None


@transaction.atomic
def create_process(
    actor: Any, community: Community, sub_budgets: list[SubBudgetSpec], **fields: Any
) -> Process:
    require_perm(actor, "budgeting.create_process", community)
    process = Process(community=community, **fields)
    found = regulation.contradictions(regulation.regulation_for(process, sub_budgets))
    if found:
        raise regulation.RegulationContradicts(found)
    process.full_clean()
    process.save()
    amounts = regulation.resolve_amounts(process.total_budget, sub_budgets)
    for position, (spec, amount) in enumerate(zip(sub_budgets, amounts, strict=True)):
        if spec.winner_rule not in SubBudget.WinnerRule.values:
            raise ActionRefused(_("Невідоме правило визначення переможців."))
        SubBudget.objects.create(
            process=process, position=position, **{**spec.__dict__, "amount": amount}
        )
    audit.record("process.create", actor=actor, target=process, community=community)
    return process


def _check_cost(sub_budget: SubBudget, cost: int) -> None:
    if cost <= 0 or not sub_budget.min_cost <= cost <= sub_budget.max_cost:
        raise ActionRefused(
            _("Вартість проєкту в підбюджеті «%(sb)s» має бути від %(min)s до %(max)s.")
            % {
                "sb": sub_budget.name,
                "min": format_uah(sub_budget.min_cost),
                "max": format_uah(sub_budget.max_cost),
            },
            field="cost",
        )


@transaction.atomic
def submit_project(
    actor: Any,
    process: Process,
    *,
    sub_budget_id: int,
    title: str,
    description: str,
    cost: int,
    location: str,
    image: UploadedFile | None = None,
    reserve: int = 0,
) -> Project:
    # Lock the process row: project numbers are assigned one submission at a time.
    process = Process.objects.select_for_update().get(pk=process.pk)
    TIMELINE.require(process, "submit")
    sub_budget = (
        SubBudget.objects.select_related("settlement")
        .filter(process=process, pk=sub_budget_id)
        .first()
    )
    if sub_budget is None:
        raise ActionRefused(_("Такого підбюджету в цьому процесі немає."), field="sub_budget")
    eligibility.may_author(actor, process, sub_budget).require()
    _check_cost(sub_budget, cost)
    regulation.check_reserve(process, cost, reserve)
    active = process.projects.filter(author=actor).exclude(status=Project.Status.REJECTED)
    if active.count() >= process.max_projects_per_author:
        raise ActionRefused(
            ngettext(
                "Один автор може подати не більше %(n)s проєкту в цьому процесі.",
                "Один автор може подати не більше %(n)s проєктів у цьому процесі.",
                process.max_projects_per_author,
            )
            % {"n": process.max_projects_per_author}
        )
    now = timezone.now()
    number = (process.projects.aggregate(n=Max("number"))["n"] or 0) + 1
    project = Project(
        process=process,
        sub_budget=sub_budget,
        number=number,
        author=actor,
        title=title.strip(),
        description=description.strip(),
        cost=cost,
        reserve=reserve,
        location=location.strip(),
        submitted_at=now,
    )
    if image is not None:
        # Judged by content, re-encoded without EXIF (a phone photo carries its GPS position).
        if uploads.sniff(image) not in uploads.IMAGE_KINDS:
            raise ActionRefused(_("Зображення має бути JPEG, PNG, WebP або GIF."), field="image")
        clean = uploads.clean_image(image, field="image")
        name = f"{new_file_token()}{uploads.KINDS[clean.kind][1]}"
        project.image.save(name, ContentFile(clean.content), save=False)
        for width, content in clean.variants.items():  # found by name: core.uploads
            variant = uploads.variant_name(project.image.name, width)
            project.image.storage.save(variant, ContentFile(content))
    project.save()
    ProjectStatusChange.objects.create(
        project=project, at=now, status=Project.Status.SUBMITTED, actor=actor
    )
    audit.record("project.submit", actor=actor, target=project, community=process.community)
    return project


@transaction.atomic
def revise_project(
    actor: Any,
    project: Project,
    *,
    title: str,
    description: str,
    cost: int,
    location: str,
    reserve: int | None = None,
) -> Project:
    project = (
        Project.objects.select_for_update()
        .select_related("process", "sub_budget")
        .get(pk=project.pk)
    )
    require_perm(actor, "budgeting.revise_project", project)
    TIMELINE.require(project.process, "revise")
    if project.status != Project.Status.RETURNED:
        raise ActionRefused(_("Редагувати можна лише проєкт, повернутий на доопрацювання."))
    _check_cost(project.sub_budget, cost)
    reserve = project.reserve if reserve is None else reserve
    regulation.check_reserve(project.process, cost, reserve)
    keep_revision(project)  # the version the reviewers returned stays public
    project.title, project.description = title.strip(), description.strip()
    project.cost, project.location, project.reserve = cost, location.strip(), reserve
    project.status = Project.Status.SUBMITTED
    project.save()
    ProjectStatusChange.objects.create(
        project=project,
        at=timezone.now(),
        status=Project.Status.SUBMITTED,
        comment=_("Доопрацьовано автором"),
        actor=actor,
    )
    audit.record("project.revise", actor=actor, target=project, community=project.process.community)
    return project


REVIEW_DECISIONS = {
    "admit": Project.Status.ADMITTED,
    "return": Project.Status.RETURNED,
    "reject": Project.Status.REJECTED,
}


@transaction.atomic
def review_project(
    actor: Any, project: Project, *, decision: str, comment: str = "", ground: str = ""
) -> Project:
    project = Project.objects.select_for_update().select_related("process").get(pk=project.pk)
    require_perm(actor, "budgeting.review_project", project)
    TIMELINE.require(project.process, "review")
    status = REVIEW_DECISIONS.get(decision)
    if status is None:
        raise ActionRefused(_("Невідоме рішення."), field="decision")
    if project.status != Project.Status.SUBMITTED:
        raise ActionRefused(
            _("Рішення ухвалюють щодо поданого проєкту; зараз його стан: «%(status)s».")
            % {"status": project.get_status_display()}
        )
    comment = comment.strip()
    if status != Project.Status.ADMITTED and not comment:
        raise ActionRefused(
            _("Поясніть причину: автор і жителі мають бачити, чому так вирішено."), field="comment"
        )
    ground = _review_ground(project, status, ground)
    project.status = status
    project.save(update_fields=["status"])
    ProjectStatusChange.objects.create(
        project=project,
        at=timezone.now(),
        status=status,
        comment=comment,
        actor=actor,
        ground=ground,
    )
    audit.record(
        f"project.{decision}", actor=actor, target=project, community=project.process.community
    )
    notifications.project_reviewed(project, comment)
    return project


def _review_ground(project: Project, status: str, ground: str) -> str:
    """A rejection names its ground from the regulation's closed list; a project short of
    supporters cannot be admitted."""
    if status == Project.Status.REJECTED:
        if ground not in RejectionGround.values:
            raise ActionRefused(_("Оберіть підставу відхилення з переліку."), field="ground")
        return ground
    if status == Project.Status.ADMITTED and missing_supporters(project):
        raise ActionRefused(
            _("Проєкт не зібрав потрібної кількості прихильників: бракує %(n)s.")
            % {"n": missing_supporters(project)}
        )
    place = support_vote.place_of(project) if status == Project.Status.ADMITTED else None
    if place is not None and not place.passes:
        top = project.process.support_top or 0
        raise ActionRefused(support_vote.not_passed_reason(place, top, project.sub_budget.name))
    return ""


@transaction.atomic
def update_implementation(actor: Any, project: Project, *, status: str, note: str) -> Project:
    project = Project.objects.select_for_update().select_related("process").get(pk=project.pk)
    require_perm(actor, "budgeting.update_implementation", project)
    if not TIMELINE.decide(project.process, "update_implementation"):
        raise ActionRefused(_("Стан реалізації ведуть після оголошення результатів."))
    winners = {
        row.project.pk
        for result in results_from_snapshot(project.process, stored_results(project.process))
        for row in result.winners
    }
    if project.pk not in winners:
        raise ActionRefused(_("Реалізацію ведуть лише для проєктів-переможців."))
    if status not in Project.Implementation.values:
        raise ActionRefused(_("Невідомий стан реалізації."), field="status")
    project.implementation, project.implementation_note = status, note.strip()
    project.save(update_fields=["implementation", "implementation_note"])
    audit.record(
        "project.implementation",
        actor=actor,
        target=project,
        community=project.process.community,
        status=status,
    )
    return project


@transaction.atomic
def store_results(
    process: Process, *, actor: Any = None, recompute: bool = False
) -> ResultSnapshot:
    """Compute the outcome of a finished vote once and store it, with the hash of its ballots.

    Idempotent: a stored snapshot is returned as it is; with `recompute` the ballots are read
    again and the snapshot is replaced only if anything differs (e.g. paper ballots entered
    during counting, or a new engine version). No permission is needed: once voting has ended
    the outcome follows from the ballots alone, whoever asks for it first.
    """
    # Lock the process row: two first readers must not both compute and write.
    process = Process.objects.select_for_update().get(pk=process.pk)
    if not TIMELINE.decide(process, "store_results"):
        raise ActionRefused(
            _("Результати підраховують після завершення голосування (%(dates)s).")
            % {"dates": TIMELINE.dates(process, "voting")}
        )
    stored = ResultSnapshot.objects.filter(process=process).first()
    if stored is not None and (not recompute or stored.frozen_at is not None):
        # Approved results are final: nothing recomputes them (see actions_counting).
        return stored
    computed = compute_snapshot(process)
    if (
        stored is not None
        and stored.ballots_hash == computed.ballots_hash
        and stored.engine_version == ENGINE_VERSION
        and _outcome(stored.sub_budgets) == _outcome(json.loads(json.dumps(computed.sub_budgets)))
    ):
        return stored
    if stored is not None:
        stored.delete()
    snapshot = ResultSnapshot.objects.create(
        process=process,
        engine_version=ENGINE_VERSION,
        computed_at=timezone.now(),
        ballots_count=Ballot.objects.filter(process=process).count(),
        ballots_hash=computed.ballots_hash,
        sub_budgets=computed.sub_budgets,
    )
    SnapshotVotes.objects.bulk_create(
        SnapshotVotes(
            snapshot=snapshot,
            sub_budget_id=sub_budget_id,
            lines=lines,
            pb_text=computed.files[sub_budget_id][0],
            pb_sha256=computed.files[sub_budget_id][1],
        )
        for sub_budget_id, lines in computed.votes.items()
    )
    audit.record(
        "results.store",
        actor=actor,
        target=process,
        community=process.community,
        ballots=snapshot.ballots_count,
        ballots_hash=snapshot.ballots_hash,
        engine_version=ENGINE_VERSION,
        replaced=stored is not None,
    )
    return snapshot


def _outcome(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Snapshot entries without the file digest, which differs with each shuffle of the lines."""
    return [{k: v for k, v in entry.items() if k != "file_sha256"} for entry in entries]


def stored_results(process: Process) -> ResultSnapshot:
    """The process's stored results; the first read after voting has ended stores them.

    The rows are loaded only when read: a page served from the cache needs just the snapshot's
    id and time.
    """
    snapshot = ResultSnapshot.objects.filter(process=process).defer("sub_budgets").first()
    return snapshot if snapshot is not None else store_results(process)
