"""Authors' and experts' pages: a new course, the course's management page (details, lessons,
quiz questions, publishing, learners, assignments to review), a lesson's editor, a review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.academy import actions, selectors
from hromada.academy import actions_learning as learning
from hromada.academy.forms import CourseForm, LessonForm, QuestionForm, ReviewForm
from hromada.academy.models import Course, Lesson, QuizQuestion, Submission
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form
from hromada.core.params import parse_int
from hromada.events.models import Event
from hromada.network.models import Network


@staff_view
def course_new(request: HttpRequest, network: str) -> HttpResponse:
    place = get_object_or_404(Network, slug=network)
    if not request.user.has_perm("academy.create_course", place):
        raise Http404
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = actions.create_course(request.user, place, form.data_object())
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Курс створено. Додайте уроки."))
            return redirect("academy:manage", course.slug)
    return render(request, "academy/course_form.html", {"network": place, "form": form})


def _managed(request: HttpRequest, slug: str) -> Course:
    course = get_object_or_404(Course.objects.select_related("network"), slug=slug)
    if not request.user.has_perm("academy.manage_page", course):
        raise Http404
    return course


@staff_view
def course_manage(request: HttpRequest, slug: str) -> HttpResponse:
    course = _managed(request, slug)
    back = request.path
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "publish":
            return act_and_return(
                request,
                lambda: actions.publish_course(request.user, course),
                _("Курс опубліковано."),
                back,
            )
        if step == "archive":
            return act_and_return(
                request,
                lambda: actions.archive_course(request.user, course),
                _("Курс перенесено в архів."),
                back,
            )
        if step == "remove_question":
            number = parse_int(request.POST.get("question", ""), minimum=1)
            question = get_object_or_404(QuizQuestion, course=course, pk=number or 0)
            return act_and_return(
                request,
                lambda: actions.remove_question(request.user, question),
                _("Питання видалено."),
                back,
            )
    form = CourseForm(
        request.POST if request.POST.get("step") == "details" else None,
        initial=CourseForm.initial_of(course),
    )
    question_form = QuestionForm(request.POST if request.POST.get("step") == "question" else None)
    if form.is_bound and form.is_valid():
        try:
            actions.update_course(request.user, course, form.data_object())
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Зміни збережено."))
            return redirect(back)
    if question_form.is_bound and question_form.is_valid():
        try:
            actions.add_question(
                request.user,
                course,
                question_form.cleaned_data["text"],
                question_form.parsed_choices(),
            )
        except ActionRefused as refusal:
            refusal_to_form(question_form, refusal)
        else:
            messages.success(request, _("Питання додано."))
            return redirect(back)
    return render(
        request, "academy/manage.html", _manage_context(request, course, form, question_form)
    )


def _manage_context(
    request: HttpRequest, course: Course, form: CourseForm, question_form: QuestionForm
) -> dict[str, Any]:
    user = request.user
    return {
        "course": course,
        "form": form,
        "question_form": question_form,
        "lessons": list(course.lessons.all()),
        "questions": list(course.questions.prefetch_related("choices")),
        "may_edit": user.has_perm("academy.edit_course", course),
        "may_publish": user.has_perm("academy.publish_course", course),
        "may_archive": user.has_perm("academy.archive_course", course),
        "learners": selectors.learners(course)
        if user.has_perm("academy.see_learners", course)
        else [],
        "waiting": selectors.waiting_submissions(course)
        if user.has_perm("academy.see_learners", course)
        else [],
    }


@staff_view
def lesson_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    course = get_object_or_404(Course.objects.select_related("network"), slug=slug)
    if not request.user.has_perm("academy.edit_course", course):
        raise Http404
    lesson = get_object_or_404(Lesson, course=course, pk=pk) if pk is not None else None
    # Live sessions: events still to come, and the one already chosen.
    events = Event.objects.filter(ends_at__gte=timezone.now())
    if lesson is not None and lesson.event_id:
        events = events | Event.objects.filter(pk=lesson.event_id)
    initial = {}
    if lesson is not None:
        initial = {
            "title": lesson.title,
            "body": lesson.body,
            "video_url": lesson.video_url,
            "event": lesson.event,
        }
    form = LessonForm(
        request.POST or None,
        request.FILES or None,
        events=events.order_by("starts_at"),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = actions.save_lesson(
                request.user, course, title=data["title"], body=data["body"],
                video_url=data["video_url"], event=data["event"], lesson=lesson,
            )  # fmt: skip
            if data["attachment"] is not None:
                actions.attach_file(request.user, saved, data["attachment"])
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Урок збережено."))
            return redirect("academy:manage", course.slug)
    return render(
        request, "academy/lesson_form.html", {"course": course, "lesson": lesson, "form": form}
    )


@staff_view
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("enrolment__course__network", "enrolment__user"), pk=pk
    )
    if not request.user.has_perm("academy.view_submission", submission):
        raise Http404
    may_review = request.user.has_perm("academy.review", submission)
    form = ReviewForm(request.POST or None) if may_review else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            learning.review_submission(
                request.user,
                submission,
                passed=form.cleaned_data["decision"] == "pass",
                comment=form.cleaned_data["comment"],
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Рішення збережено."))
            return redirect("academy:manage", submission.enrolment.course.slug)
    return render(request, "academy/review.html", {"submission": submission, "form": form})
