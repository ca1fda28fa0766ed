"""Review by departments (assignment, structured conclusion, due dates, overdue flags), the
author's revision history, rejection grounds, and appeals to the commission."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from hromada.budgeting import actions, actions_appeals, actions_review, actions_support
from hromada.budgeting.models import Appeal, Process, Project, ReviewAssignment
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import rnokpp_with_check_digit
from tests.budgeting.conftest import move_to, move_with_support, submit, support_process
from tests.conftest import Personas
from tests.factories import PASSWORD, make_process, staff, verified_resident

pytestmark = pytest.mark.django_db

ROADS = "Управління дорожнього господарства"
CONCLUSION: dict[str, Any] = {
    "feasibility": "yes",
    "legality": "yes",
    "land": "communal",
    "recommendation": "admit",
    "reason": "Ділянка в комунальній власності, кошторис реальний.",
}


@pytest.fixture
def roads(personas: Personas) -> StaffRole:
    StaffRole.objects.filter(user=personas.reviewer).update(
        department="Управління дорожнього господарства"
    )
    return StaffRole.objects.get(user=personas.reviewer)


@pytest.fixture
def in_review(personas: Personas, roads: StaffRole) -> Project:
    process = make_process(personas.community, max_projects_per_author=10, review_days=7)
    project = submit(process, personas.resident)
    move_to(process, "review")
    project.refresh_from_db()
    return project


def _assign(project: Project, personas: Personas) -> ReviewAssignment:
    return actions_review.assign_review(
        personas.admin, project, department="Управління дорожнього господарства"
    )


def test_assignment_has_a_due_date_of_review_days(in_review: Project, personas: Personas) -> None:
    before = timezone.now()
    assignment = _assign(in_review, personas)
    assert before + timedelta(days=7) <= assignment.due_at <= timezone.now() + timedelta(days=7)
    with pytest.raises(ActionRefused, match="уже призначено"):
        _assign(in_review, personas)
    with pytest.raises(ActionRefused, match="немає рецензентів"):
        actions_review.assign_review(personas.admin, in_review, department="Вигадане управління")
    with pytest.raises(ActionRefused, match="немає прав"):
        actions_review.assign_review(
            personas.reviewer, in_review, department="Управління дорожнього господарства"
        )


def test_an_early_assignment_counts_from_the_start_of_review(
    personas: Personas, roads: StaffRole
) -> None:
    process = make_process(personas.community, review_days=7)
    project = submit(process, personas.resident)
    assignment = _assign(project, personas)
    assert assignment.due_at == process.submission_end + timedelta(days=7)


def test_the_departments_reviewer_writes_the_conclusion(
    in_review: Project, personas: Personas
) -> None:
    assignment = _assign(in_review, personas)
    other = staff(personas.community, StaffRole.Role.REVIEWER, email="edu@example.org")
    StaffRole.objects.filter(user=other).update(department="Управління освіти")
    with pytest.raises(ActionRefused, match="рецензент підрозділу"):
        actions_review.write_conclusion(other, assignment, **CONCLUSION)
    with pytest.raises(ActionRefused, match="немає прав"):
        actions_review.write_conclusion(personas.operator, assignment, **CONCLUSION)
    done = actions_review.write_conclusion(
        personas.reviewer, assignment, **CONCLUSION, cost_estimate=9_000_000
    )
    assert done.concluded_at and done.reviewer == personas.reviewer
    assert done.cost_estimate == 9_000_000


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"feasibility": "maybe"}, "feasibility"),
        ({"legality": ""}, "legality"),
        ({"land": "moon"}, "land"),
        ({"recommendation": "reject"}, "ground"),  # a rejection needs its ground
        ({"reason": "  \n "}, "reason"),
        ({"cost_estimate": 0}, "cost_estimate"),
        ({"cost_estimate": 10**18}, "cost_estimate"),
    ],
)
def test_a_conclusion_is_checked(
    in_review: Project, personas: Personas, change: dict[str, object], field: str
) -> None:
    assignment = _assign(in_review, personas)
    with pytest.raises(ActionRefused) as refused:
        actions_review.write_conclusion(personas.reviewer, assignment, **{**CONCLUSION, **change})
    assert refused.value.field == field


def test_no_conclusion_outside_the_review_phase(personas: Personas, roads: StaffRole) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    assignment = _assign(project, personas)
    with pytest.raises(ActionRefused, match="Розгляд проєктів"):
        actions_review.write_conclusion(personas.reviewer, assignment, **CONCLUSION)


def test_overdue_conclusions_reach_the_admin_once(
    in_review: Project, personas: Personas, client: Client
) -> None:
    assignment = _assign(in_review, personas)
    mail.outbox.clear()
    assert actions_review.notify_overdue_conclusions() == 0
    later = assignment.due_at + timedelta(hours=1)
    assert actions_review.notify_overdue_conclusions(now=later) == 1
    assert actions_review.notify_overdue_conclusions(now=later) == 0
    [message] = mail.outbox
    assert message.to == [personas.admin.email]
    assert "Управління дорожнього господарства" in str(message.body)
    with time_machine.travel(later, tick=False):
        client.login(email=personas.admin.email, password=PASSWORD)
        page = client.get("/staff/").content.decode()
    assert "Прострочені висновки рецензентів" in page and in_review.title in page


def test_a_rejection_names_its_ground(in_review: Project, personas: Personas) -> None:
    with pytest.raises(ActionRefused, match="підставу"):
        actions.review_project(personas.reviewer, in_review, decision="reject", comment="Ні")
    with pytest.raises(ActionRefused, match="підставу"):
        actions.review_project(
            personas.reviewer, in_review, decision="reject", comment="Ні", ground="whim"
        )
    actions.review_project(
        personas.reviewer, in_review, decision="reject", comment="Приватна ділянка", ground="land"
    )
    last = in_review.history.last()
    assert last is not None and last.get_ground_display().startswith("земля")


def test_revisions_keep_every_earlier_version(in_review: Project, personas: Personas) -> None:
    actions.review_project(personas.reviewer, in_review, decision="return", comment="Кошторис")
    actions.revise_project(
        personas.resident,
        in_review,
        title="Лавки в парку, друга версія",
        description="Двадцять лавок, кошторис з трьома пропозиціями постачальників.",
        cost=11_000_000,
        location="Парк",
    )
    [first] = in_review.revisions.all()
    assert (first.version, first.title, first.cost) == (1, "Лавки в парку", 10_000_000)
    page = Client().get(in_review.get_absolute_url()).content.decode()
    assert "Попередні версії" in page and "Версія 1" in page


def _rejected(personas: Personas, **fields: object) -> Project:
    process = make_process(personas.community, **fields)  # type: ignore[arg-type]
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(
        personas.reviewer, project, decision="reject", comment="Не комунальна", ground="land"
    )
    project.refresh_from_db()
    return project


def test_appeal_then_the_commission_admits(personas: Personas) -> None:
    commission = staff(personas.community, StaffRole.Role.APPEALS, email="c@example.org")
    project = _rejected(personas)
    with pytest.raises(ActionRefused, match="Поясніть"):
        actions_appeals.appeal_rejection(personas.resident, project, text="   ")
    appeal = actions_appeals.appeal_rejection(personas.resident, project, text="Витяг додано.")
    with pytest.raises(ActionRefused, match="вже на розгляді"):
        actions_appeals.appeal_rejection(personas.resident, project, text="Ще раз.")
    with pytest.raises(ActionRefused, match="Обґрунтуйте"):
        actions_appeals.decide_appeal(commission, appeal, decision="admit", reason=" ")
    with pytest.raises(ActionRefused, match="немає прав"):  # neither the admin nor a reviewer
        actions_appeals.decide_appeal(personas.admin, appeal, decision="admit", reason="Так")
    mail.outbox.clear()
    actions_appeals.decide_appeal(commission, appeal, decision="admit", reason="Витяг переконав.")
    project.refresh_from_db()
    assert project.status == Project.Status.ADMITTED
    last = project.history.last()
    assert last is not None and "Витяг переконав" in last.comment
    assert len(mail.outbox) == 1
    with pytest.raises(ActionRefused, match="вже вирішено"):
        actions_appeals.decide_appeal(commission, appeal, decision="dismiss", reason="Ні")
    page = Client().get(project.get_absolute_url()).content.decode()
    assert "Витяг додано." in page and "задоволено" in page


def test_a_dismissed_appeal_leaves_the_rejection(personas: Personas) -> None:
    commission = staff(personas.community, StaffRole.Role.APPEALS, email="c@example.org")
    project = _rejected(personas)
    appeal = actions_appeals.appeal_rejection(personas.resident, project, text="Прошу.")
    actions_appeals.decide_appeal(commission, appeal, decision="dismiss", reason="Земля приватна.")
    project.refresh_from_db()
    assert project.status == Project.Status.REJECTED
    assert Appeal.objects.get().decision == Appeal.Decision.DISMISSED


def test_appeal_only_within_appeal_days(personas: Personas) -> None:
    project = _rejected(personas, appeal_days=3)
    late = timezone.now() + timedelta(days=3, minutes=1)
    with time_machine.travel(late), pytest.raises(ActionRefused, match="Строк апеляції минув"):
        actions_appeals.appeal_rejection(personas.resident, project, text="Пізно.")
    no_appeals = _rejected(personas, appeal_days=0)
    with pytest.raises(ActionRefused, match="не передбачає апеляції"):
        actions_appeals.appeal_rejection(personas.resident, no_appeals, text="Прошу.")


def test_no_decision_once_voting_has_started(personas: Personas) -> None:
    commission = staff(personas.community, StaffRole.Role.APPEALS, email="c@example.org")
    project = _rejected(personas)
    appeal = actions_appeals.appeal_rejection(personas.resident, project, text="Прошу.")
    move_to(project.process, "voting")
    with pytest.raises(ActionRefused, match="Розгляд проєктів"):
        actions_appeals.decide_appeal(commission, appeal, decision="admit", reason="Так.")


def test_a_project_rejected_for_lack_of_support_can_be_appealed(personas: Personas) -> None:
    process = support_process(personas.community, "submission", required=2)
    project = submit(process, personas.resident)
    actions_support.enter_paper_support(
        personas.operator, project, identifier=rnokpp_with_check_digit("311111111"), birth_year=1970
    )
    move_with_support(process, "review")
    actions_support.close_support_collection(process)
    project.refresh_from_db()
    assert project.status == Project.Status.REJECTED
    actions_appeals.appeal_rejection(personas.resident, project, text="Другий лист загубили.")


def test_project_page_queries_do_not_grow_with_supporters_and_reviews(
    personas: Personas, roads: StaffRole, django_assert_max_num_queries: object
) -> None:
    process = support_process(personas.community, "submission", required=30)
    project = submit(process, personas.resident)
    for n in range(12):
        actions_support.enter_paper_support(
            personas.operator,
            project,
            identifier=rnokpp_with_check_digit(f"32{n:07d}"),
            birth_year=1970,
        )
    _assign(project, personas)
    client = Client()
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(project.get_absolute_url()).status_code == 200


def test_my_participation_lists_projects_and_supports(personas: Personas) -> None:
    process = support_process(personas.community, "submission", required=3)
    submit(process, personas.resident, title="Мій проєкт")
    neighbour = verified_resident(personas.community, email="n@example.org")
    theirs = submit(process, neighbour, title="Проєкт сусіда")
    actions_support.support_project(personas.resident, theirs)
    client = Client()
    assert client.get("/pb/my/participation/").status_code == 302
    client.login(email=personas.resident.email, password=PASSWORD)
    page = client.get("/pb/my/participation/").content.decode()
    assert "Мій проєкт" in page and "Зберіть ще 3 підписи підтримки" in page
    assert "Проєкт сусіда" in page


def test_my_participation_queries_are_bounded(
    personas: Personas, django_assert_max_num_queries: object
) -> None:
    process = support_process(personas.community, "submission", required=3)
    for n in range(5):
        submit(process, personas.resident, title=f"Проєкт {n}")
    client = Client()
    client.login(email=personas.resident.email, password=PASSWORD)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get("/pb/my/participation/").status_code == 200


def test_commission_pages(personas: Personas) -> None:
    commission = staff(personas.community, StaffRole.Role.APPEALS, email="c@example.org")
    project = _rejected(personas)
    appeal = actions_appeals.appeal_rejection(personas.resident, project, text="Прошу.")
    client = Client()
    client.login(email=commission.email, password=PASSWORD)
    # TOTP: staff pages need a verified second factor in the session; the action is checked
    # directly above, the page's access is checked here through its refusal for others.
    outsider = Client()
    outsider.login(email=personas.resident.email, password=PASSWORD)
    url = f"/pb/{project.process.slug}/appeals/"
    assert outsider.get(url).status_code in (302, 404)
    response = outsider.post(f"{url}{appeal.pk}/decide/", {"decision": "admit", "reason": "x"})
    assert response.status_code in (302, 404)
    assert Appeal.objects.get().decision == Appeal.Decision.PENDING


def test_process_without_supporters_has_no_support_phase_on_its_page(personas: Personas) -> None:
    process: Process = make_process(personas.community)
    page = Client().get(process.get_absolute_url()).content.decode()
    assert "Збір підтримки" not in page
    with_support = support_process(personas.community, "submission")
    page = Client().get(with_support.get_absolute_url()).content.decode()
    assert "Збір підтримки" in page


def test_the_review_queue_shows_departments_and_overdue_conclusions(
    in_review: Project, personas: Personas
) -> None:
    assignment = _assign(in_review, personas)
    client = Client()
    client.login(email=personas.reviewer.email, password=PASSWORD)
    url = f"/pb/{in_review.process.slug}/review/"
    page = client.get(url).content.decode()
    assert ROADS in page and "прострочено" not in page
    with time_machine.travel(assignment.due_at + timedelta(hours=1), tick=False):
        assert "прострочено" in client.get(url).content.decode()
