"""Each sub-budget's winner rule, worked out by hand on small profiles, and the reason shown for
every project in the rule's own terms.

The voting_process fixture's large sub-budget (2,000,000 UAH) has №4 (1,500,000), №5 (900,000)
and №6 (600,000); the small one (1,000,000) has №1 (300,000), №2 (400,000) and №3 (350,000);
`grants` adds a third.
Ballots are given as project numbers, as the published file holds them.
"""

from __future__ import annotations

import pytest

from hromada.budgeting.models import Process, SubBudget
from hromada.budgeting.results import (
    SubBudgetResult,
    admitted_projects,
    election_for,
    outcome_for,
    result_from_outcome,
)
from hromada.budgeting.winner_rules import rule_description
from tests.budgeting.results_helpers import grants
from tests.conftest import Personas

Rule = SubBudget.WinnerRule


def count(process: Process, index: int, rule: str, ballots: list[list[int]]) -> SubBudgetResult:
    sub_budget = list(process.sub_budgets.all())[index]
    SubBudget.objects.filter(pk=sub_budget.pk).update(winner_rule=rule)
    sub_budget.refresh_from_db()
    projects = admitted_projects(sub_budget)
    election = election_for(
        process, sub_budget, projects, [[str(n) for n in sorted(b)] for b in ballots]
    )
    outcome = outcome_for(process, sub_budget, election)
    return result_from_outcome(process, sub_budget, projects, election, outcome)


def reasons(result: SubBudgetResult) -> dict[int, str]:
    # Amounts are grouped with no-break spaces; compare them as plain spaces.
    return {row.project.number: row.reason.replace("\xa0", " ") for row in result.rows}


def winners(result: SubBudgetResult) -> list[int]:
    return [row.project.number for row in result.winners]


def test_greedy_funds_what_fits_even_without_votes(voting_process: Process) -> None:
    # №1: 3 votes, №2: 2, №3: 0. 300k + 400k = 700k; №3 (350k) does not fit in the 300k left.
    result = count(voting_process, 0, Rule.GREEDY, [[1, 2], [1, 2], [1]])
    assert winners(result) == [1, 2]
    assert reasons(result)[3] == (
        "Місце 3 у черзі; тоді залишалося лише 300 000 грн — проєкт не вмістився."
    )
    assert reasons(result)[1] == (
        "Місце 1 у черзі; тоді залишалося 1 000 000 грн — проєкт вмістився."
    )
    # Plain greedy funds a project nobody chose when it fits: №2 (0 votes, tied with №3 and
    # earlier submitted) after №1; greedy with the minimum of one vote does not.
    assert winners(count(voting_process, 0, Rule.GREEDY, [[1], [1]])) == [1, 2]
    assert winners(count(voting_process, 0, Rule.GREEDY_THRESHOLD, [[1], [1]])) == [1]


def test_greedy_threshold_drops_projects_below_the_minimum(voting_process: Process) -> None:
    Process.objects.filter(pk=voting_process.pk).update(min_votes=2)
    voting_process.refresh_from_db()
    result = count(voting_process, 0, Rule.GREEDY_THRESHOLD, [[1, 3], [1], [2]])
    # №2 would fit (300k + 400k) but has one vote of the two needed.
    assert winners(result) == [1]
    assert reasons(result)[2] == "Набрав 1 голосів, а потрібно щонайменше 2."
    assert reasons(result)[3] == "Набрав 1 голосів, а потрібно щонайменше 2."


def test_rising_threshold_asks_more_of_a_dearer_project(voting_process: Process) -> None:
    # Base 1 vote + 1 per 100,000 UAH: №1 (300k) needs 4, №2 (400k) 5, №3 (350k) 4.5 → 5.
    large = voting_process.sub_budgets.all()[0]
    SubBudget.objects.filter(pk=large.pk).update(threshold_per_100k=1)
    ballots = [[1, 2]] * 4 + [[2, 3]] * 1
    result = count(voting_process, 0, Rule.GREEDY_RISING, ballots)
    assert winners(result) == [2, 1]  # №2: 5 votes ≥ 5; №1: 4 ≥ 4; №3: 1 < 5
    assert reasons(result)[3] == "Набрав 1 голосів, а потрібно щонайменше 5."
    # The dropped project is listed after the walk.
    assert [row.project.number for row in result.rows][-1] == 3
    text = rule_description(SubBudget.objects.get(pk=large.pk))
    assert "щонайменше 1 голосів і ще 1 за кожні 100 000 грн" in text


def test_votes_per_cost_prefers_the_cheaper_project(voting_process: Process) -> None:
    # Large sub-budget: №4 (1.5M) 3 votes = 2 per million; №6 (600k) 2 votes = 3.33 per million;
    # №5 (900k) 2 votes = 2.22 per million. Order №6, №5, №4 (1.5M does not fit in the 500k left).
    ballots = [[4], [4], [4], [5, 6], [5, 6]]
    by_votes = count(voting_process, 1, Rule.GREEDY, ballots)
    assert winners(by_votes) == [4]
    per_cost = count(voting_process, 1, Rule.GREEDY_PER_COST, ballots)
    assert winners(per_cost) == [6, 5]
    assert reasons(per_cost)[4] == (
        "Місце 3 у черзі; тоді залишалося лише 500 000 грн — проєкт не вмістився."
    )


def test_equal_shares_explains_rounds_and_who_outspent_whom(
    voting_process: Process, personas: Personas
) -> None:
    # 10 voters share 1,000 UAH. Six want only №7 (750): with add1 their shares reach at most
    # 124 UAH each (at 125 the outcome would overrun), 744 together — never enough. Four want
    # №8 and №9: №8 wins round 1 (level with №9 at 1/4 per hryvnia; earlier submission first),
    # each of its supporters pays 112.50 and they hold 46 UAH together, less than №9's 300.
    grants(voting_process, personas)
    ballots = [[7]] * 6 + [[8, 9]] * 4
    result = count(voting_process, 2, Rule.MES, ballots)
    assert winners(result) == [8]
    said = reasons(result)
    assert said[8] == (
        "Обрано в раунді 1: його прихильники (4) ще мали разом 496 грн і оплатили його вартість "
        "зі своїх часток."
    )
    assert said[7] == (
        "Навіть на початку його прихильники мали разом лише 744 грн — менше за його вартість."
    )
    assert said[9] == (
        "Вибув у раунді 1: проєкт №8 «Проєкт 8» забрав частину коштів його прихильників, і в "
        "них лишилося разом 46 грн — менше за його вартість."
    )
    # What greedy would have chosen, and why they differ.
    assert result.greedy_selected == [7]
    assert [row.project.number for row in result.greedy_rows] == [7]
    differences = " ".join(result.differences).replace("\xa0", " ")
    assert "Лише за правилом більшості перемогли б: №7 «Проєкт 7»" in differences
    assert "Лише метод рівних часток обрав: №8 «Проєкт 8»" in differences
    assert result.ties, "№8 and №9 were level in round 1"
    # Shares: 1,000 / 10 = 100 UAH, raised by add1 to 124.
    assert result.shares.replace("\xa0", " ") == (
        "Кожен із 10 виборців отримав рівну частку: 100 грн. Після першого розподілу кошти "
        "лишалися, тож частки рівно збільшували (доповнення add1), поки переможці вміщувалися "
        "в суму: остаточна частка — 124 грн. Суми прихильників нижче — в цих збільшених частках."
    )


def test_equal_shares_and_greedy_agree_when_everyone_wants_the_same(
    voting_process: Process, personas: Personas
) -> None:
    grants(voting_process, personas)
    result = count(voting_process, 2, Rule.MES, [[8, 9]] * 5)
    assert sorted(winners(result)) == [8, 9]
    assert result.differences == ["Правило «більше голосів — вище» обрало б ті самі проєкти."]


@pytest.mark.parametrize("rule", Rule.values)
def test_every_rule_has_a_plain_description(voting_process: Process, rule: str) -> None:
    sub_budget = voting_process.sub_budgets.all()[0]
    sub_budget.winner_rule = rule
    text = rule_description(sub_budget)
    assert len(text) > 80 and text.endswith(".")
    others = {rule_description(SubBudget(process=voting_process, winner_rule=r)) for r in Rule}
    assert len(others) == len(Rule.values), "each rule is described differently"
