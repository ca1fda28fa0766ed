"""What the counting commission reads about paper ballots: subtotals and anomalies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncHour
from django.utils import timezone

from hromada.budgeting.models import Participation, Process
from hromada.core.models import AuditEntry

# A careful operator checks a document and keys in a ballot in a minute or more; more than
# this many from one person in one hour is worth a second look by the commission.
BURST_PER_HOUR = 40
# Service points are closed at night; ballots keyed in then are listed too.
NIGHT_HOURS = {22, 23, 0, 1, 2, 3, 4, 5, 6}


@dataclass
class Anomaly:
    kind: str  # "burst" or "night"
    operator: str
    hour: datetime
    ballots: int


def by_point(process: Process) -> list[dict[str, Any]]:
    return list(
        Participation.objects.filter(process=process, channel=Participation.Channel.PAPER)
        .values("service_point__name", "service_point__settlement__name")
        .annotate(ballots=Count("*"))
        .order_by("-ballots", "service_point__name")
    )


def by_operator(process: Process) -> list[dict[str, Any]]:
    return list(
        Participation.objects.filter(process=process, channel=Participation.Channel.PAPER)
        .values("entered_by__email", "service_point__name")
        .annotate(ballots=Count("*"))
        .order_by("-ballots", "entered_by__email")
    )


def by_channel(process: Process) -> dict[str, int]:
    rows = (
        Participation.objects.filter(process=process)
        .values_list("channel")
        .annotate(n=Count("*"))
        .order_by()
    )
    return dict(rows)


KEYING_IN = ("ballot.paper", "ballot.paper_first", "ballot.paper_mismatch")


def anomalies(process: Process) -> list[Anomaly]:
    """Operator-hours with a burst of paper ballots, and paper ballots keyed in at night."""
    hours = (
        # Every keying-in counts, also a first or mismatched entry under double entry.
        AuditEntry.objects.filter(action__in=KEYING_IN, details__process=process.pk)
        .annotate(hour=TruncHour("at"))
        .values("actor__email", "hour")
        .annotate(n=Count("*"))
        .order_by("hour", "actor__email")
    )
    found = []
    for row in hours:
        local = timezone.localtime(row["hour"])
        operator = row["actor__email"] or "—"
        if row["n"] > BURST_PER_HOUR:
            found.append(Anomaly("burst", operator, local, row["n"]))
        if local.hour in NIGHT_HOURS:
            found.append(Anomaly("night", operator, local, row["n"]))
    return found
