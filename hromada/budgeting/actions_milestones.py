"""Correcting or removing a published implementation milestone.

A milestone is public the moment it is added, so a correction is too: each edit or removal
needs a reason and goes on the process's public change log (ProcessChange) beside the rule
changes, naming the changer's role. A removed milestone takes its photos and documents with it
(the files leave storage once the transaction has committed, so a refusal keeps them).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hromada.budgeting.actions_implementation import MilestoneInput, _check
from hromada.budgeting.actions_rules import _role_label
from hromada.budgeting.models import ProcessChange, Project
from hromada.budgeting.models_implementation import Milestone
from hromada.budgeting.phases import TIMELINE
from hromada.core import audit, uploads
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.money import format_uah

REASON_MAX = 1000


def _locked(actor: Any, milestone_id: int, project: Project, reason: str) -> tuple[Milestone, str]:
    milestone = (
        Milestone.objects.select_for_update()
        .select_related("project__process__community")
        .filter(pk=milestone_id, project=project)
        .first()
    )
    if milestone is None:
        raise ActionRefused(_("Такого етапу в цього проєкту немає."))
    require_perm(actor, "budgeting.update_implementation", milestone.project)
    if not TIMELINE.decide(milestone.project.process, "update_implementation"):
        raise ActionRefused(_("Хід реалізації ведуть після оголошення результатів."))
    reason = " ".join(reason.replace("\x00", "").split())
    if not reason:
        raise ActionRefused(_("Поясніть причину: її побачать жителі."), field="reason")
    if len(reason) > REASON_MAX:
        raise ActionRefused(_("Причина — до %(n)s символів.") % {"n": REASON_MAX}, field="reason")
    return milestone, reason


def summary(milestone: Milestone) -> str:
    """A milestone as the public log shows it."""
    return _("%(date)s, виконано %(p)s%%, укладено %(c)s, сплачено %(paid)s: %(text)s") % {
        "date": formats.date_format(milestone.date, "DATE_FORMAT"),
        "p": milestone.percent_done,
        "c": format_uah(milestone.contracted),
        "paid": format_uah(milestone.paid),
        "text": milestone.text[:300],
    }


def _log(actor: Any, milestone: Milestone, old: str, new: str, reason: str) -> None:
    project = milestone.project
    ProcessChange.objects.create(
        process=project.process,
        at=timezone.now(),
        actor=actor,
        actor_role=_role_label(actor, project.process.community),
        field="milestone",
        field_label=_("Етап реалізації проєкту №%(n)s «%(title)s»")
        % {"n": project.number, "title": project.title},
        old_value=old,
        new_value=new,
        reason=reason,
    )


def _refresh_state(project: Project) -> None:
    """The project's state follows its newest remaining milestone (unless it was cancelled)."""
    if project.implementation == Project.Implementation.CANCELLED:
        return
    newest = project.milestones.order_by("-date", "-id").first()
    if newest is None:
        state = Project.Implementation.NOT_STARTED
    elif newest.percent_done == 100:
        state = Project.Implementation.DONE
    else:
        state = Project.Implementation.IN_PROGRESS
    Project.objects.filter(pk=project.pk).update(implementation=state)


@transaction.atomic
def edit_milestone(
    actor: Any, project: Project, milestone_id: int, data: MilestoneInput, *, reason: str
) -> Milestone:
    milestone, reason = _locked(actor, milestone_id, project, reason)
    text = _check(milestone.project, data)
    old = summary(milestone)
    milestone.date, milestone.text, milestone.percent_done = data.date, text, data.percent_done
    milestone.contracted, milestone.paid = data.contracted, data.paid
    new = summary(milestone)
    if new == old:
        raise ActionRefused(_("Нічого не змінено."))
    milestone.save(update_fields=["date", "text", "percent_done", "contracted", "paid"])
    _refresh_state(milestone.project)
    _log(actor, milestone, old, new, reason)
    audit.record("project.milestone_edit", actor=actor, target=milestone.project,
                 community=milestone.project.process.community, milestone=milestone.pk)  # fmt: skip
    return milestone


@transaction.atomic
def delete_milestone(actor: Any, project: Project, milestone_id: int, *, reason: str) -> None:
    milestone, reason = _locked(actor, milestone_id, project, reason)
    files: list[FieldFile] = [p.image for p in milestone.photos.all()]
    files += [d.file for d in milestone.documents.all()]
    old = summary(milestone)
    milestone.delete()  # its photos' and documents' rows go with it (CASCADE)
    _refresh_state(milestone.project)
    _log(actor, milestone, old, _("етап вилучено"), reason)
    audit.record("project.milestone_delete", actor=actor, target=milestone.project,
                 community=milestone.project.process.community, files=len(files))  # fmt: skip
    transaction.on_commit(lambda: _remove_files(files))


def _remove_files(files: list[FieldFile]) -> None:
    for field_file in files:
        storage, name = field_file.storage, field_file.name
        if not name:
            continue
        for width in uploads.VARIANT_WIDTHS:
            storage.delete(uploads.variant_name(name, width))
        storage.delete(name)
