"""Who may do what in a network and its contests (django-rules predicates).

Like every staff role, a network role (board, staff, expert) and a juror's seat count only
while their holder has TOTP two-factor authentication on (communities.rules.has_totp).

The practices base's editors are the hub's editors: a holder of the "practices editor" platform
role acts as staff of every network (edits calls, appoints jurors, adds members) without a
network role of their own. Deciding — who joins, who wins — stays with the board.
"""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.models import StaffRole
from hromada.communities.rules import has_totp, is_platform_admin, is_practices_editor


def network_of(obj: Any) -> Any:
    """The network an object belongs to: a network, or anything with .network or .contest."""
    if obj is None:
        return None
    if hasattr(obj, "contest"):
        obj = obj.contest
    return getattr(obj, "network", obj)


def _holds(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"network_{'_'.join(roles)}")
    def predicate(user: Any, obj: Any) -> bool:
        network = network_of(obj)
        if not user.is_authenticated or network is None:
            return False
        return network.roles.filter(user=user, role__in=roles).exists()

    return predicate & has_totp


is_board = _holds("board") | is_platform_admin
is_network_staff = _holds("board", "staff") | is_practices_editor | is_platform_admin
is_network_expert = _holds("expert", "board", "staff")


@rules.predicate
def _is_juror(user: Any, obj: Any) -> bool:
    contest = getattr(obj, "contest", obj)
    return bool(user.is_authenticated and contest.jurors.filter(user=user).exists())


is_juror = _is_juror & has_totp


def communities_of(user: Any) -> set[int]:
    """Communities a person belongs to: where they hold a staff role, and their own."""
    ids = set(StaffRole.objects.filter(user=user).values_list("community_id", flat=True))
    if getattr(user, "community_id", None):
        ids.add(user.community_id)
    return ids


def is_conflicted(user: Any, application: Any) -> bool:
    """A juror never scores, or sees, an application of a community they belong to or have
    declared a conflict with."""
    if application.community_id in communities_of(user):
        return True
    juror = application.contest.jurors.filter(user=user).first()
    return juror is not None and juror.conflicts.filter(pk=application.community_id).exists()


@rules.predicate
def _is_unconflicted_juror(user: Any, application: Any) -> bool:
    return bool(
        user.is_authenticated
        and application.status == "submitted"
        and not is_conflicted(user, application)
    )


@rules.predicate
def _is_applicant_staff(user: Any, application_or_community: Any) -> bool:
    community_id = getattr(application_or_community, "community_id", None)
    if community_id is None:
        community_id = getattr(application_or_community, "pk", None)
    if community_id is None:
        return False
    return bool(
        user.is_authenticated
        and StaffRole.objects.filter(
            user=user,
            community_id=community_id,
            role__in=[StaffRole.Role.ADMIN, StaffRole.Role.REVIEWER],
        ).exists()
    )


# Community staff: the admin and the reviewers of the applying community.
is_applicant_staff = _is_applicant_staff & has_totp
is_scoring_juror = is_juror & _is_unconflicted_juror


@rules.predicate
def _is_requester(user: Any, join_request: Any) -> bool:
    return bool(user.is_authenticated and join_request.applicant_id == user.pk)


# object: a network
rules.add_perm("network.manage", is_network_staff)
rules.add_perm("network.decide_join", is_board)
# object: a join request
rules.add_perm("network.view_join_request", _is_requester | is_network_staff)
# object: a contest
rules.add_perm("network.manage_contest", is_network_staff)
rules.add_perm("network.see_ranking", is_board | is_network_staff)
rules.add_perm("network.select", is_board)
rules.add_perm("network.declare_conflicts", is_juror)
# object: a community (may its staff apply?)
rules.add_perm("network.apply", is_applicant_staff)
# object: an application
rules.add_perm("network.edit_application", is_applicant_staff)


@rules.predicate
def _is_not_draft(user: Any, application: Any) -> bool:
    return bool(application.status != "draft")


# A draft is the applying community's alone; the jury sees only submitted applications.
rules.add_perm(
    "network.view_application",
    is_applicant_staff | ((is_board | is_network_staff) & _is_not_draft) | is_scoring_juror,
)
rules.add_perm("network.score", is_scoring_juror)


# The maturity assessment. A community's staff assess it; the network's experts and staff read
# submitted assessments and validate them. Nobody else sees an assessment: peers are compared
# only through anonymised medians.
@rules.predicate
def _is_submitted_assessment(user: Any, assessment: Any) -> bool:
    return bool(assessment is not None and assessment.status != "draft")


is_network_assessor = is_network_expert | is_network_staff
rules.add_perm("network.assess", is_applicant_staff)  # object: a community
rules.add_perm(
    "network.view_assessment",
    is_applicant_staff | (is_network_assessor & _is_submitted_assessment),
)
rules.add_perm("network.validate_assessment", is_network_assessor & _is_submitted_assessment)

from hromada.network import rules_services  # noqa: E402,F401  (registers the services rules)
