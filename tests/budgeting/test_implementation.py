"""Implementation of the winners: milestones with photos and documents, the public timeline,
money planned against paid, and a lost project never shown as built."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from hromada.budgeting import actions
from hromada.budgeting.actions_implementation import MilestoneInput, add_milestone
from hromada.budgeting.models import Milestone, Process, Project
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident


def png(colour: str = "green") -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (800, 500), colour).save(data, "PNG")
    return SimpleUploadedFile("photo.png", data.getvalue(), content_type="image/png")


def pdf() -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile("akt-vykonanykh-robit.pdf", body, content_type="application/pdf")


@pytest.fixture
def finished(personas: Personas, voting_process: Process) -> Process:
    """Small: №1 wins (2 votes) and №2 (1 vote) too; №3 has no vote and loses."""
    s = projects_of(voting_process, 0)
    for picks in ([s[0], s[1]], [s[0]]):
        actions.cast_ballot(
            verified_resident(personas.community), voting_process, ballot(voting_process, picks, [])
        )
    move_to(voting_process, "implementation")
    return voting_process


def step(percent: int, contracted: int, paid: int, days_ago: int = 1) -> MilestoneInput:
    date = timezone.localdate() - dt.timedelta(days=days_ago)
    return MilestoneInput(date, f"Виконано {percent}% робіт.", percent, contracted, paid)


def test_a_milestone_with_photo_and_document_appears_on_the_timeline(
    personas: Personas, finished: Process, client: Client
) -> None:
    winner = projects_of(finished, 0)[0]
    add_milestone(personas.admin, winner, step(10, 20_000_000, 0, days_ago=5))
    add_milestone(
        personas.admin,
        winner,
        step(60, 30_000_000, 12_000_000),
        photos=[png()],
        documents=[pdf()],
    )
    page = client.get(winner.get_absolute_url()).content.decode()
    assert "переміг у голосуванні" in page and "Хід реалізації" in page
    assert "Виконано 10% робіт." in page and "Виконано 60% робіт." in page
    assert "akt-vykonanykh-robit.pdf" in page and "<img" in page
    winner.refresh_from_db()
    assert winner.implementation == Project.Implementation.IN_PROGRESS
    overview = client.get(f"/pb/{finished.slug}/implementation/").content.decode()
    # Planned: winners №1 (300,000) and №2 (400,000); paid so far 120,000 of №1's newest step.
    for text in ("700\xa0000\xa0грн", "300\xa0000\xa0грн", "120\xa0000\xa0грн", "60%"):
        assert text in overview
    assert "Сплачено 17% запланованого" in overview
    add_milestone(personas.admin, winner, step(100, 30_000_000, 30_000_000, days_ago=0))
    winner.refresh_from_db()
    assert winner.implementation == Project.Implementation.DONE


def test_a_lost_project_says_so_and_gets_no_milestones(
    personas: Personas, finished: Process, client: Client
) -> None:
    loser = projects_of(finished, 0)[2]
    page = client.get(loser.get_absolute_url()).content.decode()
    assert "не переміг у голосуванні" in page and "Хід реалізації" not in page
    with pytest.raises(ActionRefused, match="лише для проєктів-переможців"):
        add_milestone(personas.admin, loser, step(10, 0, 0))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (step(101, 0, 0), "від 0 до 100"),
        (step(10, 100, 200), "більше, ніж укладено"),
        (step(10, 0, 0, days_ago=-2), "після того, як його виконано"),
        (MilestoneInput(timezone.localdate(), " \x00 ", 5, 0, 0), "Опишіть"),
        (MilestoneInput(timezone.localdate(), "я" * 5001, 5, 0, 0), "до 5000"),
    ],
)
def test_bad_milestones_are_refused(
    personas: Personas, finished: Process, data: MilestoneInput, message: str
) -> None:
    with pytest.raises(ActionRefused, match=message):
        add_milestone(personas.admin, projects_of(finished, 0)[0], data)
    assert not Milestone.objects.exists()


def test_only_an_admin_may_and_only_after_the_results(
    personas: Personas, finished: Process
) -> None:
    winner = projects_of(finished, 0)[0]
    for who in (personas.reviewer, personas.resident, personas.operator, personas.outsider_admin):
        with pytest.raises(ActionRefused):
            add_milestone(who, winner, step(10, 0, 0))
    move_to(finished, "counting")
    with pytest.raises(ActionRefused):
        add_milestone(personas.admin, winner, step(10, 0, 0))


def test_a_fake_photo_is_refused(personas: Personas, finished: Process) -> None:
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ActionRefused):
        add_milestone(personas.admin, projects_of(finished, 0)[0], step(5, 0, 0), photos=[fake])
    assert not Milestone.objects.exists()


def test_the_form_posts_a_milestone(personas: Personas, finished: Process, client: Client) -> None:
    winner = projects_of(finished, 0)[0]
    client.force_login(personas.admin)
    response = client.post(
        f"/pb/{finished.slug}/projects/{winner.number}/milestones/",
        {
            "date": timezone.localdate().isoformat(),
            "text": "Закуплено лавки",
            "percent_done": "40",
            "contracted": "250 000",
            "paid": "100000,50",
            "photos": [png(), png("blue")],
        },
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.contracted, milestone.paid, milestone.photos.count()) == (
        25_000_000,
        10_000_050,
        2,
    )


@pytest.mark.parametrize("milestones", [1, 8])
def test_query_counts(
    personas: Personas,
    finished: Process,
    client: Client,
    milestones: int,
    django_assert_max_num_queries: object,
) -> None:
    winner = projects_of(finished, 0)[0]
    for i in range(milestones):
        add_milestone(personas.admin, winner, step(i, 100, 50, days_ago=milestones - i))
    client.get(f"/pb/{finished.slug}/results/")  # stores the results once
    # Session, process, snapshot, sub-budgets, projects, milestones: whatever their number.
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert client.get(f"/pb/{finished.slug}/implementation/").status_code == 200
    # The project page: 9 with one milestone or eight (photos and documents prefetched).
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        assert client.get(winner.get_absolute_url()).status_code == 200
