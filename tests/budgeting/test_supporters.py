"""Supporters before review: one click online, paper lists keyed in by an operator, one person
once per project (online and paper alike), withdrawal until the deadline, and the deadline
itself: a project short of supporters is not admitted, with that reason."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from hromada.accounts.models import User, Verification
from hromada.budgeting import actions, actions_support
from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.models import Process, Project, ProjectSupport
from hromada.budgeting.support import support_settings_problems
from hromada.communities.models import Community
from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from tests.budgeting.conftest import move_with_support, submit, support_process
from tests.conftest import Personas
from tests.factories import PASSWORD, UserFactory, make_process, verified_resident

pytestmark = pytest.mark.django_db

ID_A = rnokpp_with_check_digit("301234567")
ID_B = rnokpp_with_check_digit("301234568")


def resident_with_id(community: Community, identifier: str, **fields: object) -> User:
    """A verified resident whose verification hash is that of a real-looking РНОКПП."""
    user = UserFactory.create(community=community, **fields)
    Verification.objects.create(
        user=user,
        community=community,
        method=Verification.Method.OPERATOR,
        identifier_hash=hash_identifier(identifier),
    )
    return user


@pytest.fixture
def process(personas: Personas) -> Process:
    return support_process(personas.community, "submission", required=3)


@pytest.fixture
def project(process: Process, personas: Personas) -> Project:
    return submit(process, personas.resident)


def test_a_resident_supports_once(project: Project, personas: Personas) -> None:
    supporter = verified_resident(personas.community)
    actions_support.support_project(supporter, project)
    with pytest.raises(ActionRefused, match="вже підтримали"):
        actions_support.support_project(supporter, project)
    assert project.supports.count() == 1


@pytest.mark.parametrize("who", ["resident", "newcomer", "outsider_resident", "under_age"])
def test_who_may_not_support(project: Project, personas: Personas, who: str) -> None:
    """The author, the unverified, a resident of another community, someone too young."""
    if who == "under_age":
        person = verified_resident(personas.community, birth_year=timezone.localdate().year - 12)
        match = "виповнюється 16"
    else:
        person = getattr(personas, who)
        match = {"resident": "Автор не може", "newcomer": "не підтвердили"}.get(
            who, "не підтвердили"
        )
    with pytest.raises(ActionRefused, match=match):
        actions_support.support_project(person, project)
    assert not project.supports.exists()


def test_the_author_under_another_account_is_still_the_author(
    process: Process, personas: Personas
) -> None:
    """Supporters are people: the author's identifier hash may not sign their own project."""
    author = resident_with_id(personas.community, ID_A)
    project = submit(process, author)
    with pytest.raises(ActionRefused, match="Автор не може"):
        actions_support.enter_paper_support(
            personas.operator, project, identifier=ID_A, birth_year=1980
        )


def test_withdraw_until_the_deadline_and_not_after(
    process: Process, project: Project, personas: Personas
) -> None:
    supporter = verified_resident(personas.community)
    actions_support.support_project(supporter, project)
    actions_support.withdraw_support(supporter, project)
    assert not project.supports.exists()
    actions_support.support_project(supporter, project)
    move_with_support(process, "review")
    with pytest.raises(ActionRefused, match="Збір підтримки"):
        actions_support.withdraw_support(supporter, project)
    assert project.supports.count() == 1


def test_support_phase_after_submission_still_collects(
    process: Process, project: Project, personas: Personas
) -> None:
    move_with_support(process, "support")
    actions_support.support_project(verified_resident(personas.community), project)
    assert project.supports.count() == 1


def test_no_support_before_the_window_opens(process: Process, personas: Personas) -> None:
    project = submit(process, personas.resident)
    Process.objects.filter(pk=process.pk).update(support_start=timezone.now() + timedelta(days=2))
    project.process.refresh_from_db()
    with pytest.raises(ActionRefused, match="починається"):
        actions_support.support_project(verified_resident(personas.community), project)


def test_no_support_in_a_process_that_collects_none(personas: Personas) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    with pytest.raises(ActionRefused, match="не збирають"):
        actions_support.support_project(verified_resident(personas.community), project)


def test_paper_signatures_are_deduplicated_against_online_support(
    project: Project, personas: Personas
) -> None:
    online = resident_with_id(personas.community, ID_A)
    actions_support.support_project(online, project)
    with pytest.raises(ActionRefused, match="вже підтримала проєкт") as refused:
        actions_support.enter_paper_support(
            personas.operator, project, identifier=ID_A, birth_year=1990
        )
    assert refused.value.field == "identifier"
    actions_support.enter_paper_support(
        personas.operator, project, identifier=f" {ID_B[:4]}-{ID_B[4:]} ", birth_year=1990
    )
    with pytest.raises(ActionRefused, match="вже підтримала проєкт"):
        actions_support.enter_paper_support(
            personas.operator, project, identifier=ID_B, birth_year=1990
        )
    paper_then_online = resident_with_id(personas.community, ID_B)
    with pytest.raises(ActionRefused, match="паперовому списку"):
        actions_support.support_project(paper_then_online, project)
    assert project.supports.count() == 2


def test_paper_identifiers_are_kept_only_as_keyed_hashes(
    project: Project, personas: Personas
) -> None:
    row = actions_support.enter_paper_support(
        personas.operator, project, identifier=ID_A, birth_year=1990
    )
    assert row.supporter_key == hash_identifier(ID_A) and ID_A not in row.supporter_key
    assert row.supporter is None and row.entered_by == personas.operator
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM budgeting_projectsupport")
        assert ID_A not in repr(cursor.fetchall())


@pytest.mark.parametrize(
    ("identifier", "birth_year", "match"),
    [
        ("12345", 1990, "не схоже"),
        ("3012345671", 1990, "контрольна цифра"),
        ("\x00" * 5, 1990, "не схоже"),
        ("٣٠١٢٣٤٥٦٧٨", 1990, "не схоже"),  # Arabic-Indic digits are not an identifier
        (ID_A, None, "рік народження"),
        (ID_A, 1200, "Рік народження має бути"),
        (ID_A, 10**12, "Рік народження має бути"),
        (ID_A, "under_age", "виповнюється 16"),
    ],
)
def test_paper_input_is_checked(
    project: Project, personas: Personas, identifier: str, birth_year: object, match: str
) -> None:
    year = timezone.localdate().year - 10 if birth_year == "under_age" else birth_year
    with pytest.raises(ActionRefused, match=match):
        actions_support.enter_paper_support(
            personas.operator,
            project,
            identifier=identifier,
            birth_year=year,  # type: ignore[arg-type]
        )
    assert not project.supports.exists()


@pytest.mark.parametrize("who", ["resident", "reviewer", "outsider_admin", "newcomer"])
def test_only_the_communitys_operators_key_in_paper_lists(
    project: Project, personas: Personas, who: str
) -> None:
    with pytest.raises(ActionRefused, match="немає прав"):
        actions_support.enter_paper_support(
            getattr(personas, who), project, identifier=ID_A, birth_year=1990
        )


def test_at_the_deadline_a_project_short_of_supporters_is_not_admitted(
    process: Process, personas: Personas
) -> None:
    short = submit(process, personas.resident, title="Мало підтримки")
    enough = submit(process, personas.resident, title="Досить підтримки")
    for _ in range(3):
        actions_support.support_project(verified_resident(personas.community), enough)
    actions_support.support_project(verified_resident(personas.community), short)
    with pytest.raises(ActionRefused):  # not while signatures are still collected
        actions_support.close_support_collection(process)
    move_with_support(process, "review")
    # A reviewer cannot admit it before the deadline job has run either.
    with pytest.raises(ActionRefused, match="прихильників"):
        actions.review_project(personas.reviewer, short, decision="admit")
    assert actions_support.close_due_support_collections() == 1
    assert actions_support.close_due_support_collections() == 0  # idempotent
    short.refresh_from_db()
    enough.refresh_from_db()
    assert short.status == Project.Status.REJECTED
    assert enough.status == Project.Status.SUBMITTED
    last = short.history.last()
    assert last is not None and last.ground == RejectionGround.SUPPORTERS
    assert "1 з 3" in last.comment
    actions.review_project(personas.reviewer, enough, decision="admit")


def test_the_daily_command_closes_collections(process: Process, personas: Personas) -> None:
    from io import StringIO

    from django.core.management import call_command

    project = submit(process, personas.resident)
    move_with_support(process, "review")
    out = StringIO()
    call_command("notify_overdue_reviews", stdout=out)
    project.refresh_from_db()
    assert project.status == Project.Status.REJECTED and "rejected short of supporters: 1" in (
        out.getvalue()
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"support_start": None}, "support_start"),
        ({"support_end": None}, "support_end"),
        ({"support_start": "before_submission"}, "support_start"),
        ({"support_end": "before_start"}, "support_end"),
        ({"support_end": "before_submission_end"}, "support_end"),
        ({"support_end": "after_review_end"}, "support_end"),
        ({"supporters_required": 0}, "supporters_required"),
    ],
)
def test_contradictory_support_settings_are_named(
    process: Process, changes: dict[str, object], field: str
) -> None:
    day = timedelta(days=1)
    moments = {
        "before_submission": process.submission_start - day,
        "before_start": process.support_start - day if process.support_start else None,
        "before_submission_end": process.submission_end - day,
        "after_review_end": process.review_end + day,
    }
    for name, value in changes.items():
        setattr(process, name, moments.get(value, value) if isinstance(value, str) else value)
    problems = support_settings_problems(process)
    assert problems.get(field)
    with pytest.raises(IntegrityError), transaction.atomic():
        process.save()


def test_sound_support_settings_pass(process: Process) -> None:
    assert support_settings_problems(process) == {}
    process.full_clean()


def test_support_through_the_page(client: Client, project: Project, personas: Personas) -> None:
    supporter = verified_resident(personas.community)
    client.login(email=supporter.email, password=PASSWORD)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Підтримати проєкт" in page and "0</strong> з 3 потрібних підписів" in page
    url = f"/pb/{project.process.slug}/projects/{project.number}/support/"
    client.post(url)
    client.post(url)  # a double click counts once
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Ви підтримали цей проєкт" in page and project.supports.count() == 1
    client.post(url + "withdraw/")
    assert not project.supports.exists()


def test_paper_list_page(client: Client, project: Project, personas: Personas) -> None:
    client.login(email=personas.operator.email, password=PASSWORD)
    url = f"/pb/{project.process.slug}/projects/{project.number}/support/paper/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"identifier": ID_A, "birth_year": "1990"}).status_code == 302
    again = client.post(url, {"identifier": ID_A, "birth_year": "1990"})
    assert again.status_code == 400 and "вдруге не враховано" in again.content.decode()
    bad = client.post(url, {"identifier": ID_B, "birth_year": "١٩٩٠"})
    assert bad.status_code == 400
    assert project.supports.count() == 1
    client.logout()
    client.login(email=personas.resident.email, password=PASSWORD)
    assert client.get(url).status_code in (302, 404)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_supports_by_one_person_count_once(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    process = support_process(personas.community, "submission")
    project = submit(process, personas.resident)
    supporter = verified_resident(personas.community)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        barrier.wait()
        try:
            actions_support.support_project(supporter, project)
            outcomes.append("counted")
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["counted", "refused"]
    assert ProjectSupport.objects.filter(project=project).count() == 1


def test_reviewers_are_not_reminded_while_supporters_are_still_collected(
    process: Process, personas: Personas
) -> None:
    """Review of a process with supporters begins when collection ends, not submission."""
    from hromada.budgeting.notifications import overdue_projects

    submit(process, personas.resident)
    process.refresh_from_db()
    assert process.support_end is not None
    during = process.submission_end + timedelta(days=5)
    assert not overdue_projects(during, days=3).exists()
    assert overdue_projects(process.support_end + timedelta(days=4), days=3).exists()
