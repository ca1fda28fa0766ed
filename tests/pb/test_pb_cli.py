"""``python -m hromada.pb``: output, JSON fields and exit codes (0 ok, 1 mismatch, 2 invalid)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hromada.pb.cli import main

SMALL = """META
key;value
description;CLI test
country;Ukraine
unit;Hromada
instance;2026
num_projects;3
num_votes;3
budget;100
vote_type;approval
rule;greedy
date_begin;01.01.2026
date_end;02.01.2026
PROJECTS
project_id;cost;votes;name;selected
a;60;2;Park;1
b;50;2;Road;0
c;40;1;Bench;1
VOTES
voter_id;vote
1;a,b
2;a,b,c
3;c
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.pb"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compute_json(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compute", str(small), "--rule", "greedy", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["selected"] == ["a", "c"]
    assert data["cost"] == 100
    assert isinstance(data["seconds"], float)
    assert "explanations" not in data


def test_compute_explain_and_text(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compute", str(small), "--rule", "mes", "--json", "--explain")
    data = json.loads(out)
    assert code == 0
    assert set(data["explanations"]) == {"a", "b", "c"}
    code, out, _ = run(
        capsys,
        "compute",
        str(small),
        "--rule",
        "greedy-no-skip",
        "--explain",
        "--tie-breaking",
        "lottery:seed-1",
    )
    assert code == 0
    assert "greedy-no-skip" in out and "b:" in out


def test_check_reproduced_and_mismatch(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", str(small), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["valid"] is True and data["reproduced"] is True
    assert data["rule"] == "greedy" and data["errors"] == []
    wrong = tmp_path / "wrong.pb"
    wrong.write_text(SMALL.replace("b;50;2;Road;0", "b;50;2;Road;1"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(wrong), "--json")
    data = json.loads(out)
    assert code == 1
    assert (data["reproduced"], data["missing"], data["extra"]) == (False, ["b"], [])
    code, out, _ = run(capsys, "check", str(wrong))
    assert code == 1 and "NOT reproduced" in out


def test_vote_listing_a_project_twice_is_a_warning_unless_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "twice.pb"
    path.write_text(SMALL.replace("3;c", "3;c,c"), encoding="utf-8")
    warning = f"{path}:23: project listed twice in vote 'c,c'; counted once"
    code, out, err = run(capsys, "check", str(path), "--json")
    data = json.loads(out)
    assert (code, data["reproduced"], data["warnings"], err) == (0, True, [warning], "")
    code, out, err = run(capsys, "compute", str(path), "--rule", "greedy", "--json")
    assert (code, json.loads(out)["warnings"]) == (0, [warning])
    for command in (["check"], ["compute", "--rule", "greedy"]):
        code, out, err = run(capsys, *command, str(path))
        assert code == 0 and err == f"warning: {warning}\n" and warning not in out
        code, out, err = run(capsys, *command, str(path), "--strict")
        assert code == 2
        assert err.splitlines()[0] == f"{path}:23: project listed twice in vote 'c,c'"


# a, b and c are tied on 2 votes each and only one of a and b fits; the file lists b first and
# funds b.
TIED = SMALL.replace("a;60;2;Park;1\nb;50;2;Road;0\n", "b;50;2;Road;1\na;60;2;Park;0\n")


def test_check_reports_a_tie_broken_by_the_file_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tied.pb"
    path.write_text(TIED, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["reproduced"], data["missing"], data["extra"]) == ("tie", ["b"], ["a"])
    assert data["selected"] == ["a", "c"]  # what the rule's own tie-breaking (by id) gives
    tie = data["tie"]
    assert (tie["tie_breaking"], tie["projects"], tie["selected"]) == (
        "file-order",
        ["b", "a", "c"],
        ["b", "c"],
    )
    assert tie["ties"][0]["order"] == ["b", "a", "c"]
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert "reproduced when ties follow the file's project order (tied: b, a, c)" in out
    code, out, _ = run(
        capsys, "compute", str(path), "--rule", "greedy", "--tie-breaking", "file-order", "--json"
    )
    data = json.loads(out)
    assert (data["selected"], data["details"]["tie_breaking"]) == (
        ["b", "c"],
        {"kind": "file-order"},
    )


@pytest.mark.parametrize("rule", ["order:b,a", "file-order"])
def test_check_applies_a_meta_tie_breaking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rule: str
) -> None:
    """Hromada's exports name their tie rule in META; by id (the default) the tie goes to a."""
    path = tmp_path / "tied.pb"
    path.write_text(TIED.replace("rule;greedy\n", f"rule;greedy\ntie_breaking;{rule}\n"))
    code, out, _ = run(capsys, "check", str(path), "--json")
    data = json.loads(out)
    assert (code, data["reproduced"], data["selected"]) == (0, True, ["b", "c"])
    assert data["ties"]


def test_check_names_a_bad_meta_tie_breaking(tmp_path: Path) -> None:
    from hromada.pb import check_file

    path = tmp_path / "tied.pb"
    path.write_text(TIED.replace("rule;greedy\n", "rule;greedy\ntie_breaking;coin\n"))
    report = check_file(path)
    assert report["reproduced"] is None
    assert report["note"].startswith("META tie_breaking: invalid tie-breaking 'coin'")


def test_check_reports_an_equal_shares_tie_broken_by_the_file_order(tmp_path: Path) -> None:
    """Equal cost and votes: the checker's min-cost rule falls back to the id, the city did not."""
    from hromada.pb import check_file

    projects = "project_id;cost;votes;name;selected\n2;60;4;Two;1\n1;60;4;One;0\n"
    votes = "voter_id;vote\n" + "".join(f"{i};1,2\n" for i in range(4))
    head = SMALL.split("PROJECTS")[0].replace("num_projects;3", "num_projects;2")
    text = head.replace("num_votes;3", "num_votes;4").replace(
        "rule;greedy", "rule;equalshares/add1"
    )
    path = tmp_path / "mes.pb"
    path.write_text(f"{text}PROJECTS\n{projects}VOTES\n{votes}", encoding="utf-8")
    report = check_file(path)
    assert (report["reproduced"], report["selected"], report["missing"]) == ("tie", ["1"], ["2"])
    assert (report["tie"]["projects"], report["tie"]["selected"]) == (["2", "1"], ["2"])
    assert report["ties"][0]["projects"] == ["1", "2"]


def test_check_unknown_rule_gives_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "custom.pb"
    path.write_text(SMALL.replace("rule;greedy", "rule;greedy-custom"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 0
    assert json.loads(out)["reproduced"] is None


def test_invalid_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.pb"
    path.write_text(SMALL.replace("3;c", "3;zz"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    data = json.loads(out)
    assert code == 2
    assert data["valid"] is False
    assert data["errors"] == [f"{path}:23: vote for unknown project 'zz'"]
    code, _, err = run(capsys, "compute", str(path), "--rule", "greedy")
    assert code == 2
    assert err.strip() == f"{path}:23: vote for unknown project 'zz'"


def test_rule_needing_meta_exits_2(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compute", str(small), "--rule", "greedy-threshold")
    assert code == 2
    assert "min_project_score_threshold" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["compute"],
        ["compute", "x.pb"],
        ["compute", "x.pb", "--rule", "borda"],
        ["compute", "x.pb", "--rule", "mes", "--tie-breaking", "coin"],
        ["compute", "x.pb", "--rule", "mes", "--completion", "add2"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_module_entry_point(small: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hromada.pb", "compute", str(small), "--rule", "phragmen", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["selected"]
    done = subprocess.run(
        [sys.executable, "-m", "hromada.pb", "compute", str(small)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "the following arguments are required: --rule" in done.stderr
