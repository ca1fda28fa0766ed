"""Demo paper ballots: the community's service points and ballots keyed in at them.

Written by us for the demo. The ballots go through the same action an operator uses, so the
one-person-one-ballot rule is exercised: people who already voted online are not entered.
"""

from __future__ import annotations

import random

from hromada.accounts.models import User
from hromada.budgeting import actions_paper, actions_paper_double
from hromada.budgeting.models import Participation, Process, Project
from hromada.budgeting.models_paper import ServicePoint
from hromada.communities.models import Community
from hromada.core.identifiers import rnokpp_with_check_digit as rnokpp
from hromada.demo import double_entry

# name, kind, settlement (by name), address
SERVICE_POINTS = [
    ("ЦНАП Вишневого", ServicePoint.Kind.CNAP, "Вишневе", "вул. Соборна, 12"),
    ("Бібліотека в Калинівці", ServicePoint.Kind.LIBRARY, "Калинівка", "вул. Шкільна, 3"),
    ("Старостат у Грушівці", ServicePoint.Kind.STAROSTA, "Грушівка", "вул. Миру, 1"),
    ("Ожинівська гімназія", ServicePoint.Kind.SCHOOL, "Ожинівка", "вул. Садова, 8"),
]


def service_points(community: Community, admin: User) -> list[ServicePoint]:
    points = []
    for name, kind, settlement, address in SERVICE_POINTS:
        point = ServicePoint.objects.filter(community=community, name=name).first()
        if point is None:
            village = community.settlements.filter(name=settlement).first()
            point = actions_paper.create_service_point(
                admin, community, name=name, kind=kind, address=address,
                settlement_id=village.pk if village else None,
            )  # fmt: skip
        points.append(point)
    return points


def enter_ballots(
    process: Process,
    operator: User,
    points: list[ServicePoint],
    *,
    prefix: str,
    count: int,
    second: User | None = None,
) -> None:
    """`count` paper ballots from people without an account (identifiers `prefix`nnnnnnn),
    spread over the points, unless this process already has paper ballots. Under double entry
    `second` keys each in again (double_entry.py)."""
    if (
        process.paper_entries.exists()
        or Participation.objects.filter(process=process, channel="paper").exists()
    ):
        return
    rng = random.Random(f"paper-{process.slug}")  # noqa: S311 -- the same demo every time
    groups = []
    for sub_budget in process.sub_budgets.all():
        admitted = list(sub_budget.projects.filter(status=Project.Status.ADMITTED))
        groups.append((sub_budget, admitted))
    for i in range(count):
        choices: dict[int, list[int]] = {}
        for sub_budget, admitted in groups:
            picks: list[Project] = []
            for project in rng.sample(admitted, k=min(2, len(admitted))):
                within = sum(p.cost for p in picks) + project.cost <= sub_budget.amount
                if within and len(picks) < (sub_budget.max_choices or 99):
                    picks.append(project)
            choices[sub_budget.pk] = [p.pk for p in picks[:1]] if i % 3 else [p.pk for p in picks]
        point_id, identifier, year = (
            points[i % len(points)].pk,
            rnokpp(f"{prefix}{i:07d}"),
            1940 + i % 60,
        )
        actions_paper_double.key_in(
            operator, process, point_id=point_id, identifier=identifier, birth_year=year,
            choices=choices,
        )  # fmt: skip
        if process.paper_double_entry and second is not None:
            double_entry.second_entry(
                process, second, i, point_id=point_id, identifier=identifier, birth_year=year,
                choices=choices,
            )  # fmt: skip
