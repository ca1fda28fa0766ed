"""Recording audit entries from actions (never from signals or save())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from hromada.core.models import AuditEntry

if TYPE_CHECKING:
    from hromada.accounts.models import User
    from hromada.communities.models import Community


def record(
    action: str,
    *,
    actor: User | None,
    target: models.Model | None = None,
    community: Community | None = None,
    **details: Any,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        community=community,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details,
    )
