"""Who may do what with a course: board (an author), expert, enrolled learner, another signed-in
person and an anonymous visitor × every academy permission × the course's three states."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from hromada.academy import actions_learning
from hromada.academy.models import Course, Submission
from hromada.core.errors import ActionRefused
from tests.academy.conftest import Academy, quiz_course, set_status
from tests.factories import UserFactory

PEOPLE = ["board", "expert", "learner", "other", "anonymous"]
B, E, L, OTHER, A = PEOPLE
# For each state and permission, who holds it (everybody else must not).
EXPECTED: dict[str, dict[str, set[str]]] = {
    "draft": {
        "academy.view_course": {B},
        "academy.enrol": set(),
        "academy.view_lessons": {B},
        "academy.progress": set(),
        "academy.edit_course": {B},
        "academy.publish_course": {B},
        "academy.archive_course": set(),
        "academy.see_learners": set(),
        "academy.review": set(),
        "academy.view_submission": {L},
        "academy.manage_page": {B},
    },
    "published": {
        "academy.view_course": {B, E, L, OTHER, A},
        "academy.enrol": {B, E, OTHER},
        "academy.view_lessons": {B, L},
        "academy.progress": {L},
        "academy.edit_course": {B},
        "academy.publish_course": set(),
        "academy.archive_course": {B},
        "academy.see_learners": {B, E},
        "academy.review": {B, E},
        "academy.view_submission": {B, E, L},
        "academy.manage_page": {B, E},
    },
    "archived": {
        "academy.view_course": {B, L},
        "academy.enrol": set(),
        "academy.view_lessons": {B, L},
        "academy.progress": set(),
        "academy.edit_course": set(),
        "academy.publish_course": {B},
        "academy.archive_course": set(),
        "academy.see_learners": {B, E},
        "academy.review": {B, E},
        "academy.view_submission": {B, E, L},
        "academy.manage_page": {B, E},
    },
}


def _person(academy: Academy, name: str) -> object:
    return AnonymousUser() if name == A else getattr(academy, name)


@pytest.mark.parametrize("state", list(EXPECTED))
def test_permission_matrix(academy: Academy, state: str) -> None:
    course = academy.course
    enrolment = course.enrolments.get(user=academy.learner)
    submission = Submission.objects.create(enrolment=enrolment, text="Моя робота", token="t1")
    set_status(course, state)
    wrong = []
    for perm, holders in EXPECTED[state].items():
        target = submission if perm in ("academy.review", "academy.view_submission") else course
        for name in PEOPLE:
            allowed = rules.has_perm(perm, _person(academy, name), target)
            if allowed != (name in holders):
                wrong.append(f"{state} {perm} {name}: {'allowed' if allowed else 'refused'}")
    assert not wrong, "\n".join(wrong)


def test_lesson_permissions_follow_the_course(academy: Academy) -> None:
    lesson = academy.lessons[0]
    assert rules.has_perm("academy.view_lessons", academy.learner, lesson)
    assert not rules.has_perm("academy.view_lessons", academy.other, lesson)


def test_network_roles_count_only_with_totp(academy: Academy) -> None:
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=academy.board).delete()
    assert not rules.has_perm("academy.edit_course", academy.board, academy.course)
    assert not rules.has_perm("academy.create_course", academy.board, academy.network)


def test_members_only_course_takes_people_of_current_member_communities(academy: Academy) -> None:
    course = quiz_course(academy.network, academy.board, title="Лише для членів", access="members")
    set_status(course, Course.Status.PUBLISHED)
    assert rules.has_perm("academy.enrol", academy.member_resident, course)
    assert not rules.has_perm("academy.enrol", academy.other, course)
    with pytest.raises(ActionRefused):
        actions_learning.enrol(academy.other, course)
    # A membership that has ended no longer counts.
    membership = academy.network.members.get(community=academy.member).memberships.get()
    membership.ends_on = membership.starts_on
    membership.save()
    assert not rules.has_perm("academy.enrol", academy.member_resident, course)


def test_only_network_staff_create_courses(academy: Academy) -> None:
    for person in (academy.expert, academy.learner, UserFactory.create(), AnonymousUser()):
        assert not rules.has_perm("academy.create_course", person, academy.network)
    assert rules.has_perm("academy.create_course", academy.board, academy.network)
