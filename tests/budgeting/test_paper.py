"""Paper ballots: one person, one ballot whichever channel came first; who may key them in,
when; the commission's subtotals and anomalies."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import User, Verification
from hromada.budgeting import actions, actions_paper, paper_report
from hromada.budgeting.models import Ballot, Participation, Process
from hromada.budgeting.models_paper import ServicePoint
from hromada.communities.models import Settlement, StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import PASSWORD, UserFactory, staff

RNOKPP = rnokpp_with_check_digit("301234567")


def _resident_with_document(personas: Personas, identifier: str = RNOKPP) -> User:
    user = UserFactory.create(community=personas.community, birth_year=1980)
    Verification.objects.create(
        user=user,
        community=personas.community,
        method=Verification.Method.OPERATOR,
        identifier_hash=hash_identifier(identifier),
    )
    return user


def _point(personas: Personas, name: str = "ЦНАП Вишневе") -> ServicePoint:
    return actions_paper.create_service_point(
        personas.admin, personas.community, name=name, kind=ServicePoint.Kind.CNAP
    )


def _enter(
    personas: Personas,
    process: Process,
    point: ServicePoint,
    identifier: str = RNOKPP,
    *,
    birth_year: int = 1980,
    operator: User | None = None,
) -> actions_paper.CastBallot:
    small = projects_of(process, 0)
    return actions_paper.enter_paper_ballot(
        operator or personas.operator,
        process,
        point_id=point.pk,
        identifier=identifier,
        birth_year=birth_year,
        choices=ballot(process, small[:1], []),
    )


def _counts() -> tuple[int, int]:
    return Participation.objects.count(), Ballot.objects.count()


def test_a_paper_ballot_is_stored_like_an_online_one(
    personas: Personas, voting_process: Process
) -> None:
    point = _point(personas)
    cast = _enter(personas, voting_process, point)
    assert cast.participation.channel == "paper"
    assert cast.participation.service_point == point
    assert cast.participation.entered_by == personas.operator
    assert cast.participation.voter is None  # nobody with this document has an account here
    assert list(cast.ballot.projects.all()) == projects_of(voting_process, 0)[:1]


def test_online_first_then_paper_is_refused_without_saying_more(
    personas: Personas, voting_process: Process
) -> None:
    person = _resident_with_document(personas)
    small = projects_of(voting_process, 0)
    actions.cast_ballot(person, voting_process, ballot(voting_process, small[:1], []))
    point = _point(personas)
    before = _counts()
    with pytest.raises(ActionRefused) as refused:
        # The same number typed as people do: spaces and all.
        _enter(personas, voting_process, point, identifier=f" {RNOKPP[:5]} {RNOKPP[5:]} ")
    assert (
        refused.value.message == "Ця особа вже проголосувала в цьому процесі. Бюлетень не прийнято."
    )
    assert _counts() == before


def test_paper_first_then_online_is_refused(personas: Personas, voting_process: Process) -> None:
    person = _resident_with_document(personas)
    cast = _enter(personas, voting_process, _point(personas))
    assert cast.participation.voter == person  # linked: their ballot page says they voted
    small = projects_of(voting_process, 0)
    before = _counts()
    with pytest.raises(ActionRefused, match="вже проголосували"):
        actions.cast_ballot(person, voting_process, ballot(voting_process, small[1:2], []))
    assert _counts() == before
    with pytest.raises(ActionRefused, match="вже проголосувала"):
        _enter(personas, voting_process, _point(personas, "Бібліотека"))
    assert _counts() == before


@pytest.mark.parametrize(
    ("identifier", "birth_year", "message"),
    [
        ("123", 1980, "не схоже на РНОКПП"),
        (RNOKPP[:9] + str((int(RNOKPP[9]) + 1) % 10), 1980, "контрольна цифра"),
        ("\x00" * 5, 1980, "не схоже"),
        (RNOKPP, timezone.localdate().year - 10, "виповнюється 16"),
        (RNOKPP, 1700, "рік народження"),
    ],
)
def test_bad_documents_are_refused(
    personas: Personas, voting_process: Process, identifier: str, birth_year: int, message: str
) -> None:
    point = _point(personas)
    before = _counts()
    with pytest.raises(ActionRefused, match=message):
        _enter(personas, voting_process, point, identifier=identifier, birth_year=birth_year)
    assert _counts() == before


def test_a_closed_point_or_another_communitys_point_is_refused(
    personas: Personas, voting_process: Process
) -> None:
    mine = _point(personas)
    actions_paper.set_service_point_active(personas.admin, mine, False)
    theirs = actions_paper.create_service_point(
        personas.outsider_admin, personas.other, name="ЦНАП Яблуневе", kind="cnap"
    )
    for point in (mine, theirs):
        with pytest.raises(ActionRefused, match="пункт прийому"):
            _enter(personas, voting_process, point)
    assert _counts() == (0, 0)


def test_a_service_point_belongs_to_a_settlement_of_its_community(personas: Personas) -> None:
    village = Settlement.objects.create(community=personas.community, name="Черешневе")
    elsewhere = Settlement.objects.create(community=personas.other, name="Грушеве")
    point = actions_paper.create_service_point(
        personas.admin, personas.community, name="Старостат", kind="starosta",
        settlement_id=village.pk,
    )  # fmt: skip
    assert point.settlement == village
    with pytest.raises(ActionRefused, match="населеного пункту"):
        actions_paper.create_service_point(
            personas.admin, personas.community, name="Школа", kind="school",
            settlement_id=elsewhere.pk,
        )  # fmt: skip
    for person in (personas.operator, personas.resident, personas.outsider_admin):
        with pytest.raises(ActionRefused):
            actions_paper.create_service_point(person, personas.community, name="X", kind="cnap")


# Who may key in a paper ballot, in which phase: operators and admins of the process's
# community, while voting and counting (voting_end .. results_date).
PAPER_PHASES = {"voting", "counting"}
MAY_ENTER = {"operator", "admin"}


# Before voting there is nothing to vote for (the timeline test covers those phases).
@pytest.mark.parametrize("phase", ["voting", "counting", "implementation", "finished"])
@pytest.mark.parametrize(
    "who", ["operator", "admin", "reviewer", "resident", "outsider_admin", "newcomer"]
)
def test_paper_permission_matrix(
    personas: Personas, voting_process: Process, phase: str, who: str
) -> None:
    point = _point(personas)
    outsider_operator = staff(personas.other, StaffRole.Role.OPERATOR)
    if phase != "voting":
        move_to(voting_process, phase)
    actor = getattr(personas, who)
    allowed = who in MAY_ENTER and phase in PAPER_PHASES
    if allowed:
        _enter(personas, voting_process, point, operator=actor)
        assert _counts() == (1, 1)
    else:
        with pytest.raises(ActionRefused):
            _enter(personas, voting_process, point, operator=actor)
        assert _counts() == (0, 0)
    with pytest.raises(ActionRefused):
        _enter(personas, voting_process, point, operator=outsider_operator,
               identifier=rnokpp_with_check_digit("301234568"))  # fmt: skip


def test_paper_pages_for_each_persona(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    point = _point(personas)
    small = projects_of(voting_process, 0)
    url = f"/pb/{voting_process.slug}/paper/"
    data = {
        "point": point.pk,
        "identifier": RNOKPP,
        "birth_year": "1980",
        f"sb-{small[0].sub_budget_id}": [small[0].pk],
    }
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for who in ("resident", "outsider_admin", "reviewer"):
        assert client.login(email=getattr(personas, who).email, password=PASSWORD)
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
        assert client.get(f"/staff/{personas.community.slug}/service-points/").status_code == 404
        client.logout()
    assert _counts() == (0, 0)
    assert client.login(email=personas.operator.email, password=PASSWORD)
    page = client.get(url)
    assert page.status_code == 200 and point.name.encode() in page.content
    response = client.post(url, data, follow=True)
    assert "Бюлетень прийнято".encode() in response.content
    again = client.post(url, data)
    assert again.status_code == 400
    assert "вже проголосувала".encode() in again.content
    assert _counts() == (1, 1)


def test_subtotals_and_anomalies(personas: Personas, voting_process: Process) -> None:
    cnap, library = _point(personas), _point(personas, "Бібліотека")
    second = staff(personas.community, StaffRole.Role.OPERATOR, email="second@example.org")
    for i in range(5):
        _enter(personas, voting_process, cnap, identifier=rnokpp_with_check_digit(f"40000000{i}"))
    _enter(personas, voting_process, library, identifier=rnokpp_with_check_digit("500000000"),
           operator=second)  # fmt: skip
    points = paper_report.by_point(voting_process)
    assert [(r["service_point__name"], r["ballots"]) for r in points] == [
        ("ЦНАП Вишневе", 5), ("Бібліотека", 1)
    ]  # fmt: skip
    operators = paper_report.by_operator(voting_process)
    assert [(r["entered_by__email"], r["ballots"]) for r in operators] == [
        ("operator@example.org", 5), ("second@example.org", 1)
    ]  # fmt: skip
    assert paper_report.by_channel(voting_process) == {"paper": 6}
    assert [a for a in paper_report.anomalies(voting_process) if a.kind == "burst"] == []
    # A burst: more than BURST_PER_HOUR entries by one operator within one hour.
    entries = AuditEntry.objects.filter(action="ballot.paper", actor=personas.operator)
    hour = timezone.now().replace(minute=5, second=0, microsecond=0) - timedelta(hours=30)
    extra = [
        AuditEntry(action="ballot.paper", actor=personas.operator, community=personas.community,
                   details={"process": voting_process.pk})
        for _ in range(paper_report.BURST_PER_HOUR + 1)
    ]  # fmt: skip
    AuditEntry.objects.bulk_create(extra)
    ids = [
        e.pk for e in AuditEntry.objects.filter(action="ballot.paper").order_by("-pk")[: len(extra)]
    ]
    AuditEntry.objects.filter(pk__in=ids).update(at=hour)
    bursts = [a for a in paper_report.anomalies(voting_process) if a.kind == "burst"]
    assert [(a.operator, a.ballots) for a in bursts] == [
        ("operator@example.org", paper_report.BURST_PER_HOUR + 1)
    ]
    assert entries.count() >= 5
    # Night entries are listed whatever their number.
    night = timezone.localtime().replace(hour=2, minute=10) - timedelta(days=2)
    AuditEntry.objects.filter(pk=ids[0]).update(at=night)
    assert any(a.kind == "night" for a in paper_report.anomalies(voting_process))


def test_commission_report_page(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    _enter(personas, voting_process, _point(personas))
    url = f"/pb/{voting_process.slug}/paper/report/"
    for who, status in [("operator", 404), ("resident", 404), ("reviewer", 200), ("admin", 200)]:
        assert client.login(email=getattr(personas, who).email, password=PASSWORD)
        response = client.get(url)
        assert response.status_code == status, who
        client.logout()
    assert "ЦНАП Вишневе".encode() in response.content


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_online_and_paper_at_once_count_once(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    person = _resident_with_document(personas)
    point = _point(personas)
    choices = {project.sub_budget_id: [project.pk]}
    outcomes: list[str] = []
    for _round in range(3):
        Participation.objects.all().delete()
        Ballot.objects.all().delete()
        barrier = threading.Barrier(2)

        def online(barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                actions.cast_ballot(person, process, choices)
                outcomes.append("online")
            except ActionRefused:
                outcomes.append("refused")
            finally:
                connection.close()

        def paper(barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                actions_paper.enter_paper_ballot(
                    personas.operator, process, point_id=point.pk, identifier=RNOKPP,
                    birth_year=1980, choices=choices,
                )  # fmt: skip
                outcomes.append("paper")
            except ActionRefused:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=online), threading.Thread(target=paper)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes[-2:].count("refused") == 1, outcomes
        assert Participation.objects.filter(process=process).count() == 1
        assert Ballot.objects.filter(process=process).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_year", "١٩٨٠"),
        ("birth_year", "9" * 40),
        ("birth_year", "\x00"),
        ("identifier", "\x00" * 30),
        ("identifier", "Ⅻ" * 39),
        ("point", "99999999999999999999999"),
        ("point", "-1"),
    ],
)
def test_odd_paper_form_input_is_refused_clearly(
    client: Client, personas: Personas, voting_process: Process, field: str, value: str
) -> None:
    point = _point(personas)
    small = projects_of(voting_process, 0)
    data = {
        "point": str(point.pk),
        "identifier": RNOKPP,
        "birth_year": "1980",
        f"sb-{small[0].sub_budget_id}": [small[0].pk],
    }
    data[field] = value
    assert client.login(email=personas.operator.email, password=PASSWORD)
    response = client.post(f"/pb/{voting_process.slug}/paper/", data)
    assert response.status_code == 400
    assert b"\x00" not in response.content
    assert _counts() == (0, 0)
