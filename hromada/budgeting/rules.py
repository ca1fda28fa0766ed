"""Permissions in participatory budgets, as predicates over (user, process or project).

Phase checks live in phases.py and eligibility in eligibility.py; these predicates say who,
the actions say when. Staff predicates resolve the object's community, so a reviewer of
community A is nobody in community B.
"""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.rules import (
    community_of,
    is_appeals_member,
    is_community_admin,
    is_counting_commission,
    is_operator,
    is_reviewer,
)


def _process_of(obj: Any) -> Any:
    return getattr(obj, "process", obj)


@rules.predicate
def reviews_for(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return bool(process is not None and is_reviewer(user, community_of(process)))


@rules.predicate
def administers(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return bool(process is not None and is_community_admin(user, community_of(process)))


@rules.predicate
def counts_for(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return bool(process is not None and is_counting_commission(user, community_of(process)))


@rules.predicate
def is_author(user: Any, project: Any) -> bool:
    return bool(user.is_authenticated and project is not None and project.author_id == user.pk)


rules.add_perm("budgeting.create_process", is_community_admin)  # object: community
rules.add_perm("budgeting.manage_process", administers)
rules.add_perm("budgeting.review_project", reviews_for)
rules.add_perm("budgeting.revise_project", is_author)
rules.add_perm("budgeting.update_implementation", administers)
rules.add_perm("budgeting.view_review_queue", reviews_for)


@rules.predicate
def operates_for(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return bool(process is not None and is_operator(user, community_of(process)))


@rules.predicate
def judges_appeals(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return bool(process is not None and is_appeals_member(user, community_of(process)))


# Supporters, review and appeals: who; the actions add when (phases.py) and eligibility.
rules.add_perm("budgeting.support_project", rules.is_authenticated & ~is_author)
rules.add_perm("budgeting.enter_paper_support", operates_for)
rules.add_perm("budgeting.assign_review", administers)
rules.add_perm("budgeting.write_conclusion", reviews_for)  # of their own department: the action
rules.add_perm("budgeting.appeal_rejection", is_author)
rules.add_perm("budgeting.decide_appeal", judges_appeals)
rules.add_perm("budgeting.freeze_results", counts_for)
# Paper ballots: operators (and admins) key them in; the commission (admins, reviewers)
# reads the subtotals and anomalies; admins manage the service points.
rules.add_perm("budgeting.enter_paper_ballot", operates_for)
rules.add_perm("budgeting.view_paper_report", administers | reviews_for)
# Double entry: mismatched paper ballots are reconciled by the counting commission.
rules.add_perm("budgeting.reconcile_paper", counts_for)
rules.add_perm("budgeting.manage_service_points", is_community_admin)  # object: community
