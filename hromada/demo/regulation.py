"""The demo's regulations: a process started from the «starosta districts» template, in its
submission phase, and the demo resident's confirmed actual residence in Вишневе (so they may
submit in Вишневе's own sub-budget and see a refusal in Калинівка's).

Built through the real actions, like the rest of the demo. Idempotent; the process is kept in
its submission phase whenever the demo is loaded.
"""

from __future__ import annotations

from django.utils import timezone

from hromada.accounts import actions_identity
from hromada.accounts.models import ResidenceClaim, User
from hromada.budgeting import actions, regulation_templates
from hromada.budgeting.models import Process
from hromada.communities.models import Community
from hromada.demo.timeline import dates_for_phase

VILLAGES = "vyshneva-okruhy-2027"
HOME = "Вишневе"


def load(community: Community, accounts: dict[str, User]) -> None:
    _resident_lives_in_home(community, accounts)
    process = Process.objects.filter(slug=VILLAGES).first()
    if process is None:
        process = _villages_process(community, accounts)
    if not process.submission_start <= timezone.now() < process.submission_end:
        Process.objects.filter(pk=process.pk).update(**dates_for_phase("submission"))


def _resident_lives_in_home(community: Community, accounts: dict[str, User]) -> None:
    resident, operator = accounts["resident"], accounts["operator"]
    home = community.settlements.get(name=HOME)
    confirmed = ResidenceClaim.objects.filter(
        user=resident, community=community, settlement=home, status="confirmed"
    )
    if confirmed.exists():
        return
    claim = actions_identity.declare_residence(
        resident,
        community,
        basis="actual",
        settlement=home,
        details="вул. Садова, 12 — живу тут із 2015 року",
    )
    actions_identity.confirm_residence(operator, community, claim.pk)


def _villages_process(community: Community, accounts: dict[str, User]) -> Process:
    initial, rows = regulation_templates.initial_for("village", community)
    specs = [
        actions.SubBudgetSpec(
            name=str(row["name"]),
            amount=None,
            share=row["share"],
            max_cost=row["max_cost"],
            ballot_rule=row["ballot_rule"],
            max_choices=row["max_choices"],
            kind=row["kind"],
            settlement_id=row["settlement"],
            residents_only=row["residents_only"],
        )
        for row in rows
    ]
    process = actions.create_process(
        accounts["admin"],
        community,
        specs,
        **{
            **initial,
            **dates_for_phase("submission"),
            "title": "Бюджет старостинських округів 2027",
            "slug": VILLAGES,
            "description": (
                "Кожен населений пункт громади має свою частку бюджету, і про неї вирішують "
                "його жителі: подають проєкти й голосують ті, чия підстава участі підтверджена "
                "саме тут."
            ),
        },
    )
    home = process.sub_budgets.get(settlement__name=HOME)
    actions.submit_project(
        accounts["resident"],
        process,
        sub_budget_id=home.pk,
        title="Лавки й тінь на зупинці біля школи",
        description=(
            "Замінити зламані лавки на зупинці біля школи і поставити навіс від сонця й дощу, "
            "щоб діти й старші люди чекали автобус у затишку."
        ),
        cost=18_000_000,
        location="Вишневе, зупинка «Школа»",
    )
    return process
