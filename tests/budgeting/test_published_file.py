"""The published `.pb` file of each sub-budget: written by hromada.pb's writer, its META names the
rule, the thresholds and the tie rule, `python -m hromada.pb check` and pabutools reproduce it,
and the results page shows its SHA-256."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from hromada import pb
from hromada.budgeting import actions
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.models import Process, Project, SubBudget
from tests.budgeting.conftest import move_to
from tests.budgeting.results_helpers import grants, pabutools_selection
from tests.conftest import Personas
from tests.factories import verified_resident

Rule = SubBudget.WinnerRule


def cast(process: Process, personas: Personas, index: int, ballots: list[list[int]]) -> None:
    sub_budget = list(process.sub_budgets.all())[index]
    pk = {p.number: p.pk for p in Project.objects.filter(process=process)}
    for numbers in ballots:
        voter = verified_resident(personas.community)
        actions.cast_ballot(voter, process, {sub_budget.pk: [pk[n] for n in numbers]})


def published(process: Process, index: int, tmp_path: Path) -> tuple[str, Path]:
    sub_budget = list(process.sub_budgets.all())[index]
    text = pabulib_text(process, sub_budget)
    path = tmp_path / f"{process.slug}-{index}.pb"
    path.write_bytes(text.encode())
    return text, path


def check_cli(path: Path) -> dict[str, object]:
    """The real command line, as a resident would run it."""
    run = subprocess.run(
        [sys.executable, "-m", "hromada.pb", "check", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report: dict[str, object] = json.loads(run.stdout)
    return report


def selected_in(text: str) -> set[str]:
    return {p.id for p in pb.parse_pabulib(text).projects if p.selected == 1}


# Small sub-budget (1,000,000 UAH): №1 300k with 6 votes, №2 400k with 3, №3 350k with 2.
SMALL_BALLOTS = [[1, 2]] * 3 + [[1, 3]] * 2 + [[1]]
GREEDY_CASES = [
    (Rule.GREEDY, "greedy", {"1", "2"}),
    (Rule.GREEDY_THRESHOLD, "greedy-threshold", {"1", "2"}),
    # 1 vote + 1 per 100,000 UAH: №1 needs 4 (has 6), №2 needs 5 (has 3), №3 4.5 (has 2).
    (Rule.GREEDY_RISING, "greedy-threshold-cost", {"1"}),
    (Rule.GREEDY_PER_COST, "greedy-per-cost", {"1", "2"}),
]


@pytest.mark.parametrize(("rule", "meta_rule", "expected"), GREEDY_CASES)
def test_greedy_family_file_reproduces(
    personas: Personas,
    voting_process: Process,
    tmp_path: Path,
    client: Client,
    rule: str,
    meta_rule: str,
    expected: set[str],
) -> None:
    small = voting_process.sub_budgets.all()[0]
    SubBudget.objects.filter(pk=small.pk).update(winner_rule=rule, threshold_per_100k=1)
    cast(voting_process, personas, 0, SMALL_BALLOTS)
    move_to(voting_process, "implementation")
    text, path = published(voting_process, 0, tmp_path)
    election = pb.parse_pabulib(text)
    assert election.meta["rule"] == meta_rule
    assert election.meta["tie_breaking"] == "file-order"
    assert election.meta["budget"] == "1000000" and election.meta["currency"] == "UAH"
    assert selected_in(text) == expected
    report = check_cli(path)
    assert report["reproduced"] is True, report
    assert pabutools_selection(text) == expected
    page = client.get(f"/pb/{voting_process.slug}/results/").content.decode()
    assert hashlib.sha256(text.encode()).hexdigest() in page


def test_equal_shares_file_reproduces_and_shows_its_digest(
    personas: Personas, voting_process: Process, tmp_path: Path, client: Client
) -> None:
    grants(voting_process, personas)
    SubBudget.objects.filter(name="Гранти").update(winner_rule=Rule.MES)
    cast(voting_process, personas, 2, [[7]] * 6 + [[8, 9]] * 4)
    move_to(voting_process, "implementation")
    text, path = published(voting_process, 2, tmp_path)
    assert pb.parse_pabulib(text).meta["rule"] == "equalshares/add1-pabutools"
    assert selected_in(text) == {"8"}
    assert check_cli(path)["reproduced"] is True
    assert pabutools_selection(text) == {"8"}
    page = client.get(f"/pb/{voting_process.slug}/results/").content.decode()
    assert hashlib.sha256(text.encode()).hexdigest() in page
    assert "А якби за більшістю голосів?" in page
    # The file served for download is byte for byte the one whose digest the page shows.
    sub_budget = voting_process.sub_budgets.get(name="Гранти")
    served = client.get(f"/pb/{voting_process.slug}/export/{sub_budget.pk}.pb").content
    assert served == text.encode()


# №8 and №9 are level in round 1 of equal shares (both cost their four supporters a quarter per
# hryvnia): the tie rule decides. Earlier submission and the lexicographic order pick №8; the
# cheaper is №9; a lottery picks whichever ticket sha256("SEED\nNUMBER") is smaller.
TIE_CASES = [("submission", ""), ("min_cost", ""), ("lottery", "сесія-0"), ("lottery", "сесія-7")]


@pytest.mark.parametrize(("tie_rule", "seed"), TIE_CASES)
def test_an_equal_shares_tie_is_settled_by_the_published_rule(
    personas: Personas, voting_process: Process, tmp_path: Path, tie_rule: str, seed: str
) -> None:
    grants(voting_process, personas)
    SubBudget.objects.filter(name="Гранти").update(winner_rule=Rule.MES)
    Process.objects.filter(pk=voting_process.pk).update(tie_breaking=tie_rule, lottery_seed=seed)
    cast(voting_process, personas, 2, [[8, 9]] * 4 + [[7]] * 6)
    move_to(voting_process, "implementation")
    text, path = published(voting_process, 2, tmp_path)
    report = check_cli(path)
    assert report["reproduced"] is True, report
    assert report["ties"], "the file must contain a tie that the rule settled"
    first = {
        "submission": "8",
        "min_cost": "9",
        "lottery": min("89", key=lambda n: pb.lottery_ticket(seed, n)),
    }[tie_rule]
    assert selected_in(text) == {first}
    meta = pb.parse_pabulib(text).meta["tie_breaking"]
    assert meta == {"submission": "file-order", "min_cost": "min-cost"}.get(
        tie_rule, f"lottery:{seed}"
    )
