"""Reads of the network's pages that take more than one query: the members list with what each
on-platform member runs here, a contest's ranking, a juror's queue, an applicant's scores."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

# The members list shows what a member runs here by reading the two apps' public models once
# for all members (read-only; the links are those apps' public pages).
from hromada.budgeting.models import Process
from hromada.communities.geography import OBLAST_LABELS
from hromada.network import scoring
from hromada.network.models import Member, Membership, Network
from hromada.network.models_contests import Application, Contest, Criterion, Juror, Review
from hromada.network.rules import communities_of
from hromada.practices.models import Practice


@dataclass
class MemberCard:
    member: Member
    processes: list[Any] = field(default_factory=list)
    practices: list[Any] = field(default_factory=list)


@dataclass
class MemberGroup:
    country: str
    oblast: str  # an oblast of Ukraine, or a region abroad
    cards: list[MemberCard]

    @property
    def oblast_label(self) -> str:
        """The oblast's name in the active language (a region abroad as written)."""
        return str(OBLAST_LABELS.get(self.oblast, self.oblast))


def current_members(network: Network) -> list[Member]:
    today = timezone.localdate()
    members = (
        Member.objects.filter(network=network)
        .select_related("community")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.order_by("starts_on"))
        )
    )
    return [member for member in members if member.is_member_on(today)]


def members_grouped(network: Network) -> list[MemberGroup]:
    """Current members by country (Ukraine first) and oblast, each with its processes and
    published practices when it is on the platform. Four queries whatever the count."""
    members = current_members(network)
    community_ids = [m.community_id for m in members if m.community_id is not None]
    processes: dict[int, list[Any]] = defaultdict(list)
    for process in Process.objects.filter(community_id__in=community_ids).order_by(
        "-submission_start"
    ):
        processes[process.community_id].append(process)
    practices: dict[int | None, list[Any]] = defaultdict(list)
    for practice in Practice.objects.filter(
        community_id__in=community_ids, status=Practice.Status.PUBLISHED
    ).order_by("title"):
        practices[practice.community_id].append(practice)
    groups: dict[tuple[str, str], list[MemberCard]] = defaultdict(list)
    for member in members:
        card = MemberCard(member)
        if member.community_id is not None:
            card.processes = processes[member.community_id][:5]
            card.practices = practices[member.community_id][:5]
        groups[(member.country, member.oblast or member.region)].append(card)
    order = sorted(groups, key=lambda key: (key[0] != "UA", key[0], key[1]))
    return [MemberGroup(country, oblast, groups[(country, oblast)]) for country, oblast in order]


@dataclass
class RankingRow:
    application: Application
    ranked: scoring.Ranked
    criterion_means: list[Fraction | None]
    reviews: list[Review]


@dataclass
class Ranking:
    criteria: list[Criterion]
    rows: list[RankingRow]
    suggestion: scoring.Suggestion


def _specs(criteria: list[Criterion]) -> list[scoring.CriterionSpec]:
    return [scoring.CriterionSpec(c.pk, c.weight, c.max_score) for c in criteria]


def contest_ranking(contest: Contest) -> Ranking:
    """Submitted applications ranked by the jury's median, with the board's suggested top N."""
    criteria = list(contest.criteria.all())
    specs = _specs(criteria)
    applications = list(
        contest.applications.filter(status=Application.Status.SUBMITTED)
        .select_related("community")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("juror__user").prefetch_related("scores"),
            )
        )
    )
    by_pk = {application.pk: application for application in applications}
    aggregates = []
    for application in applications:
        reviews: list[dict[Any, int]] = [
            {score.criterion_id: score.value for score in review.scores.all()}
            for review in application.reviews.all()
        ]
        complete = [review for review in reviews if len(review) == len(specs)]
        aggregates.append(
            scoring.aggregate(application.pk, complete, specs, contest.disagreement_threshold)
        )
    ranked = scoring.rank(aggregates)
    rows = [
        RankingRow(
            by_pk[entry.aggregate.key],
            entry,
            [entry.aggregate.criterion_means.get(c.pk) for c in criteria],
            list(by_pk[entry.aggregate.key].reviews.all()),
        )
        for entry in ranked
    ]
    groups: dict[Any, str] = {a.pk: a.community.oblast for a in applications}
    suggestion = scoring.suggest_selection(
        ranked, contest.winners_count, groups, contest.max_per_oblast
    )
    return Ranking(criteria, rows, suggestion)


@dataclass
class QueueItem:
    application: Application
    reviewed: bool


def juror_queue(user: Any, contest: Contest) -> tuple[list[QueueItem], int]:
    """The submitted applications a juror may score, and how many were left out by conflicts."""
    juror = Juror.objects.filter(contest=contest, user=user).first()
    if juror is None:
        return [], 0
    excluded = communities_of(user) | set(juror.conflicts.values_list("pk", flat=True))
    submitted = contest.applications.filter(status=Application.Status.SUBMITTED).select_related(
        "community"
    )
    allowed = [a for a in submitted if a.community_id not in excluded]
    reviewed = set(Review.objects.filter(juror=juror).values_list("application_id", flat=True))
    items = [QueueItem(a, a.pk in reviewed) for a in allowed]
    return items, len(submitted) - len(allowed)
