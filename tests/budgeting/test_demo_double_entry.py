"""The demo's current vote keys in paper ballots twice: the choice is on the public log, dated
in review; two misread ballots wait on the commission's reconciliation list; loading again
changes nothing."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from hromada.budgeting import actions_paper_double
from hromada.budgeting.models import PaperEntry, Participation, Process, ProcessChange


def test_demo_current_vote_uses_double_entry(db: None) -> None:
    call_command("load_demo", stdout=StringIO())
    process = Process.objects.get(slug="vyshneva-2026")
    assert process.paper_double_entry
    change = ProcessChange.objects.get(process=process, field="paper_double_entry")
    assert change.at < process.voting_start and change.new_value == "так"
    assert len(actions_paper_double.mismatches(process)) == 2
    assert actions_paper_double.waiting_count(process) == 0
    paper = Participation.objects.filter(process=process, channel="paper")
    assert paper.count() == 22
    assert not paper.filter(entered_by__email="admin@demo.hromada.localhost").exists()
    call_command("load_demo", stdout=StringIO())
    assert paper.count() == 22 and PaperEntry.objects.filter(process=process).count() == 4
