"""Who may do what, as a matrix: personas × actions × phases. Each cell is what the action
really does (allowed, or refused by the rules or the timeline), not just a predicate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from hromada.core.errors import ActionRefused
from hromada.network import actions_contests as contests
from hromada.network.models_contests import Contest
from tests.factories import UserFactory
from tests.network.conftest import World, make_contest, move_to, submitted

pytestmark = pytest.mark.django_db

PHASES = ["draft", "open", "review", "selection", "announced"]
# other_staff is the other community's admin and also a juror: in the actions matrix the
# application belongs to `other`, so they are the juror excluded by conflict.
PERSONAS = [
    "board",
    "juror",
    "applicant",
    "other_staff",
    "anonymous",
    "no_totp_board",
]


def _people(world: World, contest: Contest) -> dict[str, Any]:
    from hromada.network.models import NetworkRole

    no_totp = UserFactory.create(email="lazy-board@example.org")
    NetworkRole.objects.create(network=world.network, user=no_totp, role="board")
    for user in (world.expert, world.other_admin):
        contests.appoint_juror(world.team, contest, user)
        contests.declare_conflicts(user, contest, [])
    return {
        "board": world.board,
        "juror": world.expert,
        "applicant": world.applicant,
        "other_staff": world.other_admin,
        "anonymous": AnonymousUser(),
        "no_totp_board": no_totp,
    }


def _act(world: World, contest: Contest, application: Any) -> dict[str, Callable[[Any], Any]]:
    scores = {c.pk: 1 for c in contest.criteria.all()}
    return {
        "withdraw_application": lambda u: contests.withdraw_application(u, application),
        "score": lambda u: contests.score_application(u, application, scores),
        "select": lambda u: contests.select_winners(u, contest, [application], "Так вирішили."),
    }


# Allowed cells; every other cell must be refused. The application scored and selected belongs
# to `other`, so the other community's admin — a juror too here — is excluded by conflict.
ALLOWED = {
    ("withdraw_application", "other_staff", "open"),
    ("score", "juror", "review"),
    ("select", "board", "selection"),
}


@pytest.mark.parametrize("phase", PHASES)
def test_actions_matrix(world: World, phase: str) -> None:
    contest = make_contest(world)
    application = submitted(contest, world.other, world.other_admin)
    people = _people(world, contest)
    move_to(contest, phase)
    for action, run in _act(world, contest, application).items():
        for persona in PERSONAS:
            expected = (action, persona, phase) in ALLOWED
            try:
                run(people[persona])
            except ActionRefused:
                outcome = False
            else:
                outcome = True
            assert outcome == expected, (action, persona, phase)


@pytest.mark.parametrize("phase", PHASES)
def test_view_matrix(world: World, phase: str) -> None:
    """Who may read a submitted application (the rule views ask)."""
    contest = make_contest(world)
    application = submitted(contest, world.community, world.applicant)
    people = _people(world, contest)
    move_to(contest, phase)
    may_view = {
        persona: rules.has_perm("network.view_application", people[persona], application)
        for persona in PERSONAS
    }
    assert may_view == {
        "board": True,
        "juror": True,
        "applicant": True,
        "other_staff": True,  # a juror with no tie to `community`; as plain staff, see below
        "anonymous": False,
        "no_totp_board": False,
    }
    plain_other = UserFactory.create(email="plain@example.org")
    from hromada.communities.models import StaffRole
    from tests.factories import enable_totp

    StaffRole.objects.create(user=plain_other, community=world.other, role=StaffRole.Role.ADMIN)
    enable_totp(plain_other)
    assert not rules.has_perm("network.view_application", plain_other, application)
    assert rules.has_perm("network.view_application", world.applicant, application)


def test_a_draft_is_the_communitys_alone(world: World) -> None:
    contest = make_contest(world)
    draft = contests.save_application(world.applicant, contest, world.community, {})
    assert rules.has_perm("network.view_application", world.applicant, draft)
    for user in (world.board, world.team, world.expert, world.other_admin):
        assert not rules.has_perm("network.view_application", user, draft)


def test_practices_editors_are_the_hubs_editors(world: World) -> None:
    from tests.factories import practices_editor

    editor = practices_editor(email="ed@example.org")
    assert rules.has_perm("network.manage", editor, world.network)
    assert rules.has_perm("practices.moderate", editor)  # practices unchanged
    assert not rules.has_perm("network.decide_join", editor, world.network)  # the board decides
    lazy = practices_editor(email="lazy-ed@example.org", totp=False)
    assert not rules.has_perm("network.manage", lazy, world.network)
