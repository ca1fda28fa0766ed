"""The process timeline, walked phase by phase with frozen time: each action is allowed exactly
where phases.py declares it, and a refusal says why and from when."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client

from hromada.budgeting.models import Process
from hromada.budgeting.phases import ALLOWED_ACTIONS, PHASES, TIMELINE
from tests.conftest import Personas
from tests.factories import make_process

# What a resident and the staff may do in each phase, written out by hand as the rules say.
EXPECTED = {
    "information": set(),
    "submission": {"submit", "revise", "support", "assign_review"},
    "support": {"revise", "support", "assign_review"},
    "review": {"revise", "review", "assign_review", "close_support", "appeal", "decide_appeal"},
    # The list is final but for appeals (review_end passed); voting not yet open.
    "ballot": {"appeal", "decide_appeal"},
    "voting": {"vote", "enter_paper_ballot"},
    "counting": {"store_results", "freeze_results", "see_statistics", "enter_paper_ballot"},
    "implementation": {
        *("store_results", "freeze_results", "see_results", "see_statistics"),
        *("see_implementation", "update_implementation"),
    },
    "finished": {
        *("store_results", "see_results", "see_statistics"),
        *("see_implementation", "update_implementation"),
        "draft_practice",  # a finished budget becomes a practices-base case
    },
}


@pytest.fixture
def process(personas: Personas) -> Process:
    # With supporters to collect, so that the support phase has a length.
    process = make_process(personas.community, phase="information")
    process.supporters_required = 15
    process.support_start = process.submission_start
    process.support_end = process.submission_end + timedelta(days=10)
    process.save()
    return process


def _middle_of(process: Process, key: str) -> datetime:
    start, end = TIMELINE.bounds(process, key)
    if start is None:
        assert end is not None
        return end - timedelta(days=1)
    return start + timedelta(hours=1) if end is None else start + (end - start) / 2


@pytest.mark.parametrize("phase", [p.key for p in PHASES])
@pytest.mark.parametrize("action", sorted(ALLOWED_ACTIONS))
def test_each_phase_and_action(process: Process, phase: str, action: str) -> None:
    moment = _middle_of(process, phase)
    with time_machine.travel(moment, tick=False):
        assert TIMELINE.current(process).key == phase
        decision = TIMELINE.decide(process, action)
    assert decision.allowed == (action in EXPECTED[phase]), (phase, action)
    if not decision.allowed:
        assert decision.reason
        starts = [TIMELINE.bounds(process, key)[0] for key in ALLOWED_ACTIONS[action]]
        upcoming = [start for start in starts if start and start > moment]
        assert decision.opens_at == (min(upcoming) if upcoming else None)


def test_phase_boundaries_are_half_open(process: Process) -> None:
    start = process.voting_start
    assert TIMELINE.decide(process, "vote", start).allowed
    assert not TIMELINE.decide(process, "vote", start - timedelta(microseconds=1)).allowed
    assert not TIMELINE.decide(process, "vote", process.voting_end).allowed


def test_process_page_offers_only_what_the_timeline_allows(
    client: Client, personas: Personas, process: Process
) -> None:
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Подати проєкт" not in page and "Голосувати" not in page
    with time_machine.travel(_middle_of(process, "submission"), tick=False):
        page = client.get(process.get_absolute_url()).content.decode()
    assert "Подати проєкт" in page and "Голосувати" not in page
    with time_machine.travel(_middle_of(process, "voting"), tick=False):
        page = client.get(process.get_absolute_url()).content.decode()
    assert "Подати проєкт" not in page and ">Голосувати<" in page
