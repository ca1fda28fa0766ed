"""Paper ballots of every type, keyed in by an operator under the same rules as online; and the
optional rule that an author may not vote for their own project, online and on paper."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.accounts.models import User, Verification
from hromada.budgeting import actions, actions_paper
from hromada.budgeting.models import BallotChoice, Participation, Process
from hromada.budgeting.models_paper import ServicePoint
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from tests.budgeting.ballot_types_helpers import by_number, marked, sub_budget, typed_process
from tests.conftest import Personas
from tests.factories import PASSWORD, UserFactory

AUTHOR_DOCUMENT = rnokpp_with_check_digit("311111111")
OTHER_DOCUMENT = rnokpp_with_check_digit("322222222")


def author_with_document(personas: Personas) -> User:
    user = UserFactory.create(community=personas.community, birth_year=1980)
    Verification.objects.create(
        user=user,
        community=personas.community,
        method=Verification.Method.OPERATOR,
        identifier_hash=hash_identifier(AUTHOR_DOCUMENT),
    )
    return user


def service_point(personas: Personas) -> ServicePoint:
    return actions_paper.create_service_point(
        personas.admin, personas.community, name="ЦНАП", kind=ServicePoint.Kind.CNAP
    )


def test_an_operator_keys_in_every_type_under_the_same_rules(
    client: Client, personas: Personas
) -> None:
    process = typed_process(personas.community, personas.reviewer)
    point = service_point(personas)
    projects = by_number(process)
    ids = [sub_budget(process, i).pk for i in range(4)]
    url = f"/pb/{process.slug}/paper/"
    assert client.login(email=personas.operator.email, password=PASSWORD)
    page = client.get(url).content.decode()
    assert f'name="pts-{ids[2]}-{projects[8].pk}"' in page
    assert f'name="rank-{ids[3]}-{projects[12].pk}"' in page
    data = {
        "point": str(point.pk),
        "identifier": OTHER_DOCUMENT,
        "birth_year": "1980",
        f"sb-{ids[0]}": str(projects[3].pk),
        f"sb-{ids[1]}": str(projects[6].pk),
        f"pts-{ids[2]}-{projects[9].pk}": "5",
        f"rank-{ids[3]}-{projects[10].pk}": "1",
        f"rank-{ids[3]}-{projects[12].pk}": "3",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "місце 2 пропущено" in text
    assert '<option value="3" selected>' in text  # the ballot comes back as keyed in
    assert not Participation.objects.exists()
    data[f"rank-{ids[3]}-{projects[12].pk}"] = "2"
    accepted = client.post(url, data, follow=True)
    assert "Бюлетень прийнято" in accepted.content.decode()
    stored = {c.project.number: (c.points, c.rank) for c in BallotChoice.objects.all()}
    assert stored == {3: (None, None), 6: (None, None), 9: (5, None), 10: (None, 1), 12: (None, 2)}


@pytest.mark.parametrize("barred", [True, False])
def test_an_author_may_be_barred_from_voting_for_their_own_project(
    personas: Personas, barred: bool
) -> None:
    author = author_with_document(personas)
    process = typed_process(personas.community, author, bar_own_project_votes=barred)
    own = marked(process, 2, {7: 5})
    if barred:
        with pytest.raises(ActionRefused) as refused:
            actions.cast_ballot(author, process, *own)
        message = refused.value.message
        assert "автор не може голосувати за власний проєкт (№7 «Проєкт 7»)" in message
        assert not Participation.objects.exists()
    else:
        actions.cast_ballot(author, process, *own)
        assert Participation.objects.count() == 1
    # Someone else votes for the author's project either way.
    actions.cast_ballot(personas.resident, process, *own)


@pytest.mark.parametrize("barred", [True, False])
def test_on_paper_the_author_is_known_by_their_document(personas: Personas, barred: bool) -> None:
    author = author_with_document(personas)
    process = typed_process(personas.community, author, bar_own_project_votes=barred)
    point = service_point(personas)
    choices, marks = marked(process, 3, {11: 1})

    def enter(document: str) -> actions_paper.CastBallot:
        return actions_paper.enter_paper_ballot(
            personas.operator, process, point_id=point.pk, identifier=document,
            birth_year=1980, choices=choices, marks=marks,
        )  # fmt: skip

    if barred:
        with pytest.raises(ActionRefused, match="автор не може голосувати за власний проєкт"):
            enter(AUTHOR_DOCUMENT)
    else:
        enter(AUTHOR_DOCUMENT)
    enter(OTHER_DOCUMENT)
    assert Participation.objects.count() == (1 if barred else 2)


def test_the_staff_form_offers_the_setting_and_the_types(
    client: Client, personas: Personas
) -> None:
    assert client.login(email=personas.admin.email, password=PASSWORD)
    page = client.get(f"/staff/{personas.community.slug}/processes/new/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="bar_own_project_votes"' in text
    for value in ("choose_one", "cumulative", "ranking"):
        assert f'value="{value}"' in text
    assert 'name="sb-0-points_total"' in text and 'name="sb-0-points_per_project"' in text


def test_a_process_with_every_type_is_created_from_the_staff_form(personas: Personas) -> None:
    from hromada.demo.timeline import dates_for_phase

    specs = [
        actions.SubBudgetSpec(
            name="Бали", amount=100_000_000, max_cost=50_000_000, ballot_rule="cumulative",
            points_total=10, points_per_project=4,
        ),
        actions.SubBudgetSpec(
            name="Рейтинг", amount=100_000_000, max_cost=50_000_000, ballot_rule="ranking",
            max_choices=5, kind="theme",
        ),
        actions.SubBudgetSpec(
            name="Один", amount=100_000_000, max_cost=50_000_000, ballot_rule="choose_one",
            kind="theme",
        ),
    ]  # fmt: skip
    process: Process = actions.create_process(
        personas.admin, personas.community, specs, title="Бюджет", slug="pb-typy",
        total_budget=300_000_000, bar_own_project_votes=True, **dates_for_phase("submission"),
    )  # fmt: skip
    rules = list(process.sub_budgets.values_list("ballot_rule", "points_total", "max_choices"))
    assert rules == [("cumulative", 10, None), ("ranking", None, 5), ("choose_one", None, None)]


def test_double_entry_compares_points_and_keeps_them(personas: Personas) -> None:
    """Two operators keying in a points ballot agree only when the points agree too; the
    version the commission chooses is counted with its own points."""
    from hromada.budgeting import actions_paper_double
    from hromada.communities.models import StaffRole
    from tests.factories import staff

    process = typed_process(personas.community, personas.reviewer, paper_double_entry=True)
    point = service_point(personas)
    second = staff(personas.community, StaffRole.Role.OPERATOR, email="second@example.org")
    commission = staff(personas.community, StaffRole.Role.COMMISSION, email="c@example.org")

    def key_in(operator: User, points: dict[int, int], document: str) -> str:
        choices, marks = marked(process, 2, points)
        return actions_paper_double.key_in(
            operator, process, point_id=point.pk, identifier=document,
            birth_year=1980, choices=choices, marks=marks,
        ).outcome  # fmt: skip

    assert key_in(personas.operator, {7: 5, 8: 2}, OTHER_DOCUMENT) == "first"
    assert key_in(second, {7: 5, 8: 2}, OTHER_DOCUMENT) == "counted"
    stored = {c.project.number: c.points for c in BallotChoice.objects.all()}
    assert stored == {7: 5, 8: 2}
    # Same projects, other points: a mismatch for the commission.
    assert key_in(personas.operator, {7: 5, 8: 2}, AUTHOR_DOCUMENT) == "first"
    assert key_in(second, {7: 2, 8: 5}, AUTHOR_DOCUMENT) == "mismatch"
    mismatch = actions_paper_double.mismatches(process)[0]
    chosen = mismatch.second
    actions_paper_double.resolve_mismatch(
        commission, process, entry_id=str(chosen.pk), reason="Так на папері"
    )
    points = sorted(
        (c.project.number, c.points) for c in BallotChoice.objects.filter(points__isnull=False)
    )
    assert points == [(7, 2), (7, 5), (8, 2), (8, 5)]


def test_double_entry_bars_an_author_as_single_entry_does(personas: Personas) -> None:
    from hromada.budgeting import actions_paper_double

    author = author_with_document(personas)
    process = typed_process(
        personas.community, author, bar_own_project_votes=True, paper_double_entry=True
    )
    point = service_point(personas)
    choices, marks = marked(process, 2, {7: 5})
    with pytest.raises(ActionRefused, match="автор не може голосувати за власний проєкт"):
        actions_paper_double.key_in(
            personas.operator, process, point_id=point.pk, identifier=AUTHOR_DOCUMENT,
            birth_year=1980, choices=choices, marks=marks,
        )  # fmt: skip
