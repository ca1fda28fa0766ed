"""The counting commission approves ("freezes") a process's results.

Until then the results page shows the stored count as preliminary and it may be recomputed
(e.g. after paper ballots are keyed in during counting). Freezing recomputes once more from the
ballots as they are, then marks the snapshot with the commission's decision (its number and
date, e.g. of the council session): from then on nothing recomputes it, every page reads it, and
the public log of the process says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hromada.budgeting.actions import store_results
from hromada.budgeting.models import Process, ProcessChange, ResultSnapshot
from hromada.budgeting.phases import TIMELINE
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm

DECISION_NUMBER_MAX = 100


def _clean_decision(number: str, date: dt.date | None, process: Process) -> tuple[str, dt.date]:
    number = " ".join(number.split())
    if not number:
        raise ActionRefused(_("Вкажіть номер рішення комісії."), field="decision_number")
    if len(number) > DECISION_NUMBER_MAX or any(not ch.isprintable() for ch in number):
        raise ActionRefused(
            _("Номер рішення — до %(n)s друкованих символів.") % {"n": DECISION_NUMBER_MAX},
            field="decision_number",
        )
    if date is None:
        raise ActionRefused(_("Вкажіть дату рішення."), field="decision_date")
    voting_ended = timezone.localtime(process.voting_end).date()
    if not voting_ended <= date <= timezone.localdate():
        raise ActionRefused(
            _("Дата рішення має бути між завершенням голосування (%(end)s) і сьогоднішнім днем.")
            % {"end": formats.date_format(voting_ended, "DATE_FORMAT")},
            field="decision_date",
        )
    return number, date


def decision_reason(number: str, date: dt.date) -> str:
    return _("Рішення лічильної комісії № %(number)s від %(date)s") % {
        "number": number,
        "date": formats.date_format(date, "DATE_FORMAT"),
    }


@transaction.atomic
def freeze_results(
    actor: Any, process: Process, *, decision_number: str, decision_date: dt.date | None
) -> ResultSnapshot:
    """Approve the results as counted now; refused once they are approved."""
    process = Process.objects.select_for_update().select_related("community").get(pk=process.pk)
    require_perm(actor, "budgeting.freeze_results", process)
    TIMELINE.require(process, "freeze_results")
    number, decision_date = _clean_decision(decision_number, decision_date, process)
    stored = ResultSnapshot.objects.filter(process=process).first()
    if stored is not None and stored.frozen_at is not None:
        raise ActionRefused(_("Результати вже затверджено; змінити їх не можна."))
    snapshot = store_results(process, actor=actor, recompute=True)
    now = timezone.now()
    snapshot.frozen_at, snapshot.frozen_by = now, actor
    snapshot.decision_number, snapshot.decision_date = number, decision_date
    snapshot.save(update_fields=["frozen_at", "frozen_by", "decision_number", "decision_date"])
    ProcessChange.objects.create(
        process=process,
        at=now,
        actor=actor,
        actor_role=_("лічильна комісія"),
        field="results",
        field_label=_("Результати голосування"),
        old_value=_("попередні"),
        new_value=_("затверджені: %(ballots)s бюлетенів, відбиток %(hash)s")
        % {"ballots": snapshot.ballots_count, "hash": snapshot.ballots_hash[:16]},
        reason=decision_reason(number, decision_date),
    )
    audit.record(
        "results.freeze",
        actor=actor,
        target=process,
        community=process.community,
        decision_number=number,
        decision_date=decision_date.isoformat(),
        ballots_hash=snapshot.ballots_hash,
    )
    return snapshot
