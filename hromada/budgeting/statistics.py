"""Who took part in a process: turnout against the population, by age band, settlement, channel
and day of voting, and the projects submitted and decided in each phase.

Counts only, grouped in the database: no row names a person. Who voted is read through
`participation()` alone: the Participation table (person, channel, service point, day — kept
apart from what was voted), never the anonymous ballots. A paper ballot's voter has no account,
so their age and settlement count as unknown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.budgeting.models import Participation, Process, ProjectStatusChange
from hromada.budgeting.phases import PHASES, TIMELINE

ROW_HEIGHT, BAR_WIDTH = 46, 270  # SVG units; the chart's viewBox is 360 wide
AGE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 17), (18, 29), (30, 44), (45, 59), (60, None))


@dataclass
class Row:
    label: str
    count: int
    base: int | None = None  # the population it is a share of, when known

    @property
    def percent(self) -> float | None:
        """Turnout in percent of `base`, one decimal; None without a base."""
        if not self.base:
            return None
        return round(100 * self.count / self.base, 1)


@dataclass
class Table:
    key: str  # used in download names
    title: str
    rows: list[Row] = field(default_factory=list)
    base_label: str = ""  # "жителів" when rows carry a population
    count_label: str = ""  # what is counted, when not ballots

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def largest(self) -> int:
        return max((row.count for row in self.rows), default=0)

    @property
    def chart_height(self) -> int:
        return ROW_HEIGHT * len(self.rows) + 4

    @property
    def bars(self) -> list[tuple[Row, int, int]]:
        """Each row with its y and bar width in the SVG's units (viewBox 360 wide)."""
        largest = self.largest or 1
        return [
            (row, i * ROW_HEIGHT, round(BAR_WIDTH * row.count / largest) if row.count else 0)
            for i, row in enumerate(self.rows)
        ]


def participation(process: Process) -> QuerySet[Participation]:
    """One row per person who voted, with channel, point, day, voter's birth year and settlement."""
    return Participation.objects.filter(process=process)


def band_label(low: int, high: int | None) -> str:
    return f"{low}–{high}" if high is not None else f"{low}+"


def age_band(age: int, min_age: int) -> str:
    for low, high in AGE_BANDS:
        if high is None or age <= high:
            return band_label(max(low, min_age), high)
    return band_label(60, None)  # pragma: no cover - the last band is open-ended


def by_age(process: Process) -> Table:
    year = timezone.localtime(process.voting_end).year
    counts: Counter[str] = Counter()
    for birth_year, n in (
        participation(process).values_list("voter__birth_year").annotate(n=Count("id"))
    ):
        if birth_year is None:
            counts[_("невідомо")] += n
        else:
            counts[age_band(year - birth_year, process.voter_min_age)] += n
    order = [band_label(max(low, process.voter_min_age), high) for low, high in AGE_BANDS]
    order = [label for label in order if label in counts] + [
        label for label in counts if label not in order
    ]
    return Table("age", _("За віком"), [Row(label, counts[label]) for label in order])


def by_settlement(process: Process) -> Table:
    rows = []
    grouped = (
        participation(process)
        .values_list("voter__settlement__name", "voter__settlement__population")
        .annotate(n=Count("id"))
        .order_by()
    )
    # Most ballots first; "not given" last among equals (databases order NULL differently).
    for name, population, n in sorted(grouped, key=lambda g: (-g[2], g[0] is None, g[0] or "")):
        rows.append(Row(name or _("не вказано"), n, population))
    return Table("settlement", _("За населеними пунктами"), rows, _("жителів"))


def by_channel(process: Process) -> Table:
    labels = dict(Participation.Channel.choices)
    grouped = participation(process).values_list("channel").annotate(n=Count("id")).order_by("-n")
    rows = [Row(str(labels.get(channel, channel)), n) for channel, n in grouped]
    return Table("channel", _("За способом голосування"), rows)


def by_day(process: Process) -> Table:
    grouped = participation(process).values_list("day").annotate(n=Count("id")).order_by("day")
    rows = [Row(day.strftime("%d.%m.%Y"), n) for day, n in grouped]
    return Table("day", _("За днями голосування"), rows)


def by_point(process: Process) -> Table:
    """Paper ballots by the service point where they were keyed in, most first."""
    grouped = (
        participation(process)
        .filter(channel=Participation.Channel.PAPER)
        .values_list("service_point__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [
        Row(name or _("не вказано"), n)
        for name, n in sorted(grouped, key=lambda g: (-g[1], g[0] is None, g[0] or ""))
    ]
    return Table("point", _("За пунктами прийому паперових бюлетенів"), rows)


def submissions_by_phase(process: Process) -> Table:
    """Projects submitted (first submissions and revisions) and decided in each phase."""
    labels = {
        "submitted": _("подано"),  # first submissions and revisions alike
        "admitted": _("допущено"),
        "returned": _("повернуто"),
        "rejected": _("відхилено"),
    }
    counts: Counter[tuple[str, str]] = Counter()
    for status, at in ProjectStatusChange.objects.filter(project__process=process).values_list(
        "status", "at"
    ):
        counts[(TIMELINE.current(process, at).key, status)] += 1
    rows = [
        Row(f"{phase.label}: {labels[status]}", counts[(phase.key, status)])
        for phase in PHASES
        for status in labels
        if counts[(phase.key, status)]
    ]
    return Table("submissions", _("Проєкти за етапами"), rows, count_label=_("Подій"))


@dataclass
class Statistics:
    ballots: int
    population: int | None
    tables: list[Table]

    @property
    def turnout(self) -> float | None:
        return Row("", self.ballots, self.population).percent


def statistics(process: Process) -> Statistics:
    """Every table of the statistics page (7 queries whatever the number of ballots)."""
    tables = [by_day(process), by_channel(process), by_age(process), by_settlement(process)]
    tables += [by_point(process), submissions_by_phase(process)]
    return Statistics(participation(process).count(), process.community.population, tables)
