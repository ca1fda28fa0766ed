"""Staff correct or remove a published milestone with a reason on the public log; a removed
milestone takes its photos and documents (and the photos' narrower copies) with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from hromada.budgeting import actions, actions_milestones
from hromada.budgeting.actions_implementation import add_milestone
from hromada.budgeting.models import (
    Milestone,
    MilestoneDocument,
    MilestonePhoto,
    Process,
    ProcessChange,
    Project,
)
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.budgeting.test_implementation import pdf, png, step
from tests.conftest import Personas
from tests.factories import verified_resident


@pytest.fixture
def finished(personas: Personas, voting_process: Process) -> Process:
    """Small: №1 and №2 win, №3 has no vote (as in test_implementation)."""
    s = projects_of(voting_process, 0)
    for picks in ([s[0], s[1]], [s[0]]):
        actions.cast_ballot(
            verified_resident(personas.community), voting_process, ballot(voting_process, picks, [])
        )
    move_to(voting_process, "implementation")
    return voting_process


WHO = ["admin", "reviewer", "operator", "resident", "outsider_admin", "newcomer"]


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_correction_is_logged_publicly_and_state_follows(
    personas: Personas,
    finished: Process,
    client: Client,
) -> None:
    winner = projects_of(finished, 0)[0]
    first = add_milestone(personas.admin, winner, step(10, 20_000_000, 0, days_ago=5))
    second = add_milestone(personas.admin, winner, step(100, 30_000_000, 30_000_000))
    winner.refresh_from_db()
    assert winner.implementation == Project.Implementation.DONE
    with pytest.raises(ActionRefused) as no_reason:
        actions_milestones.edit_milestone(
            personas.admin, winner, second.pk, step(60, 30_000_000, 10_000_000), reason="  "
        )
    assert no_reason.value.field == "reason"
    actions_milestones.edit_milestone(
        personas.admin, winner, second.pk, step(60, 30_000_000, 10_000_000),
        reason="Помилково вказано 100%: акт ще не підписано",
    )  # fmt: skip
    second.refresh_from_db()
    winner.refresh_from_db()
    assert (second.percent_done, second.paid) == (60, 10_000_000)
    assert winner.implementation == Project.Implementation.IN_PROGRESS
    change = ProcessChange.objects.get(field="milestone")
    assert "100%" in change.old_value and "60%" in change.new_value
    assert change.actor_role == "адміністратор громади"
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "акт ще не підписано" in page and personas.admin.email not in page
    with pytest.raises(ActionRefused, match="Нічого не змінено"):
        actions_milestones.edit_milestone(
            personas.admin, winner, second.pk, step(60, 30_000_000, 10_000_000), reason="Ще раз"
        )
    with pytest.raises(ActionRefused, match="Сплачено не може бути більше"):
        actions_milestones.edit_milestone(
            personas.admin, winner, first.pk, step(10, 1, 2, days_ago=5), reason="x"
        )
    # Another project's milestone is not reached through this one.
    other = projects_of(finished, 0)[1]
    with pytest.raises(ActionRefused, match="немає"):
        actions_milestones.delete_milestone(personas.admin, other, first.pk, reason="x")


def test_removal_takes_photos_and_documents_with_it(
    personas: Personas,
    finished: Process,
    django_capture_on_commit_callbacks: Any,
) -> None:
    winner = projects_of(finished, 0)[0]
    keep = add_milestone(personas.admin, winner, step(10, 0, 0, days_ago=3), photos=[png("red")])
    kept_files = stored_files()
    gone = add_milestone(
        personas.admin, winner, step(40, 0, 0), photos=[png(), png("blue")], documents=[pdf()]
    )
    added = stored_files() - kept_files
    assert len(added) >= 4  # two photos with their narrower copies, one document
    with pytest.raises(ActionRefused):  # a refusal keeps everything
        actions_milestones.delete_milestone(personas.reviewer, winner, gone.pk, reason="x")
    assert stored_files() == kept_files | added
    with pytest.raises(ActionRefused):
        actions_milestones.delete_milestone(personas.admin, winner, gone.pk, reason="\x00")
    # The files leave storage once the removal has committed.
    with django_capture_on_commit_callbacks(execute=True):
        actions_milestones.delete_milestone(
            personas.admin, winner, gone.pk, reason="Фото іншого об'єкта"
        )
    assert not Milestone.objects.filter(pk=gone.pk).exists()
    assert not MilestonePhoto.objects.filter(milestone_id=gone.pk).exists()
    assert not MilestoneDocument.objects.filter(milestone_id=gone.pk).exists()
    assert MilestonePhoto.objects.filter(milestone=keep).count() == 1
    assert stored_files() == kept_files
    change = ProcessChange.objects.get(field="milestone")
    assert change.new_value == "етап вилучено" and change.reason == "Фото іншого об'єкта"
    assert AuditEntry.objects.get(action="project.milestone_delete").details["files"] == 3
    winner.refresh_from_db()
    assert winner.implementation == Project.Implementation.IN_PROGRESS


@pytest.mark.parametrize("phase", ["counting", "implementation"])
@pytest.mark.parametrize("who", WHO)
def test_matrix(personas: Personas, finished: Process, who: str, phase: str) -> None:
    winner = projects_of(finished, 0)[0]
    milestone = add_milestone(personas.admin, winner, step(10, 0, 0))
    move_to(finished, phase)
    allowed = who == "admin" and phase == "implementation"
    for attempt in ("edit", "delete"):
        try:
            if attempt == "edit":
                actions_milestones.edit_milestone(
                    getattr(personas, who), winner, milestone.pk, step(20, 0, 0), reason="Уточнено"
                )
            else:
                actions_milestones.delete_milestone(
                    getattr(personas, who), winner, milestone.pk, reason="Дубль"
                )
            done = True
        except ActionRefused:
            done = False
        assert done == allowed, (who, phase, attempt)
    assert Milestone.objects.filter(pk=milestone.pk).exists() == (not allowed)


def test_the_staff_page(
    personas: Personas, finished: Process, client: Client,
    django_assert_max_num_queries: Any,
) -> None:  # fmt: skip
    winner = projects_of(finished, 0)[0]
    milestone = add_milestone(personas.admin, winner, step(10, 20_000_000, 0), photos=[png()])
    url = f"/pb/{finished.slug}/projects/{winner.number}/milestones/{milestone.pk}/"
    client.force_login(personas.reviewer)
    assert client.get(url).status_code == 404
    client.force_login(personas.admin)
    assert url in client.get(winner.get_absolute_url()).content.decode()
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.status_code == 200 and "200000" in page.content.decode().replace(".00", "")
    date = milestone.date.isoformat()
    bad = client.post(url, {"date": date, "text": "Т", "percent_done": "١٠", "reason": "x"})
    assert bad.status_code == 400
    long_text = {"date": date, "text": "x" * 6000, "percent_done": "10", "reason": "x"}
    huge = client.post(url, long_text)
    assert huge.status_code == 400
    correction = {"date": date, "text": "Укладено договір", "percent_done": "15",
                  "contracted": "200000", "paid": "", "reason": "Уточнено"}  # fmt: skip
    edited = client.post(url, correction)
    assert edited.status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).text == "Укладено договір"
    no_reason = client.post(url, {"delete": "1", "reason": ""})
    assert no_reason.status_code == 400
    deleted = client.post(url, {"delete": "1", "reason": "Дубль"})
    assert deleted.status_code == 302 and not Milestone.objects.filter(pk=milestone.pk).exists()
