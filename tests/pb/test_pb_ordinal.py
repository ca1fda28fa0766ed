"""Positional points of ordinal ballots (META ``ordinal_points``): counted from the ballots, and
``check`` trusts the ballots, not a published score column."""

from __future__ import annotations

import pytest

from hromada.pb import Election, Project, check_election
from hromada.pb.ordinal import places_of, positional_scores, with_positional_scores

PROJECTS = [Project(id=str(n), cost=cost) for n, cost in ((1, 600), (2, 500), (3, 400))]
# N = 3: №2 earns 9 points (three first places), №1 and №3 6 each, although №1 is on the most
# ballots (three).
BALLOTS = [["3", "1"], ["3", "1"], ["2", "1"], ["2"], ["2"]]


def election(meta: dict[str, str], scores: dict[str, int] | None = None) -> Election:
    projects = [
        Project(id=p.id, cost=p.cost, score=(scores or {}).get(p.id), selected=None)
        for p in PROJECTS
    ]
    return Election(budget=1000, projects=projects, ballots=BALLOTS, vote_type="ordinal", meta=meta)


def test_places_earn_points_from_n_down() -> None:
    assert positional_scores(election({}), 3) == {"1": 6, "2": 9, "3": 6}
    # Places below N earn nothing.
    assert positional_scores(election({}), 1) == {"1": 0, "2": 3, "3": 2}


def test_the_score_column_is_recounted_only_when_meta_says_how() -> None:
    plain = election({}, {"1": 50, "2": 1, "3": 1})
    assert with_positional_scores(plain) is plain
    counted = with_positional_scores(election({"ordinal_points": "3"}))
    assert [p.score for p in counted.projects] == [6, 9, 6]


@pytest.mark.parametrize("bad", ["0", "-1", "три", "3.5", "٣", "9" * 20])
def test_a_malformed_places_count_is_named(bad: str) -> None:
    with pytest.raises(ValueError, match="ordinal_points"):
        places_of(election({"ordinal_points": bad}))


def _with_selected(e: Election, selected: set[str]) -> Election:
    e.projects = [
        Project(id=p.id, cost=p.cost, score=p.score, selected=int(p.id in selected))
        for p in e.projects
    ]
    return e


def test_check_recomputes_from_the_ballots_and_names_a_wrong_column() -> None:
    meta = {"rule": "greedy", "ordinal_points": "3", "tie_breaking": "file-order"}
    # By points: №2 (9, 500), then №1 and №3 tie at 6: file order takes №1 (600) — does not
    # fit (500 left) — then №3 (400) fits.
    honest = _with_selected(election(meta, {"1": 6, "2": 9, "3": 6}), {"2", "3"})
    report = check_election(honest)
    assert report["reproduced"] is True, report
    # A column that makes №1 first: the ballots still decide, and the column is named wrong.
    forged = _with_selected(election(meta, {"1": 99, "2": 9, "3": 6}), {"1", "3"})
    report = check_election(forged)
    assert report["reproduced"] is False
    assert report["score_mismatch"] == ["1"]
    assert set(report["selected"]) == {"2", "3"}  # what the ballots give
    # Without the META key the column is all there is (Pabulib's Kraków files): it is used.
    kraków = _with_selected(
        election({"rule": "greedy", "tie_breaking": "file-order"}, {"1": 99, "2": 9, "3": 6}),
        {"1", "3"},
    )
    assert check_election(kraków)["reproduced"] is True
