"""Statistics worked out by hand: five voters with known birth years, settlements, channels and
days; turnout against the population; the downloads carry the same numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from hromada.budgeting import actions
from hromada.budgeting.models import Participation, Process, ProjectStatusChange, ServicePoint
from hromada.budgeting.statistics import age_band, statistics
from hromada.communities.models import Community, Settlement
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident


@pytest.fixture
def counted(personas: Personas, voting_process: Process) -> Process:
    """Five voters. Voting year Y (the year voting ended): born Y-17, Y-25, Y-25, Y-70 and
    unknown. Settlements: Вишневе (population 40) ×3, Черешневе (population 10) ×1, none ×1.
    Channels: online ×3, paper ×2. Days: first day ×2, third day ×3."""
    Community.objects.filter(pk=personas.community.pk).update(population=250)
    cherry = Settlement.objects.create(community=personas.community, name="Вишневе", population=40)
    sweet = Settlement.objects.create(community=personas.community, name="Черешневе", population=10)
    year = timezone.localtime(voting_process.voting_end).year
    people = [
        (year - 17, cherry, "online", 0),
        (year - 25, cherry, "online", 0),
        (year - 25, cherry, "paper", 2),
        (year - 70, sweet, "paper", 2),
        (None, None, "online", 2),
    ]
    first = projects_of(voting_process, 0)[0]
    start = timezone.localtime(voting_process.voting_start).date()
    desk = ServicePoint.objects.create(community=personas.community, name="ЦНАП Вишневе")
    for birth_year, settlement, channel, day in people:
        voter = verified_resident(personas.community, birth_year=year - 30, settlement=settlement)
        cast = actions.cast_ballot(voter, voting_process, ballot(voting_process, [first], []))
        # A profile may lose its year later (an account merged, a register corrected).
        type(voter).objects.filter(pk=voter.pk).update(birth_year=birth_year)
        Participation.objects.filter(pk=cast.participation.pk).update(
            channel=channel,
            day=start + dt.timedelta(days=day),
            service_point=desk if channel == "paper" else None,
            entered_by=personas.operator if channel == "paper" else None,
        )
    move_to(voting_process, "counting")
    return Process.objects.select_related("community").get(pk=voting_process.pk)


def table(process: Process, key: str) -> list[tuple[str, int, float | None]]:
    found = next(t for t in statistics(process).tables if t.key == key)
    return [(row.label, row.count, row.percent) for row in found.rows]


def test_turnout_and_breakdowns(counted: Process) -> None:
    stats = statistics(counted)
    assert (stats.ballots, stats.population, stats.turnout) == (5, 250, 2.0)
    # voter_min_age 16: the first band starts at 16.
    assert table(counted, "age") == [
        ("16–17", 1, None),
        ("18–29", 2, None),
        ("60+", 1, None),
        ("невідомо", 1, None),
    ]
    # 3 of Вишневе's 40 = 7.5%; 1 of Черешневе's 10 = 10%.
    assert table(counted, "settlement") == [
        ("Вишневе", 3, 7.5),
        ("Черешневе", 1, 10.0),
        ("не вказано", 1, None),
    ]
    assert table(counted, "channel") == [("онлайн", 3, None), ("паперовий бюлетень", 2, None)]
    start = min(Participation.objects.filter(process=counted).values_list("day", flat=True))
    days = [(start + dt.timedelta(days=d)).strftime("%d.%m.%Y") for d in (0, 2)]
    assert table(counted, "day") == [(days[0], 2, None), (days[1], 3, None)]
    assert table(counted, "point") == [("ЦНАП Вишневе", 2, None)]  # paper ballots only
    # The fixture's six projects: dated here in the submission phase (submitted) and the
    # review phase (admitted), as they would have happened.
    history = ProjectStatusChange.objects.filter(project__process=counted)
    history.filter(status="submitted").update(at=counted.submission_start + dt.timedelta(days=1))
    history.filter(status="admitted").update(at=counted.submission_end + dt.timedelta(days=1))
    assert table(counted, "submissions") == [
        ("Подання проєктів: подано", 6, None),
        ("Розгляд проєктів: допущено", 6, None),
    ]


@pytest.mark.parametrize(
    ("age", "band"), [(16, "16–17"), (17, "16–17"), (18, "18–29"), (44, "30–44"), (90, "60+")]
)
def test_age_band_edges(age: int, band: str) -> None:
    assert age_band(age, 16) == band


def test_page_charts_and_downloads(counted: Process, client: Client) -> None:
    page = client.get(f"/pb/{counted.slug}/statistics/").content.decode()
    assert page.count('<svg viewBox="0 0 360') == 6  # every table with rows has a chart
    assert 'role="img" aria-labelledby="chart-settlement"' in page
    assert "<summary>Таблиця</summary>" in page and "7,5%" in page  # Ukrainian decimal comma
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/pb/{counted.slug}/statistics.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert ["Явка", "усього", "5", "250", "2.0"] in rows
    assert ["За населеними пунктами", "Вишневе", "3", "40", "7.5"] in rows
    book = load_workbook(io.BytesIO(client.get(f"/pb/{counted.slug}/statistics.xlsx").content))
    sheet = book.active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert ["За способом голосування", "паперовий бюлетень", 2, None, None] in values
    assert client.get(f"/pb/{counted.slug}/statistics.exe").status_code == 404


def test_hidden_while_voting(personas: Personas, voting_process: Process, client: Client) -> None:
    assert client.get(f"/pb/{voting_process.slug}/statistics/").status_code == 404
    assert client.get(f"/pb/{voting_process.slug}/statistics.csv").status_code == 404


@pytest.mark.parametrize("extra_voters", [0, 10])
def test_query_count(
    personas: Personas,
    counted: Process,
    client: Client,
    extra_voters: int,
    django_assert_max_num_queries: object,
) -> None:
    move_to(counted, "voting")
    first = projects_of(counted, 0)[0]
    for _ in range(extra_voters):
        actions.cast_ballot(
            verified_resident(personas.community), counted, ballot(counted, [first], [])
        )
    move_to(counted, "counting")
    # Session, process, then one grouped query per table (service points too) and the total:
    # not one per ballot.
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert client.get(f"/pb/{counted.slug}/statistics/").status_code == 200
