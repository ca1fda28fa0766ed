"""Practices: the entries, their facet tags, attachments and edit history.

Search columns (`title_k` … `body_w`) are filled only by `actions` through `hromada.text`;
the full-text index over them is made by database-specific migrations (FTS5 on SQLite, a
generated tsvector on PostgreSQL), never declared here, so the model runs on both.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hromada.core.storage import get_private_storage, new_file_token
from hromada.practices.vocabulary import (
    OBLAST_LABELS,
    Instrument,
    Kind,
    Language,
    SizeBand,
    Theme,
)

# Regions that are not oblasts: their names are not followed by "обл.".
NOT_OBLASTS = {"м. Київ", "Автономна Республіка Крим"}


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("чернетка")
        PENDING = "pending", _("на модерації")
        RETURNED = "returned", _("повернуто на доопрацювання")
        PUBLISHED = "published", _("опубліковано")
        REJECTED = "rejected", _("відхилено")

    # Small columns that a search reads for every match come first: SQLite reads a row from its
    # start, so columns after the long texts cost overflow-page reads on every match.
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices, default=Kind.CASE)
    language = models.CharField(
        _("мова"), max_length=2, choices=Language.choices, default=Language.UK
    )
    status = models.CharField(
        _("стан"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    oblast = models.CharField(_("область"), max_length=60, blank=True)
    size_band = models.CharField(
        _("розмір громади"), max_length=10, choices=SizeBand.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("рік початку"), null=True, blank=True)
    # The tags again as "theme:code instrument:code", written with them by the actions, so a
    # search reads an entry's facet values in the same statement that matches it.
    facet_tags = models.TextField(default="", editable=False)

    title = models.CharField(_("назва"), max_length=200)
    summary = models.TextField(_("коротко"), blank=True)
    body = models.TextField(_("опис"), blank=True)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("громада на платформі"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    place = models.CharField(_("місце"), max_length=200, blank=True)
    year_end = models.PositiveSmallIntegerField(_("рік завершення"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("учасників"), null=True, blank=True)
    money_uah = models.BigIntegerField(_("коштів, грн"), null=True, blank=True)
    projects = models.PositiveIntegerField(_("проєктів"), null=True, blank=True)
    contacts = models.TextField(_("контакти"), blank=True)
    links = models.JSONField(_("посилання"), default=list, blank=True)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("пов'язані записи"))

    verified = models.BooleanField(_("перевірено редакторами"), default=False)
    moderation_comment = models.TextField(_("коментар модератора"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        verbose_name=_("автор"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Search keys and words written by hromada.text (see docs/search.md); never edited by hand.
    title_k = models.TextField(default="", editable=False)
    body_k = models.TextField(default="", editable=False)
    title_w = models.TextField(default="", editable=False)
    body_w = models.TextField(default="", editable=False)
    analyzer_version = models.CharField(max_length=20, default="", editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("практика")
        verbose_name_plural = _("практики")
        indexes = [
            models.Index(fields=["status", "language"], name="practice_status_lang"),
            # Covers the search's "has the published set changed?" aggregate (count, latest
            # update, id sum), so it reads only this index: 1 ms instead of a 25 ms table scan.
            models.Index(fields=["status", "updated_at", "id"], name="practice_published_stamp"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # The id makes the address stable; the slug is for people and is ignored on lookup.
        return reverse("practices:detail", args=[self.pk, self.slug])

    @property
    def slug(self) -> str:
        return slugify(self.title, allow_unicode=True)[:60] or "practice"

    @property
    def oblast_name(self) -> str:
        """The oblast as a reader expects it in the active language: «Полтавська обл.»,
        "Poltava Oblast", «м. Київ»."""
        if not self.oblast:
            return ""
        name = str(OBLAST_LABELS.get(self.oblast, self.oblast))
        if self.oblast in NOT_OBLASTS:
            return name
        suffix = _("обл.")  # outside the f-string, where makemessages finds it
        return f"{name} {suffix}"

    @property
    def theme_codes(self) -> list[str]:
        return [tag[6:] for tag in self.facet_tags.split() if tag.startswith("theme:")]

    @property
    def instrument_codes(self) -> list[str]:
        return [tag[11:] for tag in self.facet_tags.split() if tag.startswith("instrument:")]


class PracticeTag(models.Model):
    """One facet value of a practice (a theme or an instrument): plain rows, so facet counts are
    the same GROUP BY on SQLite and PostgreSQL."""

    class Facet(models.TextChoices):
        THEME = "theme", _("тема")
        INSTRUMENT = "instrument", _("інструмент")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=12, choices=Facet.choices)
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "facet", "code"], name="practice_tag_unique"
            )
        ]
        indexes = [models.Index(fields=["facet", "code"], name="practice_tag_facet_code")]

    def __str__(self) -> str:
        return f"{self.facet}:{self.code}"

    def get_label(self) -> str:
        vocabulary = Theme if self.facet == self.Facet.THEME else Instrument
        return str(dict(vocabulary.choices).get(self.code, self.code))


class PracticeAttachment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("назва"), max_length=200)
    file = models.FileField(_("файл"), upload_to="attachments/", storage=get_private_storage)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The unguessable part of the file's address (and of its name on disk).
    token = models.CharField(max_length=40, unique=True, default=new_file_token, editable=False)
    kind = models.CharField(max_length=10, blank=True)  # core.uploads.KINDS, from the content
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    variants = models.JSONField(default=dict, blank=True)  # pictures: {"360": file name, …}

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:attachment", args=[self.practice_id, self.token])

    def variant_url(self, width: int | str) -> str:
        return reverse("practices:attachment_variant", args=[self.practice_id, self.token, width])

    @property
    def is_image(self) -> bool:
        return self.kind in {"jpeg", "png", "webp", "gif"}

    @property
    def srcset(self) -> str:
        """The `srcset` of an <img>: each width's variant, then the kept copy at its width."""
        parts = [f"{self.variant_url(w)} {w}w" for w in sorted(self.variants, key=int)]
        if self.width:
            parts.append(f"{self.get_absolute_url()} {self.width}w")
        return ", ".join(parts)


# Names in a history for keys that are not Practice fields (the tags, files) or whose
# verbose name is a form label ("коштів, грн" would read as two fields in a list).
CHANGE_NAMES = {
    "themes": _("теми"),
    "instruments": _("інструменти"),
    "attachments": _("файли"),
    "participants": _("кількість учасників"),
    "money_uah": _("сума коштів"),
    "projects": _("кількість проєктів"),
}

REVISION_ACTIONS = {
    "create": _("створено"),
    "edit": _("змінено"),
    "submit": _("надіслано на модерацію"),
    "publish": _("опубліковано"),
    "return": _("повернуто на доопрацювання"),
    "reject": _("відхилено"),
    "import": _("імпортовано"),
    "attach": _("додано файл"),
}


class PracticeRevision(models.Model):
    """Who changed what and when: one row per write, with the changed fields' old and new values."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20)
    changes = models.JSONField(default=dict)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.action} {self.at:%Y-%m-%d}"

    @property
    def action_label(self) -> str:
        return str(REVISION_ACTIONS.get(self.action, self.action))

    @property
    def changed_fields(self) -> list[str]:
        """The changed fields as people call them, in the active language ("назва", not
        "title"); "themes" and "instruments" are the tags, not model fields."""
        names = []
        for key in self.changes:
            if key in CHANGE_NAMES:
                names.append(str(CHANGE_NAMES[key]))
                continue
            try:
                field = Practice._meta.get_field(key)
            except FieldDoesNotExist:
                field = None
            names.append(str(getattr(field, "verbose_name", key)))
        return names
