"""Authors hear of the decision on their project; reviewers are reminded, once, of projects
still unreviewed long after submission closed. Both by email through the task queue."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hromada.budgeting import actions
from hromada.budgeting.models import Process
from hromada.budgeting.notifications import notify_overdue_reviews
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.factories import make_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(personas: Personas) -> Process:
    return make_process(personas.community, phase="submission", max_projects_per_author=10)


@pytest.mark.parametrize(
    ("decision", "comment", "subject_word"),
    [
        ("admit", "", "допущено"),
        ("return", "Уточніть кошторис лавок.", "повернуто"),
        ("reject", "Ділянка не належить громаді.", "відхилено"),
    ],
)
def test_the_author_is_told_the_decision_and_its_reason(
    personas: Personas, process: Process, decision: str, comment: str, subject_word: str
) -> None:
    project = submit(process, personas.resident, title="Лавки в парку")
    move_to(process, "review")
    mail.outbox.clear()
    ground = "land" if decision == "reject" else ""
    actions.review_project(
        personas.reviewer, project, decision=decision, comment=comment, ground=ground
    )
    [message] = mail.outbox
    assert message.to == [personas.resident.email]
    assert subject_word in message.subject and "Лавки в парку" in message.subject
    if comment:
        assert comment in str(message.body)
    assert project.get_absolute_url() in str(message.body)


def test_a_refused_review_sends_nothing(personas: Personas, process: Process) -> None:
    project = submit(process, personas.resident)
    move_to(process, "review")
    mail.outbox.clear()
    with pytest.raises(Exception, match="причину"):
        actions.review_project(personas.reviewer, project, decision="reject", comment=" ")
    assert mail.outbox == []


def test_reviewers_are_reminded_of_overdue_projects_once(
    personas: Personas, process: Process
) -> None:
    submit(process, personas.resident, title="Забутий проєкт")
    reviewed = submit(process, personas.resident, title="Розглянутий проєкт")
    move_to(process, "review")
    actions.review_project(personas.reviewer, reviewed, decision="admit")
    mail.outbox.clear()
    end = Process.objects.get(pk=process.pk).submission_end
    assert notify_overdue_reviews(now=end + dt.timedelta(days=13), days=14) == 0
    assert mail.outbox == []

    out = StringIO()
    Process.objects.filter(pk=process.pk).update(
        submission_end=timezone.now() - dt.timedelta(days=15)
    )
    call_command("notify_overdue_reviews", "--days=14", stdout=out)
    [message] = mail.outbox
    assert message.to == [personas.reviewer.email]  # this community's reviewers only
    assert "Забутий проєкт" in str(message.body) and "Розглянутий" not in str(message.body)
    assert f"/pb/{process.slug}/review/" in str(message.body)
    assert "1" in out.getvalue()

    call_command("notify_overdue_reviews", "--days=14", stdout=out)
    assert len(mail.outbox) == 1  # recorded: never twice for the same project
