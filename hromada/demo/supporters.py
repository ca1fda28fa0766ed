"""Demo processes of the supporters and review stages: one collecting supporters now, one in
review with departments' conclusions, a revised project, a rejection for want of supporters
and an appeal waiting for the commission. Every row is written by the real actions; only the
dates are moved, as load_demo does for its own processes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db.models import F
from django.utils import timezone

from hromada.accounts.models import User
from hromada.budgeting import actions, actions_appeals, actions_review, actions_support
from hromada.budgeting.models import Process, Project, ProjectStatusChange, ReviewAssignment
from hromada.communities.models import Community, StaffRole
from hromada.core.identifiers import rnokpp_with_check_digit as rnokpp
from hromada.demo import content
from hromada.demo.timeline import dates_with_support

COLLECTING, IN_REVIEW = "vyshneva-pidtrymka-2027", "vyshneva-rozghliad-2027"
APPEALS_ACCOUNT = ("appeals@demo.hromada.localhost", "Ганна Бондар")
DEPARTMENT = "Управління благоустрою"

# title, description, cost in hryvnias, location, sub-budget index, online and paper supporters
COLLECTING_PROJECTS = [
    ("Дитяча бібліотечна кімната", "Кольорові стелажі, килимки й пуфи для читання "
     "вголос у районній бібліотеці; щосуботи — читання для малечі.", 140_000,
     "Бібліотека на Садовій", 0, 12, 4),
    ("Питні фонтанчики в парку", "Чотири антивандальні фонтанчики з питною водою "
     "вздовж головної алеї та біля дитячого майданчика.", 210_000, "Центральний парк", 0, 6, 3),
    ("Навчальний город при школі №2", "Теплиця, грядки-короби і крапельний полив, "
     "щоб учні вирощували овочі для шкільної їдальні.", 95_000, "Школа №2", 0, 3, 0),
    ("Оновлення стадіону в Малиновому", "Огорожа, освітлення поля і роздягальня для "
     "сільської футбольної команди та уроків фізкультури.", 1_300_000, "Малинове", 1, 0, 0),
]  # fmt: skip
# title, description, cost, location, sub-budget, supporters, what happens in review
REVIEW_PROJECTS = [
    ("Світлофор на Шкільній", "Кнопковий світлофор на переході до школи №3, де "
     "діти щоранку перетинають жваву вулицю.", 350_000, "Вулиця Шкільна", 0, 6, "admit"),
    ("Альтанки над ставком", "Три дерев'яні альтанки зі столиками над ставком у "
     "Грушівці для родинного відпочинку.", 260_000, "Грушівка, ставок", 0, 6, "appeal"),
    ("Зелена зупинка", "Зупинка з озелененим дахом, лавкою і розкладом руху на "
     "екрані, що живиться від сонячної панелі.", 180_000, "Вулиця Центральна", 0, 6, "revise"),
    ("Мотузковий парк", "Мотузковий парк для підлітків між соснами біля озера.",
     390_000, "Озеро", 0, 2, "short"),
    ("Пішохідний міст через річку", "Новий пішохідний міст замість аварійного між "
     "Калинівкою і Ожинівкою.", 2_300_000, "Калинівка — Ожинівка", 1, 7, "overdue"),
]  # fmt: skip


def load(community: Community, accounts: dict[str, User], voters: list[User]) -> None:
    """Create both demo processes once; on every load keep each in its phase."""
    commission = _appeals_member(community)
    StaffRole.objects.filter(
        user=accounts["reviewer"], community=community, role=StaffRole.Role.REVIEWER
    ).update(department=DEPARTMENT)
    if not Process.objects.filter(slug=COLLECTING).exists():
        _collecting(community, accounts, voters)
    if not Process.objects.filter(slug=IN_REVIEW).exists():
        _in_review(community, accounts, voters)
    for slug, phase in ((COLLECTING, "support"), (IN_REVIEW, "review")):
        process = Process.objects.get(slug=slug)
        if Process.timeline.current(process).key != phase:
            _move(process, phase)
    assert commission.pk


def _appeals_member(community: Community) -> User:
    email, name = APPEALS_ACCOUNT
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, content.DEMO_PASSWORD, full_name=name, community=community
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    StaffRole.objects.get_or_create(user=user, community=community, role=StaffRole.Role.APPEALS)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, content.DEMO_TOTP_SECRET)
    return user


def _create(community: Community, admin: User, slug: str, title: str, required: int) -> Process:
    small, large = 500_000, 2_500_000
    return actions.create_process(
        admin, community,
        [
            actions.SubBudgetSpec("Малі проєкти", small * 100, 400_000 * 100, "approval", 3),
            actions.SubBudgetSpec(
                "Великі проєкти", large * 100, large * 100, "knapsack", min_cost=400_001 * 100
            ),
        ],
        title=title, slug=slug, total_budget=(small + large) * 100,
        description="Проєкт має зібрати підтримку жителів, перш ніж його розглянуть "
        "профільні управління; відхилення можна оскаржити в апеляційній комісії.",
        supporters_required=required, review_days=10, appeal_days=5,
        **dates_with_support("submission"),
    )  # fmt: skip


def _submit(process: Process, author: User, row: tuple[Any, ...]) -> Project:
    title, text, cost, place, sb = row[:5]
    sub_budget = list(process.sub_budgets.all())[sb]
    return actions.submit_project(
        author, process, sub_budget_id=sub_budget.pk, title=title, description=text,
        cost=cost * 100, location=place,
    )  # fmt: skip


def _support(project: Project, operator: User, online: list[User], paper: int, seed: int) -> None:
    for voter in online:
        actions_support.support_project(voter, project)
    for n in range(paper):  # signatures of people without accounts, keyed in at the ЦНАП
        identifier = rnokpp(f"36{seed:02d}{n:05d}")
        actions_support.enter_paper_support(
            operator, project, identifier=identifier, birth_year=1960 + n
        )


def _collecting(community: Community, accounts: dict[str, User], voters: list[User]) -> None:
    process = _create(community, accounts["admin"], COLLECTING, "Бюджет участі 2027", 15)
    pool = voters[100:200]
    for i, row in enumerate(COLLECTING_PROJECTS):
        project = _submit(process, voters[60 + i], row)
        online, paper = row[5], row[6]
        _support(project, accounts["operator"], pool[i * 20 : i * 20 + online], paper, i)
    _move(process, "support")


def _in_review(community: Community, accounts: dict[str, User], voters: list[User]) -> None:
    process = _create(community, accounts["admin"], IN_REVIEW, "Бюджет участі 2027: розгляд", 5)
    authors = [accounts["resident"], voters[70], voters[71], voters[72], voters[73]]
    made = []
    for i, row in enumerate(REVIEW_PROJECTS):
        project = _submit(process, authors[i], row)
        _support(
            project, accounts["operator"], voters[120 + i * 10 : 120 + i * 10 + row[5]], 0, 50 + i
        )
        made.append((project, row[6]))
    _move(process, "review")
    actions_support.close_support_collection(process)  # the rope park is short of supporters
    for author, (project, fate) in zip(authors, made, strict=True):
        if fate != "short":
            _review(project, fate, accounts, author)


def _review(project: Project, fate: str, accounts: dict[str, User], author: User) -> None:
    reviewer = accounts["reviewer"]
    assignment = actions_review.assign_review(accounts["admin"], project, department=DEPARTMENT)
    if fate == "overdue":  # assigned two weeks ago and still without a conclusion
        earlier = timezone.now() - timedelta(days=14)
        ReviewAssignment.objects.filter(pk=assignment.pk).update(
            assigned_at=earlier, due_at=earlier + timedelta(days=10)
        )
        return
    recommendation = {"appeal": "reject", "revise": "return"}.get(fate, "admit")
    actions_review.write_conclusion(
        reviewer, assignment, feasibility="yes", legality="yes",
        land="unknown" if fate == "appeal" else "communal", recommendation=recommendation,
        ground="land" if fate == "appeal" else "", cost_estimate=project.cost,
        reason=_REASONS[fate],
    )  # fmt: skip
    if fate == "admit":
        actions.review_project(reviewer, project, decision="admit")
    elif fate == "revise":
        actions.review_project(reviewer, project, decision="return", comment=_REASONS[fate])
        actions.revise_project(
            author, project, title=project.title,
            description=f"{project.description} Додано кошторис з трьома пропозиціями.",
            cost=project.cost, location=project.location,
        )  # fmt: skip
    elif fate == "appeal":
        actions.review_project(
            reviewer, project, decision="reject", comment=_REASONS[fate], ground="land"
        )
        actions_appeals.appeal_rejection(
            author, project,
            text="Берег ставка в межах села передано громаді рішенням ради минулого року; "
            "витяг з реєстру додаю до звернення в ЦНАП.",
        )  # fmt: skip


_REASONS = {
    "admit": "Перехід на балансі громади, кошторис відповідає цінам підрядників.",
    "appeal": "Власника земельної ділянки під альтанками в реєстрі не визначено.",
    "revise": "Додайте кошторис: без нього вартість не перевірити.",
}


def _move(process: Process, phase: str) -> None:
    """Shift a process and everything dated in it into `phase`."""
    dates = dates_with_support(phase)
    shift = dates["submission_start"] - process.submission_start
    Process.objects.filter(pk=process.pk).update(**dates)
    ProjectStatusChange.objects.filter(project__process=process).update(at=F("at") + shift)
    process.projects.update(submitted_at=F("submitted_at") + shift)
    process.refresh_from_db()
