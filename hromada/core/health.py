"""GET /healthz — the state of what a request and the background work depend on, as JSON.

For load balancers and monitoring: 200 when the database answers, the cache keeps a value and
no task has waited longer than HEALTHZ_MAX_TASK_WAIT seconds; 503 otherwise, with the part that
failed named. Nothing personal is shown; errors are reported by their class only.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Min
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends


def database_state() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"ok": False, "vendor": connection.vendor, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def cache_state() -> dict[str, Any]:
    cache = caches["default"]
    backend = type(cache).__name__
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        kept = cache.get(key) == value
        cache.delete(key)
    except Exception as error:
        return {"ok": False, "backend": backend, "error": type(error).__name__}
    return {"ok": kept, "backend": backend}


def task_queue_state() -> dict[str, Any]:
    """Pending tasks (waiting to run, due or deferred) and how long the oldest due one has
    waited: since it was enqueued, or since the time it was deferred to."""
    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__name__
    if backend != "DatabaseBackend":  # the immediate backend runs tasks as they are enqueued
        return {"ok": True, "backend": backend, "pending": 0, "oldest_pending_age_seconds": 0}
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        pending = DBTaskResult.objects.filter(status="READY")
        due = pending.ready()
        firsts = [
            due.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
            due.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
        ]
        count = pending.count()
    except Exception as error:
        return {"ok": False, "backend": backend, "error": type(error).__name__}
    oldest = min((at for at in firsts if at is not None), default=None)
    age = max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0
    return {
        "ok": age <= settings.HEALTHZ_MAX_TASK_WAIT,
        "backend": backend,
        "pending": count,
        "oldest_pending_age_seconds": round(age, 1),
        "max_wait_seconds": settings.HEALTHZ_MAX_TASK_WAIT,
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    parts = {"database": database_state(), "cache": cache_state()}
    parts["tasks"] = task_queue_state() if parts["database"]["ok"] else {"ok": False}
    healthy = all(part["ok"] for part in parts.values())
    body = {"status": "ok" if healthy else "unhealthy", **parts}
    return JsonResponse(body, status=200 if healthy else 503)
