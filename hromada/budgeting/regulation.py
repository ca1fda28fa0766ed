"""A process's regulation (положення) as plain values, checked as a whole.

Every parameter of a participatory budget is a setting of its Process and SubBudgets. Settings
that are each fine alone can still contradict one another (sub-budgets that do not add up to the
total, a supporter age above the voter age, a project limit above its sub-budget), so they are
checked together here, once, for the staff form, `create_process` and the demo alike:
`contradictions(regulation)` returns every contradiction with a message staff can act on.

Money is in kopiykas; a share of the total is in hundredths of a per cent (40 % = 4000), so a
split like 33.33/33.33/33.34 is exact.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from hromada.accounts.models import ResidenceBasis
from hromada.core.errors import ActionRefused
from hromada.core.money import format_uah

if TYPE_CHECKING:
    from hromada.budgeting.models import Process

WHOLE = 10_000  # 100 % in hundredths of a per cent
MIN_AGE, MAX_AGE = 10, 100  # school budgets start at 5th form; nobody sets an age above 100
MAX_RESERVE_PERCENT = 50
DATE_FIELDS = (
    "submission_start",
    "submission_end",
    "review_end",
    "voting_start",
    "voting_end",
    "results_date",
    "implementation_end",
)
ROLES = ("author", "supporter", "voter")


@dataclass(frozen=True)
class SubBudgetRule:
    name: str
    max_cost: int
    ballot_rule: str
    amount: int | None = None  # kopiykas; None when the regulation gives a share
    share: int | None = None  # hundredths of a per cent of the total
    min_cost: int = 0
    max_choices: int | None = None
    kind: str = "size"
    settlement_id: int | None = None
    residents_only: bool = False
    points_total: int | None = None
    points_per_project: int | None = None
    winner_rule: str = "greedy_threshold"


@dataclass(frozen=True)
class Regulation:
    total_budget: int
    sub_budgets: Sequence[SubBudgetRule]
    voter_min_age: int = 16
    author_min_age: int = 16
    author_max_age: int | None = None
    supporter_min_age: int = 16
    author_bases: Sequence[str] = ()
    supporter_bases: Sequence[str] = ()
    voter_bases: Sequence[str] = ()
    reserve_percent: int = 0
    max_projects_per_author: int = 3
    min_votes: int = 1
    tie_breaking: str = "submission"
    lottery_seed: str = ""
    dates: dict[str, datetime | None] = field(default_factory=dict)
    supporters_required: int = 0
    support_top: int | None = None  # a support vote: the N most supported per sub-budget go on
    # The community's settlements, when known: a sub-budget's settlement must be one of them.
    community_settlements: frozenset[int] | None = None


@dataclass(frozen=True)
class Contradiction:
    """One thing wrong with the regulation. `field` names the setting to change: a Process
    field, or `sb-<index>-<field>` for the index-th sub-budget, or "" for the whole."""

    field: str
    message: str


def percent(share: int) -> str:
    """4000 → '40', 3333 → '33,33' ('33.33' in English is left to the reader: both read)."""
    whole, rest = divmod(share, 100)
    return f"{whole}" if not rest else f"{whole},{rest:02d}".rstrip("0")


def resolve_amounts(total: int, rules: Sequence[Any]) -> list[int | None]:
    """Each sub-budget's amount in kopiykas: its own, or its share of the total rounded down.

    The kopiykas lost to rounding go to the last sub-budget given as a share, so that shares
    adding up to 100 % give exactly the total. None where neither was given.
    """
    amounts: list[int | None] = []
    last_share = None
    for index, rule in enumerate(rules):
        if rule.amount is not None and rule.share is None:
            amounts.append(rule.amount)
        elif rule.share is not None and rule.amount is None:
            amounts.append(total * rule.share // WHOLE)
            last_share = index
        else:
            amounts.append(None)
    given = [amount for amount in amounts if amount is not None]
    leftover = total - sum(given)
    shares = sum(1 for rule in rules if rule.share is not None and rule.amount is None)
    if last_share is not None and len(given) == len(rules) and 0 < leftover < shares:
        amounts[last_share] = (amounts[last_share] or 0) + leftover
    return amounts


def contradictions(regulation: Regulation) -> list[Contradiction]:
    """Every contradiction in the regulation, in the order a reader of the form meets them."""
    found: list[Contradiction] = []
    found += _age_contradictions(regulation)
    found += _basis_contradictions(regulation)
    found += _general_contradictions(regulation)
    found += _support_vote_contradictions(regulation)
    found += _money_contradictions(regulation)
    for index, rule in enumerate(regulation.sub_budgets):
        found += _sub_budget_contradictions(regulation, index, rule)
        found += _ballot_contradictions(index, rule)
    found += _overlapping_sizes(regulation)
    return found


def _age_contradictions(regulation: Regulation) -> Iterable[Contradiction]:
    ages = {
        "voter_min_age": regulation.voter_min_age,
        "author_min_age": regulation.author_min_age,
        "supporter_min_age": regulation.supporter_min_age,
    }
    if regulation.author_max_age is not None:
        ages["author_max_age"] = regulation.author_max_age
    for name, age in ages.items():
        if not MIN_AGE <= age <= MAX_AGE:
            yield Contradiction(
                name, _("Вік має бути від %(min)s до %(max)s.") % {"min": MIN_AGE, "max": MAX_AGE}
            )
    if regulation.supporter_min_age > regulation.voter_min_age:
        yield Contradiction(
            "supporter_min_age",
            _(
                "Підтримувати проєкти можна з %(supporter)s, а голосувати — з %(voter)s: хто "
                "може голосувати за проєкт, має могти й підтримати його. Знизьте вік "
                "прихильника до %(voter)s або нижче."
            )
            % {"supporter": regulation.supporter_min_age, "voter": regulation.voter_min_age},
        )
    top = regulation.author_max_age
    if top is not None and top < regulation.author_min_age:
        yield Contradiction(
            "author_max_age",
            _(
                "Найбільший вік автора (%(max)s) менший за найменший (%(min)s): ніхто не зможе "
                "подати проєкт."
            )
            % {"max": top, "min": regulation.author_min_age},
        )


def role_label(role: str) -> str:
    return {
        "author": _("автори проєктів"),
        "supporter": _("прихильники проєктів"),
        "voter": _("голосування"),
    }[role]


def _basis_contradictions(regulation: Regulation) -> Iterable[Contradiction]:
    for role in ROLES:
        bases = list(getattr(regulation, f"{role}_bases"))
        unknown = [basis for basis in bases if basis not in ResidenceBasis.values]
        if unknown:
            yield Contradiction(
                f"{role}_bases",
                _("Невідома підстава участі: %(bases)s.") % {"bases": ", ".join(unknown)},
            )
        if not bases:
            yield Contradiction(
                f"{role}_bases",
                _(
                    "Оберіть хоча б одну підставу участі («%(role)s»): інакше ніхто не зможе "
                    "взяти участь."
                )
                % {"role": role_label(role)},
            )


def _general_contradictions(regulation: Regulation) -> Iterable[Contradiction]:
    if not 0 <= regulation.reserve_percent <= MAX_RESERVE_PERCENT:
        yield Contradiction(
            "reserve_percent",
            _("Резерв у кошторисі — від 0 до %(max)s %%.") % {"max": MAX_RESERVE_PERCENT},
        )
    if regulation.max_projects_per_author < 1:
        yield Contradiction(
            "max_projects_per_author", _("Автор має могти подати хоча б один проєкт.")
        )
    if regulation.min_votes < 1:
        yield Contradiction(
            "min_votes",
            _(
                "Щоб перемогти, проєкт має набрати хоча б один голос: проєкт без голосів не "
                "фінансують."
            ),
        )
    if regulation.tie_breaking == "lottery" and not regulation.lottery_seed.strip():
        yield Contradiction("lottery_seed", _("Для жеребкування оприлюдніть ключ заздалегідь."))
    moments = [(name, regulation.dates.get(name)) for name in DATE_FIELDS]
    for (_before, earlier), (name, later) in itertools.pairwise(moments):
        if earlier and later and later < earlier:
            yield Contradiction(name, _("Ця дата має бути не раніше за попередню."))


MAX_SUPPORT_TOP = 1000


def _support_vote_contradictions(regulation: Regulation) -> Iterable[Contradiction]:
    top = regulation.support_top
    if top is None:
        return
    if not 1 <= top <= MAX_SUPPORT_TOP:
        yield Contradiction(
            "support_top",
            _("За результатами голосування за підтримку має проходити від 1 до %(max)s проєктів.")
            % {"max": MAX_SUPPORT_TOP},
        )
    if regulation.supporters_required < 1:
        yield Contradiction(
            "supporters_required",
            _(
                "Голосування за підтримку відбувається під час збору прихильників: вкажіть, "
                "скільки прихильників щонайменше потрібно проєкту (наприклад, 1), і строки збору."
            ),
        )


def _money_contradictions(regulation: Regulation) -> Iterable[Contradiction]:
    total = regulation.total_budget
    if total <= 0:
        yield Contradiction("total_budget", _("Загальний бюджет має бути більшим за нуль."))
        return
    if not regulation.sub_budgets:
        yield Contradiction("", _("Додайте хоча б один підбюджет."))
        return
    amounts = resolve_amounts(total, regulation.sub_budgets)
    if None in amounts:
        return  # each sub-budget without exactly one of amount and share is named below
    added = sum(amount or 0 for amount in amounts)
    if added != total:
        yield Contradiction(
            "total_budget",
            _(
                "Підбюджети разом дають %(sum)s (%(percent)s %% загального бюджету), а мають "
                "дати рівно %(total)s. Виправте суми або частки так, щоб разом було 100 %%."
            )
            % {
                "sum": format_uah(added),
                "percent": percent(added * WHOLE // total),
                "total": format_uah(total),
            },
        )


def _sub_budget_contradictions(
    regulation: Regulation, index: int, rule: SubBudgetRule
) -> Iterable[Contradiction]:
    def at(name: str, message: str) -> Contradiction:
        return Contradiction(f"sb-{index}-{name}", message)

    names = {"sb": rule.name}
    if (rule.amount is None) == (rule.share is None):
        yield at(
            "amount",
            _("Для підбюджету «%(sb)s» вкажіть або суму, або частку — одне з двох.") % names,
        )
        return
    if rule.share is not None and not 0 < rule.share <= WHOLE:
        yield at(
            "share",
            _("Частка підбюджету «%(sb)s» має бути більшою за 0 %% і не більшою за 100 %%.")
            % names,
        )
        return
    amount = resolve_amounts(regulation.total_budget, [rule])[0] or 0
    if rule.amount is not None and rule.amount <= 0:
        yield at("amount", _("Сума підбюджету «%(sb)s» має бути більшою за нуль.") % names)
    if rule.min_cost < 0 or rule.min_cost > rule.max_cost:
        yield at(
            "min_cost",
            _("Найменша вартість проєкту в підбюджеті «%(sb)s» більша за найбільшу.") % names,
        )
    # A share of no total is named once, at the total, not again at every sub-budget.
    if rule.max_cost > amount and (rule.amount is not None or regulation.total_budget > 0):
        yield at(
            "max_cost",
            _(
                "Найбільша вартість проєкту в підбюджеті «%(sb)s» (%(max)s) перевищує суму "
                "самого підбюджету (%(amount)s): такий проєкт ніколи не буде профінансовано."
            )
            % {**names, "max": format_uah(rule.max_cost), "amount": format_uah(amount)},
        )
    if rule.ballot_rule == "approval" and not rule.max_choices:
        yield at("max_choices", _("Для бюлетеня «до K проєктів» вкажіть K.") % names)
    if rule.kind == "settlement" and rule.settlement_id is None:
        yield at(
            "settlement",
            _("Підбюджет «%(sb)s» — для населеного пункту чи району: оберіть, для якого.") % names,
        )
    if rule.residents_only and rule.settlement_id is None:
        yield at(
            "settlement",
            _("Підбюджет «%(sb)s» лише для жителів — оберіть населений пункт чи район.") % names,
        )
    known = regulation.community_settlements
    if rule.settlement_id is not None and known is not None and rule.settlement_id not in known:
        yield at(
            "settlement",
            _("Населений пункт підбюджету «%(sb)s» не належить до цієї громади.") % names,
        )


MAX_POINTS = 100  # a voter spreads at most this many points: more is no ballot a person fills in
POINTS_BALLOTS = ("cumulative", "ranking")
# Rules that count supporters, not points: they would ignore what a points ballot says.
RULES_WITHOUT_POINTS = ("mes", "greedy_rising")


def _ballot_contradictions(index: int, rule: SubBudgetRule) -> Iterable[Contradiction]:
    """The settings each ballot rule needs (ballot_types.py). Whether a ranking has as many
    projects as places is known only at the vote: a voter then ranks as many as there are."""

    def at(name: str, message: str) -> Contradiction:
        return Contradiction(f"sb-{index}-{name}", message)

    names = {"sb": rule.name}
    if rule.ballot_rule == "ranking" and not rule.max_choices:
        yield at(
            "max_choices",
            _("Для бюлетеня-рейтингу в підбюджеті «%(sb)s» вкажіть, скільки місць (N).") % names,
        )
    if rule.ballot_rule == "cumulative":
        total, most = rule.points_total or 0, rule.points_per_project or 0
        if not 0 < total <= MAX_POINTS:
            yield at(
                "points_total",
                _(
                    "Для бюлетеня з балами в підбюджеті «%(sb)s» вкажіть, скільки балів має "
                    "виборець: від 1 до %(max)s."
                )
                % {**names, "max": MAX_POINTS},
            )
        elif not 0 < most <= total:
            yield at(
                "points_per_project",
                _(
                    "У підбюджеті «%(sb)s» найбільше балів одному проєкту має бути від 1 до "
                    "%(total)s — усіх балів виборця."
                )
                % {**names, "total": total},
            )
    if rule.ballot_rule in POINTS_BALLOTS and rule.winner_rule in RULES_WITHOUT_POINTS:
        yield at(
            "winner_rule",
            _(
                "У підбюджеті «%(sb)s» бюлетень із балами чи місцями, а обране правило "
                "визначення переможців рахує лише прихильників і бали не врахувало б. Оберіть "
                "правило «більше голосів — вище» (з мінімумом чи без) або «на гривню вартості»."
            )
            % names,
        )


def _overlapping_sizes(regulation: Regulation) -> Iterable[Contradiction]:
    """Sub-budgets by project size must not share a cost: the author could not tell which one a
    project belongs to, and it could compete in the wrong one."""
    sized = [
        (index, rule)
        for index, rule in enumerate(regulation.sub_budgets)
        if rule.kind == "size" and rule.min_cost <= rule.max_cost
    ]
    for (_i, a), (j, b) in itertools.combinations(sized, 2):
        low, high = max(a.min_cost, b.min_cost), min(a.max_cost, b.max_cost)
        if low <= high:
            yield Contradiction(
                f"sb-{j}-min_cost",
                _(
                    "Межі вартості підбюджетів «%(a)s» і «%(b)s» перетинаються: проєкт вартістю "
                    "%(cost)s підходить до обох. Нехай найменша вартість одного буде більшою за "
                    "найбільшу вартість іншого."
                )
                % {"a": a.name, "b": b.name, "cost": format_uah(high)},
            )


def _process_settings(process: Process) -> Regulation:
    return Regulation(
        total_budget=process.total_budget,
        sub_budgets=(),
        voter_min_age=process.voter_min_age,
        author_min_age=process.author_min_age,
        author_max_age=process.author_max_age,
        supporter_min_age=process.supporter_min_age,
        author_bases=process.author_bases,
        supporter_bases=process.supporter_bases,
        voter_bases=process.voter_bases,
        reserve_percent=process.reserve_percent,
        max_projects_per_author=process.max_projects_per_author,
        min_votes=process.min_votes,
        tie_breaking=process.tie_breaking,
        lottery_seed=process.lottery_seed,
        dates={name: getattr(process, name) for name in DATE_FIELDS},
        supporters_required=process.supporters_required,
        support_top=process.support_top,
    )


def regulation_of(process: Process) -> Regulation:
    """The regulation a saved process runs by (its sub-budgets read once)."""
    return regulation_for(process, list(process.sub_budgets.all()))


def required_reserve(cost: int, reserve_percent: int) -> int:
    """The least reserve, in kopiykas, a project of full cost `cost` must hold.

    The reserve is a share of the works' cost (the cost without the reserve): with 20 %, a
    project of 120,000 UAH holds at least 20,000 UAH. Rounded up: a kopiyka short is short.
    """
    if reserve_percent <= 0:
        return 0
    return -(-cost * reserve_percent // (100 + reserve_percent))


class RegulationContradicts(ActionRefused):
    """Raised by create_process: every contradiction found, the first as the message."""

    def __init__(self, found: list[Contradiction]) -> None:
        super().__init__(" ".join(item.message for item in found))
        self.contradictions = found


def regulation_for(process: Process, specs: Sequence[Any]) -> Regulation:
    """The regulation of a process not yet saved, with its sub-budgets as specs (actions.py)."""
    rules = [
        SubBudgetRule(
            name=spec.name,
            # A saved sub-budget given as a share also holds the amount derived from it.
            amount=None if spec.share is not None else spec.amount,
            share=spec.share,
            min_cost=spec.min_cost,
            max_cost=spec.max_cost,
            ballot_rule=spec.ballot_rule,
            max_choices=spec.max_choices,
            kind=spec.kind,
            settlement_id=spec.settlement_id,
            residents_only=spec.residents_only,
            points_total=spec.points_total,
            points_per_project=spec.points_per_project,
            winner_rule=spec.winner_rule,
        )
        for spec in specs
    ]
    settlements = frozenset(process.community.settlements.values_list("pk", flat=True))
    return replace(_process_settings(process), sub_budgets=rules, community_settlements=settlements)


def check_reserve(process: Process, cost: int, reserve: int) -> None:
    """Refuse a submission whose estimate keeps less reserve than the regulation requires."""
    if reserve < 0 or reserve >= cost:
        raise ActionRefused(
            _("Резерв має бути частиною вартості: від 0 до меншої за всю вартість суми."),
            field="reserve",
        )
    needed = required_reserve(cost, process.reserve_percent)
    if reserve < needed:
        raise ActionRefused(
            _(
                "За положенням кошторис має містити резерв на непередбачені витрати — "
                "%(percent)s %% від вартості робіт. Для проєкту вартістю %(cost)s це щонайменше "
                "%(needed)s; у вашому кошторисі — %(reserve)s. Збільште резерв (загальна "
                "вартість включає його)."
            )
            % {
                "percent": process.reserve_percent,
                "cost": format_uah(cost),
                "needed": format_uah(needed),
                "reserve": format_uah(reserve),
            },
            field="reserve",
        )
