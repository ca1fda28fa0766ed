"""Casting a ballot, online or on paper: who voted is written apart from what was voted.

One transaction writes a `Participation` (the person's identifier hash, channel, point, day) and
an anonymous `Ballot` (a random id, its choices, and the id derived from the receipt). Nothing
in the two rows joins them; the receipt, returned to the voter and stored nowhere, is the link.
The unique constraints on `Participation` settle one person, one ballot across channels.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.budgeting import ballot_types, eligibility
from hromada.budgeting.models import (
    Ballot,
    BallotChoice,
    Participation,
    Process,
    Project,
)
from hromada.budgeting.phases import TIMELINE
from hromada.budgeting.receipts import new_receipt, published_voter_id
from hromada.core import audit, mail, ratelimit
from hromada.core.errors import ActionRefused, require_perm

BALLOT_TRIES_PER_MINUTE = 20


class VoteRefused(ActionRefused):
    """This person may not vote at all now (phase, eligibility, already voted), whatever the
    ballot says; a refused ballot raises the plain ActionRefused."""


def already_voted() -> VoteRefused:
    # The same words whichever channel came first: a desk operator learns nothing more.
    return VoteRefused(_("Ви вже проголосували в цьому процесі."))


@dataclass(frozen=True)
class CastBallot:
    ballot: Ballot
    participation: Participation
    receipt: str  # shown to the voter once; the database keeps only its keyed hash


def validate_ballot(
    process: Process, choices: dict[int, list[int]], marks: Mapping[int, int] | None = None
) -> list[Project]:
    """Check a ballot against each sub-budget's rule (ballot_types.py); return the chosen
    projects. `marks` holds the points or places of chosen projects on ballots that have them.

    One query: the chosen projects with their sub-budgets (a sub-budget with nothing chosen
    needs no checking)."""
    marks = marks or {}
    wanted = {pid: sb_id for sb_id, ids in choices.items() for pid in ids}
    projects = list(
        Project.objects.filter(
            process=process, pk__in=wanted, status=Project.Status.ADMITTED
        ).select_related("sub_budget")
    )
    if len(projects) != len(wanted):
        raise ActionRefused(
            _("Бюлетень містить проєкт, за який у цьому процесі голосувати не можна.")
        )
    by_sub_budget: dict[int, list[Project]] = {}
    for project in projects:
        by_sub_budget.setdefault(project.sub_budget_id, []).append(project)
    for project in projects:
        if wanted[project.pk] == project.sub_budget_id:
            continue
        if wanted[project.pk] not in by_sub_budget:
            raise ActionRefused(_("Бюлетень містить підбюджет, якого немає в цьому процесі."))
        raise ActionRefused(
            _("Бюлетень містить проєкт, за який у підбюджеті «%(sb)s» голосувати не можна.")
            % {"sb": by_sub_budget[wanted[project.pk]][0].sub_budget.name}
        )
    if not set(marks) <= set(wanted):
        raise ActionRefused(ballot_types.damaged())
    for chosen in by_sub_budget.values():
        problem = ballot_types.ballot_problem(chosen[0].sub_budget, chosen, marks)
        if problem:
            raise ActionRefused(problem)
    if not projects:
        raise ActionRefused(_("Оберіть хоча б один проєкт."))
    return projects


def refuse_own_projects(process: Process, projects: list[Project], authors: set[int]) -> None:
    """Where the regulation bars it, an author may not vote for their own project. `authors`
    are the accounts of the voting person (online: theirs; on paper: the one verified with the
    document shown, if any)."""
    if not process.bar_own_project_votes:
        return
    own = [project for project in projects if project.author_id in authors]
    if own:
        raise ActionRefused(
            _(
                "За положенням цього процесу автор не може голосувати за власний проєкт "
                "(№%(number)s «%(title)s»). Зніміть з нього позначку."
            )
            % {"number": own[0].number, "title": own[0].title}
        )


def _write_ballot(
    process: Process,
    projects: list[Project],
    participation: Participation,
    marks: Mapping[int, int] | None = None,
) -> CastBallot:
    """Insert the person's participation and the anonymous ballot (three statements)."""
    participation.save(force_insert=True)
    receipt = new_receipt()
    ballot = Ballot(process=process, public_id=published_voter_id(receipt))
    ballot.save(force_insert=True)
    marks = marks or {}
    BallotChoice.objects.bulk_create(
        BallotChoice(
            ballot=ballot,
            project=p,
            **ballot_types.choice_fields(p.sub_budget.ballot_rule, marks.get(p.pk)),
        )
        for p in projects
    )
    return CastBallot(ballot, participation, receipt)


def cast_ballot(
    actor: Any,
    process: Process,
    choices: dict[int, list[int]],
    marks: Mapping[int, int] | None = None,
) -> CastBallot:
    """Cast a person's one ballot online. The database's unique constraints settle concurrent
    tries, also against a paper ballot keyed in for the same person at the same moment."""
    # Generous for a person correcting a refused ballot, tight for a script hammering the form.
    if not ratelimit.allow("ballot", actor.pk, BALLOT_TRIES_PER_MINUTE, 60):
        raise ActionRefused(_("Забагато спроб проголосувати за хвилину. Зачекайте хвилину."))
    try:
        return _cast_online(actor, process, choices, marks)
    except IntegrityError:
        raise already_voted() from None


def _check_residents_only(actor: Any, process: Process, projects: list[Project]) -> None:
    """A sub-budget kept for its settlement's residents takes votes from them alone."""
    restricted = {p.sub_budget for p in projects if p.sub_budget.residents_only}
    for sub_budget in sorted(restricted, key=lambda sb: sb.pk):
        decision = eligibility.may_vote(actor, process, sub_budget)
        if not decision:
            raise VoteRefused(decision.reason)


@transaction.atomic
def _cast_online(
    actor: Any, process: Process, choices: dict[int, list[int]], marks: Mapping[int, int] | None
) -> CastBallot:
    decision = TIMELINE.decide(process, "vote")
    if not decision:
        raise VoteRefused(decision.reason)
    # The regulation's voters: their own minimum age and accepted residence bases.
    try:
        verification = eligibility.may_vote(actor, process).require()
    except ActionRefused as exc:
        raise VoteRefused(exc.message) from None
    projects = validate_ballot(process, choices, marks)
    # One account per verified person (per community): the account is the author's identity.
    refuse_own_projects(process, projects, {actor.pk})
    _check_residents_only(actor, process, projects)
    # No "has this person voted?" read first: the unique constraints answer it in the insert.
    participation = Participation(
        process=process,
        voter=actor,
        voter_key=verification.identifier_hash,
        channel=Participation.Channel.ONLINE,
        day=voting_day(),
    )
    cast = _write_ballot(process, projects, participation, marks)
    # The audit says that this person voted in this process, never which ballot is theirs.
    audit.record("ballot.cast", actor=actor, target=process, community=process.community)
    return cast


def voting_day() -> dt.date:
    return timezone.localdate()


RECEIPT_EMAILS_PER_HOUR = 5


@transaction.atomic
def email_receipt(actor: Any, process: Process, receipt: str) -> None:
    """Send a receipt to the signed-in person's own address, through the task queue."""
    if not actor.is_authenticated or not actor.email:
        raise ActionRefused(_("Увійдіть, щоб надіслати квитанцію собі листом."))
    if not ratelimit.allow("receipt-email", actor.pk, RECEIPT_EMAILS_PER_HOUR, 3600):
        raise ActionRefused(_("Забагато листів за годину. Спробуйте пізніше."))
    public_id = published_voter_id(receipt) if receipt else ""
    if not Ballot.objects.filter(process=process, public_id=public_id).exists():
        raise ActionRefused(_("Бюлетеня з таким кодом у цьому процесі немає."))
    link = settings.SITE_URL.rstrip("/") + reverse("budgeting:receipt", args=[process.slug])
    body = _(
        "Ваш код-квитанція голосування «%(process)s»: %(code)s\n\n"
        "За ним ви можете перевірити свій бюлетень: %(link)s\n"
        "Код знаєте лише ви; не показуйте його іншим, якщо не хочете, щоб вони бачили ваш вибір."
    ) % {"process": process.title, "code": receipt, "link": link}
    subject = _("Квитанція голосування: %(p)s") % {"p": process.title}
    mail.send_email(to=[actor.email], subject=subject, body=body)
    # The audit names neither the code nor the ballot.
    audit.record("ballot.receipt_email", actor=actor, target=process, community=process.community)


@transaction.atomic
def seal_ballots(actor: Any, process: Process) -> int:
    """Rewrite the process's anonymous ballots in a random order, in one transaction.

    Columns, ids and times never join a participation to its ballot, but the database itself
    remembers what it was not asked to: rows sit in the table in the order they were written,
    and PostgreSQL stamps each row with its transaction's id (`xmin`), the same for the
    participation and the ballot cast together. Once voting (and paper entry) is over, writing
    every ballot again, shuffled, in one transaction gives them all one `xmin` and a random
    place. Ids, published ids and choices stay as they were, so receipts and results do too.
    Run VACUUM afterwards so that the old row versions leave the data files (docs/voting.md).
    """
    require_perm(actor, "budgeting.manage_process", process)
    if TIMELINE.decide(process, "vote") or TIMELINE.decide(process, "enter_paper_ballot"):
        raise ActionRefused(_("Бюлетені переписують після завершення голосування і підрахунку."))
    count = rewrite_ballots_shuffled(process)
    audit.record(
        "ballots.seal", actor=actor, target=process, community=process.community,
        ballots=count,
    )  # fmt: skip
    return count


def rewrite_ballots_shuffled(process: Process) -> int:
    """The seal itself, for a caller that has made sure no ballot can arrive any more (the
    commission's approval, actions_counting); in the caller's transaction."""
    rng = secrets.SystemRandom()
    ballots = list(Ballot.objects.filter(process=process).values_list("id", "public_id"))
    choices = list(
        BallotChoice.objects.filter(ballot__process=process).values_list(
            "id", "ballot_id", "project_id", "points", "rank"
        )
    )
    BallotChoice.objects.filter(ballot__process=process).delete()
    Ballot.objects.filter(process=process).delete()
    rng.shuffle(ballots)
    rng.shuffle(choices)
    Ballot.objects.bulk_create(
        (Ballot(id=pk, process=process, public_id=public_id) for pk, public_id in ballots),
        batch_size=5000,
    )
    BallotChoice.objects.bulk_create(
        (
            BallotChoice(id=pk, ballot_id=b, project_id=p, points=points, rank=rank)
            for pk, b, p, points, rank in choices
        ),
        batch_size=5000,
    )
    return len(ballots)
