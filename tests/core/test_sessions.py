"""Signed-in requests read their session from the shared cache when there is one."""

from __future__ import annotations

from tests.production import production_settings


def test_sessions_are_read_from_redis_only_when_it_is_shared() -> None:
    show = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    assert production_settings(show).strip().endswith("backends.cached_db")
    assert production_settings(show, REDIS_URL=None).strip().endswith("backends.db")
