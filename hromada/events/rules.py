"""Who may do what with an event. The organiser is the community whose staff run it: its admins
manage the event and its registrants; any of its staff (reviewers, ЦНАП operators) may check
people in at the door. A hub event is a network's: its board and staff (network.rules) manage it
and check people in; experts do not. Staff of another community or network get nothing here.
Registrants act through their private link (a token), which the views check; *when* is the
timeline's business (phases.py)."""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.rules import is_community_admin, is_platform_admin, is_staff_member
from hromada.network.rules import is_network_staff


def _community_of_event(obj: Any) -> Any:
    event = getattr(obj, "event", obj)
    return getattr(event, "community", None)


@rules.predicate
def _organises(user: Any, obj: Any) -> bool:
    community = _community_of_event(obj)
    return community is not None and bool(is_community_admin(user, community))


@rules.predicate
def _works_for_organiser(user: Any, obj: Any) -> bool:
    community = _community_of_event(obj)
    return community is not None and bool(is_staff_member(user, community))


@rules.predicate
def _runs_the_network(user: Any, obj: Any) -> bool:
    event = getattr(obj, "event", obj)
    network = getattr(event, "network", None)
    return network is not None and bool(is_network_staff(user, network))


# An event with neither a community nor a network is the platform admins'.
is_organiser = _organises | _runs_the_network | is_platform_admin
is_door_staff = _works_for_organiser | _runs_the_network | is_platform_admin


@rules.predicate
def _is_own_registration(user: Any, registration: Any) -> bool:
    return bool(
        user.is_authenticated
        and registration is not None
        and registration.user_id is not None
        and registration.user_id == user.pk
    )


rules.add_perm("events.create_event", is_community_admin)  # object: community
rules.add_perm("events.create_hub_event", is_network_staff)  # object: network
rules.add_perm("events.manage_event", is_organiser)  # object: event
rules.add_perm("events.view_participants", is_organiser)
rules.add_perm("events.moderate", is_organiser)
rules.add_perm("events.reorder_waitlist", is_organiser)
rules.add_perm("events.email_registrants", is_organiser)
rules.add_perm("events.issue_certificates", is_organiser)
rules.add_perm("events.record_outputs", is_organiser)
rules.add_perm("events.check_in", is_door_staff)
rules.add_perm("events.view_own_registration", _is_own_registration | is_organiser)
