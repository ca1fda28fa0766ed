"""The Pabulib reader and writer: every vote type, quoting, BOM, CRLF, and each fault's message."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.pb import Election, PabulibError, Project, format_pabulib, parse_pabulib, read_pabulib
from hromada.pb.pabulib import parse_number

META = """META
key;value
description;Test
country;Ukraine
unit;Hromada
instance;2026
num_projects;{np}
num_votes;{nv}
budget;{budget}
vote_type;{vt}
rule;greedy
date_begin;01.01.2026
date_end;02.01.2026
"""


def pb(
    projects: str, votes: str, vt: str = "approval", budget: str = "100", extra: str = ""
) -> str:
    np_ = len([line for line in projects.strip().splitlines()[1:] if line.strip()])
    nv = len([line for line in votes.strip().splitlines()[1:] if line.strip()])
    head = META.format(np=np_, nv=nv, budget=budget, vt=vt) + extra
    return head + "PROJECTS\n" + projects.strip() + "\nVOTES\n" + votes.strip() + "\n"


APPROVAL = pb(
    "project_id;cost;votes;name;category;selected\n"
    '1;60;2;"Park; with ""quotes""";green,sport;1\n'
    "2;50;1;Road;roads;0\n"
    "10;30;1;Bench;;1\n",
    "voter_id;vote;age\nv1;1,2;30\nv2;1,10;\nv3;;41\n",
)


def errors_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "bad.pb"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PabulibError) as info:
        read_pabulib(path)
    prefix = f"{path}:"
    assert all(m.startswith(prefix) for m in info.value.messages)
    return [m[len(str(path)) + 1 :] for m in info.value.messages]


def test_reads_approval_with_quoting_and_optional_fields() -> None:
    e = parse_pabulib(APPROVAL)
    assert e.vote_type == "approval"
    assert e.budget == 100
    assert [p.id for p in e.projects] == ["1", "2", "10"]
    park = e.projects[0]
    assert park.name == 'Park; with "quotes"'
    assert park.categories == ("green", "sport")
    assert (park.cost, park.votes, park.selected) == (60, 2, 1)
    assert e.projects[2].categories == ()
    assert [list(b) for b in e.ballots] == [["1", "2"], ["1", "10"], []]
    assert e.voters is not None
    assert dict(e.voters[0]) == {"voter_id": "v1", "age": "30"}
    assert dict(e.voters[1]) == {"voter_id": "v2"}


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.pb"
    path.write_bytes(b"\xef\xbb\xbf" + APPROVAL.replace("\n", "\r\n").encode())
    e = read_pabulib(path)
    assert [list(b) for b in e.ballots] == [["1", "2"], ["1", "10"], []]
    assert e.meta["rule"] == "greedy"


@pytest.mark.parametrize("vt", ["cumulative", "scoring"])
def test_points_ballots(vt: str) -> None:
    text = pb(
        "project_id;cost\na;10\nb;20.5\n",
        "voter_id;vote;points\n1;b,a;3,1\n2;a;2\n",
        vt=vt,
        budget="30,5",
    )
    e = parse_pabulib(text)
    assert e.budget == Fraction(61, 2)
    assert e.projects[1].cost == Fraction(41, 2)
    assert [dict(b) for b in e.ballots] == [{"b": 3, "a": 1}, {"a": 2}]  # type: ignore[arg-type]


def test_ordinal_and_choose_one() -> None:
    e = parse_pabulib(pb("project_id;cost\na;1\nb;2\n", "voter_id;vote\n1;b,a\n", vt="ordinal"))
    assert list(e.ballots[0]) == ["b", "a"]
    e = parse_pabulib(pb("project_id;cost\na;1\nb;2\n", "voter_id;vote\n1;b\n", vt="choose-1"))
    assert list(e.ballots[0]) == ["b"]


@pytest.mark.parametrize(
    "text",
    [
        APPROVAL,
        pb(
            "project_id;cost;score\na;10;4\nb;20;1\n",
            "voter_id;vote;points;sex\n1;b,a;3,1;F\n",
            vt="cumulative",
        ),
        pb("project_id;cost\na;1\nb;2\n", "voter_id;vote\n1;b,a\n2;a\n", vt="ordinal"),
    ],
)
def test_writer_round_trips(text: str) -> None:
    first = parse_pabulib(text)
    again = parse_pabulib(format_pabulib(first))
    assert again.meta == first.meta
    assert list(again.projects) == list(first.projects)
    assert [_plain(b) for b in again.ballots] == [_plain(b) for b in first.ballots]
    assert first.voters is not None and again.voters is not None
    assert [dict(v) for v in again.voters] == [dict(v) for v in first.voters]


def _plain(ballot: object) -> object:
    return dict(ballot) if isinstance(ballot, dict) else list(ballot)  # type: ignore[call-overload]


def test_writer_accepts_api_built_election() -> None:
    e = Election(
        budget=100,
        projects=[Project("x", 40, name="Sq;uare"), Project("y", 70)],
        ballots=[["x"], ["x", "y"]],
    )
    back = parse_pabulib(format_pabulib(e))
    assert [p.name for p in back.projects] == ["Sq;uare", ""]
    assert [list(b) for b in back.ballots] == [["x"], ["x", "y"]]


def test_real_files_round_trip_sample(pabulib_dir: Path) -> None:
    for name in ["Poland_Wieliczka_2023_Green_Budget.pb", "Poland_Katowice_2024_Dab.pb"]:
        first = read_pabulib(pabulib_dir / name)
        again = parse_pabulib(format_pabulib(first))
        assert list(again.projects) == list(first.projects)
        assert [_plain(b) for b in again.ballots] == [_plain(b) for b in first.ballots]


GOOD_PROJECTS = "project_id;cost\n1;10\n2;20\n"
GOOD_VOTES = "voter_id;vote\nv1;1\nv2;1,2\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            META.format(np=2, nv=2, budget=50, vt="approval") + "PROJECTS\n" + GOOD_PROJECTS,
            ["17: missing section VOTES"],
        ),
        (
            META.format(np=2, nv=2, budget=50, vt="approval")
            + "PROJECTS\n"
            + GOOD_PROJECTS
            + "VOTES\n",
            ["18: section VOTES has no header line"],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote\nv1;1\nv2;1,7\n"),
            ["21: vote for unknown project '7'"],
        ),
        (
            pb("project_id;cost\n1;10\n1;20\n", "voter_id;vote\nv1;1\nv2;1\n"),
            ["17: duplicate project_id '1' (first on line 16)"],
        ),
        (
            pb("project_id;cost\n1;-10\n2;20\n", GOOD_VOTES),
            ["16: negative cost '-10' of project '1'"],
        ),
        (
            pb("project_id;cost\n1;ten\n2;20\n", GOOD_VOTES),
            ["16: cost 'ten' of project '1' is not a number"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES).replace("num_votes;2", "num_votes;3"),
            ["8: META num_votes is 3 but VOTES has 2 rows"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES).replace("num_projects;2", "num_projects;5"),
            ["7: META num_projects is 5 but PROJECTS has 2 rows"],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote\nv1;1\nv1;2\n"),
            ["21: duplicate voter_id 'v1' (first on line 20)"],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote;points\nv1;1,1;2,3\nv2;2;1\n", vt="cumulative"),
            ["20: project listed twice in vote '1,1'"],
        ),
        (
            pb("project_id;name\n1;x\n2;y\n", GOOD_VOTES),
            ["15: PROJECTS header lacks 'cost'"],
        ),
        (
            pb(GOOD_PROJECTS, "voter;vote\nv1;1\nv2;1,2\n"),
            ["19: VOTES header lacks 'voter_id'"],
        ),
        (
            pb("project_id;cost\n1;1e999999999\n2;20\n", GOOD_VOTES),
            ["16: cost '1e999999999' of project '1' is refused: has an exponent beyond ±30"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES, extra="min_project_score_threshold;1e99999\n"),
            [
                "14: META min_project_score_threshold '1e99999' is refused: "
                "has an exponent beyond ±30"
            ],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES, budget="1/0"),
            ["9: META budget '1/0' is not a number"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES).replace("num_votes;2", "num_votes;2e0"),
            ["8: META num_votes '2e0' is not an integer"],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote;points\nv1;1,2;3,1E-31\nv2;1;1\n", vt="cumulative"),
            ["20: points '1E-31' for project '2' is refused: has an exponent beyond ±30"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES, budget="lots"),
            ["9: META budget 'lots' is not a number"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES, vt="borda"),
            ["10: unknown vote_type 'borda'"],
        ),
        (
            pb(GOOD_PROJECTS, GOOD_VOTES).replace("rule;greedy\n", ""),
            ["1: META lacks required key 'rule'"],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote;points\nv1;1,2;3\nv2;1;x\n", vt="cumulative"),
            [
                "20: 2 projects in vote but 1 values in points",
                "21: points 'x' for project '1' is not a number",
            ],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote\nv1;1;extra\nv2;2\n"),
            ["20: VOTES row has 3 fields, header has 2"],
        ),
        (
            pb(GOOD_PROJECTS, "voter_id;vote\nv1;1,2\nv2;2\n", vt="choose-1"),
            ["20: choose-1 ballot lists 2 projects"],
        ),
    ],
)
def test_malformed_input_is_reported_with_line(
    text: str, expected: list[str], tmp_path: Path
) -> None:
    assert errors_of(text, tmp_path) == expected


@pytest.mark.parametrize(
    ("vote_type", "vote", "ballot"),
    [
        ("approval", "1,2,1", ["1", "2"]),
        ("choose-1", "2,2", ["2"]),
        ("ordinal", "2,1,2", ["2", "1"]),
    ],
)
def test_project_listed_twice_counts_once_with_a_warning(
    vote_type: str, vote: str, ballot: list[str]
) -> None:
    """As pabutools: a set for approval and choose-1, the first place for ordinal."""
    text = pb(GOOD_PROJECTS, f"voter_id;vote\nv1;{vote}\nv2;2\n", vt=vote_type)
    e = parse_pabulib(text, "w.pb")
    assert [list(b) for b in e.ballots] == [ballot, ["2"]]
    assert e.warnings == [f"w.pb:20: project listed twice in vote '{vote}'; counted once"]
    again = parse_pabulib(format_pabulib(e))
    assert [list(b) for b in again.ballots] == [ballot, ["2"]] and again.warnings == []
    with pytest.raises(PabulibError) as info:
        parse_pabulib(text, "w.pb", strict=True)
    assert info.value.messages[0] == f"w.pb:20: project listed twice in vote '{vote}'"


@pytest.mark.parametrize(
    ("vote_type", "vote"), [("approval", "1,2,1"), ("choose-1", "2,2"), ("ordinal", "2,1,2")]
)
def test_project_listed_twice_is_read_as_pabutools_reads_it(vote_type: str, vote: str) -> None:
    from pabutools.election.pabulib import parse_pabulib_from_string

    text = pb(GOOD_PROJECTS, f"voter_id;vote\nv1;{vote}\nv2;2\n", vt=vote_type)
    ours = [list(b) for b in parse_pabulib(text).ballots]
    _, profile = parse_pabulib_from_string(text)
    theirs = [[p.name for p in b] for b in profile]
    if vote_type == "ordinal":
        assert ours == theirs
    else:
        assert [set(b) for b in ours] == [set(b) for b in theirs]


def test_many_warnings_are_capped(tmp_path: Path) -> None:
    rows = "".join(f"v{i};1,1\n" for i in range(60))
    path = tmp_path / "many.pb"
    path.write_text(pb(GOOD_PROJECTS, "voter_id;vote\n" + rows), encoding="utf-8")
    e = read_pabulib(path)
    assert all(b == ["1"] for b in e.ballots)
    assert len(e.warnings) == 51
    assert e.warnings[0] == f"{path}:20: project listed twice in vote '1,1'; counted once"
    assert e.warnings[-1] == "... and 10 more warnings"
    assert parse_pabulib(APPROVAL).warnings == []


def test_hostile_numbers_are_refused_at_once(tmp_path: Path) -> None:
    projects = "project_id;cost;votes\n1;1" + "0" * 10**6 + ";1\n2;2;" + "9" * 31 + "\n"
    assert errors_of(pb(projects, GOOD_VOTES), tmp_path) == [
        "16: cost '1000000000000000000000000000000000000...' of project '1' is refused: "
        "has more than 30 digits",
        "17: votes '9999999999999999999999999999999' of project '2' is refused: "
        "has more than 30 digits",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("-7", -7),
        ("12,5", Fraction(25, 2)),
        (".5", Fraction(1, 2)),
        ("5.", 5),
        ("1.5E+2", 150),
        ("25e-1", Fraction(5, 2)),
        ("1e30", 10**30),
        ("1/3", Fraction(1, 3)),
        ("9" * 30, int("9" * 30)),
    ],
)
def test_numbers_within_bounds(text: str, value: Fraction) -> None:
    assert parse_number(text) == value


ODD_NUMBERS = st.one_of(
    st.text(alphabet="0123456789eE+-.,/_ x", max_size=40),
    st.sampled_from(["inf", "-inf", "nan", "1e999999999", "1e-999999999", "١٢", "1_000", "0/0"]),
    st.builds(
        "{}e{}".format,
        st.integers(-(10**40), 10**40),
        st.integers(-(10**6), 10**6),
    ),
)


@settings(max_examples=300, deadline=None)
@given(ODD_NUMBERS)
def test_odd_numbers_are_read_within_bounds_or_refused(text: str) -> None:
    """Any string is a bounded exact number or a ValueError, never a long computation."""
    try:
        value = parse_number(text)
    except ValueError:
        return
    value = Fraction(value)
    assert abs(value.numerator) < 10**61 and value.denominator <= 10**60


def test_missing_everything(tmp_path: Path) -> None:
    assert errors_of("", tmp_path) == [
        "1: missing section META",
        "1: missing section PROJECTS",
        "1: missing section VOTES",
    ]


def test_several_faults_are_all_reported(tmp_path: Path) -> None:
    text = pb("project_id;cost\n1;-1\n2;x\n", "voter_id;vote\nv1;3\nv2;4\n")
    assert errors_of(text, tmp_path) == [
        "16: negative cost '-1' of project '1'",
        "17: cost 'x' of project '2' is not a number",
        "20: vote for unknown project '3'",
        "21: vote for unknown project '4'",
    ]


def test_unreadable_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(PabulibError, match="cannot read file"):
        read_pabulib(tmp_path / "absent.pb")
    path = tmp_path / "latin.pb"
    path.write_bytes(APPROVAL.encode().replace(b"Road", b"R\xf6ad"))
    with pytest.raises(PabulibError, match=r"latin.pb:17: not valid UTF-8"):
        read_pabulib(path)


VOTE_TEXTS = st.sampled_from(
    ["1", "2", "10", "1,2", "2,10,1", "", "1,,2", ",1", "1,", " 1", "1 ,2", "none", "7", "1,1"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(VOTE_TEXTS, st.sampled_from(["", "x", "a;b"])), min_size=1, max_size=12),
    st.sampled_from(["approval", "choose-1", "ordinal"]),
    st.booleans(),
)
def test_fast_reader_agrees_with_line_by_line_reader(
    rows: list[tuple[str, str]], vote_type: str, duplicate_voter: bool
) -> None:
    """The whole-block fast path must accept, reject and report exactly like the slow path."""
    body = "voter_id;vote;extra\n" + "".join(
        f"{'v0' if duplicate_voter and i == 1 else f'v{i}'};{vote};{extra}\n"
        for i, (vote, extra) in enumerate(rows)
    )
    text = pb("project_id;cost\n1;10\n2;20\n10;5\n", body, vt=vote_type)
    fast = _outcome(text)
    with mock.patch("hromada.pb.pabulib.read_clean_votes", return_value=None):
        slow = _outcome(text)
    assert fast == slow


def _outcome(text: str) -> object:
    try:
        e = parse_pabulib(text)
    except PabulibError as exc:
        return exc.messages
    assert e.voters is not None
    return [list(b) for b in e.ballots], [dict(v) for v in e.voters]


def test_clean_votes_take_the_fast_path_and_faulty_ones_do_not() -> None:
    from hromada.pb.pabulib import CompiledBallots

    clean = parse_pabulib(pb(GOOD_PROJECTS, "voter_id;vote;age\nv1;1;30\nv2;2,1;\nv3;;41\n"))
    assert isinstance(clean.ballots, CompiledBallots)
    assert [list(b) for b in clean.ballots] == [["1"], ["2", "1"], []]
    assert clean.ballots[-1] == [] and clean.ballots[0:2] == [["1"], ["2", "1"]]
    spaced = parse_pabulib(pb(GOOD_PROJECTS, "voter_id;vote\nv1;1, 2\nv2;2\n"))
    assert not isinstance(spaced.ballots, CompiledBallots)
    assert [list(b) for b in spaced.ballots] == [["1", "2"], ["2"]]
