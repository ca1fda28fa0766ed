"""The rule that chooses a sub-budget's winners, run by the engine in `hromada.pb`.

Each sub-budget names one (SubBudget.winner_rule). This module is the one place that knows, for
each: how to run it (`run_rule`), how the published `.pb` file names it (`pabulib_rule` and the
META keys that let `python -m hromada.pb check` recompute it), how to tell a resident what it does
(`rule_description`, for the regulation page) and why a project won or lost in the rule's own
terms (`explain_row`).

The engine works on the published file's election: project ids are the public project numbers
and money is in hryvnias, so what the platform computes is exactly what anyone recomputes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from hromada import pb
from hromada.budgeting.models import Process, SubBudget
from hromada.core.money import format_uah
from hromada.pb.model import normalise_number
from hromada.pb.thresholds import RULE as RISING_RULE
from hromada.pb.thresholds import run_rising_threshold

Rule = SubBudget.WinnerRule
PER_100K = 100_000  # hryvnias: the rising threshold adds votes per this much cost


def uah(kopiykas: int) -> pb.Number:
    """Kopiykas as exact hryvnias (an int when whole): the engine's and the file's unit."""
    return normalise_number(Fraction(kopiykas, 100))


def kopiykas(value: Any) -> int:
    """An engine amount in hryvnias (int, "p/q" string or a display float) as kopiykas."""
    if isinstance(value, float):
        return round(value * 100)
    return round(Fraction(value) * 100)


@dataclass(frozen=True)
class RuleSetup:
    """A sub-budget's rule as the file's META names it and as `compute` runs it."""

    rule: str  # SubBudget.WinnerRule value
    pabulib_rule: str
    meta: dict[str, str]
    threshold: int  # the process's minimum votes (the base of a rising threshold)
    per_cost: Fraction  # extra votes per hryvnia of cost (rising threshold only)


def setup_for(process: Process, sub_budget: SubBudget) -> RuleSetup:
    rule = sub_budget.winner_rule
    threshold = process.min_votes
    per_cost = Fraction(sub_budget.threshold_per_100k, PER_100K)
    meta: dict[str, str] = {}
    names: dict[str, str] = {
        Rule.GREEDY: "greedy",
        Rule.GREEDY_THRESHOLD: "greedy-threshold",
        Rule.GREEDY_RISING: RISING_RULE,
        Rule.GREEDY_PER_COST: "greedy-per-cost",
        Rule.MES: "equalshares/add1-pabutools",
    }
    if rule in (Rule.GREEDY_THRESHOLD, Rule.GREEDY_RISING):
        meta["min_project_score_threshold"] = str(threshold)
    if rule == Rule.GREEDY_RISING:
        meta["min_project_score_threshold_per_cost"] = str(per_cost)
    return RuleSetup(rule, names.get(rule, "greedy"), meta, threshold, per_cost)


def run_rule(election: pb.Election, setup: RuleSetup, tie_breaking: pb.TieBreaking) -> pb.Outcome:
    """The outcome as `python -m hromada.pb check` recomputes it from the published file."""
    if setup.rule == Rule.MES:
        # Cost satisfaction; add1 as pabutools runs it: shares raised one hryvnia per voter
        # until the outcome is exhaustive (nothing left fits) or would overrun the budget.
        return pb.compute(election, "mes", sat="cost", completion="add1", tie_breaking=tie_breaking)
    if setup.rule == Rule.GREEDY_RISING:
        return run_rising_threshold(election, setup.threshold, setup.per_cost, tie_breaking)
    if setup.rule == Rule.GREEDY_THRESHOLD:
        return pb.compute(
            election, "greedy-threshold", threshold=setup.threshold, tie_breaking=tie_breaking
        )
    if setup.rule == Rule.GREEDY_PER_COST:
        return pb.compute(election, "greedy", sat="cardinality", tie_breaking=tie_breaking)
    return pb.compute(election, "greedy", tie_breaking=tie_breaking)


def greedy_comparison(election: pb.Election, tie_breaking: pb.TieBreaking) -> list[str]:
    """What plain greedy by votes would select: shown beside an equal-shares result."""
    return pb.compute(election, "greedy", tie_breaking=tie_breaking).selected


def rule_description(sub_budget: SubBudget) -> str:
    """The rule in plain Ukrainian (English when active), for the regulation and results pages."""
    rule = sub_budget.winner_rule
    min_votes = sub_budget.process.min_votes
    walk = _(
        "Проєкти розглядають по черзі; проєкт, що вже не вміщується в залишок коштів, "
        "пропускають і розглядають наступний."
    )
    if rule == Rule.GREEDY:
        return _("Першим фінансують проєкт із найбільшою кількістю голосів.") + " " + walk
    if rule == Rule.GREEDY_THRESHOLD:
        return (
            _(
                "Першим фінансують проєкт із найбільшою кількістю голосів, але лише серед тих, "
                "що набрали щонайменше %(n)s голосів."
            )
            % {"n": min_votes}
            + " "
            + walk
        )
    if rule == Rule.GREEDY_RISING:
        return (
            _(
                "Дорожчий проєкт має набрати більше голосів: щонайменше %(n)s голосів і ще "
                "%(k)s за кожні 100 000 грн вартості. Серед тих, хто набрав свій поріг, першим "
                "фінансують проєкт із найбільшою кількістю голосів."
            )
            % {"n": min_votes, "k": sub_budget.threshold_per_100k}
            + " "
            + walk
        )
    if rule == Rule.GREEDY_PER_COST:
        return (
            _(
                "Першим фінансують проєкт, що набрав найбільше голосів на кожну гривню своєї "
                "вартості: дешевий проєкт із помірною підтримкою може випередити дорогий."
            )
            + " "
            + walk
        )
    return _(
        "Метод рівних часток: кошти підбюджету ділять порівну між усіма, хто голосував. "
        "Проєкт перемагає, якщо його прихильники разом можуть оплатити його зі своїх часток; "
        "кожен раунд обирають проєкт, за який кожному прихильнику треба заплатити найменше. "
        "Так велика група не може забрати всі кошти, і проєкти меншин теж отримують свою частку. "
        "Якщо кошти лишаються, частки однаково збільшують, поки переможці вміщуються в суму."
    )


def _greedy_reason(info: dict[str, Any], selected: bool) -> str:
    reason = str(info.get("reason", ""))
    if reason.startswith("votes below threshold"):
        return _("Набрав %(votes)s голосів, а потрібно щонайменше %(needed)s.") % {
            "votes": info.get("votes", 0),
            "needed": _ceil(info.get("threshold", reason.rsplit(" ", 1)[-1])),
        }
    if reason.startswith(("points below threshold", "score below threshold")):
        # Cumulative and ranking ballots: the threshold is on points.
        return _("Набрав %(points)s балів, а потрібно щонайменше %(needed)s.") % {
            "points": info.get("points", info.get("score", 0)),
            "needed": _ceil(reason.rsplit(" ", 1)[-1]),
        }
    left = info.get("budget_left_before")
    if left is None:
        return ""
    place = info.get("rank", "")
    if selected:
        return _("Місце %(place)s у черзі; тоді залишалося %(left)s — проєкт вмістився.") % {
            "place": place,
            "left": format_uah(kopiykas(left)),
        }
    return _("Місце %(place)s у черзі; тоді залишалося лише %(left)s — проєкт не вмістився.") % {
        "place": place,
        "left": format_uah(kopiykas(left)),
    }


def _ceil(value: Any) -> int:
    fraction = Fraction(value)
    return -(-fraction.numerator // fraction.denominator)


def _mes_reason(info: dict[str, Any], selected: bool, titles: dict[str, str], votes: int) -> str:
    money = format_uah(kopiykas(info.get("supporters_money", 0.0)))
    if selected:
        if "supporters_money" not in info:
            return _("Обрано першим: проєкт нічого не коштує і має прихильників.")
        return _(
            "Обрано в раунді %(round)s: його прихильники (%(n)s) ще мали разом %(money)s і "
            "оплатили його вартість зі своїх часток."
        ) % {"round": info.get("round"), "money": money, "n": votes}
    reason = str(info.get("reason", ""))
    if reason == "no supporters":
        return _("За цей проєкт ніхто не проголосував.")
    if "never had enough" in reason:
        return _(
            "Навіть на початку його прихильники мали разом лише %(money)s — менше за його вартість."
        ) % {"money": money}
    beaten = info.get("beaten_by")
    if beaten is not None and "supporters_money" in info:
        return _(
            "Вибув у раунді %(round)s: проєкт %(beaten)s забрав частину коштів його "
            "прихильників, і в них лишилося разом %(money)s — менше за його вартість."
        ) % {"round": info.get("round"), "beaten": titles.get(str(beaten), beaten), "money": money}
    if "supporters_money" in info:
        return _(
            "Вибув у раунді %(round)s: його прихильникам лишилося разом %(money)s — менше за "
            "його вартість."
        ) % {"round": info.get("round"), "money": money}
    return _("Не обрано: коштів підбюджету не вистачило.")


def explain_row(
    rule: str, info: dict[str, Any], selected: bool, titles: dict[str, str], votes: int = 0
) -> str:
    """Why a project won or lost, worded from the engine's explanation in the rule's terms.

    `titles` maps a project number (the engine's id) to "№N «title»" for naming other projects.
    """
    if not info:
        return ""
    if rule == Rule.MES:
        return _mes_reason(info, selected, titles, votes)
    return _greedy_reason(info, selected)


def mes_shares(ballots: int, budget: int, voter_budget: Any) -> str:
    """How big each voter's equal share was, and whether add1 raised it."""
    if not ballots or voter_budget is None:
        return ""
    first = budget // ballots
    final = kopiykas(voter_budget)
    text = _("Кожен із %(n)s виборців отримав рівну частку: %(share)s.") % {
        "n": ballots,
        "share": format_uah(first),
    }
    if final > first:
        text += " " + _(
            "Після першого розподілу кошти лишалися, тож частки рівно збільшували (доповнення "
            "add1), поки переможці вміщувалися в суму: остаточна частка — %(share)s. Суми "
            "прихильників нижче — в цих збільшених частках."
        ) % {"share": format_uah(final)}
    return text


def mes_difference(
    mes_selected: list[str], greedy_selected: list[str], titles: dict[str, str]
) -> list[str]:
    """Sentences on how equal shares and plain greedy differ in this sub-budget."""
    only_mes = [titles.get(n, n) for n in mes_selected if n not in greedy_selected]
    only_greedy = [titles.get(n, n) for n in greedy_selected if n not in mes_selected]
    if not only_mes and not only_greedy:
        return [_("Правило «більше голосів — вище» обрало б ті самі проєкти.")]
    lines = []
    if only_greedy:
        lines.append(
            _("Лише за правилом більшості перемогли б: %(list)s.")
            % {"list": "; ".join(only_greedy)}
        )
    if only_mes:
        lines.append(_("Лише метод рівних часток обрав: %(list)s.") % {"list": "; ".join(only_mes)})
    lines.append(
        _(
            "Чому так: правило більшості фінансує проєкти за кількістю голосів, навіть якщо "
            "всі кошти дістаються проєктам тих самих жителів. Метод рівних часток дає кожному, "
            "хто голосував, однакову частку коштів: проєкт перемагає, лише коли його "
            "прихильники можуть оплатити його зі своїх часток, а проєкт, прихильники якого вже "
            "витратили частки на інших переможців, поступається іншим. Чому саме так вийшло з "
            "кожним проєктом — у таблиці вище."
        )
    )
    return lines
