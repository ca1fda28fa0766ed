"""Who may propose, edit, see and moderate practices.

The hub's editors hold the platform role "practices editor" (and platform admins); like every
staff role it counts only with TOTP on (see hromada.communities.rules).
A contributor is anyone the platform has verified: a resident verified in a community or a
community's staff member. A draft its author has not submitted is the author's alone: editors
see an entry once it reaches them (pending, returned, published, rejected).
"""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.rules import is_platform_admin, is_practices_editor

EDITABLE_BY_AUTHOR = {"draft", "returned"}


@rules.predicate
def is_verified_contributor(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.verifications.exists() or user.staff_roles.exists())


@rules.predicate
def is_author(user: Any, practice: Any) -> bool:
    return bool(user.is_authenticated and practice is not None and practice.author_id == user.pk)


@rules.predicate
def is_published(user: Any, practice: Any) -> bool:
    return bool(practice is not None and practice.status == "published")


@rules.predicate
def is_editable_by_author(user: Any, practice: Any) -> bool:
    return bool(practice is not None and practice.status in EDITABLE_BY_AUTHOR)


@rules.predicate
def is_unsubmitted(user: Any, practice: Any) -> bool:
    return bool(practice is not None and practice.status == "draft")


is_hub_editor = is_practices_editor | is_platform_admin
# The editors' reach: any entry but an author's unsubmitted draft (and, without an entry,
# the hub-wide permissions such as the moderation queue or an import).
editor_reach = is_hub_editor & ~is_unsubmitted

rules.add_perm("practices.propose", is_verified_contributor | is_hub_editor)
rules.add_perm("practices.view", is_published | is_author | editor_reach)
rules.add_perm("practices.edit", editor_reach | (is_author & is_editable_by_author))
rules.add_perm("practices.moderate", editor_reach)
