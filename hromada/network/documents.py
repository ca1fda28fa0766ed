"""Uploaded documents of the network (join requests, applications, service cases): the kind read
from the content (hromada.core.uploads), kept in private storage under an unguessable token,
and served back only through a permission check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from hromada.core import uploads
from hromada.core.errors import ActionRefused
from hromada.core.storage import new_file_token, private_storage
from hromada.network.models import NetworkDocument

# Shown in the browser; every other kind is downloaded.
INLINE_KINDS = {"jpeg", "png", "webp", "gif", "pdf"}

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def checked_kind(file: UploadedFile) -> str:
    """The upload's kind read from its content; refused when too large or of an unknown kind."""
    if file.size is None or file.size > DOCUMENT_MAX_BYTES:
        raise ActionRefused(_("Файл має бути не більше 10 МБ."), field="file")
    kind = uploads.sniff(file)
    if kind is None:
        raise uploads.refuse_unknown_kind()
    return kind


def write_file(document: Any, file: UploadedFile, kind: str, folder: str) -> None:
    """Put `file` into `document.file` under `folder` (not saved); pictures lose EXIF."""
    if kind in uploads.IMAGE_KINDS:
        image = uploads.clean_image(file)
        document.kind = image.kind
        name = f"{folder}/file{uploads.KINDS[image.kind][1]}"
        document.file.save(name, ContentFile(image.content), save=False)
    else:
        document.kind = kind
        file.seek(0)
        document.file.save(f"{folder}/file{uploads.KINDS[kind][1]}", file, save=False)


def store_document(document: NetworkDocument, file: UploadedFile, title: str = "") -> None:
    """Fill and save `document` (its owner already set) from `file`."""
    kind = checked_kind(file)
    document.token = new_file_token()
    document.title = (title.strip() or Path(file.name or "").stem)[:200] or "—"
    write_file(document, file, kind, f"network/{document.token}")
    document.save()


def file_response(document: Any) -> FileResponse:
    """The stored file of a document the caller has already allowed; 404 if it is gone."""
    try:
        handle = private_storage.open(document.file.name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404 from None
    content_type, suffix = uploads.KINDS.get(document.kind, ("application/octet-stream", ""))
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=document.kind not in INLINE_KINDS,
        filename=f"{document.title[:100]}{suffix or Path(document.file.name).suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
