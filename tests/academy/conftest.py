"""An academy world: a network with a board member and an expert, a member community, a
published quiz course with three lessons and two questions, and people around it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from hromada.academy import actions, actions_learning
from hromada.academy.models import Course, Lesson
from hromada.accounts.models import User
from hromada.communities.models import Community
from hromada.network import actions as network_actions
from hromada.network.models import Network, NetworkRole
from tests.factories import CommunityFactory, UserFactory
from tests.network.conftest import network_person


@dataclass
class Academy:
    network: Network
    board: User
    expert: User
    learner: User  # enrolled in `course`
    other: User  # signed in, nothing to do with the course
    member_resident: User  # lives in a member community
    member: Community
    course: Course
    lessons: list[Lesson]


def quiz_course(network: Network, author: User, **fields: object) -> Course:
    values: dict[str, object] = {"title": "Бюджет участі від А до Я", "themes": ["projects"]}
    values.update(fields)
    course = actions.create_course(author, network, actions.CourseData(**values))  # type: ignore[arg-type]
    for number in (1, 2, 3):
        actions.save_lesson(author, course, title=f"Урок {number}", body="Текст уроку.")
    actions.add_question(author, course, "Хто голосує?", [("Мешканці", True), ("Виконком", False)])
    actions.add_question(author, course, "Коли?", [("Навесні", False), ("Щороку", True)])
    return course


def right_answers(course: Course) -> dict[int, int | None]:
    return {q.pk: q.choices.get(correct=True).pk for q in course.questions.all()}


def wrong_answers(course: Course) -> dict[int, int | None]:
    return {q.pk: q.choices.filter(correct=False).first().pk for q in course.questions.all()}  # type: ignore[union-attr]


def set_status(course: Course, status: str) -> Course:
    Course.objects.filter(pk=course.pk).update(status=status)
    course.refresh_from_db()
    return course


@pytest.fixture
def academy(db: None) -> Academy:
    return build_academy()


def build_academy() -> Academy:
    network = Network.objects.create(name="Мережа участі", slug="merezha", kind="hub")
    board = network_person(network, NetworkRole.Role.BOARD, "board@example.org")
    expert = network_person(network, NetworkRole.Role.EXPERT, "expert@example.org")
    member = CommunityFactory.create(name="Липова громада", slug="lypova", oblast="Полтавська")
    network_actions.add_member_record(
        network, community=member, name=member.name, starts_on=dt.date(2024, 1, 1)
    )
    course = quiz_course(network, board)
    course = actions.publish_course(board, course)
    learner = UserFactory.create(email="learner@example.org", full_name="Ірина Коваленко")
    actions_learning.enrol(learner, course)
    return Academy(
        network=network,
        board=board,
        expert=expert,
        learner=learner,
        other=UserFactory.create(email="other@example.org"),
        member_resident=UserFactory.create(email="resident@example.org", community=member),
        member=member,
        course=course,
        lessons=list(course.lessons.all()),
    )
