"""Who may do what with a course (django-rules predicates).

The network's board and staff author its courses (and platform admins, and the practices
editors who are the hub's editors: `network.rules.is_network_staff`); its experts review written
assignments. All of them count only with TOTP on, as every staff role does.

Course states: a draft is seen by its authors only; a published course is public, and anyone
signed in may enrol (a members-only course: people who work for, or live in, a current member
community); an archived course takes no new learners and no more progress, but its learners
still read it and keep their certificates.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from hromada.academy.models import Course
from hromada.core import request_memo
from hromada.network.rules import communities_of, is_network_expert, is_network_staff


def course_of(obj: Any) -> Course | None:
    """The course of a course, a lesson, an enrolment or a submission."""
    if obj is None or isinstance(obj, Course):
        return obj
    if hasattr(obj, "enrolment"):
        obj = obj.enrolment
    return getattr(obj, "course", None)


@rules.predicate
def _is_draft(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    return course is not None and course.status == Course.Status.DRAFT


@rules.predicate
def _is_published(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    return course is not None and course.status == Course.Status.PUBLISHED


@rules.predicate
def _is_archived(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    return course is not None and course.status == Course.Status.ARCHIVED


# A page asks these several times (may they edit? see learners? review?): once per request.
@rules.predicate
def _is_author(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    if course is None or not user.is_authenticated:
        return False
    return request_memo.remembered(
        ("academy.author", user.pk, course.network_id),
        lambda: bool(is_network_staff(user, course.network)),
    )


@rules.predicate
def _is_reviewer(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    if course is None or not user.is_authenticated:
        return False
    return request_memo.remembered(
        ("academy.reviewer", user.pk, course.network_id),
        lambda: bool(is_network_expert(user, course.network)),
    )


@rules.predicate
def is_enrolled(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    if course is None or not user.is_authenticated:
        return False
    return course.enrolments.filter(user=user).exists()


@rules.predicate
def _may_join(user: Any, obj: Any) -> bool:
    """Signed in, and for a members-only course someone of a current member community."""
    course = course_of(obj)
    if course is None or not user.is_authenticated:
        return False
    if course.access == Course.Access.OPEN:
        return True
    today = timezone.localdate()
    return (
        course.network.members.filter(community_id__in=communities_of(user))
        .filter(memberships__starts_on__lte=today)
        .exclude(memberships__ends_on__lt=today)
        .exists()
    )


@rules.predicate
def _is_own_submission(user: Any, submission: Any) -> bool:
    return bool(user.is_authenticated and submission.enrolment.user_id == user.pk)


# object: a network
rules.add_perm("academy.create_course", is_network_staff)
# object: a course (or a lesson of it)
rules.add_perm("academy.view_course", _is_published | _is_author | (_is_archived & is_enrolled))
rules.add_perm("academy.edit_course", _is_author & (_is_draft | _is_published))
rules.add_perm("academy.publish_course", _is_author & (_is_draft | _is_archived))
rules.add_perm("academy.archive_course", _is_author & _is_published)
rules.add_perm("academy.enrol", _is_published & ~is_enrolled & _may_join)
rules.add_perm("academy.view_lessons", _is_author | ((_is_published | _is_archived) & is_enrolled))
rules.add_perm("academy.progress", _is_published & is_enrolled)
rules.add_perm("academy.see_learners", ~_is_draft & (_is_reviewer | _is_author))
# The management page: authors always, reviewers once the course is out.
rules.add_perm("academy.manage_page", _is_author | (~_is_draft & _is_reviewer))
# object: a submission
rules.add_perm("academy.review", _is_reviewer & ~_is_draft)
rules.add_perm("academy.view_submission", _is_own_submission | (_is_reviewer & ~_is_draft))
