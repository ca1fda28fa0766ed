"""Writes of the implementation record: a winner's milestones with photos and documents.

Only winners have one: a project that lost must never look built. Each milestone is one
transaction, re-checks permission and phase, and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.budgeting.actions import stored_results
from hromada.budgeting.models import Process, Project
from hromada.budgeting.models_implementation import Milestone, MilestoneDocument, MilestonePhoto
from hromada.budgeting.phases import TIMELINE
from hromada.budgeting.snapshots import results_from_snapshot
from hromada.core import audit, uploads
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.storage import new_file_token

MAX_TEXT = 5_000
MAX_FILES = 6
DOCUMENT_KINDS = {"pdf", "docx", "odt", "xlsx", "ods"}


def winner_ids(process: Process) -> set[int]:
    """The projects the stored results selected (storing them first if nobody has)."""
    return {
        row.project.pk
        for result in results_from_snapshot(process, stored_results(process))
        for row in result.winners
    }


@dataclass(frozen=True)
class MilestoneInput:
    date: dt.date
    text: str
    percent_done: int
    contracted: int  # kopiykas, total to date
    paid: int  # kopiykas, total to date


def _check(project: Project, data: MilestoneInput) -> str:
    text = data.text.strip().replace("\x00", "")
    if not text:
        raise ActionRefused(_("Опишіть, що зроблено."), field="text")
    if len(text) > MAX_TEXT:
        raise ActionRefused(_("Опис етапу — до %(n)s символів.") % {"n": MAX_TEXT}, field="text")
    if not 0 <= data.percent_done <= 100:
        raise ActionRefused(_("Відсоток виконання — від 0 до 100."), field="percent_done")
    if data.contracted < 0 or data.paid < 0:
        raise ActionRefused(_("Суми не можуть бути від'ємними."), field="contracted")
    if data.paid > data.contracted:
        raise ActionRefused(
            _("Сплачено не може бути більше, ніж укладено договорів."), field="paid"
        )
    if data.date > timezone.localdate():
        raise ActionRefused(_("Етап описують після того, як його виконано."), field="date")
    if data.date < timezone.localtime(project.process.voting_end).date():
        raise ActionRefused(_("Дата етапу — після завершення голосування."), field="date")
    return text


def _save_photo(milestone: Milestone, upload: UploadedFile, alt: str) -> None:
    if uploads.sniff(upload) not in uploads.IMAGE_KINDS:
        raise ActionRefused(_("Фото має бути JPEG, PNG, WebP або GIF."), field="photos")
    clean = uploads.clean_image(upload, field="photos")  # no EXIF: a phone photo holds GPS
    photo = MilestonePhoto(milestone=milestone, alt=alt[:300])
    name = f"{new_file_token()}{uploads.KINDS[clean.kind][1]}"
    photo.image.save(name, ContentFile(clean.content), save=False)
    for width, content in clean.variants.items():
        photo.image.storage.save(
            uploads.variant_name(photo.image.name, width), ContentFile(content)
        )
    photo.save()


def _save_document(milestone: Milestone, upload: UploadedFile) -> None:
    kind = uploads.sniff(upload)
    if kind not in DOCUMENT_KINDS:
        raise uploads.refuse_unknown_kind()
    upload.seek(0)
    title = (upload.name or _("Документ")).rsplit("/", 1)[-1][:300]
    document = MilestoneDocument(milestone=milestone, title=title)
    document.file.save(
        f"{new_file_token()}{uploads.KINDS[kind][1]}", ContentFile(upload.read()), save=False
    )
    document.save()


@transaction.atomic
def add_milestone(
    actor: Any,
    project: Project,
    data: MilestoneInput,
    *,
    photos: list[UploadedFile] | None = None,
    documents: list[UploadedFile] | None = None,
) -> Milestone:
    project = Project.objects.select_for_update().select_related("process").get(pk=project.pk)
    require_perm(actor, "budgeting.update_implementation", project)
    if not TIMELINE.decide(project.process, "update_implementation"):
        raise ActionRefused(_("Хід реалізації ведуть після оголошення результатів."))
    if project.pk not in winner_ids(project.process):
        raise ActionRefused(_("Реалізацію ведуть лише для проєктів-переможців."))
    photos, documents = photos or [], documents or []
    if len(photos) > MAX_FILES or len(documents) > MAX_FILES:
        raise ActionRefused(_("До %(n)s фото і %(n)s документів на етап.") % {"n": MAX_FILES})
    text = _check(project, data)
    milestone = Milestone.objects.create(
        project=project,
        date=data.date,
        text=text,
        percent_done=data.percent_done,
        contracted=data.contracted,
        paid=data.paid,
        author=actor,
    )
    for upload in photos:
        _save_photo(milestone, upload, _("Фото етапу «%(title)s»") % {"title": project.title})
    for upload in documents:
        _save_document(milestone, upload)
    state = (
        Project.Implementation.DONE
        if data.percent_done == 100
        else (Project.Implementation.IN_PROGRESS)
    )
    if project.implementation != Project.Implementation.CANCELLED:
        project.implementation = state
        project.save(update_fields=["implementation"])
    audit.record(
        "project.milestone",
        actor=actor,
        target=project,
        community=project.process.community,
        percent_done=data.percent_done,
        paid=data.paid,
    )
    return milestone
