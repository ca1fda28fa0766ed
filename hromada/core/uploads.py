"""Uploaded files judged by their content, never by their name.

`sniff` reads the first bytes (and, for office documents, the zip's list of members) and says
which of the few allowed kinds a file is. Pictures are then decoded by Pillow under a pixel
limit (a 17 KB PNG can claim 144 megapixels), re-encoded without their metadata (EXIF carries
the GPS position of the phone that took the photo) and resized into the widths pages offer in
`srcset`.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from hromada.core.errors import ActionRefused

# A 40-megapixel photo is larger than any phone's; beyond it Pillow would need gigabytes.
MAX_IMAGE_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
# Between the limit and twice it Pillow only warns; everywhere in the site that is a refusal.
warnings.simplefilter("error", Image.DecompressionBombWarning)
VARIANT_WIDTHS = (360, 720, 1280)
LARGEST_KEPT_WIDTH = 2560  # the re-encoded "original": enough for print, not a 50 MB camera file
IMAGE_KINDS = {"jpeg", "png", "webp", "gif"}

# What each kind is called and served as.
KINDS = {
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "webp": ("image/webp", ".webp"),
    "gif": ("image/gif", ".gif"),
    "pdf": ("application/pdf", ".pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
}
_ODF_MIMETYPES = {KINDS["odt"][0]: "odt", KINDS["ods"][0]: "ods"}
# Members that make a zip an office document of a kind (macro-enabled variants are refused).
_OOXML_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
_MACROS = ("vbaProject.bin",)


def _sniff_zip(data: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(data) as archive:
            names = archive.namelist()
            if any(name.endswith(_MACROS) for name in names):
                return None
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                return _ODF_MIMETYPES.get(archive.read(info).decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                kinds = {_OOXML_PARTS[n] for n in names if n in _OOXML_PARTS}
                return kinds.pop() if len(kinds) == 1 else None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    return None


def sniff(data: IO[bytes]) -> str | None:
    """The kind of file `data` holds (a key of KINDS), or None if it is none of them."""
    data.seek(0)
    head = data.read(16)
    data.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _sniff_zip(data)
        data.seek(0)
        return kind
    return None


def refuse_unknown_kind() -> ActionRefused:
    return ActionRefused(
        _(
            "Цей файл не схожий на дозволений тип. Можна додати PDF, документ (DOCX, ODT), "
            "таблицю (XLSX, ODS) або зображення (JPEG, PNG, WebP, GIF); тип визначаємо за "
            "вмістом файлу, а не за його назвою."
        ),
        field="file",
    )


@dataclass
class CleanImage:
    """A picture decoded, stripped of metadata and re-encoded: the kept copy and its widths."""

    kind: str  # "webp" or "jpeg"
    width: int
    height: int
    content: bytes
    variants: dict[int, bytes] = field(default_factory=dict)  # width → encoded bytes


def _encode(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "webp":
        image.save(out, "WEBP", quality=82, method=4)
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def check_pixels(data: IO[bytes], *, field: str = "file") -> None:
    """Refuse a picture whose header claims more pixels than the limit, reading only the header
    (what a form field can check before anything decodes it)."""
    data.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(data) as opened:
                pixels = opened.width * opened.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        pixels = MAX_IMAGE_PIXELS + 1
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        pixels = 0  # not a picture at all: the field's own check says so
    finally:
        data.seek(0)
    if pixels > MAX_IMAGE_PIXELS:
        raise ActionRefused(
            _("Зображення завелике: понад %(mp)s мегапікселів. Зменште його й завантажте знову.")
            % {"mp": MAX_IMAGE_PIXELS // 1_000_000},
            field=field,
        )


def _decode(data: IO[bytes], field: str) -> Image.Image:
    too_big = ActionRefused(
        _("Зображення завелике: понад %(mp)s мегапікселів. Зменште його й завантажте знову.")
        % {"mp": MAX_IMAGE_PIXELS // 1_000_000},
        field=field,
    )
    broken = ActionRefused(_("Зображення пошкоджене або неповне."), field=field)
    data.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between the limit and twice it; a warning is a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(data)
            if opened.width * opened.height > MAX_IMAGE_PIXELS:
                raise too_big
            opened.load()
            image = ImageOps.exif_transpose(opened)  # keep the photo upright without its EXIF
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise broken from None
    return image


def clean_image(
    data: IO[bytes], *, widths: tuple[int, ...] = VARIANT_WIDTHS, field: str = "file"
) -> CleanImage:
    """Decode under the pixel limit, drop every metadata block, re-encode as WebP (JPEG is the
    fallback if the build lacks WebP), and add a variant for each width narrower than the image.
    Raises ActionRefused with a reason a person can act on."""
    image = _decode(data, field)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")  # a fresh image: no EXIF, XMP, ICC
    kind = "webp" if Image.registered_extensions().get(".webp") else "jpeg"
    if image.width > LARGEST_KEPT_WIDTH:
        image.thumbnail((LARGEST_KEPT_WIDTH, LARGEST_KEPT_WIDTH * 4))
    clean = CleanImage(kind, image.width, image.height, _encode(image, kind))
    for width in widths:
        if width < image.width:
            smaller = image.resize(
                (width, max(1, round(image.height * width / image.width))),
                Image.Resampling.LANCZOS,
            )
            clean.variants[width] = _encode(smaller, kind)
    return clean


def variant_name(name: str, width: int) -> str:
    """Where a picture's narrower copy is stored beside it: photo.webp → photo-w360.webp."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-w{width}.{suffix}" if dot else f"{name}-w{width}"
