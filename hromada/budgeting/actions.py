"""Every write in participatory budgets. Each function is one transaction, re-checks permission,
phase and eligibility itself (views may not be trusted to have done it), and leaves an audit entry.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts.eligibility import require_eligible
from hromada.budgeting import notifications
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
from hromada.communities.models import Community
from hromada.core import audit, ratelimit, uploads
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.money import format_uah
from hromada.core.storage import new_file_token

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud at a ЦНАП desk
BALLOT_TRIES_PER_MINUTE = 20


@dataclass(frozen=True)
class SubBudgetSpec:
    name: str
    amount: int  # kopiykas
    max_cost: int
    ballot_rule: str
    max_choices: int | None = None
    min_cost: int = 0
    winner_rule: str = SubBudget.WinnerRule.GREEDY_THRESHOLD
    threshold_per_100k: int = 0


@transaction.atomic
def create_process(
    actor: Any, community: Community, sub_budgets: list[SubBudgetSpec], **fields: Any
) -> Process:
    require_perm(actor, "budgeting.create_process", community)
    if not sub_budgets:
        raise ActionRefused(_("Додайте хоча б один підбюджет."))
    if sum(spec.amount for spec in sub_budgets) != fields["total_budget"]:
        raise ActionRefused(_("Сума підбюджетів має дорівнювати загальному бюджету."))
    process = Process(community=community, **fields)
    process.full_clean()
    process.save()
    for position, spec in enumerate(sub_budgets):
        if spec.ballot_rule == SubBudget.BallotRule.APPROVAL and not spec.max_choices:
            raise ActionRefused(_("Для бюлетеня «до K проєктів» вкажіть K."))
        if spec.winner_rule not in SubBudget.WinnerRule.values:
            raise ActionRefused(_("Невідоме правило визначення переможців."))
        if spec.max_cost > spec.amount:
            raise ActionRefused(
                _("Максимальна вартість проєкту не може перевищувати суму підбюджету.")
            )
        SubBudget.objects.create(process=process, position=position, **spec.__dict__)
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
) -> Project:
    # Lock the process row: project numbers are assigned one submission at a time.
    process = Process.objects.select_for_update().get(pk=process.pk)
    TIMELINE.require(process, "submit")
    require_eligible(actor, process.community, process.author_min_age)
    sub_budget = SubBudget.objects.filter(process=process, pk=sub_budget_id).first()
    if sub_budget is None:
        raise ActionRefused(_("Такого підбюджету в цьому процесі немає."), field="sub_budget")
    _check_cost(sub_budget, cost)
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
    actor: Any, project: Project, *, title: str, description: str, cost: int, location: str
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
    project.title, project.description = title.strip(), description.strip()
    project.cost, project.location = cost, location.strip()
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
def review_project(actor: Any, project: Project, *, decision: str, comment: str = "") -> Project:
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
    project.status = status
    project.save(update_fields=["status"])
    ProjectStatusChange.objects.create(
        project=project, at=timezone.now(), status=status, comment=comment, actor=actor
    )
    audit.record(
        f"project.{decision}", actor=actor, target=project, community=project.process.community
    )
    notifications.project_reviewed(project, comment)
    return project


def validate_ballot(process: Process, choices: dict[int, list[int]]) -> list[Project]:
    """Check a ballot against each sub-budget's rule; return the chosen projects."""
    sub_budgets = {sb.pk: sb for sb in process.sub_budgets.all()}
    chosen: list[Project] = []
    for sub_budget_id, project_ids in choices.items():
        sub_budget = sub_budgets.get(sub_budget_id)
        if sub_budget is None:
            raise ActionRefused(_("Бюлетень містить підбюджет, якого немає в цьому процесі."))
        unique_ids = set(project_ids)
        projects = list(
            Project.objects.filter(
                pk__in=unique_ids, sub_budget=sub_budget, status=Project.Status.ADMITTED
            )
        )
        if len(projects) != len(unique_ids):
            raise ActionRefused(
                _("Бюлетень містить проєкт, за який у підбюджеті «%(sb)s» голосувати не можна.")
                % {"sb": sub_budget.name}
            )
        if sub_budget.ballot_rule == SubBudget.BallotRule.APPROVAL:
            limit = sub_budget.max_choices or 0
            if len(projects) > limit:
                raise ActionRefused(
                    ngettext(
                        "У підбюджеті «%(sb)s» можна обрати не більше %(k)s проєкту.",
                        "У підбюджеті «%(sb)s» можна обрати не більше %(k)s проєктів.",
                        limit,
                    )
                    % {"sb": sub_budget.name, "k": limit}
                )
        elif sum(project.cost for project in projects) > sub_budget.amount:
            raise ActionRefused(
                _("Обрані проєкти в підбюджеті «%(sb)s» коштують більше, ніж його сума.")
                % {"sb": sub_budget.name}
            )
        chosen.extend(projects)
    if not chosen:
        raise ActionRefused(_("Оберіть хоча б один проєкт."))
    return chosen


def cast_ballot(actor: Any, process: Process, choices: dict[int, list[int]]) -> Ballot:
    """Cast a person's one ballot. The database's unique constraints settle concurrent tries."""
    # Generous for a person correcting a refused ballot, tight for a script hammering the form.
    if not ratelimit.allow("ballot", actor.pk, BALLOT_TRIES_PER_MINUTE, 60):
        raise ActionRefused(_("Забагато спроб проголосувати за хвилину. Зачекайте хвилину."))
    try:
        return _cast_ballot(actor, process, choices)
    except IntegrityError:
        raise ActionRefused(_("Ви вже проголосували в цьому процесі.")) from None


@transaction.atomic
def _cast_ballot(actor: Any, process: Process, choices: dict[int, list[int]]) -> Ballot:
    TIMELINE.require(process, "vote")
    verification = require_eligible(actor, process.community, process.voter_min_age)
    if Ballot.objects.filter(process=process, voter_key=verification.identifier_hash).exists():
        raise ActionRefused(_("Ви вже проголосували в цьому процесі."))
    projects = validate_ballot(process, choices)
    ballot = Ballot.objects.create(
        process=process,
        voter=actor,
        voter_key=verification.identifier_hash,
        receipt=new_receipt(),
        cast_at=timezone.now(),
    )
    ballot.projects.set(projects)
    # The audit says that a ballot was cast, never for what: the vote is secret.
    audit.record("ballot.cast", actor=actor, target=ballot, community=process.community)
    return ballot


def new_receipt() -> str:
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{code[:5]}-{code[5:]}"


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
