"""Storing an uploaded document of a join request or an application: its kind read from its
content (hromada.core.uploads), kept in private storage under an unguessable token."""

from __future__ import annotations

from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from hromada.core import uploads
from hromada.core.errors import ActionRefused
from hromada.core.storage import new_file_token
from hromada.network.models import NetworkDocument

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def store_document(document: NetworkDocument, file: UploadedFile, title: str = "") -> None:
    """Fill and save `document` (its owner already set) from `file`; pictures lose EXIF."""
    if file.size is None or file.size > DOCUMENT_MAX_BYTES:
        raise ActionRefused(_("Файл має бути не більше 10 МБ."), field="file")
    kind = uploads.sniff(file)
    if kind is None:
        raise uploads.refuse_unknown_kind()
    document.token = new_file_token()
    document.title = (title.strip() or Path(file.name or "").stem)[:200] or "—"
    folder = f"network/{document.token}"
    if kind in uploads.IMAGE_KINDS:
        image = uploads.clean_image(file)
        document.kind = image.kind
        name = f"{folder}/file{uploads.KINDS[image.kind][1]}"
        document.file.save(name, ContentFile(image.content), save=False)
    else:
        document.kind = kind
        file.seek(0)
        document.file.save(f"{folder}/file{uploads.KINDS[kind][1]}", file, save=False)
    document.save()
