"""Files judged by content: the sniffer, the picture cleaner and the request-size cap."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from PIL import Image

from hromada.core.errors import ActionRefused
from hromada.core.uploads import clean_image, sniff


def picture(
    fmt: str, size: tuple[int, int] = (1600, 1000), mode: str = "RGB", **kw: object
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(out, fmt, **kw)
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
DOCM = zipped(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/vbaProject.bin": b"macro",
    }
)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (picture("JPEG"), "jpeg"),
        (picture("PNG"), "png"),
        (picture("WEBP"), "webp"),
        (picture("GIF"), "gif"),
        (b"%PDF-1.7\n...", "pdf"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
        (ODT, "odt"),
        (DOCM, None),
        (zipped({"evil.exe": b"MZ"}), None),
        (b"MZ\x90\x00", None),
        (b"<html><script>alert(1)</script>", None),
        (b"PK\x03\x04broken", None),
        (b"", None),
    ],
    ids=[
        "jpeg", "png", "webp", "gif", "pdf", "docx", "xlsx", "odt", "docm", "zip", "exe", "html",
        "broken-zip", "empty",
    ],
)  # fmt: skip
def test_the_kind_comes_from_the_content(content: bytes, kind: str | None) -> None:
    assert sniff(io.BytesIO(content)) == kind


def test_pictures_are_reencoded_without_exif_and_with_widths() -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 27.0, 0.0)
    original = picture("JPEG", exif=exif.tobytes())
    assert b"PhoneMaker" in original
    clean = clean_image(io.BytesIO(original))
    assert (clean.width, clean.height) == (1600, 1000)
    assert sorted(clean.variants) == [360, 720, 1280]
    for content in [clean.content, *clean.variants.values()]:
        assert b"PhoneMaker" not in content and b"Exif" not in content
        assert not Image.open(io.BytesIO(content)).getexif()
    assert Image.open(io.BytesIO(clean.variants[360])).size == (360, 225)


@pytest.mark.parametrize("size", [(12_000, 12_000), (7_000, 7_000)], ids=["144mpx", "49mpx"])
def test_image_bombs_are_refused_clearly(size: tuple[int, int]) -> None:
    bomb = picture("PNG", size, mode="1")
    assert len(bomb) < 300_000  # small on disk, huge in memory
    with pytest.raises(ActionRefused, match="мегапікселів"):
        clean_image(io.BytesIO(bomb))


def test_a_truncated_picture_is_refused() -> None:
    with pytest.raises(ActionRefused, match="пошкоджене"):
        clean_image(io.BytesIO(picture("PNG")[:200]))


@pytest.mark.django_db
def test_request_bodies_above_the_cap_get_413_before_being_read(client: Client) -> None:
    response = client.post("/practices/new/", {}, CONTENT_LENGTH=str(16 * 1024 * 1024))
    assert response.status_code == 413
    assert "Запит завеликий" in response.content.decode()
    assert "не більше 15,0" in response.content.decode()
    for malformed in ("²", "-0", "+5", "1" * 40):
        odd = client.post("/practices/new/", {}, CONTENT_LENGTH=malformed)
        assert odd.status_code == 400, malformed
    assert client.get("/practices/").status_code == 200


@pytest.mark.parametrize("size", [(12_000, 12_000), (7_000, 7_000)], ids=["144mpx", "49mpx"])
def test_the_project_image_field_names_the_bomb(size: tuple[int, int]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hromada.core.forms import PictureField

    field = PictureField(required=False)
    bomb = SimpleUploadedFile("bomb.png", picture("PNG", size, mode="1"))
    with pytest.raises(ValidationError, match="мегапікселів"):
        field.clean(bomb)
    assert field.clean(SimpleUploadedFile("ok.png", picture("PNG", (100, 80))))
