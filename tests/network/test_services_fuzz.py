"""What people type into the services forms, fuzzed: Unicode digits, NUL bytes, huge numbers and
very long text are refused with a message or cleaned, never an exception; what the forms let
through, the actions store or refuse with a message."""

from __future__ import annotations

import pytest
from hypothesis import given

from hromada.core.errors import ActionRefused
from hromada.network import actions_services as services
from hromada.network import forms_services as f
from tests.network.conftest import World
from tests.network.test_services import case_in
from tests.test_fuzz_inputs import FUZZ, ODD_TEXT


@FUZZ
@given(ODD_TEXT, ODD_TEXT, ODD_TEXT)
def test_service_form(title: str, position: str, theme: str) -> None:
    form = f.ServiceForm(
        {"title": title, "description": title, "audience": theme, "themes": [theme],
         "position": position},
    )  # fmt: skip
    if form.is_valid():
        assert "\x00" not in form.cleaned_data["title"]
        assert 0 <= form.cleaned_data["position"] <= 999


@FUZZ
@given(ODD_TEXT, ODD_TEXT, ODD_TEXT)
def test_meeting_form(when: str, place: str, event: str) -> None:
    form = f.MeetingForm({"starts_at": when, "place": place, "event": event, "note": place})
    if form.is_valid():
        assert "\x00" not in form.cleaned_data["place"] + form.cleaned_data["note"]
        assert form.cleaned_data["event"].isascii()


@FUZZ
@given(ODD_TEXT, ODD_TEXT)
def test_survey_form(rating: str, comment: str) -> None:
    form = f.SurveyForm({"rating": rating, "comment": comment})
    if form.is_valid():
        assert form.cleaned_data["rating"] in range(1, 6)


@FUZZ
@given(ODD_TEXT, ODD_TEXT, ODD_TEXT)
def test_working_group_and_document_forms(name: str, role: str, email: str) -> None:
    group = f.WorkingGroupForm({"name": name, "role": role, "email": email})
    if group.is_valid():
        assert len(group.cleaned_data["name"]) <= 200 and "\x00" not in group.cleaned_data["role"]
    wanted = f.DocumentRequestForm({"title": name, "note": role})
    if wanted.is_valid():
        assert "\x00" not in wanted.cleaned_data["title"]


@pytest.mark.django_db
def test_actions_store_odd_text_or_refuse_with_a_message(world: World) -> None:
    case = case_in(world, "in_progress")
    for text in ("\x00", " \x00 ", "٣" * 20000, "x" * 100_000, "Текст\x00з нулем"):
        writes = (
            lambda t: services.add_note(world.applicant, case, t),
            lambda t: services.request_document(world.expert, case, t, t),
            lambda t: services.save_plan(world.expert, case, t),
        )
        for write in writes:
            try:
                write(text)
            except ActionRefused as refusal:
                assert refusal.message
    assert all("\x00" not in note.text and len(note.text) <= 10000 for note in case.notes.all())
    assert all(len(d.title) <= 200 for d in case.documents.all())
