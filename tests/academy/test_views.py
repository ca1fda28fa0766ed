"""The academy's pages through the client: what each person sees, the query counts of the public
and learners' pages, the authoring flow through posted forms, files kept private, and the
maturity recommendations that point to courses on a weak indicator's theme."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.academy import actions, actions_learning
from hromada.academy.models import Course, LessonAttachment
from hromada.network import actions_maturity
from hromada.network.maturity_starter import install_starter_framework
from hromada.network.models_maturity import Indicator
from tests.academy.conftest import Academy, right_answers, set_status
from tests.factories import CommunityFactory, staff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def test_public_pages_and_query_counts(
    academy: Academy, django_assert_max_num_queries: object
) -> None:
    for number in range(3):  # more courses must not mean more queries
        course = actions.create_course(
            academy.board, academy.network, actions.CourseData(title=f"Курс {number}", final="none")
        )
        actions.save_lesson(academy.board, course, title="Урок")
        actions.publish_course(academy.board, course)
    client = _client()
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = client.get("/academy/")
    assert response.status_code == 200 and "Бюджет участі від А до Я" in response.content.decode()
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = client.get(academy.course.get_absolute_url())
    assert "Увійдіть, щоб записатися" in response.content.decode()
    # Lessons are for learners: an anonymous visitor is sent back to the course.
    assert client.get(academy.lessons[0].get_absolute_url()).status_code == 302


def test_learner_pages_and_query_counts(
    academy: Academy, django_assert_max_num_queries: object
) -> None:
    client = _client(academy.learner)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(academy.course.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(academy.lessons[1].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(f"/academy/{academy.course.slug}/quiz/").status_code == 200


def test_learner_flow_by_posted_forms(academy: Academy) -> None:
    client = _client(academy.other)
    assert client.post(academy.course.get_absolute_url()).status_code == 302  # enrol
    for lesson in academy.lessons:
        client.post(lesson.get_absolute_url())
    answers = {f"q{q}": str(c) for q, c in right_answers(academy.course).items()}
    client.post(f"/academy/{academy.course.slug}/quiz/", answers)
    page = client.get(academy.course.get_absolute_url()).content.decode()
    enrolment = academy.course.enrolments.get(user=academy.other)
    assert enrolment.certificate is not None
    assert enrolment.certificate.code in page
    verify = _client().get(enrolment.certificate.get_absolute_url())
    assert verify.status_code == 200 and "Сертифікат справжній" in verify.content.decode()


def test_draft_is_hidden_and_archived_keeps_learners(academy: Academy) -> None:
    set_status(academy.course, Course.Status.DRAFT)
    assert _client(academy.other).get(academy.course.get_absolute_url()).status_code == 404
    assert _client(academy.board).get(academy.course.get_absolute_url()).status_code == 200
    set_status(academy.course, Course.Status.ARCHIVED)
    assert _client(academy.other).get(academy.course.get_absolute_url()).status_code == 404
    page = _client(academy.learner).get(academy.lessons[0].get_absolute_url()).content.decode()
    assert "Позначити пройденим" not in page  # read, but no more progress


def test_author_builds_a_course_through_the_forms(academy: Academy) -> None:
    client = _client(academy.board)
    response = client.post(
        f"/academy/new/{academy.network.slug}/",
        {"title": "Е-демократія для громад", "themes": ["edemocracy"], "access": "open",
         "final": "quiz", "pass_mark": "80", "max_attempts": "2", "summary": "",
         "assignment_brief": ""},
    )  # fmt: skip
    course = Course.objects.get(title="Е-демократія для громад")
    assert response.status_code == 302 and course.themes == ["edemocracy"]
    manage = f"/academy/{course.slug}/manage/"
    client.post(
        f"{manage}lessons/new/",
        {"title": "Петиції", "body": "Текст", "video_url": "video.example.org/1",
         "attachment": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    lesson = course.lessons.get()
    assert lesson.video_url == "https://video.example.org/1"
    attachment = LessonAttachment.objects.get(lesson=lesson)
    client.post(manage, {"step": "question", "text": "Скільки підписів?", "choices": "*250\n100\n"})
    assert course.questions.get().choices.filter(correct=True).get().text == "250"
    client.post(manage, {"step": "publish"})
    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED
    # The attachment is a learner's: not for an anonymous visitor nor a stranger.
    url = f"/academy/files/{attachment.token}/"
    assert _client().get(url).status_code == 404
    assert _client(academy.other).get(url).status_code == 404
    actions_learning.enrol(academy.other, course)
    response = _client(academy.other).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_strangers_get_no_management_pages(academy: Academy) -> None:
    for user in (academy.learner, academy.other):
        assert _client(user).get(f"/academy/{academy.course.slug}/manage/").status_code == 404
        assert _client(user).get(f"/academy/new/{academy.network.slug}/").status_code == 404
    assert _client(academy.expert).get(f"/academy/{academy.course.slug}/manage/").status_code == 200


def test_lesson_page_links_video_and_never_embeds_it(academy: Academy) -> None:
    lesson = actions.save_lesson(
        academy.board,
        academy.course,
        title="Відео",
        video_url="https://video.example.org/x",
        lesson=academy.lessons[0],
    )
    html = _client(academy.learner).get(lesson.get_absolute_url()).content.decode()
    assert 'href="https://video.example.org/x"' in html
    assert "<iframe" not in html and "<video" not in html


@pytest.mark.parametrize("with_course", [True, False])
def test_maturity_recommendations_link_courses_of_the_weak_theme(
    academy: Academy, with_course: bool
) -> None:
    if not with_course:
        set_status(academy.course, Course.Status.DRAFT)
    install_starter_framework(academy.network)
    community = CommunityFactory.create(slug="grusheva", size_band="small")
    admin = staff(community, "admin", email="admin@example.org")
    assessment = actions_maturity.start_assessment(admin, academy.network, community)
    indicators = list(Indicator.objects.filter(network=academy.network))
    actions_maturity.save_self_assessment(
        admin, assessment, {i.pk: 0 for i in indicators}, {}, submit=True
    )
    html = _client(academy.expert).get(f"/network/maturity/{assessment.pk}/").content.decode()
    assert ("Бюджет участі від А до Я" in html) is with_course  # themes: projects
    assert html.count(academy.course.get_absolute_url()) == (
        sum(1 for i in indicators if i.theme == "projects") if with_course else 0
    )


def test_assignment_sent_and_reviewed_through_the_pages(academy: Academy) -> None:
    course = actions.create_course(
        academy.board,
        academy.network,
        actions.CourseData(title="Аналіз", final="assignment", assignment_brief="Опишіть рішення."),
    )
    lesson = actions.save_lesson(academy.board, course, title="Дані")
    course = actions.publish_course(academy.board, course)
    actions_learning.enrol(academy.learner, course)
    actions_learning.mark_done(academy.learner, lesson)
    learner = _client(academy.learner)
    url = f"/academy/{course.slug}/assignment/"
    learner.post(
        url, {"text": "Мій аналіз", "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")}
    )
    submission = course.enrolments.get().submissions.get()
    file_url = f"/academy/submissions/file/{submission.token}/"
    assert learner.get(file_url).status_code == 200
    assert _client(academy.other).get(file_url).status_code == 404
    assert _client(academy.other).get(f"/academy/submissions/{submission.pk}/").status_code == 404
    expert = _client(academy.expert)
    page = expert.post(f"/academy/submissions/{submission.pk}/", {"decision": "return"})
    assert "Поясніть, що доопрацювати." in page.content.decode()
    expert.post(f"/academy/submissions/{submission.pk}/", {"decision": "pass", "comment": "Добре"})
    enrolment = course.enrolments.get()
    assert enrolment.certificate is not None
    assert "Добре" in learner.get(url).content.decode()
