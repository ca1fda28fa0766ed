"""Who may do what with the hub's services and cases (imported by network/rules.py).

The hub — the network's board and staff (and the practices editors, who act as its staff) —
keeps the catalogue, accepts or declines requests and assigns experts. An expert works only on
the cases assigned to them and sees no other. A community's staff (admin or reviewer, TOTP on)
request services and follow, upload to and rate their own community's cases; the named members
of its working group who have an account read them. Nobody else sees a case: not another
community's staff, not an expert of another case.
"""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.rules import has_totp
from hromada.network.rules import is_applicant_staff, is_network_staff


def _case_of(obj: Any) -> Any:
    return getattr(obj, "case", obj)


@rules.predicate
def _is_assigned_expert(user: Any, case: Any) -> bool:
    case = _case_of(case)
    return bool(user.is_authenticated and case is not None and case.expert_id == user.pk)


@rules.predicate
def _is_working_group_member(user: Any, case: Any) -> bool:
    from hromada.network.models_services import WorkingGroupMember

    case = _case_of(case)
    if not user.is_authenticated or case is None:
        return False
    return WorkingGroupMember.objects.filter(
        network_id=case.network_id, community_id=case.community_id, user=user
    ).exists()


is_assigned_expert = _is_assigned_expert & has_totp
# A case carries its community_id, as an application does: the same predicate reads it.
is_case_community_staff = is_applicant_staff
# The hub's side of a case: its board and staff, and the expert assigned to it.
is_case_worker = is_network_staff | is_assigned_expert

# object: a network
rules.add_perm("network.manage_services", is_network_staff)
# object: a community (may its staff ask for a service?)
rules.add_perm("network.request_service", is_applicant_staff)
# object: a community (who keeps its working group)
rules.add_perm("network.manage_working_group", is_applicant_staff)
# object: a case
rules.add_perm(
    "network.view_case", is_case_worker | is_case_community_staff | _is_working_group_member
)
rules.add_perm("network.decide_case", is_network_staff)
rules.add_perm("network.work_on_case", is_case_worker)
rules.add_perm("network.upload_case_document", is_case_community_staff)
rules.add_perm("network.note_case", is_case_worker | is_case_community_staff)
rules.add_perm("network.survey_case", is_case_community_staff)
