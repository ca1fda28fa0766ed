"""Recording audit entries from actions (never from signals or save())."""

from __future__ import annotations

from typing import Any

from django.db import models

from hromada.core.models import AuditEntry


def record(
    action: str,
    *,
    actor: Any,  # a user (anonymous ones are recorded as nobody); core names no app's model
    target: models.Model | None = None,
    community: models.Model | None = None,
    **details: Any,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        community_id=community.pk if community is not None else None,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details,
    )
