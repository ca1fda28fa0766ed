"""Storing a lesson's attachment or an assignment's file: its kind read from its content
(hromada.core.uploads), kept in private storage under an unguessable token."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from hromada.core import uploads
from hromada.core.errors import ActionRefused

FILE_MAX_BYTES = 10 * 1024 * 1024


def store(field: FieldFile, file: UploadedFile, token: str) -> str:
    """Save `file` into `field` (not the row) and return its kind; pictures lose EXIF."""
    if file.size is None or file.size > FILE_MAX_BYTES:
        raise ActionRefused(_("Файл має бути не більше 10 МБ."), field="file")
    kind = uploads.sniff(file)
    if kind is None:
        raise uploads.refuse_unknown_kind()
    folder = f"academy/{token}"
    if kind in uploads.IMAGE_KINDS:
        image = uploads.clean_image(file)
        field.save(
            f"{folder}/file{uploads.KINDS[image.kind][1]}",
            ContentFile(image.content),
            save=False,
        )
        return image.kind
    file.seek(0)
    field.save(f"{folder}/file{uploads.KINDS[kind][1]}", file, save=False)
    return kind
