"""A network with a board member, a staff member, an expert; member communities; a contest in
any phase with two criteria, one question and one required document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hromada.accounts.models import User
from hromada.communities.models import Community, StaffRole
from hromada.network import actions
from hromada.network import actions_contests as contests
from hromada.network.models import Member, Network, NetworkRole
from hromada.network.models_contests import Application, Contest
from tests.factories import CommunityFactory, UserFactory, enable_totp, platform_admin, staff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "statut.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def network_person(network: Network, role: str, email: str) -> User:
    user = enable_totp(UserFactory.create(email=email))
    NetworkRole.objects.create(network=network, user=user, role=role)
    return user


# Days from now to each date of the contest, for each phase now should fall in.
OFFSETS = {
    "draft": (1, 10, 20, 30),
    "open": (-1, 10, 20, 30),
    "review": (-10, -1, 10, 20),
    "selection": (-20, -10, -1, 10),
    "announced": (-30, -20, -10, -1),
}


def dates_for(phase: str) -> dict[str, dt.datetime]:
    """Contest dates that put now in `phase`."""
    now = timezone.now()
    fields = ("opens_at", "closes_at", "review_ends_at", "announce_at")
    return {f: now + timedelta(days=d) for f, d in zip(fields, OFFSETS[phase], strict=True)}


@dataclass
class World:
    network: Network
    board: User
    team: User  # network staff
    expert: User
    admin: User  # a platform admin
    community: Community  # member, small, not a centre
    other: Community  # member, small
    centre: Community  # member, oblast centre
    outsider: Community  # not a member
    applicant: User  # admin of `community`
    other_admin: User  # admin of `other`
    centre_admin: User
    outsider_admin: User


def add(network: Network, community: Community, **fields: Any) -> Member:
    return actions.add_member_record(
        network, community=community, name=community.name, starts_on=dt.date(2024, 1, 1), **fields
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def build_world() -> World:
    network = Network.objects.create(
        name="Асоціація громад участі", slug="assoc", kind="association"
    )
    community = CommunityFactory.create(
        name="Липова громада", slug="lypova", size_band="small", oblast="Полтавська"
    )
    other = CommunityFactory.create(
        name="Грушева громада", slug="grusheva", size_band="small", oblast="Полтавська"
    )
    centre = CommunityFactory.create(
        name="Обласне місто", slug="centre", size_band="large", oblast="Сумська"
    )
    outsider = CommunityFactory.create(
        name="Далека громада", slug="far", size_band="small", oblast="Львівська"
    )
    add(network, community)
    add(network, other)
    add(network, centre, is_oblast_centre=True)
    return World(
        network=network,
        board=network_person(network, NetworkRole.Role.BOARD, "board@example.org"),
        team=network_person(network, NetworkRole.Role.STAFF, "team@example.org"),
        expert=network_person(network, NetworkRole.Role.EXPERT, "expert@example.org"),
        admin=platform_admin(email="root@example.org"),
        community=community,
        other=other,
        centre=centre,
        outsider=outsider,
        applicant=staff(community, StaffRole.Role.ADMIN, email="lypova@example.org"),
        other_admin=staff(other, StaffRole.Role.ADMIN, email="grusheva@example.org"),
        centre_admin=staff(centre, StaffRole.Role.ADMIN, email="centre@example.org"),
        outsider_admin=staff(outsider, StaffRole.Role.ADMIN, email="far@example.org"),
    )


def make_contest(world: World, phase: str = "open", **fields: Any) -> Contest:
    values: dict[str, Any] = {
        "title": "П'ять громад для супроводу",
        "slug": f"five-{Contest.objects.count() + 1}",
        "text": "Оберемо п'ять громад для повного супроводу бюджету участі.",
        "blind_review": False,
        "winners_count": 2,
        "size_bands": ["small", "medium"],
        "exclude_oblast_centres": True,
        **dates_for("draft"),
    }
    values.update(fields)
    contest = contests.create_contest(
        world.team,
        world.network,
        questions=["Чому громаді потрібен супровід?"],
        documents=["Рішення виконкому"],
        criteria=[("Готовність", 2, 10), ("Команда", 1, 5)],
        **values,
    )
    return move_to(contest, phase)


def move_to(contest: Contest, phase: str) -> Contest:
    """Time passes: set the contest's dates so that now falls in `phase`."""
    Contest.objects.filter(pk=contest.pk).update(**dates_for(phase))
    contest.refresh_from_db()
    return contest


def submitted(contest: Contest, community: Community, user: User) -> Application:
    """An application drafted, completed and submitted while the call is open."""
    phase = contest.timeline.current(contest).key
    move_to(contest, "open")
    question = contest.questions.get()
    application = contests.save_application(
        user, contest, community, {str(question.pk): "Бо хочемо."}
    )
    contests.attach_application_document(user, application, contest.required_documents.get(), pdf())
    contests.submit_application(user, application)
    move_to(contest, phase)
    application.refresh_from_db()
    return application
