"""Test data built through the same paths as real data: models for plain rows, actions for writes
that have rules (projects, reviews, ballots)."""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from hromada.accounts.models import User, Verification
from hromada.budgeting.models import Process, SubBudget
from hromada.communities.models import Community, PlatformRole, Settlement, StaffRole
from hromada.core.identifiers import hash_identifier
from hromada.demo.timeline import dates_for_phase

PASSWORD = "correct-horse-battery-staple"
# Staff have TOTP on (staff roles count only with it); tests that log in compute codes from it.
TOTP_SECRET = "TESTTESTTESTTESTTESTTESTTESTTEST"


class CommunityFactory(factory.django.DjangoModelFactory[Community]):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Громада {n}")
    slug = factory.Sequence(lambda n: f"hromada-{n}")
    oblast = "Полтавська"


class SettlementFactory(factory.django.DjangoModelFactory[Settlement]):
    class Meta:
        model = Settlement

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"Село {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Особа {n}")
    birth_year = 1990
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()
            # Signed up and confirmed their email: allauth lets them log in.
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def verified_resident(community: Community, **fields: Any) -> User:
    user = UserFactory.create(community=community, **fields)
    Verification.objects.create(
        user=user,
        community=community,
        method=Verification.Method.OPERATOR,
        identifier_hash=hash_identifier(f"ID-{user.pk}-{user.email}"),
    )
    return user


def enable_totp(user: User) -> User:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


def staff(community: Community, role: str, *, totp: bool = True, **fields: Any) -> User:
    user = UserFactory.create(**fields)
    StaffRole.objects.create(user=user, community=community, role=role)
    return enable_totp(user) if totp else user


def platform_admin(*, totp: bool = True, **fields: Any) -> User:
    user = UserFactory.create(is_superuser=True, is_staff=True, **fields)
    return enable_totp(user) if totp else user


def practices_editor(*, totp: bool = True, **fields: Any) -> User:
    user = UserFactory.create(**fields)
    PlatformRole.objects.create(user=user, role=PlatformRole.Role.PRACTICES_EDITOR)
    return enable_totp(user) if totp else user


def make_process(community: Community, phase: str = "submission", **fields: Any) -> Process:
    """A process with a small approval sub-budget (up to 2 votes) and a large knapsack one."""
    defaults: dict[str, Any] = {
        "title": "Бюджет участі",
        "slug": f"pb-{community.slug}-{Process.objects.count() + 1}",
        "total_budget": 300_000_000,
        "voter_min_age": 16,
        "author_min_age": 16,
    }
    defaults.update(dates_for_phase(phase))
    defaults.update(fields)
    process = Process.objects.create(community=community, **defaults)
    SubBudget.objects.create(
        process=process,
        name="Малі проєкти",
        amount=100_000_000,
        max_cost=40_000_000,
        ballot_rule=SubBudget.BallotRule.APPROVAL,
        max_choices=2,
        position=0,
    )
    SubBudget.objects.create(
        process=process,
        name="Великі проєкти",
        amount=200_000_000,
        max_cost=150_000_000,
        ballot_rule=SubBudget.BallotRule.KNAPSACK,
        position=1,
    )
    return process


def hub_editor(email: str = "hub-editor@example.org") -> User:
    """The practices editor of this test database (made on first use), with TOTP on."""
    user = User.objects.filter(email=email).first()
    return user if user is not None else practices_editor(email=email)
