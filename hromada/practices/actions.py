"""Every write to the practices base: one transaction, permission re-checked, search columns
refilled, a revision (who changed what) and an audit entry."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.core import audit, uploads
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.params import INT32_MAX, INT64_MAX
from hromada.core.storage import private_storage
from hromada.practices import search_version
from hromada.practices.indexing import fill_search_columns
from hromada.practices.models import (
    Practice,
    PracticeAttachment,
    PracticeRevision,
    PracticeTag,
)
from hromada.practices.vocabulary import OBLASTS, Instrument, Kind, Language, SizeBand, Theme


@dataclass
class PracticeData:
    """The editable content of a practice, validated before any write."""

    title: str
    kind: str = Kind.CASE
    language: str = Language.UK
    summary: str = ""
    body: str = ""
    themes: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    place: str = ""
    oblast: str = ""
    size_band: str = ""
    year: int | None = None
    year_end: int | None = None
    participants: int | None = None
    money_uah: int | None = None
    projects: int | None = None
    contacts: str = ""
    links: list[str] = field(default_factory=list)
    community: int | None = None  # the id of the community when it is on the platform
    related: list[int] = field(default_factory=list)  # ids of related published entries

    def errors(self) -> list[str]:
        """Every problem, in Ukrainian, so an import can report a line's faults at once."""
        problems = []
        if not self.title.strip():
            problems.append(_("немає назви"))
        elif len(self.title) > 200:
            problems.append(_("назва довша за 200 символів"))
        if self.kind not in Kind.values:
            problems.append(_("невідомий тип «%(v)s»") % {"v": self.kind})
        if self.language not in Language.values:
            problems.append(_("невідома мова «%(v)s» (uk, ru або en)") % {"v": self.language})
        for code in self.themes:
            if code not in Theme.values:
                problems.append(_("невідома тема «%(v)s»") % {"v": code})
        for code in self.instruments:
            if code not in Instrument.values:
                problems.append(_("невідомий інструмент «%(v)s»") % {"v": code})
        if self.oblast and self.oblast not in OBLASTS:
            problems.append(_("невідома область «%(v)s»") % {"v": self.oblast})
        if self.size_band and self.size_band not in SizeBand.values:
            problems.append(_("невідомий розмір громади «%(v)s»") % {"v": self.size_band})
        for name in ("year", "year_end"):
            year = getattr(self, name)
            if year is not None and not 1991 <= year <= timezone.localdate().year + 1:
                problems.append(_("рік %(v)s поза межами 1991 — наступного року") % {"v": year})
        if self.year and self.year_end and self.year_end < self.year:
            problems.append(_("рік завершення раніший за рік початку"))
        limits = (("participants", INT32_MAX), ("money_uah", INT64_MAX), ("projects", INT32_MAX))
        for name, most in limits:
            value = getattr(self, name)
            if value is not None and value < 0:
                problems.append(_("від'ємне число в полі %(f)s") % {"f": name})
            elif value is not None and value > most:
                problems.append(
                    _("число в полі %(f)s більше за найбільше можливе (%(max)s)")
                    % {"f": name, "max": most}
                )
        for name, length in TEXT_LIMITS.items():
            value = getattr(self, name)
            if len(value) > length:
                problems.append(_("поле %(f)s довше за %(n)s символів") % {"f": name, "n": length})
        texts = [self.title, self.summary, self.body, self.place, self.contacts, *self.links]
        if any("\x00" in text for text in texts):
            problems.append(_("текст містить нульовий символ (NUL)"))
        for link in self.links:
            if not link.startswith(("http://", "https://")):
                problems.append(
                    _("посилання має починатися з http:// або https://: %(v)s") % {"v": link}
                )
        return problems


# Column widths (models.Practice) a value must fit, checked before any write.
TEXT_LIMITS = {"place": 200}

SCALAR_FIELDS = [
    "title", "kind", "language", "summary", "body", "place", "oblast", "size_band", "year",
    "year_end", "participants", "money_uah", "projects", "contacts", "links",
]  # fmt: skip


def _validated(data: PracticeData) -> PracticeData:
    errors = data.errors()
    if errors:
        raise ActionRefused("; ".join(errors))
    data.title, data.summary, data.body = (
        data.title.strip(),
        data.summary.strip(),
        data.body.strip(),
    )
    return data


def _tags_of(practice: Practice) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {"themes": [], "instruments": []}
    for tag in practice.tags.order_by("id"):
        tags["themes" if tag.facet == PracticeTag.Facet.THEME else "instruments"].append(tag.code)
    return tags


def _links_of(practice: Practice) -> dict[str, Any]:
    related = sorted(practice.related.values_list("pk", flat=True)) if practice.pk else []
    return {"community": practice.community_id, "related": related}


def _checked_links(practice: Practice, data: PracticeData) -> list[int]:
    """The related ids to store, after checking that the community and the entries exist."""
    if data.community is not None and not Community.objects.filter(pk=data.community).exists():
        raise ActionRefused(_("Такої громади на платформі немає."))
    related = sorted(set(data.related) - {practice.pk})
    found = set(
        Practice.objects.filter(pk__in=related, status=Practice.Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    missing = [str(pk) for pk in related if pk not in found]
    if missing:
        raise ActionRefused(
            _("Серед опублікованих записів немає: %(ids)s") % {"ids": ", ".join(missing)}
        )
    return related


def _write(practice: Practice, data: PracticeData) -> dict[str, list[Any]]:
    """Apply `data`; return the changed fields as {field: [old, new]}."""
    before = {name: getattr(practice, name) for name in SCALAR_FIELDS}
    before.update(_tags_of(practice) if practice.pk else {"themes": [], "instruments": []})
    before.update(_links_of(practice))
    related = _checked_links(practice, data)
    for name in SCALAR_FIELDS:
        setattr(practice, name, getattr(data, name))
    practice.community_id = data.community
    themes, instruments = list(dict.fromkeys(data.themes)), list(dict.fromkeys(data.instruments))
    practice.facet_tags = " ".join(
        [f"theme:{code}" for code in themes] + [f"instrument:{code}" for code in instruments]
    )
    fill_search_columns(practice)
    practice.save()
    practice.tags.all().delete()
    PracticeTag.objects.bulk_create(
        [PracticeTag(practice=practice, facet="theme", code=c) for c in themes]
        + [PracticeTag(practice=practice, facet="instrument", code=c) for c in instruments]
    )
    practice.related.set(related)
    after = {**asdict(data), "related": related}
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def _revision(
    practice: Practice, editor: Any, action: str, changes: Any = None, comment: str = ""
) -> None:
    PracticeRevision.objects.create(
        practice=practice,
        editor=editor if editor is not None and editor.is_authenticated else None,
        action=action,
        changes=changes or {},
        comment=comment,
    )
    audit.record(f"practice.{action}", actor=editor, target=practice)
    search_version.bump_after_commit()


@transaction.atomic
def propose_practice(actor: Any, data: PracticeData, *, submit: bool) -> Practice:
    """A contributor's new entry: a draft, or straight to the moderation queue."""
    require_perm(actor, "practices.propose")
    practice = Practice(author=actor)
    changes = _write(practice, _validated(data))
    if submit:
        practice.status = Practice.Status.PENDING
        practice.save(update_fields=["status"])
    _revision(practice, actor, "create", changes)
    return practice


@transaction.atomic
def edit_practice(
    actor: Any, practice: Practice, data: PracticeData, *, submit: bool = False
) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    require_perm(actor, "practices.edit", practice)
    changes = _write(practice, _validated(data))
    if submit and practice.status in {Practice.Status.DRAFT, Practice.Status.RETURNED}:
        practice.status = Practice.Status.PENDING
        practice.save(update_fields=["status"])
    _revision(practice, actor, "edit", changes)
    return practice


@transaction.atomic
def submit_practice(actor: Any, practice: Practice) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    require_perm(actor, "practices.edit", practice)
    if practice.status not in {Practice.Status.DRAFT, Practice.Status.RETURNED}:
        raise ActionRefused(_("На модерацію надсилають чернетку або повернутий запис."))
    practice.status = Practice.Status.PENDING
    practice.save(update_fields=["status"])
    _revision(practice, actor, "submit")
    return practice


MODERATION = {
    "publish": Practice.Status.PUBLISHED,
    "return": Practice.Status.RETURNED,
    "reject": Practice.Status.REJECTED,
}


@transaction.atomic
def moderate_practice(
    editor: Any,
    practice: Practice,
    *,
    decision: str,
    comment: str = "",
    verified: bool | None = None,
) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    require_perm(editor, "practices.moderate", practice)
    status = MODERATION.get(decision)
    if status is None:
        raise ActionRefused(_("Невідоме рішення."))
    if status != Practice.Status.PUBLISHED and not comment.strip():
        raise ActionRefused(_("Поясніть авторові, що змінити або чому запис відхилено."))
    practice.status = status
    practice.moderation_comment = comment.strip()
    if status == Practice.Status.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone.now()
    if verified is not None:
        practice.verified = verified
    practice.save()
    _revision(practice, editor, decision, comment=comment.strip())
    return practice


@transaction.atomic
def import_practices(
    actor: Any, rows: list[PracticeData], *, related: list[list[str]] | None = None
) -> list[Practice]:
    """Publish a batch of entries prepared by the hub (the import command, the demo), linking
    `related` titles (per row) among the batch and the entries already published. Any problem
    refuses the whole batch. Only the hub's editors and platform admins may import."""
    require_perm(actor, "practices.moderate")
    made = []
    now = timezone.now()
    for data in rows:
        practice = Practice(
            author=actor, status=Practice.Status.PUBLISHED, published_at=now, verified=True
        )
        changes = _write(practice, _validated(data))
        _revision(practice, actor, "import", changes)
        made.append(practice)
    by_title = {p.title: p for p in Practice.objects.filter(status=Practice.Status.PUBLISHED)}
    missing = []
    for practice, titles in zip(made, related or [], strict=False):
        for title in titles:
            other = by_title.get(title)
            if other is None:
                missing.append(title)
            elif other.pk != practice.pk:
                practice.related.add(other)
    if missing:
        raise ActionRefused(
            _("Пов'язані записи не знайдено: %(titles)s") % {"titles": "; ".join(missing)}
        )
    return made


ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def _store_attachment(attachment: PracticeAttachment, file: UploadedFile) -> None:
    """Decide the kind from the content; re-encode pictures (no EXIF) with their widths."""
    kind = uploads.sniff(file)
    if kind is None:
        raise uploads.refuse_unknown_kind()
    attachment.kind = kind
    folder = f"attachments/{attachment.token}"
    if kind in uploads.IMAGE_KINDS:
        image = uploads.clean_image(file)
        attachment.kind, attachment.width, attachment.height = (
            image.kind,
            image.width,
            image.height,
        )
        suffix = uploads.KINDS[image.kind][1]
        attachment.file.save(f"{folder}/file{suffix}", ContentFile(image.content), save=False)
        for width, content in image.variants.items():
            name = private_storage.save(f"{folder}/w{width}{suffix}", ContentFile(content))
            attachment.variants[str(width)] = name
    else:
        file.seek(0)
        attachment.file.save(f"{folder}/file{uploads.KINDS[kind][1]}", file, save=False)


@transaction.atomic
def add_attachment(
    actor: Any, practice: Practice, *, title: str, file: UploadedFile
) -> PracticeAttachment:
    """A document or picture for an entry: a regulation, a report, a photo of the result.
    The file's kind is read from its content; its name only gives the default title."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    require_perm(actor, "practices.edit", practice)
    if file.size is None or file.size > ATTACHMENT_MAX_BYTES:
        raise ActionRefused(_("Файл має бути не більше 10 МБ."), field="file")
    attachment = PracticeAttachment(
        practice=practice, title=title.strip() or Path(file.name or "").stem[:200] or "—"
    )
    _store_attachment(attachment, file)
    attachment.save()
    _revision(practice, actor, "attach", {"attachments": [None, attachment.title]})
    return attachment
