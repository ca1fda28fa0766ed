"""Double entry of paper ballots: two operators key in the same paper ballot; equal entries
count once, unequal ones go to the counting commission, who chooses one version with a reason.
Nothing of an entry outlives the ballot it becomes."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core import serializers
from django.db import connection
from django.test import Client

from hromada.budgeting import actions, actions_paper, actions_paper_double
from hromada.budgeting.models import Ballot, PaperEntry, Participation, Process
from hromada.budgeting.models_paper import ServicePoint
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.budgeting.test_paper import RNOKPP, _resident_with_document
from tests.conftest import Personas
from tests.factories import staff

OTHER = rnokpp_with_check_digit("301234568")


@pytest.fixture
def double(voting_process: Process) -> Process:
    Process.objects.filter(pk=voting_process.pk).update(paper_double_entry=True)
    voting_process.refresh_from_db()
    return voting_process


@pytest.fixture
def second(personas: Personas) -> Any:
    return staff(personas.community, StaffRole.Role.OPERATOR, email="second@example.org")


@pytest.fixture
def commission(personas: Personas) -> Any:
    return staff(personas.community, StaffRole.Role.COMMISSION, email="commission@example.org")


@pytest.fixture
def point(personas: Personas) -> ServicePoint:
    return ServicePoint.objects.create(community=personas.community, name="ЦНАП Вишневе")


def key_in(
    operator: Any, process: Process, point: ServicePoint, picks: int = 1, **kw: Any
) -> actions_paper_double.KeyedIn:
    small = projects_of(process, 0)
    return actions_paper_double.key_in(
        operator,
        process,
        point_id=point.pk,
        identifier=kw.get("identifier", RNOKPP),
        birth_year=kw.get("birth_year", 1980),
        choices=ballot(process, small[:picks], []),
    )


def counts() -> tuple[int, int, int]:
    return Participation.objects.count(), Ballot.objects.count(), PaperEntry.objects.count()


def test_equal_entries_count_once_and_leave_nothing_behind(
    personas: Personas, double: Process, point: ServicePoint, second: Any
) -> None:
    first = key_in(personas.operator, double, point)
    assert (first.outcome, first.cast) == ("first", None)
    assert counts() == (0, 0, 1)
    with pytest.raises(ActionRefused, match="інший оператор"):
        key_in(personas.operator, double, point)
    done = key_in(second, double, point)
    assert done.outcome == "counted" and done.cast is not None and done.cast.receipt
    assert counts() == (1, 1, 0)
    participation = Participation.objects.get()
    assert participation.entered_by == personas.operator and participation.channel == "paper"
    assert set(Ballot.objects.get().projects.all()) == set(projects_of(double, 0)[:1])
    # One person, one ballot: a third keying-in is refused as for anyone who has voted.
    with pytest.raises(ActionRefused, match="вже проголосувала"):
        key_in(personas.operator, double, point)
    assert counts() == (1, 1, 0)


def test_single_entry_is_refused_when_double_entry_is_on(
    personas: Personas, double: Process, point: ServicePoint
) -> None:
    with pytest.raises(ActionRefused, match="двоє операторів"):
        actions_paper.enter_paper_ballot(
            personas.operator, double, point_id=point.pk, identifier=RNOKPP, birth_year=1980,
            choices=ballot(double, projects_of(double, 0)[:1], []),
        )  # fmt: skip


@pytest.mark.parametrize("differs", ["picks", "birth_year", "point"])
def test_a_mismatch_goes_to_the_commission_who_choose_a_version(
    personas: Personas, double: Process, point: ServicePoint, second: Any, commission: Any,
    differs: str,
) -> None:  # fmt: skip
    library = ServicePoint.objects.create(community=personas.community, name="Бібліотека")
    key_in(personas.operator, double, point)
    other = {"picks": {"picks": 2}, "birth_year": {"birth_year": 1981}, "point": {}}[differs]
    outcome = key_in(second, double, library if differs == "point" else point, **other)
    assert outcome.outcome == "mismatch" and outcome.cast is None
    assert counts() == (0, 0, 2)
    with pytest.raises(ActionRefused, match="звіряє лічильна комісія"):
        key_in(personas.admin, double, point)
    [pair] = actions_paper_double.mismatches(double)
    assert (pair.first.slot, pair.second.slot) == (1, 2)
    with pytest.raises(ActionRefused):  # operators do not reconcile
        actions_paper_double.resolve_mismatch(
            personas.operator, double, entry_id=str(pair.second.pk), reason="x"
        )
    with pytest.raises(ActionRefused) as no_reason:
        actions_paper_double.resolve_mismatch(
            commission, double, entry_id=str(pair.second.pk), reason=" \x00 "
        )
    assert no_reason.value.field == "reason"
    cast = actions_paper_double.resolve_mismatch(
        commission, double, entry_id=str(pair.second.pk), reason="Звірено з папером"
    )
    assert cast is not None and counts() == (1, 1, 0)
    wanted = projects_of(double, 0)[: 2 if differs == "picks" else 1]
    assert set(Ballot.objects.get().projects.all()) == set(wanted)
    participation = Participation.objects.get()
    assert participation.entered_by == second
    assert participation.service_point == (library if differs == "point" else point)
    entry = AuditEntry.objects.get(action="ballot.paper_reconcile")
    assert entry.actor == commission
    assert entry.details == {"version": 2, "reason": "Звірено з папером"}  # no choices, no person
    assert not actions_paper_double.mismatches(double)


def test_who_voted_meanwhile_is_not_counted_twice(
    personas: Personas, double: Process, point: ServicePoint, second: Any, commission: Any
) -> None:
    person = _resident_with_document(personas)
    key_in(personas.operator, double, point)
    key_in(second, double, point, picks=2)
    small = projects_of(double, 0)
    actions.cast_ballot(person, double, ballot(double, small[2:], []))
    [pair] = actions_paper_double.mismatches(double)
    assert (
        actions_paper_double.resolve_mismatch(
            commission, double, entry_id=str(pair.first.pk), reason="Звірено"
        )
        is None
    )
    assert counts() == (1, 1, 0)
    assert AuditEntry.objects.filter(action="ballot.paper_discard").exists()
    with pytest.raises(ActionRefused, match="вже проголосувала"):
        key_in(personas.operator, double, point)


WHO = ["operator", "admin", "reviewer", "resident", "outsider_admin", "newcomer", "commission"]


@pytest.mark.parametrize("phase", ["voting", "counting", "implementation"])
@pytest.mark.parametrize("who", WHO)
def test_reconcile_matrix(
    personas: Personas, double: Process, point: ServicePoint, second: Any, commission: Any,
    phase: str, who: str,
) -> None:  # fmt: skip
    key_in(personas.operator, double, point)
    key_in(second, double, point, picks=2)
    [pair] = actions_paper_double.mismatches(double)
    move_to(double, phase)
    actor = commission if who == "commission" else getattr(personas, who)
    allowed = who == "commission" and phase in {"voting", "counting"}
    try:
        actions_paper_double.resolve_mismatch(
            actor, double, entry_id=str(pair.first.pk), reason="Звірено"
        )
        done = True
    except ActionRefused:
        done = False
    assert done == allowed, (who, phase)
    assert counts() == ((1, 1, 0) if allowed else (0, 0, 2))


def test_no_entry_survives_its_ballot_in_a_dump(
    personas: Personas, double: Process, point: ServicePoint, second: Any, commission: Any
) -> None:
    key_in(personas.operator, double, point)
    key_in(second, double, point)
    key_in(personas.operator, double, point, identifier=OTHER)
    key_in(second, double, point, identifier=OTHER, picks=2)
    [pair] = actions_paper_double.mismatches(double)
    actions_paper_double.resolve_mismatch(
        commission, double, entry_id=str(pair.first.pk), reason="Звірено"
    )
    dump = serializers.serialize("json", PaperEntry.objects.all())
    assert dump == "[]"
    keys = {hash_identifier(RNOKPP), hash_identifier(OTHER)}
    audit_dump = serializers.serialize("json", AuditEntry.objects.all())
    assert not any(key in audit_dump for key in keys)
    assert str(projects_of(double, 0)[1].pk) not in {
        str(v) for e in AuditEntry.objects.all() for v in e.details.values()
    }


def test_pages_of_double_entry(
    client: Client, personas: Personas, double: Process, point: ServicePoint, second: Any,
    commission: Any, django_assert_max_num_queries: Any,
) -> None:  # fmt: skip
    small = projects_of(double, 0)
    url = f"/pb/{double.slug}/paper/"
    data = {"point": point.pk, "identifier": RNOKPP, "birth_year": "1980",
            f"sb-{small[0].sub_budget_id}": [small[0].pk]}  # fmt: skip
    client.force_login(personas.operator)
    page = client.get(url).content.decode()
    assert "Подвійне введення" in page
    first = client.post(url, data, follow=True).content.decode()
    assert "Перше введення збережено" in first
    client.force_login(second)
    data[f"sb-{small[0].sub_budget_id}"] = [small[0].pk, small[1].pk]
    mismatch = client.post(url, data, follow=True).content.decode()
    assert "передано лічильній комісії" in mismatch
    reconcile = f"/pb/{double.slug}/paper/reconcile/"
    assert client.get(reconcile).status_code == 404  # operators do not reconcile
    client.force_login(commission)
    with django_assert_max_num_queries(12):
        page = client.get(reconcile).content.decode()
    assert "Версія 1" in page and "Версія 2" in page and small[1].title in page
    [pair] = actions_paper_double.mismatches(double)
    bad = client.post(reconcile, {"entry": str(pair.second.pk), "reason": ""})
    assert bad.status_code == 400
    odd = client.post(reconcile, {"entry": "not-a-uuid", "reason": "Звірено"})
    assert odd.status_code == 400 and "немає у списку" in odd.content.decode()
    assert client.post(reconcile, {"entry": "\x00", "reason": "\x00"}).status_code == 400
    done = client.post(reconcile, {"entry": str(pair.second.pk), "reason": "Звірено"}, follow=True)
    assert "зараховано за обраною версією" in done.content.decode()
    assert counts() == (1, 1, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_entries_arriving_at_once_count_once(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    from tests.budgeting.conftest import submit
    from tests.factories import make_process

    process = make_process(personas.community, phase="submission", paper_double_entry=True)
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    point = ServicePoint.objects.create(community=personas.community, name="ЦНАП")
    second = staff(personas.community, StaffRole.Role.OPERATOR, email="second@example.org")
    choices = {project.sub_budget_id: [project.pk]}
    for round_ in range(3):
        identifier = rnokpp_with_check_digit(f"30123457{round_}")
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def enter(
            operator: Any,
            barrier: threading.Barrier = barrier,
            i: str = identifier,
            outcomes: list[str] = outcomes,
        ) -> None:
            barrier.wait()
            try:
                keyed = actions_paper_double.key_in(
                    operator, process, point_id=point.pk, identifier=i, birth_year=1980,
                    choices=choices,
                )  # fmt: skip
                outcomes.append(keyed.outcome)
            except ActionRefused as exc:
                outcomes.append(f"refused: {exc.message}")
            finally:
                connection.close()

        threads = [threading.Thread(target=enter, args=(op,)) for op in (personas.operator, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["counted", "first"], outcomes
    assert Participation.objects.filter(process=process).count() == 3
    assert Ballot.objects.filter(process=process).count() == 3
    assert not PaperEntry.objects.exists()
