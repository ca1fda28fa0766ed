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


# With supporters: collection runs over submission and ten days after it; review follows.
_SUPPORT_OFFSETS = {"submission": -1, "support": -35, "review": -45}


def dates_with_support(phase: str, now: datetime | None = None) -> dict[str, datetime]:
    """Dates like `dates_for_phase` for a process that collects supporters (support_start/end)."""
    now = now or timezone.now()
    day = timedelta(days=1)
    offset = _SUPPORT_OFFSETS[phase] if phase in _SUPPORT_OFFSETS else _OFFSETS[phase]
    start = (now + offset * day).replace(minute=0, second=0, microsecond=0)
    dates = dates_for_phase("submission", start + day)
    dates["support_start"] = dates["submission_start"]
    dates["support_end"] = dates["submission_end"] + 10 * day
    return dates
