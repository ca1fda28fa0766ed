"""Announcing a contest's results emails every applicant through the task queue, in the
language their application was submitted in; a repeated run tells nobody twice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from hromada.network import actions_contests as contests
from hromada.network.tasks import email_applicants
from tests.network.conftest import World, make_contest, move_to, submitted

pytestmark = pytest.mark.django_db


def test_applicants_are_told_in_their_language(world: World) -> None:
    contest = make_contest(world, winners_count=1)
    mine = submitted(contest, world.community, world.applicant)
    with translation.override("en"):
        theirs = submitted(contest, world.other, world.other_admin)
    assert (mine.language, theirs.language) == ("uk", "en")
    move_to(contest, "selection")
    contests.select_winners(world.board, contest, [mine], "Найкраща готовність.")
    assert mail.outbox == []  # selecting is not announcing
    contests.announce_results(world.board, contest)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {world.applicant.email, world.other_admin.email}
    winner, other = by_recipient[world.applicant.email], by_recipient[world.other_admin.email]
    assert winner.subject == f"Громаду обрано в конкурсі «{contest.title}»"
    assert f"/network/contests/{contest.slug}/apply/{world.community.slug}/" in winner.body
    assert other.subject == f"Results of the contest «{contest.title}»"
    assert "was not selected this time" in other.body
    assert email_applicants.call(contest_id=contest.pk) == 0
    assert len(mail.outbox) == 2


def test_a_draft_or_withdrawn_application_gets_no_email(world: World) -> None:
    contest = make_contest(world, winners_count=1)
    mine = submitted(contest, world.community, world.applicant)
    contests.save_application(world.other_admin, contest, world.other, {})
    move_to(contest, "selection")
    contests.select_winners(world.board, contest, [mine], "Єдина подана заявка.")
    contests.announce_results(world.board, contest)
    assert [message.to for message in mail.outbox] == [[world.applicant.email]]
