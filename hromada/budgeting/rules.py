"""Permissions in participatory budgets, as predicates over (user, process or project).

Phase checks live in phases.py and eligibility in eligibility.py; these predicates say who,
the actions say when. Staff predicates resolve the object's community, so a reviewer of
community A is nobody in community B.
"""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.rules import community_of, is_community_admin, is_operator, is_reviewer


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
def operates_for(user: Any, obj: Any) -> bool:
    process = _process_of(obj)
    return bool(process is not None and is_operator(user, community_of(process)))


@rules.predicate
def is_author(user: Any, project: Any) -> bool:
    return bool(user.is_authenticated and project is not None and project.author_id == user.pk)


rules.add_perm("budgeting.create_process", is_community_admin)  # object: community
rules.add_perm("budgeting.manage_process", administers)
rules.add_perm("budgeting.review_project", reviews_for)
rules.add_perm("budgeting.revise_project", is_author)
rules.add_perm("budgeting.update_implementation", administers)
rules.add_perm("budgeting.view_review_queue", reviews_for)
# Paper ballots: operators (and admins) key them in; the commission (admins, reviewers)
# reads the subtotals and anomalies; admins manage the service points.
rules.add_perm("budgeting.enter_paper_ballot", operates_for)
rules.add_perm("budgeting.view_paper_report", administers | reviews_for)
rules.add_perm("budgeting.manage_service_points", is_community_admin)  # object: community
