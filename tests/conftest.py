"""Shared fixtures: named personas, as in permission matrices (a resident, a reviewer, an
operator, an admin, and staff of another community who must never reach this one)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import pytest
from asgiref.local import Local
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django_tasks import task_backends

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
def _fresh_rate_limits(settings: Any) -> None:
    """Rate-limit counters and cached pages live in the cache and key on ids, which tests
    reuse after a rollback. On Redis each test has a key prefix of its own instead
    (`_own_cache_namespace`): clearing there would flush every xdist worker's keys at once, in
    the middle of another test's rate-limit count."""
    from django.core.cache import cache

    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_search_cache() -> None:
    """Remembered matches belong to one test's database: ids are reused after a rollback."""
    from hromada.practices.search import PUBLISHED_VOCABULARY, RECENT_MATCHES
    from hromada.practices.search_pages import RECENT_PAGES

    RECENT_MATCHES.clear()
    RECENT_PAGES.clear()
    PUBLISHED_VOCABULARY.clear()


@receiver(setting_changed)
def _forget_task_backends(*, setting: str, **kwargs: Any) -> None:
    """django-tasks re-reads TASKS when it changes but keeps the backends it has built."""
    if setting == "TASKS":
        task_backends._connections = Local()  # type: ignore[attr-defined]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings: Any) -> None:
    """Background tasks run as they are enqueued, so a test sees their mail in mail.outbox.
    Tests of the queue itself switch to the database backend with `database_tasks`."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def database_tasks(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS


@pytest.fixture(autouse=True)
def _own_cache_namespace(settings: Any) -> None:
    """On Redis (REDIS_URL set, as in CI) each test gets keys of its own, as a fresh process's
    memory would be: rate-limit counters of one test, or of another xdist worker, never
    refuse another's logins."""
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        settings.CACHES = {"default": {**cache, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files go to a temporary folder, never the developer's data/."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = root / "public"
    settings.PRIVATE_MEDIA_ROOT = root / "private"
