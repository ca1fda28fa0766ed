"""The demo network: an association of participating communities with members in Ukraine and
abroad, a contest in jury review (three jurors, one with a declared conflict) and a finished
contest with five winners. Every name and sentence is invented for the demo.

Built through the network's own actions; only the contests' dates are moved between steps, as
time would move them (`_move`)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from hromada.accounts.models import User
from hromada.communities.models import Community, StaffRole
from hromada.demo import content
from hromada.demo.network_services import load_services
from hromada.network import actions, actions_contests, actions_maturity
from hromada.network.maturity_starter import install_starter_framework
from hromada.network.models import Network, NetworkRole
from hromada.network.models_contests import Application, Contest
from hromada.network.models_maturity import Assessment, Indicator

SLUG = "spilna-sprava"

# name, slug, oblast, kind, size band, population, oblast centre
COMMUNITIES = [
    ("Вербівська сільська громада", "verbivska", "Полтавська", "village", "small", 6200, False),
    ("Калинівська селищна громада", "kalynivska", "Черкаська", "town", "small", 8900, False),
    ("Березнівська міська громада", "bereznivska", "Житомирська", "city", "medium", 23400, False),
    ("Ясенівська міська громада", "yasenivska", "Львівська", "city", "medium", 31800, False),
    ("Дубівська сільська громада", "dubivska", "Волинська", "village", "small", 4700, False),
    ("Соснівська селищна громада", "sosnivska", "Київська", "town", "medium", 14100, False),
    ("Кленівська сільська громада", "klenivska", "Вінницька", "village", "small", 5300, False),
    ("Надрічненська міська громада", "nadrichnenska", "Сумська", "city", "large", 212000, True),
]
# name, country, region: members that are not on the platform
OFF_PLATFORM = [
    ("Ліщинська сільська громада", "UA", "Чернігівська", ""),
    ("Gmina Brzozowa", "PL", "", "Podkarpackie"),
    ("Obec Lipová Dolina", "SK", "", "Prešovský kraj"),
    ("Comuna Stejarii Noi", "MD", "", "Raionul Orhei"),
]
# email, full name, role in the network
PEOPLE = [
    ("board@demo.hromada.localhost", "Наталія Бондар", "board", "голова правління"),
    ("network@demo.hromada.localhost", "Андрій Мельник", "staff", "координатор програм"),
    ("juror1@demo.hromada.localhost", "Оксана Ткач", "expert", "експертка з бюджетів участі"),
    ("juror2@demo.hromada.localhost", "Віктор Данилюк", "expert", "експерт з фінансів громад"),
    ("juror3@demo.hromada.localhost", "Людмила Савчук", "expert", "експертка з е-демократії"),
]
CRITERIA = [
    ("Готовність ради й виконкому", 3, 10),
    ("Команда", 2, 10),
    ("Залучення мешканців", 1, 5),
]
QUESTIONS = [
    "Чому громаді потрібен супровід саме зараз?",
    "Хто увійде до робочої групи (посади)?",
]


def _user(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, content.DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, content.DEMO_TOTP_SECRET)  # the demo's public secret
    return user


def _dates(phase: str) -> dict[str, dt.datetime]:
    days = {"open": (-5, 20, 40, 50), "review": (-30, -3, 12, 20), "selection": (-40, -20, -1, 5)}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    fields = ("opens_at", "closes_at", "review_ends_at", "announce_at")
    return {f: now + timedelta(days=d) for f, d in zip(fields, days[phase], strict=True)}


def _move(contest: Contest, phase: str) -> None:
    Contest.objects.filter(pk=contest.pk).update(**_dates(phase))
    contest.refresh_from_db()


def load_network(home: Community) -> None:
    """Idempotent: nothing happens once the demo network exists."""
    if Network.objects.filter(slug=SLUG).exists():
        return
    network = Network.objects.create(
        name="Асоціація громад участі «Спільна справа»",
        slug=SLUG,
        kind=Network.Kind.ASSOCIATION,
        description=(
            "Об'єднуємо громади, які залучають мешканців до рішень: ділимося практиками, "
            "навчаємо команди й супроводжуємо бюджети участі від положення до звіту.\n\n"
            "Серед партнерів — громади Польщі, Словаччини й Молдови."
        ),
    )
    people = {}
    for email, name, role, title in PEOPLE:
        people[email.split("@")[0]] = _user(email, name)
        NetworkRole.objects.create(
            network=network, user=people[email.split("@")[0]], role=role, title=title
        )
    joined = dt.date(2023, 3, 1)
    actions.add_member_record(network, community=home, name=home.name, starts_on=joined)
    admins: dict[str, tuple[Community, User]] = {}
    for name, slug, oblast, kind, band, population, centre in COMMUNITIES:
        community, _new = Community.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "oblast": oblast,
                "kind": kind,
                "size_band": band,
                "population": population,
            },
        )
        admin = _user(f"admin-{slug}@demo.hromada.localhost", f"Адміністратор {name.split()[0]}")
        StaffRole.objects.get_or_create(user=admin, community=community, role=StaffRole.Role.ADMIN)
        actions.add_member_record(
            network, community=community, name=name, starts_on=joined, is_oblast_centre=centre
        )
        admins[slug] = (community, admin)
    for name, country, oblast, region in OFF_PLATFORM:
        actions.add_member_record(
            network, community=None, name=name, country=country, oblast=oblast, region=region,
            starts_on=dt.date(2024, 9, 1),
        )  # fmt: skip
    _finished_contest(network, people, admins)
    _running_contest(network, people, admins)
    _maturity(network, people, admins)
    load_services(network, people, admins)


def _contest(network: Network, staff: User, slug: str, title: str, text: str) -> Contest:
    return actions_contests.create_contest(
        staff, network, questions=QUESTIONS, documents=["Рішення виконкому про участь"],
        criteria=CRITERIA, slug=slug, title=title, text=text, blind_review=False,
        winners_count=5, size_bands=["small", "medium"], exclude_oblast_centres=True,
        max_per_oblast=0, **_dates("open"),
    )  # fmt: skip


def _apply(
    contest: Contest, applicant: tuple[Community, User], answers: tuple[str, str]
) -> Application:
    community, admin = applicant
    questions = list(contest.questions.all())
    application = actions_contests.save_application(
        admin, contest, community, {str(q.pk): a for q, a in zip(questions, answers, strict=True)}
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("rishennia.pdf", b"%PDF-1.4\n% demo\n%%EOF\n", "application/pdf")
    actions_contests.attach_application_document(
        admin, application, contest.required_documents.get(), pdf
    )
    return actions_contests.submit_application(admin, application)


ANSWERS = [
    (
        "Рада ухвалила положення про бюджет участі, але бракує досвіду провести перший цикл.",
        "Заступниця голови, фінансистка, двоє старост, представниця молодіжної ради.",
    ),
    (
        "Торік голосування зібрало лише 2% мешканців; хочемо дійти до сіл.",
        "Секретар ради, працівниця ЦНАП, директор бібліотеки.",
    ),
    (
        "Громада прийняла переселенців і хоче залучити їх до рішень.",
        "Начальник фінвідділу, координаторка ВПО, двоє депутатів.",
    ),
    (
        "Маємо електронне голосування, але немає процедури перевірки проєктів.",
        "Керівник відділу розвитку, юристка, архітектор.",
    ),
    (
        "Хочемо запустити шкільний бюджет участі разом із загальним.",
        "Начальниця відділу освіти, двоє директорів шкіл, заступник голови.",
    ),
    (
        "Громада невелика, бюджет скромний — шукаємо дешевий і чесний формат.",
        "Голова громади, бухгалтерка, староста.",
    ),
    (
        "Плануємо окремий бюджет для старостинських округів.",
        "Старости трьох округів, фінансистка, спеціаліст з комунікацій.",
    ),
]


def _score(
    contest: Contest, jurors: list[User], applications: list[Application], seed: int
) -> None:
    criteria = list(contest.criteria.all())
    for j, juror in enumerate(jurors):
        for i, application in enumerate(applications):
            if juror.pk in _conflicted(contest, juror, application):
                continue
            # Varied but reproducible scores: a little lower down the list, jurors differ.
            spread = (i * 2 + j * 3 + seed) % 5
            scores = {c.pk: max(0, c.max_score - spread - k) for k, c in enumerate(criteria)}
            actions_contests.score_application(
                juror, application, scores, comment="Чітка мотивація; варто конкретизувати план."
            )


def _conflicted(contest: Contest, juror: User, application: Application) -> set[int]:
    from hromada.network.rules import is_conflicted

    return {juror.pk} if is_conflicted(juror, application) else set()


def _finished_contest(network: Network, people: dict[str, Any], admins: dict[str, Any]) -> None:
    contest = _contest(
        network, people["network"], "suprovid-2026", "Повний супровід бюджету участі 2026",
        "Правління обирає п'ять громад (не обласних центрів), яким експерти асоціації "
        "допоможуть провести бюджет участі від положення до звіту про реалізацію.",
    )  # fmt: skip
    applications = [
        _apply(contest, admins[slug], ANSWERS[i]) for i, slug in enumerate(list(admins)[:7])
    ]
    jurors = [people["juror1"], people["juror2"], people["juror3"]]
    for juror in jurors:
        actions_contests.appoint_juror(people["network"], contest, juror)
    _move(contest, "review")
    for juror in jurors:
        actions_contests.declare_conflicts(juror, contest, [])
    _score(contest, jurors, applications, seed=1)
    _move(contest, "selection")
    from hromada.network.selectors import contest_ranking

    top = [row.application for row in contest_ranking(contest).rows[:5]]
    actions_contests.select_winners(
        people["board"], contest, top,
        "Обрано п'ять громад з найвищою медіаною оцінок журі; у кожної є робоча група й "
        "рішення виконкому, тож супровід почнеться без затримок.",
    )  # fmt: skip
    actions_contests.announce_results(people["board"], contest)


def _running_contest(network: Network, people: dict[str, Any], admins: dict[str, Any]) -> None:
    contest = _contest(
        network, people["network"], "suprovid-2027", "Повний супровід бюджету участі 2027",
        "Другий набір: п'ять громад до 50 тисяч мешканців отримають консультації, навчання "
        "команди й експертний супровід першого циклу бюджету участі.",
    )  # fmt: skip
    slugs = ["verbivska", "kalynivska", "dubivska", "sosnivska", "klenivska"]
    applications = [_apply(contest, admins[slug], ANSWERS[i]) for i, slug in enumerate(slugs)]
    jurors = [people["juror1"], people["juror2"], people["juror3"]]
    for juror in jurors:
        actions_contests.appoint_juror(people["network"], contest, juror)
    _move(contest, "review")
    actions_contests.declare_conflicts(jurors[0], contest, [])
    actions_contests.declare_conflicts(jurors[1], contest, [])
    # The third juror used to work in Вербівська's council: a declared conflict.
    actions_contests.declare_conflicts(
        jurors[2], contest, [admins["verbivska"][0]], "Працювала у виконкомі громади до 2024 року."
    )
    _score(contest, jurors[:2], applications[:3], seed=2)
    _score(contest, jurors[2:], applications[:4], seed=3)


# community slug: the level of each indicator as a share of its scale, per round (a year apart)
MATURITY = {
    "verbivska": [0.3, 0.7],
    "kalynivska": [0.4, 0.6],
    "dubivska": [0.5],
    "klenivska": [0.2],
}


def _round(network: Network, expert: User, applicant: tuple[Community, User], share: float,
           days_ago: int) -> None:  # fmt: skip
    community, admin = applicant
    indicators = list(Indicator.objects.filter(network=network))
    assessment = actions_maturity.start_assessment(admin, network, community)
    # Weak themes differ by community, so the recommendations do too.
    levels = {
        i.pk: min(i.max_level, round(i.max_level * share + (k % 3 == 0) - (k % 4 == 0)))
        for k, i in enumerate(indicators)
    }
    levels = {pk: max(0, level) for pk, level in levels.items()}
    evidence = {i.pk: "Рішення ради та звіт на сайті громади" for i in indicators}
    actions_maturity.save_self_assessment(admin, assessment, levels, evidence, submit=True)
    adjusted = {pk: max(0, level - 1) if pk % 5 == 0 else level for pk, level in levels.items()}
    comments = {pk: "Підтвердження стосується лише одного села." for pk in levels if pk % 5 == 0}
    comments = {pk: c for pk, c in comments.items() if adjusted[pk] != levels[pk]}
    actions_maturity.validate_assessment(
        expert, assessment, adjusted, comments,
        "Громада має сильну команду; варто закріпити процедури рішеннями ради.",
    )  # fmt: skip
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )


def _maturity(network: Network, people: dict[str, Any], admins: dict[str, Any]) -> None:
    install_starter_framework(network)
    for slug, shares in MATURITY.items():
        for index, share in enumerate(shares):
            days_ago = 365 * (len(shares) - 1 - index) + 10
            _round(network, people["juror1"], admins[slug], share, days_ago)
