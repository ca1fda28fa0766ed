"""Shared fixtures: named personas, as in permission matrices (a resident, a reviewer, an
operator, an admin, and staff of another community who must never reach this one)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import pytest
from django.utils import translation

from hromada.accounts.models import User
from hromada.communities.models import Community, StaffRole
from tests.factories import CommunityFactory, UserFactory, staff, verified_resident


@dataclass
class Personas:
    community: Community
    other: Community
    resident: User  # verified resident of `community`
    newcomer: User  # signed up, not verified
    reviewer: User
    operator: User
    admin: User
    outsider_admin: User  # admin of `other`
    outsider_resident: User  # verified resident of `other`


# The people of a permission matrix: every field of Personas but the two communities.
PERSONA_NAMES = [f.name for f in fields(Personas) if f.name not in ("community", "other")]


@pytest.fixture
def personas(db: None) -> Personas:
    community = CommunityFactory.create(name="Вишнева громада", slug="vyshneva")
    other = CommunityFactory.create(name="Яблунева громада", slug="yabluneva")
    return Personas(
        community=community,
        other=other,
        resident=verified_resident(community, email="resident@example.org"),
        newcomer=UserFactory.create(email="newcomer@example.org", community=community),
        reviewer=staff(community, StaffRole.Role.REVIEWER, email="reviewer@example.org"),
        operator=staff(community, StaffRole.Role.OPERATOR, email="operator@example.org"),
        admin=staff(community, StaffRole.Role.ADMIN, email="admin@example.org"),
        outsider_admin=staff(other, StaffRole.Role.ADMIN, email="outsider@example.org"),
        outsider_resident=verified_resident(other, email="far@example.org"),
    )


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in Ukrainian, as a fresh process does."""
    with translation.override("uk"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Real hashing takes ~0.3 s per user; tests create dozens of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_search_cache() -> None:
    """Remembered matches belong to one test's database: ids are reused after a rollback."""
    from hromada.practices.search import RECENT_MATCHES

    RECENT_MATCHES.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files go to a temporary folder, never the developer's data/."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = root / "public"
    settings.PRIVATE_MEDIA_ROOT = root / "private"
