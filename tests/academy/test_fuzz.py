"""What people type into the academy's forms, fuzzed: Unicode digits, NUL bytes, huge numbers
and very long text are refused with a message or cleaned, never an exception; and odd posts to
the pages answer with a page, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import given, settings

from hromada.academy import actions
from hromada.academy.forms import CourseForm, LessonForm, QuestionForm, QuizForm, ReviewForm
from hromada.academy.models import QuizChoice, QuizQuestion
from hromada.core.errors import ActionRefused
from hromada.events.models import Event
from tests.academy.conftest import Academy
from tests.test_fuzz_inputs import FUZZ, ODD_TEXT


@FUZZ
@given(ODD_TEXT, ODD_TEXT, ODD_TEXT, ODD_TEXT)
def test_course_form(title: str, pass_mark: str, attempts: str, summary: str) -> None:
    form = CourseForm(
        {"title": title, "pass_mark": pass_mark, "max_attempts": attempts, "summary": summary,
         "access": "open", "final": "quiz", "themes": [title]},
    )  # fmt: skip
    if form.is_valid():
        data = form.data_object()
        assert 1 <= data.pass_mark <= 100 and 1 <= data.max_attempts <= 20
        assert "\x00" not in data.title + data.summary


@FUZZ
@given(ODD_TEXT, ODD_TEXT)
def test_question_form(text: str, choices: str) -> None:
    form = QuestionForm({"text": text, "choices": choices})
    if form.is_valid():
        for choice, _right in form.parsed_choices():
            assert choice and "\x00" not in choice


@FUZZ
@given(ODD_TEXT)
def test_quiz_form(answer: str) -> None:
    question = QuizQuestion(pk=5, text="Хто голосує?")
    choices = [QuizChoice(pk=11, text="Мешканці"), QuizChoice(pk=12, text="Виконком")]
    question._prefetched_objects_cache = {"choices": choices}  # type: ignore[attr-defined]
    form = QuizForm({"q5": answer}, questions=[question])
    if form.is_valid():
        assert form.answers()[5] in (None, 11, 12)


@FUZZ
@given(ODD_TEXT, ODD_TEXT)
def test_review_form(decision: str, comment: str) -> None:
    form = ReviewForm({"decision": decision, "comment": comment})
    if form.is_valid():
        assert form.cleaned_data["decision"] in ("pass", "return")


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=FUZZ.suppress_health_check)
@given(ODD_TEXT, ODD_TEXT)
def test_lesson_form_and_action(title: str, video: str) -> None:
    form = LessonForm(
        {"title": title, "video_url": video, "body": title}, events=Event.objects.none()
    )
    if form.is_valid():
        assert "\x00" not in form.cleaned_data["title"] + form.cleaned_data["body"]


@pytest.mark.parametrize(
    "odd",
    ["\x00", "١٢", "9" * 5000, "x" * 100_000, "-1"],
    ids=["nul", "arabic", "huge", "long", "neg"],
)
def test_odd_posts_never_fail(academy: Academy, odd: str) -> None:
    board, learner = Client(), Client()
    board.force_login(academy.board)
    learner.force_login(academy.learner)
    manage = f"/academy/{academy.course.slug}/manage/"
    posts = [
        (board, manage, {"step": "details", "title": odd, "pass_mark": odd, "max_attempts": odd}),
        (board, manage, {"step": "question", "text": odd, "choices": odd}),
        (board, manage, {"step": "remove_question", "question": odd}),
        (board, f"{manage}lessons/new/", {"title": odd, "video_url": odd, "event": odd}),
        (learner, f"/academy/{academy.course.slug}/quiz/", {"q1": odd, f"q{odd[:5]}": odd}),
        (learner, academy.lessons[0].get_absolute_url(), {"x": odd}),
    ]
    for client, url, data in posts:
        assert client.post(url, data).status_code in (200, 302, 404), url


def test_question_with_nul_bytes_only_is_refused(academy: Academy) -> None:
    with pytest.raises(ActionRefused):
        actions.add_question(academy.board, academy.course, "\x00\x00", [("a", True), ("b", False)])
