"""Public and learners' pages of the academy: the course list, a course, a lesson, the quiz,
the assignment, and the private files. Views are thin: read, check, call one action, render."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousFileOperation
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hromada.academy import actions_learning as learning
from hromada.academy import selectors
from hromada.academy.forms import AssignmentForm, QuizForm
from hromada.academy.models import Course, Lesson, LessonAttachment, Submission
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form
from hromada.core.storage import private_storage
from hromada.core.uploads import KINDS
from hromada.network.models import Network
from hromada.network.models_maturity import Theme

INLINE_KINDS = {"pdf", "jpeg", "png", "webp", "gif"}


def _course(request: HttpRequest, slug: str, perm: str = "academy.view_course") -> Course:
    course = get_object_or_404(Course.objects.select_related("network"), slug=slug)
    if not request.user.has_perm(perm, course):
        raise Http404
    return course


def course_list(request: HttpRequest) -> HttpResponse:
    theme = request.GET.get("theme", "")
    return render(
        request,
        "academy/list.html",
        {
            "courses": selectors.listed_courses(theme),
            "themes": Theme.choices,
            "theme": theme if theme in Theme.values else "",
            "authoring": [
                network
                for network in Network.objects.all()
                if request.user.has_perm("academy.create_course", network)
            ]
            if request.user.is_authenticated
            else [],
        },
    )


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return act_and_return(
            request,
            lambda: learning.enrol(request.user, course),
            _("Ви записалися на курс."),
            course.get_absolute_url(),
        )
    view = selectors.course_view(course, request.user)
    enrolment = view.enrolment
    if enrolment is not None:
        enrolment.course = course
    return render(
        request,
        "academy/course.html",
        {
            "course": course,
            "view": view,
            "may_enrol": enrolment is None and request.user.has_perm("academy.enrol", course),
            "may_manage": request.user.has_perm("academy.manage_page", course),
            "final_passed": enrolment is not None and learning.final_passed(enrolment),
        },
    )


def lesson_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
    if not request.user.has_perm("academy.view_lessons", course):
        messages.info(request, _("Щоб відкрити уроки, запишіться на курс."))
        return redirect(course)
    lesson = get_object_or_404(
        Lesson.objects.select_related("event").prefetch_related("attachments"), course=course, pk=pk
    )
    if request.method == "POST":
        return act_and_return(
            request,
            lambda: learning.mark_done(request.user, lesson),
            _("Урок позначено пройденим."),
            _next_after(course, lesson),
        )
    view = selectors.course_view(course, request.user)
    row = next(row for row in view.lessons if row.lesson.pk == lesson.pk)
    return render(
        request,
        "academy/lesson.html",
        {
            "course": course,
            "lesson": lesson,
            "row": row,
            "view": view,
            "may_progress": request.user.has_perm("academy.progress", course),
        },
    )


def _next_after(course: Course, lesson: Lesson) -> str:
    following = course.lessons.filter(position__gt=lesson.position).first()
    return following.get_absolute_url() if following else course.get_absolute_url()


@login_required
def quiz(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug, "academy.view_lessons")
    if course.final != Course.Final.QUIZ:
        raise Http404
    enrolment = course.enrolments.filter(user_id=request.user.pk or 0).first()
    questions = list(course.questions.prefetch_related("choices"))
    form = QuizForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = learning.submit_quiz(request.user, course, form.answers())
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            if attempt.passed:
                messages.success(
                    request, _("Тест складено: %(percent)s %%.") % {"percent": attempt.percent}
                )
            else:
                messages.error(
                    request, _("Тест не складено: %(percent)s %%.") % {"percent": attempt.percent}
                )
            return redirect("academy:quiz", course.slug)
    return render(
        request,
        "academy/quiz.html",
        {
            "course": course,
            "form": form,
            "attempts": list(enrolment.attempts.all()) if enrolment else [],
            "attempts_left": learning.attempts_left(enrolment) if enrolment else 0,
            "passed": enrolment is not None and learning.final_passed(enrolment),
            "may_progress": request.user.has_perm("academy.progress", course),
            "enrolment": enrolment,
        },
    )


@login_required
def assignment(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug, "academy.view_lessons")
    if course.final != Course.Final.ASSIGNMENT:
        raise Http404
    enrolment = course.enrolments.filter(user_id=request.user.pk or 0).first()
    form = AssignmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            learning.submit_assignment(
                request.user, course, form.cleaned_data["text"], form.cleaned_data["file"]
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Роботу надіслано експертам мережі."))
            return redirect("academy:assignment", course.slug)
    submissions = list(enrolment.submissions.all()) if enrolment else []
    waiting = any(s.status != Submission.Status.RETURNED for s in submissions)
    return render(
        request,
        "academy/assignment.html",
        {
            "course": course,
            "form": form,
            "submissions": submissions,
            "may_submit": request.user.has_perm("academy.progress", course) and not waiting,
        },
    )


def _file_response(field: FieldFile, kind: str, title: str) -> FileResponse:
    name = field.name or ""
    try:
        handle = private_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404 from None
    content_type, suffix = KINDS.get(kind, ("application/octet-stream", ""))
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=kind not in INLINE_KINDS,
        filename=f"{title[:100]}{suffix or Path(name).suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_file(request: HttpRequest, token: str) -> FileResponse:
    attachment = get_object_or_404(
        LessonAttachment.objects.select_related("lesson__course__network"), token=token
    )
    if not request.user.has_perm("academy.view_lessons", attachment.lesson.course):
        raise Http404
    return _file_response(attachment.file, attachment.kind, attachment.title)


def submission_file(request: HttpRequest, token: str) -> FileResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("enrolment__course__network"), token=token
    )
    if not submission.file or not request.user.has_perm("academy.view_submission", submission):
        raise Http404
    return _file_response(submission.file, submission.file_kind, f"submission-{submission.pk}")
