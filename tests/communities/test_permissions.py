"""The permission matrix of community set-up: personas × actions, each cell a real action call.

Two personas join the shared ones: a platform admin, and this community's admin who has not
turned TOTP on (every staff role waits for it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hromada.communities import actions
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from tests.conftest import PERSONA_NAMES, Personas
from tests.factories import platform_admin, staff

NEW = {"name": "Нова", "slug": "nova", "oblast": "Сумська", "kind": "town",
       "size_band": "small", "population": 5000, "description": ""}  # fmt: skip


def _create(p: Personas, who: Any) -> object:
    return actions.create_community(who, **NEW)


def _edit(p: Personas, who: Any) -> object:
    return actions.update_community(who, p.community, **(NEW | {"slug": p.community.slug}))


def _settlement(p: Personas, who: Any) -> object:
    return actions.add_settlement(who, p.community, name="Нове", kind="village", population=9)


def _invite(p: Personas, who: Any) -> object:
    return actions.invite(who, p.community, email="x@example.org", role="operator")


def _invite_editor(p: Personas, who: Any) -> object:
    return actions.invite(who, None, email="x@example.org", role="practices_editor")


def _remove_role(p: Personas, who: Any) -> object:
    return actions.remove_staff_role(who, StaffRole.objects.get(user=p.operator))


ACTIONS: dict[str, Callable[[Personas, Any], object]] = {
    "create community": _create,
    "edit community": _edit,
    "add settlement": _settlement,
    "invite staff": _invite,
    "invite practices editor": _invite_editor,
    "remove staff role": _remove_role,
}
ALLOWED = {
    "create community": {"platform_admin"},
    "edit community": {"platform_admin"},
    "add settlement": {"platform_admin"},
    "invite staff": {"admin", "platform_admin"},
    "invite practices editor": {"platform_admin"},
    "remove staff role": {"admin", "platform_admin"},
}
PEOPLE = [*PERSONA_NAMES, "platform_admin", "admin_without_totp"]


@pytest.mark.parametrize("action", list(ACTIONS))
def test_matrix(personas: Personas, action: str) -> None:
    people = {name: getattr(personas, name) for name in PERSONA_NAMES}
    people["platform_admin"] = platform_admin()
    people["admin_without_totp"] = staff(personas.community, StaffRole.Role.ADMIN, totp=False)
    for name in PEOPLE:
        try:
            ACTIONS[action](personas, people[name])
            done = True
        except ActionRefused:
            done = False
        assert done == (name in ALLOWED[action]), f"{name} {action}"
        if done:  # undo, so the next persona meets the same state
            _undo(personas, action)


def _undo(p: Personas, action: str) -> None:
    from hromada.communities.models import Community, Invitation, Settlement

    Community.objects.filter(slug="nova").delete()
    Settlement.objects.filter(name="Нове").delete()
    Invitation.objects.all().delete()
    if action == "remove staff role":
        StaffRole.objects.create(user=p.operator, community=p.community, role="operator")
