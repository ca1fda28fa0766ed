"""What people type into the events forms, fuzzed (as tests/test_fuzz_inputs.py does for the
other apps): every answer is either cleaned or refused with a message, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.events import actions
from hromada.events.actions_checkin import normalise_code
from hromada.events.forms import EventForm, ExhibitorForm, MoveForm, RegistrationForm
from hromada.events.models import Event, Question
from tests.conftest import Personas
from tests.events.conftest import make_event
from tests.test_fuzz_inputs import FUZZ, ODD_TEXT

KINDS = [kind for kind, _label in Question.Kind.choices]


@pytest.fixture
def questioned(personas: Personas) -> Event:
    event = make_event(personas)
    for kind in KINDS:
        choices = ["один", "два"] if kind in {"choice", "multiple"} else []
        actions.add_question(
            personas.admin, event, actions.QuestionData(kind, kind, required=True, choices=choices)
        )
    return event


@pytest.mark.django_db
@FUZZ
@given(st.lists(ODD_TEXT, min_size=len(KINDS) + 3, max_size=len(KINDS) + 3))
def test_the_registration_form_only_reports_errors(questioned: Event, typed: list[str]) -> None:
    questions = list(questioned.questions.all())
    data = {"full_name": typed[0], "email": typed[1], "colleagues": typed[2], "consent": "on"}
    data |= {f"q{q.pk}": value for q, value in zip(questions, typed[3:], strict=True)}
    form = RegistrationForm(data, event=questioned)
    if form.is_valid():
        assert all("\x00" not in str(v) for v in form.answers().values())
        assert isinstance(form.cleaned_data["colleagues"], list)


@FUZZ
@given(ODD_TEXT, ODD_TEXT, ODD_TEXT)
def test_small_forms_and_codes_never_raise(hours: str, practices: str, position: str) -> None:
    form = EventForm({"reminder_hours_text": hours})
    form.is_valid()
    exhibitor = ExhibitorForm({"organisation": "ГО", "practices": practices})
    if exhibitor.is_valid():
        assert all(0 <= n < 10**9 for n in exhibitor.cleaned_data["practices"])
    MoveForm({"position": position, "reason": "так"}).is_valid()
    assert len(normalise_code(practices)) <= 12
