"""Who may author, support and vote, by the process's own regulation: personas × actions × phases.

The personas are built through the real paths: an operator verifies in person (with a basis and
a settlement), a person identified by eID declares an IDP certificate with a scan that staff
confirm (and the scan is deleted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hromada.accounts import actions as account_actions
from hromada.accounts import actions_identity
from hromada.accounts.eid.base import EidClaims
from hromada.accounts.models import User
from hromada.budgeting import actions
from hromada.budgeting.eligibility import may_author, may_support, may_vote
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.budgeting.phases import TIMELINE
from hromada.communities.models import Settlement
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to
from tests.conftest import Personas
from tests.factories import SettlementFactory, UserFactory, make_process

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    process: Process
    everyone: SubBudget  # the whole community's sub-budget
    village: SubBudget  # only for people with a basis confirmed in Черешневе
    cherry: Settlement
    pear: Settlement
    people: dict[str, User]


def _in_person(
    personas: Personas,
    email: str,
    *,
    basis: str,
    settlement: Settlement | None,
    birth_year: int = 1990,
) -> User:
    person = UserFactory.create(email=email, community=personas.community)
    account_actions.verify_in_person(
        personas.operator,
        personas.community,
        email=email,
        identifier=f"ID-{email}",
        birth_year=birth_year,
        basis=basis,
        settlement=settlement,
    )
    return User.objects.get(pk=person.pk)


def _idp(personas: Personas, email: str, *, confirm: bool) -> User:
    person = UserFactory.create(email=email, community=personas.community)
    actions_identity.record_eid_identity(
        person, EidClaims(f"30{len(email):08d}", "Марта Коваль", "diia", birth_year=1985)
    )
    scan = SimpleUploadedFile("dovidka.pdf", PDF, content_type="application/pdf")
    claim = actions_identity.declare_residence(
        person, personas.community, basis="idp", settlement=None, document=scan
    )
    if confirm:
        actions_identity.confirm_residence(personas.operator, personas.community, claim.pk)
    return User.objects.get(pk=person.pk)


@pytest.fixture
def world(personas: Personas) -> World:
    cherry = SettlementFactory.create(community=personas.community, name="Черешневе")
    pear = SettlementFactory.create(community=personas.community, name="Грушівка")
    process = make_process(
        personas.community,
        phase="submission",
        author_bases=["registered", "actual", "idp", "foreigner"],
        supporter_bases=["registered", "actual", "idp"],
        voter_bases=["registered", "actual", "idp"],
        author_min_age=16,
        supporter_min_age=14,
        voter_min_age=16,
    )
    everyone, village = list(process.sub_budgets.all())
    village.name, village.kind = "Черешневе", SubBudget.Kind.SETTLEMENT
    village.settlement, village.residents_only = cherry, True
    village.save()
    people = {
        "cherry_resident": _in_person(
            personas, "cherry@example.org", basis="registered", settlement=cherry
        ),
        "pear_resident": _in_person(
            personas, "pear@example.org", basis="registered", settlement=pear
        ),
        "under_age": _in_person(
            personas,
            "teen@example.org",
            basis="registered",
            settlement=cherry,
            birth_year=THIS_YEAR - 15,
        ),
        "worker": _in_person(personas, "worker@example.org", basis="work", settlement=cherry),
        "foreigner": _in_person(
            personas, "foreign@example.org", basis="foreigner", settlement=None
        ),
        "idp_confirmed": _idp(personas, "idp@example.org", confirm=True),
        "idp_pending": _idp(personas, "idp-wait@example.org", confirm=False),
        "newcomer": personas.newcomer,
        "other_community": personas.outsider_resident,
    }
    return World(process, everyone, village, cherry, pear, people)


# What each persona may do, by the regulation alone (the phase is asked separately), per
# sub-budget: "all" is the whole community's, "village" Черешневе's (residents only).
AUTHOR = {
    "cherry_resident": {"all", "village"},
    "pear_resident": {"all"},
    "under_age": set(),
    "worker": set(),  # work is not an accepted basis for authors in this process
    "foreigner": {"all"},
    "idp_confirmed": {"all"},
    "idp_pending": set(),
    "newcomer": set(),
    "other_community": set(),
}
VOTER = {**AUTHOR, "foreigner": set()}  # foreigners may author here, not vote
REFUSAL_RULE = {
    "under_age": "age",
    "worker": "basis",
    "idp_pending": "verification",
    "newcomer": "verification",
    "other_community": "verification",
}


def _sub_budget(world: World, key: str) -> SubBudget:
    return world.everyone if key == "all" else world.village


@pytest.mark.parametrize("persona", list(AUTHOR))
@pytest.mark.parametrize("key", ["all", "village"])
def test_may_author_and_vote_by_regulation(world: World, persona: str, key: str) -> None:
    person, sub_budget = world.people[persona], _sub_budget(world, key)
    author = may_author(person, world.process, sub_budget)
    voter = may_vote(person, world.process, sub_budget)
    assert bool(author) is (key in AUTHOR[persona]), author.reason
    assert bool(voter) is (key in VOTER[persona]), voter.reason
    if not author:
        assert author.reason
        expected = REFUSAL_RULE.get(persona, "settlement" if key == "village" else "basis")
        assert author.rule == expected, author.reason


@pytest.mark.parametrize("phase", ["information", "submission", "review", "voting"])
@pytest.mark.parametrize("persona", list(AUTHOR))
def test_submit_through_the_action_in_every_phase(world: World, phase: str, persona: str) -> None:
    move_to(world.process, phase)
    person = world.people[persona]
    for key in ("all", "village"):
        sub_budget = _sub_budget(world, key)
        allowed = phase == "submission" and key in AUTHOR[persona]

        def submit(sub_budget: SubBudget = sub_budget) -> Project:
            return actions.submit_project(
                person,
                world.process,
                sub_budget_id=sub_budget.pk,
                title=f"Проєкт {persona}",
                description="Облаштувати майданчик біля клубу для дітей і дорослих.",
                cost=10_000_000,
                location="Черешневе",
            )

        if allowed:
            assert submit().author == person
        else:
            with pytest.raises(ActionRefused):
                submit()


@pytest.mark.parametrize("phase", ["submission", "review", "voting", "counting"])
def test_vote_needs_both_the_phase_and_the_regulation(world: World, phase: str) -> None:
    move_to(world.process, phase)
    for persona, keys in VOTER.items():
        for key in ("all", "village"):
            may = bool(TIMELINE.decide(world.process, "vote")) and bool(
                may_vote(world.people[persona], world.process, _sub_budget(world, key))
            )
            assert may is (phase == "voting" and key in keys), (persona, key)


def test_supporter_age_is_its_own(world: World, personas: Personas) -> None:
    project = actions.submit_project(
        world.people["cherry_resident"],
        world.process,
        sub_budget_id=world.village.pk,
        title="Ліхтарі на вулиці Садовій",
        description="Поставити дванадцять ліхтарів уздовж вулиці Садової в Черешневому.",
        cost=10_000_000,
        location="вул. Садова",
    )
    teen = world.people["under_age"]  # turns 15 this year: supporters from 14, voters from 16
    assert may_support(teen, project)
    assert not may_vote(teen, world.process)
    assert not may_support(world.people["pear_resident"], project).allowed  # another village
    assert may_support(world.people["pear_resident"], project).rule == "settlement"


def test_refusals_say_the_rule_and_what_to_do(world: World) -> None:
    teen = may_author(world.people["under_age"], world.process)
    assert "з року, у якому вам виповнюється 16" in teen.reason
    assert f"з {THIS_YEAR + 1} року" in teen.reason
    worker = may_author(world.people["worker"], world.process)
    assert "робота в громаді" in worker.reason and "заявіть її в профілі" in worker.reason
    village = may_author(world.people["pear_resident"], world.process, world.village)
    assert "Черешневе" in village.reason and "оберіть інший підбюджет" in village.reason


@pytest.mark.parametrize(("age", "allowed"), [(13, False), (14, True), (18, True), (19, False)])
def test_school_authors_are_14_to_18_by_birth_year(
    personas: Personas, age: int, allowed: bool
) -> None:
    school = make_process(personas.community, author_min_age=14, author_max_age=18)
    pupil = _in_person(
        personas,
        f"pupil{age}@example.org",
        basis="study",
        settlement=None,
        birth_year=THIS_YEAR - age,
    )
    decision = may_author(pupil, school)
    assert decision.allowed is allowed, decision.reason
    if not allowed:
        assert decision.rule == "age"


def test_a_further_confirmed_basis_counts(world: World, personas: Personas) -> None:
    """The worker, verified on work, later has actual residence in Черешневе confirmed."""
    worker = world.people["worker"]
    claim = actions_identity.declare_residence(
        worker, personas.community, basis="actual", settlement=world.cherry
    )
    assert not may_author(worker, world.process)
    actions_identity.confirm_residence(personas.operator, personas.community, claim.pk)
    assert may_author(worker, world.process, world.village)


@pytest.mark.parametrize("key", ["all", "village"])
def test_the_vote_itself_follows_the_regulation(world: World, personas: Personas, key: str) -> None:
    """Through the real cast_ballot: the voters' bases and age, and a sub-budget kept for its
    settlement's residents (a ballot that includes it is refused to everyone else)."""
    sub_budget = _sub_budget(world, key)
    project = actions.submit_project(
        world.people["cherry_resident"],
        world.process,
        sub_budget_id=sub_budget.pk,
        title="Лавки біля ставка",
        description="Поставити шість лавок і смітники вздовж доріжки біля ставка.",
        cost=10_000_000,
        location="Черешневе",
    )
    move_to(world.process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(world.process, "voting")
    for persona, keys in VOTER.items():
        person = world.people[persona]
        if key in keys:
            actions.cast_ballot(person, world.process, {sub_budget.pk: [project.pk]})
        else:
            with pytest.raises(ActionRefused):
                actions.cast_ballot(person, world.process, {sub_budget.pk: [project.pk]})


def test_a_basis_verified_on_is_read_with_one_query(
    world: World, personas: Personas, django_assert_num_queries: Any
) -> None:
    """The common case (the verification's own basis is accepted) reads no further claims;
    a basis that answers only through a confirmed claim still reads them."""
    with django_assert_num_queries(1):
        assert may_vote(personas.resident, world.process)
    worker = world.people["worker"]
    claim = actions_identity.declare_residence(
        worker, personas.community, basis="actual", settlement=world.cherry
    )
    actions_identity.confirm_residence(personas.operator, personas.community, claim.pk)
    with django_assert_num_queries(2):
        assert may_author(worker, world.process, world.village)
