"""The `.pb` export records its tie rule, so the engine's `check` reproduces a tied result."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada.budgeting import actions
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.models import Process
from hromada.pb import check_file
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident

# Draws worked out with the documented rule, sha256("SEED\nNUMBER") smallest wins, between the
# tied projects №2 and №3: "сесія-0" draws №2, "сесія-1" draws №3.
CASES = [
    ("submission", "", "file-order", "Проєкт 2"),
    ("min_cost", "", "min-cost", "Проєкт 3"),
    ("lottery", "сесія-0", "lottery:сесія-0", "Проєкт 2"),
    ("lottery", "сесія-1", "lottery:сесія-1", "Проєкт 3"),
]


@pytest.mark.parametrize(("rule", "seed", "meta", "winner"), CASES)
def test_export_of_a_tie_is_reproduced_by_check(
    personas: Personas,
    voting_process: Process,
    tmp_path: Path,
    rule: str,
    seed: str,
    meta: str,
    winner: str,
) -> None:
    s = projects_of(voting_process, 0)
    # Project 1 (300k of 1M) has two votes; projects 2 (400k) and 3 (350k) one each and only one
    # of them fits in the 700k left: the tie rule decides which.
    for picks in ([s[0], s[1]], [s[0], s[2]]):
        actions.cast_ballot(
            verified_resident(personas.community), voting_process, ballot(voting_process, picks, [])
        )
    Process.objects.filter(pk=voting_process.pk).update(tie_breaking=rule, lottery_seed=seed)
    move_to(voting_process, "implementation")
    small = voting_process.sub_budgets.all()[0]
    text = pabulib_text(voting_process, small)
    assert f"tie_breaking;{meta}\n" in text
    project_lines = text.split("PROJECTS\n")[1].split("VOTES\n")[0].splitlines()[1:]
    selected = {line.split(";")[3] for line in project_lines if line.endswith(";1")}
    assert selected == {"Проєкт 1", winner}
    path = tmp_path / "export.pb"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert report["reproduced"] is True, report
    assert report["ties"], "the file must contain a tie that the rule settled"
