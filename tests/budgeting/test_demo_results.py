"""The demo's finished process: its published files are reproduced by our `check` and by
pabutools for each sub-budget's rule; the results are approved; only winners look built."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from hromada import pb
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.models import Milestone, Process, Project, SubBudget
from hromada.budgeting.phases import TIMELINE
from tests.budgeting.results_helpers import pabutools_selection
from tests.budgeting.test_published_file import check_cli


def test_demo_files_reproduce_and_only_winners_are_built(db: None, tmp_path: Path) -> None:
    call_command("load_demo", stdout=StringIO())
    counted = [p for p in Process.objects.all() if TIMELINE.decide(p, "see_results")]
    assert counted, "the demo has a finished process"
    rules = set()
    for process in counted:
        assert process.result_snapshot.decision_number, "approved by the counting commission"
        for sub_budget in process.sub_budgets.all():
            rules.add(sub_budget.winner_rule)
            text = pabulib_text(process, sub_budget)
            path = tmp_path / f"{process.slug}-{sub_budget.pk}.pb"
            path.write_bytes(text.encode())
            assert check_cli(path)["reproduced"] is True, path
            selected = {p.id for p in pb.parse_pabulib(text).projects if p.selected == 1}
            assert pabutools_selection(text) == selected, (process.slug, sub_budget.name)
    assert SubBudget.WinnerRule.MES in rules
    # Only winners look built: losers have no milestones and no implementation state.
    process = Process.objects.get(slug="vyshneva-2025")
    winners = {
        row["project"]
        for entry in process.result_snapshot.sub_budgets
        for row in entry["rows"]
        if row["selected"]
    }
    losers = Project.objects.filter(process=process).exclude(pk__in=winners)
    assert losers.exists()
    assert not losers.exclude(implementation=Project.Implementation.NOT_STARTED).exists()
    assert not Milestone.objects.filter(project__in=losers).exists()
    built = Milestone.objects.filter(project__pk__in=winners)
    assert built.count() >= 2 * len(winners)
    assert all(m.photos.exists() for m in built)
