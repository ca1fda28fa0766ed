"""Process dates that place a process in a given phase at a given moment (demo and tests)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

# Days from `now` back to submission_start that put `now` inside each phase.
_OFFSETS = {
    "information": 10,
    "submission": -1,
    "review": -31,
    "voting": -61,
    "counting": -71,
    "implementation": -81,
    "finished": -400,
}


def dates_for_phase(phase: str, now: datetime | None = None) -> dict[str, datetime]:
    now = now or timezone.now()
    day = timedelta(days=1)
    start = (now + _OFFSETS[phase] * day).replace(minute=0, second=0, microsecond=0)
    return {
        "submission_start": start,
        "submission_end": start + 30 * day,
        "review_end": start + 55 * day,
        "voting_start": start + 60 * day,
        "voting_end": start + 70 * day,
        "results_date": start + 80 * day,
        "implementation_end": start + 380 * day,
    }
