"""/healthz: 200 with every part named when all is well; 503 naming the part that is not."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django_tasks import task

pytestmark = pytest.mark.django_db


@task()
def nothing() -> None:
    """A task for the queue to hold."""


def test_healthy_site_answers_200_with_each_part(client: Client, database_tasks: None) -> None:
    nothing.enqueue()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["cache"]["ok"] and body["tasks"]["ok"]
    assert body["tasks"]["pending"] == 1
    assert 0 <= body["tasks"]["oldest_pending_age_seconds"] < 60
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_task_waiting_too_long_makes_it_503(
    client: Client, database_tasks: None, settings: Any
) -> None:
    settings.HEALTHZ_MAX_TASK_WAIT = 300
    nothing.enqueue()
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=10)):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["tasks"] == body["tasks"] | {"ok": False, "pending": 1}
    assert body["tasks"]["oldest_pending_age_seconds"] >= 600
    assert body["database"]["ok"] and body["cache"]["ok"]


def test_a_deferred_task_is_pending_but_not_yet_waiting(
    client: Client, database_tasks: None
) -> None:
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=1)
    nothing.using(run_after=later).enqueue()
    body = client.get("/healthz").json()
    assert body["tasks"]["pending"] == 1
    assert body["tasks"]["oldest_pending_age_seconds"] == 0


def test_a_cache_that_does_not_answer_makes_it_503(client: Client, settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["cache"]["ok"] is False and body["cache"]["error"]
    assert body["database"]["ok"] is True
