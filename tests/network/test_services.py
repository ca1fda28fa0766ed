"""Services case by case: the catalogue, a request, the hub's decision, documents requested,
uploaded and checked off, meetings, notes, closing and the survey; the working group; privacy."""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.test import Client
from django.utils import timezone

from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from hromada.events import actions as events
from hromada.network import actions_services as services
from hromada.network.models_services import CaseStatus, Service, ServiceCase
from hromada.network.selectors_services import visible_cases
from tests.events.conftest import dates
from tests.factories import UserFactory
from tests.network.conftest import World, network_person, pdf

pytestmark = pytest.mark.django_db


def catalogue(world: World) -> tuple[Service, Service]:
    members_only = services.save_service(
        world.team,
        world.network,
        services.ServiceData(
            "Повний супровід бюджету участі",
            "Рік поруч із командою громади.",
            themes=["projects", "finance"],
        ),
    )
    anyone = services.save_service(
        world.team,
        world.network,
        services.ServiceData("Консультація", "Година з експертом.", audience="any"),
    )
    return members_only, anyone


def case_in(world: World, status: str, service: Service | None = None) -> ServiceCase:
    """A case of `world.community` brought to `status` by the real actions."""
    service = service or catalogue(world)[0]
    case = services.request_service(world.applicant, service, world.community, "Допоможіть.")
    if status == "requested":
        return case
    if status == "declined":
        return services.decide_case(world.board, case, accept=False, reason="Немає експертів.")
    case = services.decide_case(world.board, case, accept=True, expert=world.expert)
    if status == "accepted":
        return case
    case = services.save_plan(world.expert, case, "1. Аудит положення.", start=True)
    if status == "in_progress":
        return case
    return services.close_case(world.expert, case, "Нове положення ухвалено.")


def test_a_case_from_request_to_survey(world: World) -> None:
    service, _anyone = catalogue(world)
    case = services.request_service(world.applicant, service, world.community, "Супровід ПБ.")
    assert case.status == CaseStatus.REQUESTED
    services.decide_case(world.board, case, accept=True, reason="Підходить.", expert=world.expert)
    services.save_plan(world.expert, case, "Аудит, навчання, голосування.", start=True)
    wanted = services.request_document(world.expert, case, "Положення про бюджет участі")
    with pytest.raises(ActionRefused, match="ще не завантажила"):
        services.check_document(world.expert, wanted)
    services.upload_document(world.applicant, wanted, pdf("polozhennia.pdf"))
    services.check_document(world.expert, wanted)
    with pytest.raises(ActionRefused, match="уже перевірено"):
        services.upload_document(world.applicant, wanted, pdf())
    services.add_meeting(world.expert, case, starts_at=timezone.now(), place="Сільрада, зала 2")
    services.add_note(world.applicant, case, "Зібрали робочу групу.")
    case = services.close_case(world.expert, case, "Положення оновлено.")
    with pytest.raises(ActionRefused, match="від 1 до 5"):
        services.answer_survey(world.applicant, case, 6)
    services.answer_survey(world.applicant, case, 5, "Дуже допомогло.")
    with pytest.raises(ActionRefused, match="вже заповнила"):
        services.answer_survey(world.applicant, case, 4)
    case.refresh_from_db()
    assert (case.status, case.survey_rating, case.expert) == ("closed", 5, world.expert)
    logged = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"network.service_requested", "network.case_document_checked"} <= logged


def test_members_only_services_refuse_outsiders(world: World) -> None:
    members_only, anyone = catalogue(world)
    with pytest.raises(ActionRefused, match="лише громадам-членам"):
        services.request_service(world.outsider_admin, members_only, world.outsider, "Будь ласка.")
    assert services.request_service(world.outsider_admin, anyone, world.outsider, "Будь ласка.")


def test_a_declined_request_needs_a_reason_and_an_accepted_one_an_expert(world: World) -> None:
    case = case_in(world, "requested")
    with pytest.raises(ActionRefused, match="чому звернення відхилено"):
        services.decide_case(world.board, case, accept=False, reason="  ")
    with pytest.raises(ActionRefused, match="експерта цієї мережі"):
        services.decide_case(world.board, case, accept=True, expert=world.team)
    services.decide_case(world.board, case, accept=False, reason="Не наш профіль.")
    with pytest.raises(ActionRefused, match="має стан"):
        services.decide_case(world.board, case, accept=True, expert=world.expert)


def test_starting_needs_a_plan(world: World) -> None:
    case = case_in(world, "accepted")
    with pytest.raises(ActionRefused, match="план"):
        services.save_plan(world.expert, case, "", start=True)


def test_a_meeting_links_an_event_or_names_a_place(world: World) -> None:
    case = case_in(world, "in_progress")
    with pytest.raises(ActionRefused, match="місце"):
        services.add_meeting(world.expert, case, starts_at=timezone.now())
    with pytest.raises(ActionRefused, match="Події з такою адресою"):
        services.add_meeting(world.expert, case, starts_at=timezone.now(), event_slug="nope")


# --- privacy --------------------------------------------------------------------------------


def test_a_communitys_staff_never_see_another_communitys_case(world: World) -> None:
    mine = case_in(world, "in_progress")
    theirs = services.request_service(
        world.other_admin, mine.service, world.other, "Нам теж потрібно."
    )
    assert rules.has_perm("network.view_case", world.applicant, mine)
    assert not rules.has_perm("network.view_case", world.applicant, theirs)
    assert not rules.has_perm("network.view_case", world.other_admin, mine)
    assert list(visible_cases(world.other_admin, world.network)) == [theirs]
    client = Client()
    client.force_login(world.other_admin)
    assert client.get(f"/network/cases/{mine.pk}/").status_code == 404
    listing = client.get(f"/network/{world.network.slug}/cases/").content.decode()
    assert f"/network/cases/{theirs.pk}/" in listing and f"/network/cases/{mine.pk}/" not in listing


def test_an_expert_sees_only_assigned_cases(world: World) -> None:
    mine = case_in(world, "accepted")
    second_expert = network_person(world.network, "expert", "expert2@example.org")
    theirs = services.request_service(world.other_admin, mine.service, world.other, "Нам теж.")
    services.decide_case(world.board, theirs, accept=True, expert=second_expert)
    assert list(visible_cases(world.expert, world.network)) == [mine]
    assert not rules.has_perm("network.view_case", world.expert, theirs)
    with pytest.raises(ActionRefused):
        services.request_document(world.expert, theirs, "Бюджет")
    assert set(visible_cases(world.board, world.network)) == {mine, theirs}


def test_the_working_group_sees_its_cases(world: World) -> None:
    case = case_in(world, "in_progress")
    resident = UserFactory.create(email="olha@example.org")
    services.add_working_group_member(
        world.applicant, world.network, world.community, name="Ольга", role="секретарка"
    )
    member = services.add_working_group_member(
        world.applicant,
        world.network,
        world.community,
        name="Ольга Коваль",
        role="голова робочої групи",
        email="OLHA@example.org",
    )
    assert member.user == resident
    assert rules.has_perm("network.view_case", resident, case)
    assert not rules.has_perm("network.upload_case_document", resident, case)
    assert list(visible_cases(resident, world.network)) == [case]
    with pytest.raises(ActionRefused):
        services.add_working_group_member(
            world.other_admin, world.network, world.community, name="Чужий", role="—"
        )
    services.remove_working_group_member(world.applicant, member)
    assert not rules.has_perm("network.view_case", resident, case)


def test_a_case_document_is_served_only_to_who_sees_the_case(world: World) -> None:
    case = case_in(world, "in_progress")
    document = services.request_document(world.expert, case, "Кошторис")
    services.upload_document(world.applicant, document, pdf())
    document.refresh_from_db()
    url = f"/network/cases/documents/{document.token}/"
    for user, status in ((world.expert, 200), (world.applicant, 200), (world.other_admin, 404)):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_the_catalogue_is_the_hubs_to_edit(world: World) -> None:
    with pytest.raises(ActionRefused):
        services.save_service(world.expert, world.network, services.ServiceData("Тренінг"))
    with pytest.raises(ActionRefused, match="тема"):
        services.save_service(
            world.team, world.network, services.ServiceData("Тренінг", themes=["nope"])
        )


# --- the pages ------------------------------------------------------------------------------


def _post(user: Any, path: str, data: dict[str, Any]) -> Any:
    client = Client()
    client.force_login(user)
    return client.post(path, data, follow=True)


def test_the_flow_through_the_pages(world: World) -> None:
    service, _anyone = catalogue(world)
    slug = world.network.slug
    response = _post(
        world.applicant,
        f"/network/{slug}/services/{service.pk}/request/",
        {"community": world.community.pk, "request_text": "Потрібен супровід."},
    )
    case = ServiceCase.objects.get()
    assert response.redirect_chain[-1][0] == f"/network/cases/{case.pk}/"
    step = f"/network/cases/{case.pk}/"
    _post(world.board, step + "decide/", {"decision": "accept", "expert": world.expert.pk})
    _post(world.expert, step + "plan/", {"plan": "Аудит.", "start": "1"})
    _post(world.expert, step + "request_document/", {"title": "Рішення ради", "note": ""})
    document = case.documents.get()
    client = Client()
    client.force_login(world.applicant)
    client.post(step + "upload/", {"document": document.pk, "file": pdf()})
    page = _post(world.expert, step + "check/", {"document": document.pk})
    assert "Документ позначено як перевірений." in page.content.decode()
    refused = _post(world.other_admin, step + "note/", {"text": "Чуже."})
    assert refused.status_code == 404
    document.refresh_from_db()
    case.refresh_from_db()
    assert case.status == "in_progress" and document.checked_by == world.expert


def test_pages_refuse_bad_input_with_a_message(world: World) -> None:
    case = case_in(world, "in_progress")
    page = _post(
        world.expert,
        f"/network/cases/{case.pk}/meeting/",
        {"starts_at": "२०२६-01-01T10:00", "place": "\x00"},
    )
    assert page.status_code == 200 and case.meetings.count() == 0
    page = _post(world.expert, f"/network/cases/{case.pk}/nonsense/", {})
    assert page.status_code == 404


def test_catalogue_queries(world: World, django_assert_max_num_queries: Any) -> None:
    catalogue(world)
    for n in range(5):
        services.save_service(world.team, world.network, services.ServiceData(f"Послуга {n}"))
    with django_assert_max_num_queries(6):
        assert Client().get(f"/network/{world.network.slug}/services/").status_code == 200


def test_case_page_queries(world: World, django_assert_max_num_queries: Any) -> None:
    case = case_in(world, "in_progress")
    for n in range(4):
        document = services.request_document(world.expert, case, f"Документ {n}")
        services.upload_document(world.applicant, document, pdf())
        services.add_note(world.expert, case, f"Нотатка {n}")
        services.add_meeting(world.expert, case, starts_at=timezone.now(), place=f"Зала {n}")
    client = Client()
    client.force_login(world.expert)
    with django_assert_max_num_queries(40):
        assert client.get(f"/network/cases/{case.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/network/{world.network.slug}/cases/").status_code == 200
    for n in range(5):
        services.add_working_group_member(
            world.applicant, world.network, world.community, name=f"Особа {n}", role="член"
        )
    client.force_login(world.applicant)
    with django_assert_max_num_queries(20):
        page = client.get(f"/network/{world.network.slug}/working-group/{world.community.slug}/")
        assert page.status_code == 200


def test_the_staff_dashboard_lists_the_communitys_cases(world: World) -> None:
    mine = case_in(world, "requested")
    theirs = services.request_service(world.other_admin, mine.service, world.other, "Нам теж.")
    client = Client()
    client.force_login(world.applicant)
    page = client.get("/staff/").content.decode()
    assert f"/network/cases/{mine.pk}/" in page and f"/network/cases/{theirs.pk}/" not in page
    assert f"/network/{world.network.slug}/services/" in page


def test_a_meeting_may_be_an_event_of_the_events_app(world: World) -> None:
    seminar = events.create_event(
        world.applicant,
        world.community,
        slug="seminar-pb",
        title="Семінар про бюджет участі",
        kind="seminar",
        format="venue",
        venue="Полтава, вул. Соборна 1",
        capacity=20,
        consent_purpose="Щоб організувати семінар.",
        **dates("registration"),
    )
    case = case_in(world, "in_progress")
    meeting = services.add_meeting(
        world.expert, case, starts_at=seminar.starts_at, event_slug="seminar-pb"
    )
    assert meeting.event == seminar and meeting.place == ""
    client = Client()
    client.force_login(world.applicant)
    page = client.get(f"/network/cases/{case.pk}/").content.decode()
    assert f'href="{seminar.get_absolute_url()}"' in page and seminar.title in page
