"""The counting commission approves ("freezes") a process's results.

Until then the results page shows the stored count as preliminary and it may be recomputed
(e.g. after paper ballots are keyed in during counting). Freezing seals the ballots (rewrites
them shuffled, see actions_vote.seal_ballots), recomputes once more from them, then marks the
snapshot with the commission's decision (its number and date, e.g. of the council session):
from then on nothing recomputes it, every page reads it, and the public log says so.

The commission's page does not do this in the request: `request_freeze` stores the decision as
pending (from then on no paper ballot is accepted) and enqueues `tasks.approve_results`, which
runs `complete_freeze`: everything in one transaction, or nothing but a note of the failure.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hromada.budgeting.actions import store_results
from hromada.budgeting.actions_vote import rewrite_ballots_shuffled
from hromada.budgeting.models import Process, ProcessChange, ResultSnapshot
from hromada.budgeting.models_counting import ResultsApproval
from hromada.budgeting.phases import TIMELINE
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm

DECISION_NUMBER_MAX = 100
logger = logging.getLogger(__name__)


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
    # No ballot can arrive any more (paper entry checks for an approval under the same lock):
    # the seal leaves nothing in the table's order or row versions that joins who to what.
    sealed = rewrite_ballots_shuffled(process)
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
        sealed=sealed,
    )
    return snapshot


def approval_in_progress(process: Process) -> bool:
    """Whether the commission's approval is pending or done: no paper ballot is taken then."""
    return (
        ResultsApproval.objects.filter(
            process=process,
            state__in=(ResultsApproval.State.PENDING, ResultsApproval.State.DONE),
        ).exists()
        or ResultSnapshot.objects.filter(process=process, frozen_at__isnull=False).exists()
    )


@transaction.atomic
def request_freeze(
    actor: Any, process: Process, *, decision_number: str, decision_date: dt.date | None
) -> ResultsApproval:
    """Check the decision, store it as pending and leave the computation to the task queue."""
    from hromada.budgeting.tasks import approve_results

    process = Process.objects.select_for_update().select_related("community").get(pk=process.pk)
    require_perm(actor, "budgeting.freeze_results", process)
    TIMELINE.require(process, "freeze_results")
    number, decision_date = _clean_decision(decision_number, decision_date, process)
    if ResultSnapshot.objects.filter(process=process, frozen_at__isnull=False).exists():
        raise ActionRefused(_("Результати вже затверджено; змінити їх не можна."))
    approval = ResultsApproval.objects.filter(process=process).first()
    if approval is not None and approval.state == ResultsApproval.State.PENDING:
        raise ActionRefused(_("Затвердження вже обчислюється. Зачекайте кілька хвилин."))
    approval = approval or ResultsApproval(process=process)
    approval.decision_number, approval.decision_date = number, decision_date
    approval.requested_by, approval.requested_at = actor, timezone.now()
    approval.state, approval.error = ResultsApproval.State.PENDING, ""
    approval.save()
    audit.record(
        "results.freeze_request",
        actor=actor,
        target=process,
        community=process.community,
        decision_number=number,
    )
    # With the database queue the task is a row of this transaction: it runs only if committed.
    approve_results.enqueue(approval_id=approval.pk)
    return approval


def complete_freeze(approval_id: int) -> str:
    """The task's work: freeze as the pending approval says, all or nothing."""
    approval = (
        ResultsApproval.objects.select_related("process", "requested_by")
        .filter(pk=approval_id, state=ResultsApproval.State.PENDING)
        .first()
    )
    if approval is None:
        return "nothing to do"
    try:
        with transaction.atomic():
            freeze_results(
                approval.requested_by,
                approval.process,
                decision_number=approval.decision_number,
                decision_date=approval.decision_date,
            )
            _set_state(approval, ResultsApproval.State.DONE, "")
    except ActionRefused as exc:
        _set_state(approval, ResultsApproval.State.FAILED, exc.message)
        return "refused"
    except Exception:
        logger.exception("approving the results of process %s failed", approval.process_id)
        _set_state(approval, ResultsApproval.State.FAILED, COMPUTATION_FAILED)
        raise
    return "approved"


# Stored untranslated (the msgid): the page translates it for whoever reads it.
COMPUTATION_FAILED = gettext_noop(
    "Не вдалося обчислити результати; нічого не змінено. Спробуйте ще раз; якщо знову не "
    "вдасться, зверніться до адміністратора платформи."
)


def _set_state(approval: ResultsApproval, state: str, error: str) -> None:
    with transaction.atomic():
        ResultsApproval.objects.filter(pk=approval.pk).update(state=state, error=error)
