"""Counting each ballot type: winners by points where the ballot has them, and a published `.pb`
file with Pabulib's vote_type (choose-1, cumulative with its points, ordinal best first) that
`python -m hromada.pb check` reproduces and pabutools, reading the same file, agrees with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pabutools.election import AdditiveSatisfaction, parse_pabulib
from pabutools.rules import greedy_utilitarian_welfare
from pabutools.tiebreaking import lexico_tie_breaking

from hromada import pb
from hromada.budgeting import actions, receipts
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.models import Process, SubBudget
from tests.budgeting.ballot_types_helpers import cast_many, marked, sub_budget, typed_process
from tests.budgeting.conftest import move_to
from tests.budgeting.test_published_file import check_cli, selected_in
from tests.conftest import Personas
from tests.factories import verified_resident

# Large projects, one each: №4 (1.5M) 3 votes, №5 (900k) 2, №6 (600k) 1, of 2M.
ONE_EACH = [[4]] * 3 + [[5]] * 2 + [[6]]
# Points: №7 6 (two ballots), №8 9 (two), №9 10 (two). By points: №9, №8, then №7 does not
# fit; by ballots alone (all level at two) the file order would fund №7 and №8.
POINTS = [{7: 5, 8: 5}, {7: 1, 9: 5}, {8: 4, 9: 5}]
# Places (3 for a first place, 2 for a second): №11 12 points, №10 10, №12 9. By points №11 then
# №12 fit (900k of 1M); by ballots alone (№10 on five) №10 and №12 would win.
PLACES = [{12: 1, 10: 2}] * 3 + [{11: 1, 10: 2}] * 2 + [{11: 1}] * 2
CASES = [
    (1, ONE_EACH, "choose-1", {"4"}, {"max_length": "1"}),
    (2, POINTS, "cumulative", {"8", "9"}, {"max_sum_points": "10", "max_points": "5"}),
    (3, PLACES, "ordinal", {"11", "12"}, {"max_length": "3", "ordinal_points": "3"}),
]


@pytest.fixture
def process(personas: Personas) -> Process:
    return typed_process(personas.community, personas.reviewer)


def published(process: Process, index: int, tmp_path: Path) -> tuple[str, Path]:
    text = pabulib_text(process, sub_budget(process, index))
    path = tmp_path / f"{index}.pb"
    path.write_bytes(text.encode())
    return text, path


class PointsTimesCost(AdditiveSatisfaction):
    """pabutools' greedy funds by satisfaction per cost; points x cost makes that the points.
    A ranking earns N for a first place, one less for each place below (META ordinal_points)."""

    places = 0

    def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
        super().__init__(instance, profile, ballot, self.points)

    def points(self, instance: Any, profile: Any, ballot: Any, project: Any, _pre: Any) -> Any:
        if project not in ballot:
            return 0
        if self.places:
            return (self.places - list(ballot).index(project)) * project.cost
        return ballot[project] * project.cost


def pabutools_greedy(path: Path) -> set[str]:
    """pabutools reads the published file itself and funds by votes or by points."""
    instance, profile = parse_pabulib(str(path))
    vote_type = instance.meta["vote_type"]
    sat: Any = PointsTimesCost
    if vote_type == "ordinal":
        sat = type("Places", (PointsTimesCost,), {"places": int(instance.meta["ordinal_points"])})
    elif vote_type not in ("cumulative",):
        from pabutools.election import Cost_Sat

        sat = Cost_Sat
    chosen = greedy_utilitarian_welfare(
        instance, profile, sat_class=sat, tie_breaking=lexico_tie_breaking
    )
    return {p.name for p in chosen}


@pytest.mark.parametrize(("index", "ballots", "vote_type", "expected", "meta"), CASES)
def test_each_type_is_counted_published_and_reproduced(
    personas: Personas,
    process: Process,
    tmp_path: Path,
    client: Client,
    index: int,
    ballots: list[Any],
    vote_type: str,
    expected: set[str],
    meta: dict[str, str],
) -> None:
    cast_many(process, personas.community, index, ballots)
    move_to(process, "implementation")
    text, path = published(process, index, tmp_path)
    election = pb.parse_pabulib(text)
    assert election.vote_type == vote_type
    assert meta.items() <= election.meta.items()
    assert selected_in(text) == expected
    report = check_cli(path)
    assert report["reproduced"] is True, report
    assert pabutools_greedy(path) == expected
    if vote_type != "choose-1":
        page = client.get(f"/pb/{process.slug}/results/").content.decode()
        assert "Бали" in page


def test_the_file_keeps_points_and_order_and_the_receipt_finds_its_line(
    personas: Personas, process: Process, tmp_path: Path
) -> None:
    voter = verified_resident(personas.community)
    cast_points = actions.cast_ballot(voter, process, *marked(process, 2, {9: 2, 7: 5, 8: 2}))
    other = verified_resident(personas.community)
    cast_places = actions.cast_ballot(other, process, *marked(process, 3, {12: 2, 10: 3, 11: 1}))
    move_to(process, "implementation")
    points_text, _path = published(process, 2, tmp_path)
    places_text, _path = published(process, 3, tmp_path)
    points_id = receipts.published_voter_id(cast_points.receipt)
    places_id = receipts.published_voter_id(cast_places.receipt)
    # By decreasing points (equal points by number); a ranking best first.
    assert f"\n{points_id};7,8,9;5,2,2\n" in points_text
    assert f"\n{places_id};11,12,10\n" in places_text
    for cast, line in ((cast_points, "7,8,9;5,2,2"), (cast_places, "11,12,10")):
        check = receipts.check_receipt(process, cast.receipt)
        assert check is not None and check.lines is not None
        assert [found.line.split(";", 1)[1] for found in check.lines] == [line]
    # The receipt shows the ranking in the order of its places, with the points given.
    check = receipts.check_receipt(process, cast_places.receipt)
    assert check is not None
    assert [(p.number, mark) for p, mark in check.choices[0][1]] == [(11, 1), (12, 2), (10, 3)]
    check = receipts.check_receipt(process, cast_points.receipt)
    assert check is not None
    assert [(p.number, mark) for p, mark in check.choices[0][1]] == [(7, 5), (8, 2), (9, 2)]
    # The ranking's points are in the score column: 3 for №11's first place, 2, 1.
    scores = {p.id: p.score for p in pb.parse_pabulib(places_text).projects}
    assert scores == {"10": 1, "11": 3, "12": 2}


def test_check_refuses_a_score_column_that_the_ballots_do_not_give(
    personas: Personas, process: Process, tmp_path: Path
) -> None:
    cast_many(process, personas.community, 3, PLACES)
    move_to(process, "implementation")
    text, path = published(process, 3, tmp_path)
    # Someone edits the published points of №12 to make it win first: check says so.
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("12;"))
    cells = lines[at].split(";")
    header = lines[lines.index("PROJECTS") + 1].split(";")
    cells[header.index("score")] = "99"
    lines[at] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = pb.check_file(path)
    assert report["reproduced"] is False
    assert report["score_mismatch"] == ["12"]


def test_a_points_sub_budget_cannot_run_equal_shares(personas: Personas) -> None:
    spec = actions.SubBudgetSpec(
        name="Бали", amount=100_000_000, max_cost=50_000_000, ballot_rule="cumulative",
        points_total=10, points_per_project=5, winner_rule=SubBudget.WinnerRule.MES,
    )  # fmt: skip
    from hromada.budgeting.regulation import RegulationContradicts
    from hromada.demo.timeline import dates_for_phase

    with pytest.raises(RegulationContradicts, match="рахує лише прихильників"):
        actions.create_process(
            personas.admin, personas.community, [spec], title="Бюджет", slug="pb-bali",
            total_budget=100_000_000, **dates_for_phase("submission"),
        )  # fmt: skip
