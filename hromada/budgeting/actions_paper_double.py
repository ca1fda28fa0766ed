"""Double entry of paper ballots (Process.paper_double_entry) and the commission's reconciliation.

The first operator's entry waits; a second operator (never the same one) keys in the same paper
ballot. Equal entries (point, year of birth, choices) become one ballot and are deleted; unequal
ones wait on the reconciliation list, where a member of the counting commission chooses one
version and says why (audited, without the choices). The process row is locked as in single
entry (actions_paper.refuse_after_approval), so two entries of one ballot arriving at once are
taken one after the other: the second always sees the first.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hromada.budgeting.actions_paper import (
    CastBallot,
    check_paper_person,
    enter_paper_ballot,
    paper_participation,
    person_already_voted,
    refuse_after_approval,
    verified_accounts,
)
from hromada.budgeting.actions_vote import (
    VoteRefused,
    _write_ballot,
    refuse_own_projects,
    validate_ballot,
    voting_day,
)
from hromada.budgeting.models import Participation, Process, Project
from hromada.budgeting.models_double_entry import PaperEntry
from hromada.budgeting.phases import TIMELINE
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm

WAITING, MISMATCH = PaperEntry.State.WAITING, PaperEntry.State.MISMATCH


@dataclass(frozen=True)
class KeyedIn:
    """What keying in a paper ballot did: `cast` is set when a ballot was written."""

    outcome: str  # "counted", "first", "mismatch"
    cast: CastBallot | None = None


def key_in(
    operator: Any,
    process: Process,
    *,
    point_id: int,
    identifier: str,
    birth_year: int,
    choices: dict[int, list[int]],
    marks: Mapping[int, int] | None = None,
) -> KeyedIn:
    """Key in a paper ballot: at once in single entry, as one of two entries in double entry.
    `marks`: points or places on ballots that have them (ballot_types.py)."""
    if not process.paper_double_entry:
        cast = enter_paper_ballot(
            operator, process, point_id=point_id, identifier=identifier,
            birth_year=birth_year, choices=choices, marks=marks,
        )  # fmt: skip
        return KeyedIn("counted", cast)
    try:
        return _double(operator, process, point_id, identifier, birth_year, choices, marks or {})
    except IntegrityError:
        raise person_already_voted() from None


@transaction.atomic
def _double(
    operator: Any,
    process: Process,
    point_id: int,
    identifier: str,
    birth_year: int,
    choices: dict[int, list[int]],
    marks: Mapping[int, int],
) -> KeyedIn:
    require_perm(operator, "budgeting.enter_paper_ballot", process)
    decision = TIMELINE.decide(process, "enter_paper_ballot")
    if not decision:
        raise VoteRefused(decision.reason)
    refuse_after_approval(process)  # and lock the process: entries of one ballot queue here
    point, voter_key = check_paper_person(process, point_id, identifier, birth_year)
    projects = validate_ballot(process, choices, marks)
    participation = paper_participation(process, point, operator, voter_key)
    refuse_own_projects(process, projects, verified_accounts(participation))
    if Participation.objects.filter(process=process, voter_key=voter_key).exists():
        raise person_already_voted()
    entries = list(
        PaperEntry.objects.filter(process=process, voter_key=voter_key)
        .select_related("service_point", "operator")
        .order_by("slot")
    )
    entry = PaperEntry(
        process=process,
        voter_key=voter_key,
        service_point=point,
        operator=operator,
        birth_year=birth_year,
        projects=sorted(p.pk for p in projects),
        # JSON keys are strings; a project's points or place, as keyed in.
        marks={str(p.pk): marks[p.pk] for p in projects if p.pk in marks},
        day=voting_day(),
    )
    if not entries:
        entry.slot = 1
        entry.save(force_insert=True)
        _audit("ballot.paper_first", operator, process, point)
        return KeyedIn("first")
    first = entries[0]
    if len(entries) > 1 or first.state == MISMATCH:
        raise ActionRefused(
            _("Цей бюлетень уже внесли двічі з розбіжностями: його звіряє лічильна комісія.")
        )
    if first.operator_id == operator.pk:
        raise ActionRefused(_("Ви вже вносили цей бюлетень. Друге введення робить інший оператор."))
    if _same(first, entry):
        participation = paper_participation(
            process, first.service_point, first.operator, voter_key, first.day
        )
        cast = _write_ballot(process, projects, participation, marks)
        first.delete()
        _audit("ballot.paper", operator, process, point)
        return KeyedIn("counted", cast)
    entry.slot, entry.state = 2, MISMATCH
    entry.save(force_insert=True)
    PaperEntry.objects.filter(pk=first.pk).update(state=MISMATCH)
    _audit("ballot.paper_mismatch", operator, process, point)
    return KeyedIn("mismatch")


def _same(first: PaperEntry, second: PaperEntry) -> bool:
    return (first.service_point_id, first.birth_year, list(first.projects), first.marks) == (
        second.service_point_id,
        second.birth_year,
        list(second.projects),
        second.marks,
    )


def _audit(action: str, operator: Any, process: Process, point: Any) -> None:
    # The entry's time, operator and point for the anomaly list; never the person or choices.
    audit.record(action, actor=operator, target=point, community=process.community,
                 process=process.pk)  # fmt: skip


@dataclass(frozen=True)
class Mismatch:
    """A ballot on the reconciliation list: the two versions, as the commission compares them."""

    first: PaperEntry
    second: PaperEntry
    first_projects: list[Project]
    second_projects: list[Project]

    @property
    def versions(self) -> list[tuple[PaperEntry, list[Project]]]:
        return [(self.first, self.first_projects), (self.second, self.second_projects)]


def mismatches(process: Process) -> list[Mismatch]:
    entries = list(
        PaperEntry.objects.filter(process=process, state=MISMATCH)
        .select_related("service_point", "operator")
        .order_by("voter_key", "slot")
    )
    wanted = {pid for entry in entries for pid in entry.projects}
    projects = {p.pk: p for p in Project.objects.filter(pk__in=wanted).order_by("number")}
    pairs: dict[str, list[PaperEntry]] = {}
    for entry in entries:
        pairs.setdefault(entry.voter_key, []).append(entry)

    def chosen(entry: PaperEntry) -> list[Project]:
        return sorted((projects[pk] for pk in entry.projects if pk in projects),
                      key=lambda p: p.number)  # fmt: skip

    return [
        Mismatch(first, second, chosen(first), chosen(second))
        for first, second in (pair for pair in pairs.values() if len(pair) == 2)
    ]


def waiting_count(process: Process) -> int:
    return PaperEntry.objects.filter(process=process, state=WAITING).count()


REASON_MAX = 1000


def resolve_mismatch(
    actor: Any, process: Process, *, entry_id: str, reason: str
) -> CastBallot | None:
    """Count the version `entry_id` of a mismatched ballot; both entries are deleted. None if
    the person has voted meanwhile: then neither version counts."""
    try:
        return _resolve(actor, process, entry_id, reason)
    except IntegrityError:
        raise person_already_voted() from None


@transaction.atomic
def _resolve(actor: Any, process: Process, entry_id: str, reason: str) -> CastBallot | None:
    require_perm(actor, "budgeting.reconcile_paper", process)
    decision = TIMELINE.decide(process, "enter_paper_ballot")
    if not decision:
        raise ActionRefused(decision.reason)
    refuse_after_approval(process)
    reason = " ".join(reason.replace("\x00", "").split())
    if not reason:
        raise ActionRefused(_("Поясніть, чому обрано цю версію."), field="reason")
    if len(reason) > REASON_MAX:
        raise ActionRefused(_("Пояснення — до %(n)s символів.") % {"n": REASON_MAX}, field="reason")
    chosen = (
        PaperEntry.objects.filter(process=process, pk=_uuid_or_nil(entry_id), state=MISMATCH)
        .select_related("service_point", "operator")
        .first()
    )
    if chosen is None:
        raise ActionRefused(_("Цього бюлетеня вже немає у списку звіряння."))
    pair = PaperEntry.objects.filter(process=process, voter_key=chosen.voter_key)
    if Participation.objects.filter(process=process, voter_key=chosen.voter_key).exists():
        # Voted meanwhile (online, or on paper in single entry): neither version counts.
        pair.delete()
        audit.record("ballot.paper_discard", actor=actor, target=process,
                     community=process.community, reason=reason)  # fmt: skip
        return None
    marks = {int(pk): value for pk, value in chosen.marks.items()}
    projects = validate_ballot(process, _as_choices(chosen), marks)
    participation = paper_participation(
        process, chosen.service_point, chosen.operator, chosen.voter_key, chosen.day
    )
    cast = _write_ballot(process, projects, participation, marks)
    pair.delete()
    audit.record(
        "ballot.paper_reconcile",
        actor=actor,
        target=process,
        community=process.community,
        version=chosen.slot,
        reason=reason,
    )
    return cast


def _as_choices(entry: PaperEntry) -> dict[int, list[int]]:
    """The entry's projects grouped by sub-budget, as validate_ballot takes a ballot."""
    grouped: dict[int, list[int]] = {}
    rows = Project.objects.filter(pk__in=entry.projects).values_list("pk", "sub_budget_id")
    for pk, sub_budget_id in rows:
        grouped.setdefault(sub_budget_id, []).append(pk)
    return grouped


def _uuid_or_nil(text: str) -> uuid.UUID:
    """The id as typed, or the nil UUID (which no entry has) for anything that is not one."""
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return uuid.UUID(int=0)
