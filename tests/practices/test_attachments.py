"""Attachments: kind from content, pictures cleaned, drafts' files only for who may see them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from hromada.accounts.models import User
from hromada.core.errors import ActionRefused
from hromada.practices import actions
from hromada.practices.actions import PracticeData
from hromada.practices.models import Practice, PracticeAttachment
from tests.conftest import Personas
from tests.core.test_uploads import DOCX, picture
from tests.factories import PASSWORD


def draft(author: User) -> Practice:
    data = PracticeData(title="Толока", summary="Зібралися.", themes=["recovery"])
    return actions.propose_practice(author, data, submit=False)


def attach(author: User, entry: Practice, name: str, content: bytes) -> PracticeAttachment:
    return actions.add_attachment(author, entry, title="", file=SimpleUploadedFile(name, content))


def test_the_name_does_not_decide_the_kind(personas: Personas) -> None:
    entry = draft(personas.resident)
    for name, content in [
        ("report.pdf", b"<html><script>alert(1)</script>"),
        ("photo.jpg", b"MZ\x90\x00this is a program"),
        ("table.xlsx", b"PK\x03\x04broken"),
    ]:
        with pytest.raises(ActionRefused, match="за вмістом"):
            attach(personas.resident, entry, name, content)
    document = attach(personas.resident, entry, "звіт.bin", DOCX)
    assert document.kind == "docx" and document.file.name.endswith(".docx")
    assert document.title == "звіт"


def test_a_photo_is_cleaned_and_offered_in_three_widths(client: Client, personas: Personas) -> None:
    entry = draft(personas.resident)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    photo = attach(personas.resident, entry, "IMG_0001.JPG", picture("JPEG", exif=exif.tobytes()))
    assert photo.kind == "webp" and sorted(photo.variants, key=int) == ["360", "720", "1280"]
    assert client.login(email=personas.resident.email, password=PASSWORD)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert f'srcset="{photo.variant_url(360)} 360w' in page
    for address in [photo.get_absolute_url(), photo.variant_url(720)]:
        response = client.get(address)
        assert response.status_code == 200 and response["Content-Type"] == "image/webp"
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert b"PhoneMaker" not in body


def test_a_picture_bomb_is_refused(personas: Personas) -> None:
    entry = draft(personas.resident)
    bomb = picture("PNG", (12_000, 12_000), mode="1")
    with pytest.raises(ActionRefused, match="мегапікселів"):
        attach(personas.resident, entry, "bomb.png", bomb)
    assert not PracticeAttachment.objects.exists()


def status_for(client: Client, user: User | None, address: str) -> int:
    client.logout()
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)
    return client.get(address).status_code


def test_a_drafts_file_is_served_only_to_its_author(
    client: Client, personas: Personas, editor: User
) -> None:
    entry = draft(personas.resident)
    pdf = attach(personas.resident, entry, "plan.pdf", b"%PDF-1.4 draft plan")
    address = pdf.get_absolute_url()
    assert len(pdf.token) >= 32 and pdf.token in address
    assert not Path(settings.MEDIA_ROOT, pdf.file.name).exists(), "not under the public media"
    assert status_for(client, None, address) == 404
    assert status_for(client, personas.outsider_resident, address) == 404
    assert status_for(client, editor, address) == 404  # not submitted yet
    assert status_for(client, personas.resident, address) == 200
    wrong = address.replace(pdf.token, "x" * len(pdf.token))
    assert status_for(client, personas.resident, wrong) == 404
    actions.submit_practice(personas.resident, entry)
    assert status_for(client, editor, address) == 200
    actions.moderate_practice(editor, entry, decision="publish")
    assert status_for(client, None, address) == 200


def test_old_attachments_stay_readable(
    client: Client, personas: Personas, editor: User, settings: Any
) -> None:
    entry = draft(personas.resident)
    actions.submit_practice(personas.resident, entry)
    actions.moderate_practice(editor, entry, decision="publish")
    old = Path(settings.MEDIA_ROOT, "practices/2025/old.pdf")
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 old")
    attachment = PracticeAttachment.objects.create(
        practice=entry, title="Старий", file="practices/2025/old.pdf"
    )
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 old"  # type: ignore[attr-defined]


def test_project_images_are_judged_and_cleaned(client: Client, personas: Personas) -> None:
    from hromada.budgeting.models import Project
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    image = SimpleUploadedFile("p.jpg", picture("JPEG", exif=exif.tobytes()))
    project = submit(process, personas.resident, image=image)
    stored = Project.objects.get(pk=project.pk).image
    assert stored.name.endswith(".webp") and b"PhoneMaker" not in stored.read()
    from hromada.core.templatetags.hromada import srcset

    widths = srcset(stored)
    assert "-w360.webp 360w" in widths and "-w1280.webp 1280w" in widths
    assert widths.endswith(f"{stored.url} 1600w")
    assert f'srcset="{widths}"' in client.get(project.get_absolute_url()).content.decode()
    with pytest.raises(ActionRefused):
        submit(process, personas.resident, image=SimpleUploadedFile("x.png", b"<svg/>"))
