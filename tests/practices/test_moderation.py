"""Contribution, moderation and visibility of practices."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.accounts.models import User
from hromada.core.errors import ActionRefused
from hromada.practices import actions
from hromada.practices.actions import PracticeData
from hromada.practices.models import Practice, PracticeRevision
from tests.conftest import Personas
from tests.factories import PASSWORD


def login(client: Client, user: User) -> Client:
    assert client.login(email=user.email, password=PASSWORD)
    return client


def draft(author: User, **fields: object) -> Practice:
    data = PracticeData(
        title="Сільський бюджет участі", summary="Коротко про досвід.", themes=["budget_process"]
    )
    for name, value in fields.items():
        setattr(data, name, value)
    return actions.propose_practice(author, data, submit=False)


def test_unverified_user_cannot_propose_or_publish(personas: Personas, editor: User) -> None:
    with pytest.raises(ActionRefused):
        draft(personas.newcomer)
    entry = draft(personas.resident)
    for user in (personas.newcomer, personas.resident, personas.admin):
        with pytest.raises(ActionRefused):
            actions.moderate_practice(user, entry, decision="publish")
    assert Practice.objects.get(pk=entry.pk).status == Practice.Status.DRAFT


def test_editor_publishes_and_marks_verified(personas: Personas, editor: User) -> None:
    entry = actions.submit_practice(personas.resident, draft(personas.resident))
    assert entry.status == Practice.Status.PENDING
    actions.moderate_practice(editor, entry, decision="publish", verified=True)
    entry.refresh_from_db()
    assert (entry.status, entry.verified, entry.published_at is not None) == (
        "published",
        True,
        True,
    )


def test_return_needs_a_comment_and_lets_the_author_edit(personas: Personas, editor: User) -> None:
    entry = actions.submit_practice(personas.resident, draft(personas.resident))
    with pytest.raises(ActionRefused, match="Поясніть"):
        actions.moderate_practice(editor, entry, decision="return")
    actions.moderate_practice(editor, entry, decision="return", comment="Додайте цифри")
    data = PracticeData(
        title="Сільський бюджет участі",
        summary="Тепер із цифрами: 300 учасників.",
        participants=300,
    )
    actions.edit_practice(personas.resident, entry, data, submit=True)
    entry.refresh_from_db()
    assert entry.status == Practice.Status.PENDING and entry.participants == 300
    edit = entry.revisions.filter(action="edit").get()
    assert edit.editor == personas.resident
    assert edit.changes["participants"] == [None, 300]
    assert edit.changes["themes"] == [["budget_process"], []]


def test_author_cannot_edit_after_publication_but_editor_can(
    personas: Personas, editor: User
) -> None:
    entry = actions.submit_practice(personas.resident, draft(personas.resident))
    actions.moderate_practice(editor, entry, decision="publish")
    data = PracticeData(title="Інша назва")
    with pytest.raises(ActionRefused):
        actions.edit_practice(personas.resident, entry, data)
    actions.edit_practice(editor, entry, data)
    assert Practice.objects.get(pk=entry.pk).title == "Інша назва"
    assert [r.action for r in PracticeRevision.objects.filter(practice=entry).order_by("id")] == [
        "create", "submit", "publish", "edit",
    ]  # fmt: skip


def test_nobody_sees_another_persons_draft(
    client: Client, personas: Personas, editor: User
) -> None:
    entry = draft(personas.resident)
    url = f"/practices/{entry.pk}/"
    assert client.get(url).status_code == 404
    login(client, personas.outsider_resident)
    assert client.get(url).status_code == 404
    assert client.get(f"/practices/{entry.pk}/edit/").status_code == 404
    login(client, personas.resident)
    assert client.get(url, follow=True).status_code == 200
    # Not even the editors see a draft before its author sends it to them.
    login(client, editor)
    for address in (url, f"/practices/{entry.pk}/edit/"):
        assert client.get(address, follow=True).status_code == 404
    for action in ("submit", "moderate", "attachments"):
        assert (
            client.post(f"/practices/{entry.pk}/{action}/", {"decision": "publish"}).status_code
            == 404
        )
    for act in (
        lambda: actions.moderate_practice(editor, entry, decision="publish"),
        lambda: actions.edit_practice(editor, entry, PracticeData(title="Чуже")),
        lambda: actions.submit_practice(editor, entry),
    ):
        with pytest.raises(ActionRefused):
            act()
    assert Practice.objects.get(pk=entry.pk).status == Practice.Status.DRAFT
    actions.submit_practice(personas.resident, entry)
    assert client.get(url, follow=True).status_code == 200


def test_proposal_page_for_unverified_and_quick_form(client: Client, personas: Personas) -> None:
    login(client, personas.newcomer)
    response = client.get("/practices/new/")
    assert response.status_code == 403 and "Підтвердьте жительство".encode() in response.content
    login(client, personas.resident)
    response = client.post(
        "/practices/new/",
        {
            "title": "Толока в парку",
            "summary": "Зібрали 80 жителів.",
            "themes": ["recovery"],
            "submit": "",
        },
    )
    assert response.status_code == 302
    entry = Practice.objects.get(title="Толока в парку")
    assert entry.status == Practice.Status.PENDING and entry.author == personas.resident


def test_bad_input_is_refused_with_every_reason(personas: Personas) -> None:
    data = PracticeData(title="", language="de", themes=["weather"], year=1900, links=["ftp://x"])
    with pytest.raises(ActionRefused) as refused:
        actions.propose_practice(personas.resident, data, submit=False)
    message = refused.value.message
    for part in ("немає назви", "невідома мова", "невідома тема", "рік 1900", "https://"):
        assert part in message
    assert not Practice.objects.exists()


def test_author_attaches_a_document_and_bad_files_are_refused(
    client: Client, personas: Personas, settings: object, tmp_path: object
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    entry = draft(personas.resident)
    pdf = SimpleUploadedFile("polozhennia.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    attachment = actions.add_attachment(personas.resident, entry, title="Положення", file=pdf)
    assert attachment.file.name.endswith(".pdf")
    with pytest.raises(ActionRefused, match="PDF"):
        exe = SimpleUploadedFile("virus.exe", b"MZ")
        actions.add_attachment(personas.resident, entry, title="", file=exe)
    with pytest.raises(ActionRefused):
        other = SimpleUploadedFile("x.pdf", b"%PDF")
        actions.add_attachment(personas.outsider_resident, entry, title="", file=other)
    login(client, personas.resident)
    page = client.get(entry.get_absolute_url())
    assert "Положення".encode() in page.content
    assert entry.attachments.count() == 1
