"""Contests: eligibility of a call, the application's life, conflict exclusion, blind review,
selection and announcement, what an applicant sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.core.errors import ActionRefused
from hromada.network import actions_contests as contests
from hromada.network.eligibility import eligibility_checks, is_eligible
from hromada.network.models_contests import Application
from hromada.network.rules import is_conflicted
from hromada.network.selectors import contest_ranking, juror_queue
from tests.factories import UserFactory, enable_totp
from tests.network.conftest import World, make_contest, move_to, pdf, submitted

pytestmark = pytest.mark.django_db


def test_eligibility_rules_of_a_call(world: World) -> None:
    contest = make_contest(world)
    assert is_eligible(contest, world.community)
    assert not is_eligible(contest, world.outsider)  # not a member
    assert not is_eligible(contest, world.centre)  # an oblast centre, and too large
    labels = [(c.label, c.passed) for c in eligibility_checks(contest, world.centre)]
    assert labels[0][1] is True  # a member all the same
    assert [passed for _label, passed in labels[1:]] == [False, False]
    with pytest.raises(ActionRefused, match="умовам участі"):
        contests.save_application(world.centre_admin, contest, world.centre, {})


def test_a_former_member_is_not_eligible(world: World) -> None:
    from hromada.network import actions
    from hromada.network.models import Member

    member = Member.objects.get(community=world.community)
    actions.end_membership(world.team, member, ends_on=member.memberships.get().starts_on)
    contest = make_contest(world)
    assert not is_eligible(contest, world.community)


def test_open_calls_ask_only_what_they_set(world: World) -> None:
    contest = make_contest(world, members_only=False, size_bands=[], exclude_oblast_centres=False)
    assert eligibility_checks(contest, world.outsider) == []
    assert is_eligible(contest, world.centre)


def test_submit_needs_answers_and_documents_and_only_while_open(world: World) -> None:
    contest = make_contest(world)
    application = contests.save_application(world.applicant, contest, world.community, {})
    with pytest.raises(ActionRefused, match="Бракує"):
        contests.submit_application(world.applicant, application)
    question = contest.questions.get()
    contests.save_application(world.applicant, contest, world.community, {str(question.pk): "Так"})
    contests.attach_application_document(
        world.applicant, application, contest.required_documents.get(), pdf()
    )
    contests.submit_application(world.applicant, application)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    contests.withdraw_application(world.applicant, application)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    contests.submit_application(world.applicant, application)
    move_to(contest, "review")
    with pytest.raises(ActionRefused, match="Прийом заявок"):
        contests.withdraw_application(world.applicant, application)


def test_a_document_is_judged_by_its_content(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    contest = make_contest(world)
    application = contests.save_application(world.applicant, contest, world.community, {})
    fake = SimpleUploadedFile(
        "rishennia.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ActionRefused, match="не схожий"):
        contests.attach_application_document(world.applicant, application, None, fake)


def _jury(world: World, contest: Any) -> tuple[Any, Any, Any]:
    """Three jurors: the expert, the staff member, and a juror working for `other`."""
    from hromada.communities.models import StaffRole

    conflicted = enable_totp(UserFactory.create(email="juror3@example.org"))
    StaffRole.objects.create(user=conflicted, community=world.other, role=StaffRole.Role.REVIEWER)
    for user in (world.expert, world.team, conflicted):
        contests.appoint_juror(world.team, contest, user)
    return world.expert, world.team, conflicted


def test_conflicts_exclude_jurors_automatically_and_by_declaration(world: World) -> None:
    contest = make_contest(world)
    mine = submitted(contest, world.community, world.applicant)
    theirs = submitted(contest, world.other, world.other_admin)
    expert, _team, conflicted = _jury(world, contest)
    move_to(contest, "review")
    # Works for `other`: excluded from its application without declaring anything.
    assert is_conflicted(conflicted, theirs) and not is_conflicted(conflicted, mine)
    # The expert declares a conflict with `community`.
    contests.declare_conflicts(expert, contest, [world.community], "Моя сестра працює там.")
    assert is_conflicted(expert, mine)
    queue, excluded = juror_queue(expert, contest)
    assert [item.application for item in queue] == [theirs] and excluded == 1
    with pytest.raises(ActionRefused):
        contests.score_application(expert, mine, {c.pk: 1 for c in contest.criteria.all()})
    contests.declare_conflicts(conflicted, contest, [])
    with pytest.raises(ActionRefused):
        contests.score_application(conflicted, theirs, {c.pk: 1 for c in contest.criteria.all()})
    contests.score_application(conflicted, mine, {c.pk: 1 for c in contest.criteria.all()})


def test_scoring_needs_a_declaration_first(world: World) -> None:
    contest = make_contest(world)
    application = submitted(contest, world.community, world.applicant)
    expert, _team, _conflicted = _jury(world, contest)
    move_to(contest, "review")
    with pytest.raises(ActionRefused, match="задекларуйте"):
        contests.score_application(expert, application, {c.pk: 1 for c in contest.criteria.all()})


def test_scores_out_of_range_are_refused(world: World) -> None:
    contest = make_contest(world)
    application = submitted(contest, world.community, world.applicant)
    expert, _team, _conflicted = _jury(world, contest)
    move_to(contest, "review")
    contests.declare_conflicts(expert, contest, [])
    ready, team = contest.criteria.all()
    with pytest.raises(ActionRefused, match="Команда"):
        contests.score_application(expert, application, {ready.pk: 10, team.pk: 6})


def _score_all(world: World, contest: object) -> tuple[Application, Application]:
    mine = submitted(contest, world.community, world.applicant)  # type: ignore[arg-type]
    theirs = submitted(contest, world.other, world.other_admin)  # type: ignore[arg-type]
    expert, team, conflicted = _jury(world, contest)
    move_to(contest, "review")  # type: ignore[arg-type]
    ready, crew = contest.criteria.all()  # type: ignore[attr-defined]
    for juror in (expert, team, conflicted):
        contests.declare_conflicts(juror, contest, [])  # type: ignore[arg-type]
    contests.score_application(
        expert, mine, {ready.pk: 9, crew.pk: 5}, {ready.pk: "Готові"}, "Сильна заявка"
    )
    contests.score_application(team, mine, {ready.pk: 3, crew.pk: 1}, comment="Мало деталей")
    contests.score_application(conflicted, mine, {ready.pk: 8, crew.pk: 4})
    contests.score_application(expert, theirs, {ready.pk: 5, crew.pk: 3})
    contests.score_application(team, theirs, {ready.pk: 6, crew.pk: 3})
    return mine, theirs


def test_ranking_median_mean_spread_and_flag(world: World) -> None:
    contest = make_contest(world, disagreement_threshold=25)
    mine, theirs = _score_all(world, contest)
    ranking = contest_ranking(contest)
    first, second = ranking.rows
    # mine: totals 100·(1.8+1)/3=93.3, 100·(0.6+0.2)/3=26.7, 100·(1.6+0.8)/3=80 → median 80.
    assert first.application == mine
    assert float(first.ranked.aggregate.median or 0) == 80.0
    assert round(float(first.ranked.aggregate.spread), 1) == 66.7
    assert first.ranked.aggregate.flagged
    # theirs: 100·(1+0.6)/3=53.3 and 100·(1.2+0.6)/3=60 → median 56.7, spread 6.7.
    assert round(float(second.ranked.aggregate.median or 0), 1) == 56.7
    assert not second.ranked.aggregate.flagged
    assert ranking.suggestion.chosen == (mine.pk, theirs.pk)


def test_board_selects_then_announces_and_applicants_see_their_scores(world: World) -> None:
    contest = make_contest(world, winners_count=1)
    mine, theirs = _score_all(world, contest)
    with pytest.raises(ActionRefused):
        contests.select_winners(world.board, contest, [mine], "Найкраща готовність.")
    move_to(contest, "selection")
    with pytest.raises(ActionRefused, match="не більше 1"):
        contests.select_winners(world.board, contest, [mine, theirs], "Обидві.")
    with pytest.raises(ActionRefused, match="обґрунтування"):
        contests.select_winners(world.board, contest, [mine], "  ")
    with pytest.raises(ActionRefused):
        contests.select_winners(world.team, contest, [mine], "Не правління.")
    contests.select_winners(world.board, contest, [mine], "Найкраща готовність.")
    client = Client()
    assert "Найкраща готовність" not in client.get(contest.get_absolute_url()).content.decode()
    contests.announce_results(world.board, contest)
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "Найкраща готовність" in page and world.community.name in page
    assert world.other.name not in page.split('id="results"')[1].split("</section>")[0]
    client.force_login(world.applicant)
    own = client.get(f"/network/contests/{contest.slug}/apply/{world.community.slug}/")
    text = own.content.decode()
    assert "Сильна заявка" in text and "Мало деталей" in text and "Готові" in text
    assert "juror3@example.org" not in text and "expert@example.org" not in text


def test_blind_review_hides_the_name_from_jurors_only(world: World) -> None:
    contest = make_contest(world, blind_review=True)
    application = submitted(contest, world.community, world.applicant)
    expert, _team, _c = _jury(world, contest)
    move_to(contest, "review")
    contests.declare_conflicts(expert, contest, [])
    url = f"/network/contests/{contest.slug}/applications/{application.code}/"
    client = Client()
    client.force_login(expert)
    review = client.get(url)
    assert review.status_code == 200 and world.community.name not in review.content.decode()
    queue = client.get(f"/network/contests/{contest.slug}/jury/").content.decode()
    assert f"Заявка {application.code}" in queue
    # The declaration lists every member community, so it does not say who applied.
    applied = queue.split("Заявки для оцінювання")[1]
    assert world.community.name not in applied
    client.force_login(world.board)
    assert world.community.name in client.get(url).content.decode()


def test_community_staff_never_see_another_communitys_application(world: World) -> None:
    contest = make_contest(world)
    application = submitted(contest, world.community, world.applicant)
    client = Client()
    client.force_login(world.other_admin)
    for phase in ("open", "review", "selection", "announced"):
        move_to(contest, phase)
        assert (
            client.get(
                f"/network/contests/{contest.slug}/apply/{world.community.slug}/"
            ).status_code
            == 404
        )
        assert (
            client.get(
                f"/network/contests/{contest.slug}/applications/{application.code}/"
            ).status_code
            == 404
        )
        page = client.get(contest.get_absolute_url()).content.decode()
        assert "Бо хочемо" not in page
    for document in application.documents.all():
        assert client.get(f"/network/documents/{document.token}/").status_code == 404
