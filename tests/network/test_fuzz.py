"""What people type into the network's forms, fuzzed: Unicode digits, NUL bytes, huge numbers
and very long text are refused with a message, never an exception."""

from __future__ import annotations

from hypothesis import given

from hromada.network.forms import JoinRequestForm, ScoreForm
from hromada.network.forms_maturity import SelfAssessmentForm
from hromada.network.models_contests import Criterion
from hromada.network.models_maturity import Indicator
from tests.test_fuzz_inputs import FUZZ, ODD_TEXT

CRITERIA = [Criterion(pk=1, name="Готовність", weight=2, max_score=10)]
INDICATORS = [Indicator(pk=7, theme="finance", title="Бюджет", max_level=3)]


@FUZZ
@given(ODD_TEXT, ODD_TEXT, ODD_TEXT)
def test_join_form(country: str, name: str, motivation: str) -> None:
    form = JoinRequestForm(
        {"country": country, "name": name, "contact_name": name, "motivation": motivation,
         "contact_email": "a@example.org", "oblast": name},
    )  # fmt: skip
    if form.is_valid():
        assert len(form.cleaned_data["country"]) == 2 and "\x00" not in form.cleaned_data["name"]


@FUZZ
@given(ODD_TEXT, ODD_TEXT)
def test_score_form(score: str, comment: str) -> None:
    form = ScoreForm({"c1": score, "note1": comment, "comment": comment}, criteria=CRITERIA)
    if form.is_valid():
        assert 0 <= form.scores()[1] <= 10


@FUZZ
@given(ODD_TEXT, ODD_TEXT)
def test_self_assessment_form(level: str, evidence: str) -> None:
    form = SelfAssessmentForm({"i7": level, "ev7": evidence}, indicators=INDICATORS, answers={})
    if form.is_valid():
        assert form.levels()[7] in (None, 0, 1, 2, 3)
