"""The participants XLSX as a task: the organiser asks, the queue builds it, the organiser's
page shows it when it is ready. Files older than a day are erased whenever a new one is asked
for (and by `events_due_work`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from hromada.core import audit
from hromada.core.errors import require_perm
from hromada.events.export import participants_xlsx
from hromada.events.models import Event, ParticipantsExport
from hromada.events.models_exports import EXPORT_KEPT_FOR


@transaction.atomic
def request_export(actor: Any, event: Event) -> ParticipantsExport:
    require_perm(actor, "events.view_participants", event)
    erase_old_exports()
    export = ParticipantsExport.objects.create(
        event=event, requested_by=actor, language=translation.get_language() or "uk"
    )
    audit.record("events.request_export", actor=actor, target=export, community=event.community)
    from hromada.events.tasks import build_participants_export

    export_id = export.pk
    transaction.on_commit(lambda: build_participants_export.enqueue(export_id=export_id))
    return export


def build_export(export_id: int) -> bool:
    """Fill an export that waits (the task's body; running it twice builds it once)."""
    with transaction.atomic():
        export = (
            ParticipantsExport.objects.select_for_update()
            .select_related("event")
            .filter(pk=export_id, status=ParticipantsExport.Status.PENDING)
            .first()
        )
        if export is None:
            return False
        with translation.override(export.language):
            content, people = participants_xlsx(export.event)
        export.content, export.rows = content, people
        export.status = ParticipantsExport.Status.READY
        export.ready_at = timezone.now()
        export.save(update_fields=["content", "rows", "status", "ready_at"])
    return True


def erase_old_exports() -> int:
    """Personal data is not kept longer than the organiser needs to download it."""
    old = ParticipantsExport.objects.filter(
        requested_at__lt=timezone.now() - EXPORT_KEPT_FOR
    ).exclude(status=ParticipantsExport.Status.ERASED)
    return old.update(content=b"", status=ParticipantsExport.Status.ERASED)
