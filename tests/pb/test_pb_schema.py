"""The ``--json`` outputs of ``python -m hromada.pb`` follow the published JSON schema
(hromada/pb/cli-output.schema.json), and ``compute --category`` runs one sub-budget at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from hromada.pb.cli import main, output_schema

DATA = Path(__file__).parent / "data"
WAWER = DATA / "Poland_Warszawa_2018_Marysin_Wawerski_Poludniowy.pb"
ASSEN = DATA / "Netherlands_Assen_2024.pb"
CUMULATIVE = DATA / "Poland_Czestochowa_2024_Mirow.pb"
CHOOSE_ONE = DATA / "Poland_Wroclaw_2017_Rejon_nr_11_750.pb"

NO_SELECTED = """META
key;value
description;schema test
country;Ukraine
unit;Hromada
instance;2026
date_begin;01.01.2026
date_end;02.01.2026
num_projects;2
num_votes;2
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost
a;60
b;50
VOTES
voter_id;vote
1;a,b
2;a,b
"""


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    main(list(argv))
    out = capsys.readouterr().out
    data: dict[str, Any] = json.loads(out)
    return data


def validator(definition: str) -> jsonschema.Draft202012Validator:
    schema = output_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{definition}"})


@pytest.mark.parametrize(
    "argv",
    [
        (str(WAWER), "--rule", "greedy-threshold", "--explain"),
        (str(WAWER), "--rule", "greedy-no-skip", "--tie-breaking", "lottery:42"),
        (str(ASSEN), "--rule", "mes", "--explain", "--tie-breaking", "min-cost"),
        (str(ASSEN), "--rule", "mes", "--sat", "cardinality", "--comparison", "--explain"),
        (str(ASSEN), "--rule", "mes", "--completion", "add1u", "--explain"),
        (str(CUMULATIVE), "--rule", "mes", "--sat", "points", "--explain"),
        (str(CHOOSE_ONE), "--rule", "phragmen", "--explain", "--tie-breaking", "order:571,425"),
    ],
)
def test_compute_output_follows_the_schema(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    data = run_json(capsys, "compute", *argv, "--json")
    validator("compute").validate(data)
    jsonschema.validate(data, output_schema())


def test_check_outputs_follow_the_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    check = validator("check")
    reproduced = run_json(capsys, "check", str(ASSEN), "--json")
    assert reproduced["reproduced"] is True
    check.validate(reproduced)
    no_column = tmp_path / "no-selected.pb"
    no_column.write_text(NO_SELECTED, encoding="utf-8")
    not_checked = run_json(capsys, "check", str(no_column), "--json")
    assert not_checked["reproduced"] is None and "note" in not_checked
    check.validate(not_checked)
    broken = tmp_path / "broken.pb"
    broken.write_text(NO_SELECTED.replace("a;60", "a;1e999999999"), encoding="utf-8")
    invalid = run_json(capsys, "check", str(broken), "--json")
    assert invalid["valid"] is False
    check.validate(invalid)


def test_the_schema_rejects_what_it_should(capsys: pytest.CaptureFixture[str]) -> None:
    """The schema is not a blank cheque: a wrong type or an unknown verdict fails."""
    data = run_json(capsys, "check", str(WAWER), "--json")
    check = validator("check")
    check.validate(data)
    for broken in (
        {**data, "reproduced": "yes"},
        {**data, "missing": "101"},
        {**data, "surprise": 1},
        {k: v for k, v in data.items() if k != "warnings"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            check.validate(broken)
    outcome = run_json(capsys, "compute", str(WAWER), "--rule", "greedy", "--json")
    with pytest.raises(jsonschema.ValidationError):
        validator("compute").validate({**outcome, "cost": 1.5})


def test_compute_by_category_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Worked by hand from the file: a project counts in the first of its categories that has
    a budget. Roads (30,000): 101 (377 votes, 77,050) does not fit, 2448 (25,000) does;
    greenery (80,000): 1813 (53,575) fits; 1470 is in neither."""
    data = run_json(
        capsys,
        "compute",
        str(WAWER),
        "--rule",
        "greedy",
        "--category",
        "public transit and roads=30000",
        "--category",
        "urban greenery=80000",
        "--json",
    )
    validator("computeByCategory").validate(data)
    roads = data["categories"]["public transit and roads"]
    greenery = data["categories"]["urban greenery"]
    assert roads["selected"] == ["2448"] and roads["budget"] == 30000
    assert greenery["selected"] == ["1813"] and greenery["budget"] == 80000
    assert roads["details"]["category"] == "public transit and roads"


def test_category_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compute", str(WAWER), "--rule", "greedy", "--category", "parks=100"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no project has category 'parks'" in err and "urban greenery" in err
    with pytest.raises(SystemExit) as exc:
        main(["compute", str(WAWER), "--rule", "greedy", "--category", "sport"])
    assert exc.value.code == 2
    assert "CATEGORY=BUDGET" in capsys.readouterr().err


def test_plain_output_names_each_category(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compute", str(WAWER), "--rule", "greedy", "--category", "sport=60000"])
    out = capsys.readouterr().out
    assert code == 0
    assert "[sport] greedy: 1 of 1 projects" in out
    assert "1470" in out
