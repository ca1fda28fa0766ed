"""Demo events of the Vyshneva community, built through the events app's own actions: an
upcoming online conference with a full waiting list, a past regional seminar whose attendees
hold certificates, and a series of district forums feeding a city forum with a practices fair.
Every text here is invented for the demo."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from hromada.communities.models import Community
from hromada.events import actions, actions_checkin
from hromada.events import actions_registration as registrations
from hromada.events.models import Event, Question
from hromada.practices.models import Practice

CONSENT = (
    "Вишнева міська рада обробляє ваше ім'я, пошту та відповіді, щоб провести подію, "
    "надіслати нагадування, матеріали і сертифікат. Дані видаляємо через рік після події."
)


def _dates(start_in_days: float, hours: int = 6) -> dict[str, Any]:
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(
        days=start_in_days
    )
    return {
        "registration_opens": starts - timedelta(days=30),
        "registration_closes": starts - timedelta(hours=2),
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
    }


def _shift(event: Event, start_in_days: float) -> Event:
    Event.objects.filter(pk=event.pk).update(**_dates(start_in_days))
    event.refresh_from_db()
    return event


def _register(event: Event, people: list[Any], colleagues: int = 0) -> None:
    for index, person in enumerate(people):
        data = registrations.RegistrationData(
            full_name=person.full_name or person.email.split("@")[0],
            email=person.email,
            consent=True,
            answers={},
            colleagues=[(f"Колега {index + 1}-{n + 1}", "") for n in range(colleagues)],
        )
        registrations.register(person, event, data)


def load_events(community: Community, admin: Any, operator: Any, people: list[Any]) -> None:
    if Event.objects.filter(slug="vyshneva-conference").exists():
        return
    conference(community, admin, people[:14])
    seminar(community, admin, operator, people[14:30])
    forums(community, admin)


def conference(community: Community, admin: Any, people: list[Any]) -> None:
    event = actions.create_event(
        admin,
        community,
        slug="vyshneva-conference",
        title="Онлайн-конференція «Громада, що вирішує разом»",
        kind=Event.Kind.CONFERENCE,
        format=Event.Format.ONLINE,
        description=(
            "Дві сесії про те, як громади залучають мешканців до бюджету: підсумки голосування "
            "2026 року, досвід сусідніх громад і відкрита розмова з депутатами."
        ),
        organisers="Вишнева міська рада",
        partners="Асоціація громад «Разом»",
        audience="мешканці, працівники громад, громадські організації",
        online_url="https://meet.example.org/vyshneva-2026",
        online_access_code="482913",
        capacity=10,
        offer_hours=12,
        consent_purpose=CONSENT,
        reminder_hours=[168, 24, 1],
        **_dates(12, hours=3),
    )
    actions.add_question(
        admin,
        event,
        actions.QuestionData(
            "Яку громаду ви представляєте?", Question.Kind.COMMUNITY, required=True, exported=True
        ),
    )
    actions.add_question(
        admin,
        event,
        actions.QuestionData(
            "Ваша роль",
            Question.Kind.CHOICE,
            choices=["мешканець", "працівник ради", "ГО"],
            exported=True,
        ),
    )
    start = event.starts_at
    actions.add_session(
        admin,
        event,
        title="Бюджет участі 2026: що вийшло",
        starts_at=start,
        ends_at=start + timedelta(minutes=80),
        speakers="Ірина Шевчук",
    )
    actions.add_session(
        admin,
        event,
        title="Сусіди діляться досвідом",
        starts_at=start + timedelta(minutes=100),
        ends_at=start + timedelta(hours=3),
        speakers="Представники трьох громад",
    )
    where = event.questions.get(kind=Question.Kind.COMMUNITY)
    for person in people:
        data = registrations.RegistrationData(
            full_name=person.full_name,
            email=person.email,
            consent=True,
            answers={str(where.pk): "Вишнева"},
        )
        registrations.register(person, event, data)


def seminar(community: Community, admin: Any, operator: Any, people: list[Any]) -> None:
    event = actions.create_event(
        admin,
        community,
        slug="regional-seminar-services",
        title="Регіональний семінар «Адміністративні послуги поруч із людьми»",
        kind=Event.Kind.SEMINAR,
        format=Event.Format.VENUE,
        description="Обмін досвідом між ЦНАПами громад області: черги, виїзні послуги, "
        "зворотний зв'язок від відвідувачів.",
        organisers="Вишнева міська рада",
        venue="Вишневе, ЦНАП, вул. Садова 12, зала 2",
        audience="працівники громад",
        capacity=30,
        consent_purpose=CONSENT,
        **_dates(5, hours=7),
    )
    _register(event, people)
    _shift(event, -0.1)  # running: people come in at the door
    for registration in event.registrations.filter(status="confirmed")[: len(people) - 3]:
        for attendee in registration.attendees.all():
            actions_checkin.check_in(operator, event, attendee.code)
    _shift(event, -20)
    actions.publish_materials(
        admin,
        event,
        materials="Презентації доповідачів і підсумкова "
        "таблиця пропозицій — у спільній теці учасників.",
        recording_url="",
        public=True,
    )
    actions_checkin.issue_certificates(admin, event)


def forums(community: Community, admin: Any) -> None:
    city = actions.create_event(
        admin,
        community,
        slug="vyshneva-city-forum",
        title="Міський форум «Вишневе-2030»",
        kind=Event.Kind.FORUM,
        format=Event.Format.VENUE,
        description="Підсумковий форум: пропозиції районних форумів стають порядком денним "
        "стратегії розвитку міста. Поруч — ярмарок практик громадських організацій.",
        organisers="Вишнева міська рада",
        venue="Вишневе, Палац культури",
        capacity=200,
        consent_purpose=CONSENT,
        **_dates(30),
    )
    practice_ids = list(
        Practice.objects.filter(status=Practice.Status.PUBLISHED).values_list("pk", flat=True)[:4]
    )
    actions.add_exhibitor(
        admin,
        city,
        organisation="ГО «Зелений квартал»",
        stand="А1",
        description="Толока і громадські городи у дворах.",
        practice_ids=practice_ids[:2],
    )
    actions.add_exhibitor(
        admin,
        city,
        organisation="Молодіжна рада Вишневого",
        stand="А2",
        description="Шкільний бюджет участі і молодіжні простори.",
        practice_ids=practice_ids[2:],
    )
    districts = [("Центральний", -10), ("Садовий", -6), ("Залізничний", 8)]
    for number, (name, days) in enumerate(districts, start=1):
        forum = actions.create_event(
            admin,
            community,
            slug=f"forum-district-{number}",
            title=f"Форум району {name}",
            kind=Event.Kind.FORUM,
            format=Event.Format.VENUE,
            description="Міні-тренінги, майстерня зі стратегії і голосування за пріоритети району.",
            organisers="Вишнева міська рада",
            venue=f"Вишневе, район {name}, школа №{number}",
            capacity=60,
            consent_purpose=CONSENT,
            parent=city,
            **_dates(max(days, 1)),
        )
        if days < 0:
            _shift(forum, days)
            first = actions.record_output(
                admin,
                forum,
                kind="priority",
                text=f"Безпечні переходи біля шкіл району {name}",
                proposed_by="Батьківський комітет",
            )
            actions.record_output(
                admin,
                forum,
                kind="proposal",
                text="Продовжити роботу бібліотеки до 20:00",
                proposed_by="Мешканці вулиці Лісової",
            )
            actions.forward_output(admin, first)
