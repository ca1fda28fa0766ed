"""Paper ballots keyed in at a service point, and the points themselves.

An operator checks the person's identity document and types its number: it is hashed with the
same key as every online verification (core.identifiers), so the unique constraint on
(process, voter_key) refuses a second ballot whichever channel came first. The refusal says only
that this person has voted, not how, where or when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts.models import Verification
from hromada.budgeting.actions_counting import approval_in_progress
from hromada.budgeting.actions_vote import (
    CastBallot,
    VoteRefused,
    _write_ballot,
    refuse_own_projects,
    validate_ballot,
    voting_day,
)
from hromada.budgeting.models import Participation, Process
from hromada.budgeting.models_paper import ServicePoint
from hromada.budgeting.phases import TIMELINE
from hromada.communities.models import Community, Settlement
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.identifiers import hash_identifier, identifier_problem


@transaction.atomic
def create_service_point(
    actor: Any,
    community: Community,
    *,
    name: str,
    kind: str,
    settlement_id: int | None = None,
    address: str = "",
) -> ServicePoint:
    require_perm(actor, "budgeting.manage_service_points", community)
    name = name.strip()
    if not name:
        raise ActionRefused(_("Вкажіть назву пункту."), field="name")
    if kind not in ServicePoint.Kind.values:
        raise ActionRefused(_("Невідомий тип пункту."), field="kind")
    settlement = None
    if settlement_id is not None:
        settlement = Settlement.objects.filter(community=community, pk=settlement_id).first()
        if settlement is None:
            raise ActionRefused(_("Такого населеного пункту в громаді немає."), field="settlement")
    if ServicePoint.objects.filter(community=community, name=name).exists():
        raise ActionRefused(_("Пункт з такою назвою вже є."), field="name")
    point = ServicePoint.objects.create(
        community=community, settlement=settlement, name=name, kind=kind, address=address.strip()
    )
    audit.record("service_point.create", actor=actor, target=point, community=community)
    return point


@transaction.atomic
def set_service_point_active(actor: Any, point: ServicePoint, active: bool) -> ServicePoint:
    require_perm(actor, "budgeting.manage_service_points", point.community)
    point.active = active
    point.save(update_fields=["active"])
    audit.record(
        "service_point.active", actor=actor, target=point, community=point.community, active=active
    )
    return point


def refuse_after_approval(process: Process) -> None:
    """No paper ballot once the commission has asked to approve the results: the approval
    counts and seals the ballots as they are. The process row is locked (as the approval
    locks it) so that a ballot keyed in at that moment is either counted or refused."""
    list(Process.objects.select_for_update(no_key=True).filter(pk=process.pk).values("pk"))
    if approval_in_progress(process):
        raise VoteRefused(
            _("Лічильна комісія вже затверджує результати: паперові бюлетені більше не приймають.")
        )


def person_already_voted() -> VoteRefused:
    # Not the channel, the point nor the day: only what the operator needs to refuse the ballot.
    return VoteRefused(_("Ця особа вже проголосувала в цьому процесі. Бюлетень не прийнято."))


def _check_age(process: Process, birth_year: int) -> None:
    age = timezone.localdate().year - birth_year
    if not 0 <= age <= 130:
        raise ActionRefused(_("Перевірте рік народження."), field="birth_year")
    if age < process.voter_min_age:
        raise VoteRefused(
            ngettext(
                "Голосувати можуть особи, яким цього року виповнюється %(age)s рік.",
                "Голосувати можуть особи, яким цього року виповнюється %(age)s років.",
                process.voter_min_age,
            )
            % {"age": process.voter_min_age}
        )


def check_paper_person(
    process: Process, point_id: int, identifier: str, birth_year: int
) -> tuple[ServicePoint, str]:
    """The operator's point and the person's document and age; the document's keyed hash."""
    point = ServicePoint.objects.filter(
        community_id=process.community_id, pk=point_id, active=True
    ).first()
    if point is None:
        raise ActionRefused(_("Оберіть пункт прийому вашої громади."), field="point")
    problem = identifier_problem(identifier)
    if problem:
        raise ActionRefused(problem, field="identifier")
    _check_age(process, birth_year)
    return point, hash_identifier(identifier)


def paper_participation(
    process: Process,
    point: ServicePoint,
    operator: Any,
    voter_key: str,
    day: dt.date | None = None,
) -> Participation:
    # A person verified online is linked by their account too, so that their ballot page says
    # they have voted; the identifier hash alone already stops a second ballot.
    account = (
        Verification.objects.filter(community_id=process.community_id, identifier_hash=voter_key)
        .values_list("user_id", flat=True)
        .first()
    )
    return Participation(
        process=process,
        voter_id=account,
        voter_key=voter_key,
        channel=Participation.Channel.PAPER,
        service_point=point,
        entered_by=operator,
        day=day or voting_day(),
    )


def verified_accounts(participation: Participation) -> set[int]:
    """The account verified with the document shown, if any: how an author is known on paper."""
    return {participation.voter_id} if participation.voter_id is not None else set()


def enter_paper_ballot(
    operator: Any,
    process: Process,
    *,
    point_id: int,
    identifier: str,
    birth_year: int,
    choices: dict[int, list[int]],
    marks: Mapping[int, int] | None = None,
) -> CastBallot:
    """Key in one paper ballot, after the operator has seen the person's identity document.
    `marks`: points or places on ballots that have them (ballot_types.py), as online."""
    try:
        return _enter(operator, process, point_id, identifier, birth_year, choices, marks)
    except IntegrityError:
        raise person_already_voted() from None


@transaction.atomic
def _enter(
    operator: Any,
    process: Process,
    point_id: int,
    identifier: str,
    birth_year: int,
    choices: dict[int, list[int]],
    marks: Mapping[int, int] | None,
) -> CastBallot:
    require_perm(operator, "budgeting.enter_paper_ballot", process)
    decision = TIMELINE.decide(process, "enter_paper_ballot")
    if not decision:
        raise VoteRefused(decision.reason)
    if process.paper_double_entry:  # actions_paper_double.key_in takes these ballots
        raise ActionRefused(_("У цьому процесі кожен паперовий бюлетень вносять двоє операторів."))
    refuse_after_approval(process)
    point, voter_key = check_paper_person(process, point_id, identifier, birth_year)
    projects = validate_ballot(process, choices, marks)
    participation = paper_participation(process, point, operator, voter_key)
    refuse_own_projects(process, projects, verified_accounts(participation))
    cast = _write_ballot(process, projects, participation, marks)
    # The entry's time is kept here (not on the participation nor the ballot) for the
    # commission's anomaly list: bursts of ballots from one operator.
    audit.record(
        "ballot.paper",
        actor=operator,
        target=point,
        community=process.community,
        process=process.pk,
    )
    return cast
