"""The network's members: joining by request and the board's decision, the public list grouped
by country and oblast with each member's processes and practices, and query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from hromada.network import actions
from hromada.network.models import JoinRequest, Member
from tests.factories import CommunityFactory, UserFactory, make_process, staff
from tests.network.conftest import World, make_contest, pdf

pytestmark = pytest.mark.django_db


def _request(world: World, **fields: Any) -> JoinRequest:
    values: dict[str, Any] = {
        "contact_name": "Олена Коваль",
        "contact_email": "olena@example.org",
        "motivation": "Хочемо вчитися в інших громад.",
    }
    values.update(fields)
    return actions.request_to_join(
        world.outsider_admin, world.network, actions.JoinRequestData(**values), [pdf()]
    )


def test_a_community_applies_and_the_board_accepts_with_a_reason(world: World) -> None:
    join_request = _request(world, community=world.outsider)
    assert join_request.name == world.outsider.name and join_request.documents.count() == 1
    with pytest.raises(ActionRefused):
        actions.decide_join_request(world.team, join_request, accept=True, reason="Так.")
    with pytest.raises(ActionRefused, match="обґрунтування"):
        actions.decide_join_request(world.board, join_request, accept=True, reason=" ")
    actions.decide_join_request(
        world.board,
        join_request,
        accept=True,
        reason="Відповідає статуту.",
        today=dt.date(2026, 3, 1),
    )
    member = Member.objects.get(community=world.outsider)
    assert member.is_member_on(dt.date(2026, 3, 1)) and not member.is_member_on(
        dt.date(2026, 2, 28)
    )
    assert AuditEntry.objects.filter(action="network.join_decided").exists()
    with pytest.raises(ActionRefused, match="вже розглянуто"):
        actions.decide_join_request(world.board, join_request, accept=False, reason="Ні.")


def test_only_the_communitys_admin_applies_for_it(world: World) -> None:
    with pytest.raises(ActionRefused):
        actions.request_to_join(
            world.applicant,
            world.network,
            actions.JoinRequestData("А", "a@example.org", "Так", community=world.outsider),
        )


def test_a_foreign_partner_applies_without_being_on_the_platform(world: World) -> None:
    person = UserFactory.create(email="partner@example.pl")
    join_request = actions.request_to_join(
        person,
        world.network,
        actions.JoinRequestData(
            "Anna Nowak",
            "anna@example.pl",
            "Partnerstwo.",
            name="Gmina Zielona",
            country="PL",
            region="Małopolska",
        ),
    )
    actions.decide_join_request(world.board, join_request, accept=True, reason="Партнер.")
    member = Member.objects.get(name="Gmina Zielona")
    assert member.community is None and member.country == "PL" and member.oblast == ""
    client = Client()
    client.force_login(UserFactory.create(email="nosy@example.org"))
    assert (
        client.get(f"/network/{world.network.slug}/join-requests/{join_request.pk}/").status_code
        == 404
    )
    client.force_login(person)
    assert (
        "Partnerstwo"
        in client.get(
            f"/network/{world.network.slug}/join-requests/{join_request.pk}/"
        ).content.decode()
    )


def test_join_form_posted(world: World) -> None:
    client = Client()
    client.force_login(world.outsider_admin)
    url = f"/network/{world.network.slug}/join/"
    response = client.post(
        url,
        {
            "community": world.outsider.pk,
            "country": "ua",
            "contact_name": "Олена",
            "contact_email": "olena@example.org",
            "motivation": "Хочемо вчитися." * 10,
            "document": pdf(),
        },
    )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.contact_name == "Олена" and join_request.country == "UA"
    nul = client.post(
        url,
        {
            "country": "UA",
            "name": "Н\x00",
            "contact_name": "x",
            "contact_email": "x@example.org",
            "motivation": "x",
        },
    )
    assert nul.status_code == 200 and JoinRequest.objects.count() == 1
    bad = client.post(
        url,
        {"country": "١٢", "contact_name": "x", "contact_email": "x@example.org", "motivation": "x"},
    )
    assert (
        bad.status_code == 200 and "Дві латинські" in bad.content.decode()
    ) or "Два латинські" in bad.content.decode()
    missing_oblast = client.post(
        url,
        {
            "country": "UA",
            "name": "Нова",
            "contact_name": "x",
            "contact_email": "x@example.org",
            "motivation": "x",
        },
    )
    assert "Вкажіть область" in missing_oblast.content.decode()


def test_members_list_groups_and_links_what_members_run(world: World) -> None:
    process = make_process(world.community, phase="voting", title="Бюджет участі Липової")
    actions.add_member(
        world.team,
        world.network,
        community=None,
        name="Miasto Partnerskie",
        country="PL",
        starts_on=dt.date(2025, 1, 1),
    )
    page = Client().get(f"/network/{world.network.slug}/members/").content.decode()
    assert "Полтавська область" in page and "Miasto Partnerskie" in page
    assert process.get_absolute_url() in page
    assert page.index("Полтавська область") < page.index("Miasto Partnerskie")  # Ukraine first


@pytest.mark.parametrize("extra", [0, 12])
def test_public_pages_query_counts(
    world: World, extra: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(extra):
        community = CommunityFactory.create(name=f"Громада {n}", slug=f"g{n}", oblast="Київська")
        actions.add_member_record(
            world.network, community=community, name="", starts_on=dt.date(2024, 1, 1)
        )
        make_process(community, phase="voting")
    contest = make_contest(world, phase="open")
    client = Client()
    with django_assert_max_num_queries(8):
        assert client.get(f"/network/{world.network.slug}/members/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/network/{world.network.slug}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(contest.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_announced_results_page_query_count(
    world: World, django_assert_max_num_queries: Any
) -> None:
    from hromada.network import actions_contests as contests
    from tests.network.conftest import move_to
    from tests.network.test_contests import _score_all

    contest = make_contest(world, winners_count=2)
    mine, theirs = _score_all(world, contest)
    move_to(contest, "selection")
    contests.select_winners(world.board, contest, [mine, theirs], "Обидві готові.")
    contests.announce_results(world.board, contest)
    with django_assert_max_num_queries(12):
        page = Client().get(contest.get_absolute_url())
    assert "Обидві готові" in page.content.decode()


def test_dashboard_shows_open_calls_to_community_staff(world: World) -> None:
    make_contest(world, phase="open")
    client = Client()
    client.force_login(world.applicant)
    page = client.get("/staff/").content.decode()
    assert "громад для супроводу" in page
    operator = staff(world.community, StaffRole.Role.OPERATOR, email="op@example.org")
    client.force_login(operator)
    assert "громад для супроводу" not in client.get("/staff/").content.decode()
