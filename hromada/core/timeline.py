"""Dated timelines: a model declares its phases (half-open intervals between its own date fields)
and which actions each phase allows; everyone else asks one question, "may this action happen
now — and if not, why and from when".

    PROCESS_TIMELINE = Timeline(
        phases=(Phase("open", _("Прийом"), "opens_at", "closes_at"), ...),
        allows={"register": {"open"}, ...},
    )

    class Event(models.Model):
        timeline = PROCESS_TIMELINE          # lets templates write {% if event|may:"register" %}

    decision = PROCESS_TIMELINE.decide(event, "register")   # allowed / reason / opens_at
    PROCESS_TIMELINE.require(event, "register")             # raises ActionRefused

Phases follow each other: each one starts where the one before ends, the first may start at the
beginning of time and the last may never end. A moment belongs to exactly one phase.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from hromada.core.errors import ActionRefused


@dataclass(frozen=True)
class Phase:
    key: str
    label: str | Promise
    start_field: str | None  # None: from the beginning of time
    end_field: str | None  # None: open-ended


@dataclass(frozen=True)
class Decision:
    """The answer to "may `action` happen now?"."""

    action: str
    allowed: bool
    phase: Phase  # the phase the object is in now
    reason: str = ""  # why not, in the active language; empty when allowed
    opens_at: datetime | None = None  # when refused: the next moment it becomes allowed, if any
    closes_at: datetime | None = None  # when allowed: the moment it stops, if it ever does

    def __bool__(self) -> bool:
        return self.allowed


def format_moment(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class Timeline:
    def __init__(self, phases: Sequence[Phase], allows: Mapping[str, Collection[str]]) -> None:
        keys = [phase.key for phase in phases]
        for before, after in pairwise(phases):
            if before.end_field is None or before.end_field != after.start_field:
                raise ValueError(f"phase {after.key!r} must start where {before.key!r} ends")
        for action, allowed_in in allows.items():
            unknown = set(allowed_in) - set(keys)
            if unknown:
                raise ValueError(f"action {action!r} names unknown phases {sorted(unknown)}")
        self.phases = tuple(phases)
        self.by_key = {phase.key: phase for phase in phases}
        self.allows = {action: frozenset(allowed_in) for action, allowed_in in allows.items()}

    def bounds(self, obj: Any, key: str) -> tuple[datetime | None, datetime | None]:
        phase = self.by_key[key]
        start = None if phase.start_field is None else getattr(obj, phase.start_field)
        end = None if phase.end_field is None else getattr(obj, phase.end_field)
        return start, end

    def current(self, obj: Any, now: datetime | None = None) -> Phase:
        now = now or timezone.now()
        for phase in self.phases:
            start, end = self.bounds(obj, phase.key)
            if (start is None or start <= now) and (end is None or now < end):
                return phase
        return self.phases[-1]

    def dates(self, obj: Any, key: str) -> str:
        """'з 1 березня 10:00 до 31 березня 23:59' for one phase, in the active language."""
        return _describe(*self.bounds(obj, key))

    def allowed_now(self, obj: Any, now: datetime | None = None) -> frozenset[str]:
        phase = self.current(obj, now)
        return frozenset(action for action, keys in self.allows.items() if phase.key in keys)

    def decide(self, obj: Any, action: str, now: datetime | None = None) -> Decision:
        now = now or timezone.now()
        phase = self.current(obj, now)
        allowed_in = self.allows.get(action)
        if allowed_in is None:
            raise KeyError(f"the timeline declares no action {action!r}")
        windows = self._windows(obj, allowed_in)
        if phase.key in allowed_in:
            closes = next(
                (end for start, end, _labels in windows if _inside(now, start, end)), None
            )
            return Decision(action, True, phase, closes_at=closes)
        upcoming = [(start, end, labels) for start, end, labels in windows if start and start > now]
        shown = upcoming[0] if upcoming else (windows[-1] if windows else None)
        return Decision(
            action,
            False,
            phase,
            reason=self._refusal(phase, shown),
            opens_at=upcoming[0][0] if upcoming else None,
        )

    def require(self, obj: Any, action: str, now: datetime | None = None) -> None:
        decision = self.decide(obj, action, now)
        if not decision.allowed:
            raise ActionRefused(decision.reason)

    def _windows(
        self, obj: Any, allowed_in: frozenset[str]
    ) -> list[tuple[datetime | None, datetime | None, list[str]]]:
        """The action's allowed stretches of time: runs of consecutive allowed phases."""
        windows: list[tuple[datetime | None, datetime | None, list[str]]] = []
        previous_allowed = False
        for phase in self.phases:
            if phase.key not in allowed_in:
                previous_allowed = False
                continue
            start, end = self.bounds(obj, phase.key)
            if previous_allowed:
                first_start, _end, labels = windows[-1]
                windows[-1] = (first_start, end, [*labels, str(phase.label)])
            else:
                windows.append((start, end, [str(phase.label)]))
            previous_allowed = True
        return windows

    @staticmethod
    def _refusal(
        now_phase: Phase, window: tuple[datetime | None, datetime | None, list[str]] | None
    ) -> str:
        if window is None:
            return _("Зараз це зробити не можна.")
        start, end, labels = window
        values = {"dates": _describe(start, end), "now": now_phase.label}
        if len(labels) == 1:
            values["phase"] = labels[0]
            return (
                _("Це можна зробити лише на етапі «%(phase)s» (%(dates)s). Зараз етап «%(now)s».")
                % values
            )
        values["phases"] = ", ".join(_("«%(phase)s»") % {"phase": label} for label in labels)
        return (
            _("Це можна зробити лише на етапах %(phases)s (%(dates)s). Зараз етап «%(now)s».")
            % values
        )


def _inside(now: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or start <= now) and (end is None or now < end)


def _describe(start: datetime | None, end: datetime | None) -> str:
    parts = []
    if start is not None:
        parts.append(_("з %(date)s") % {"date": format_moment(start)})
    if end is not None:
        parts.append(_("до %(date)s") % {"date": format_moment(end)})
    return " ".join(parts)


def decide(obj: Any, action: str, now: datetime | None = None) -> Decision:
    """Ask the timeline `obj`'s model declares (its `timeline` attribute)."""
    timeline: Timeline = type(obj).timeline
    return timeline.decide(obj, action, now)


def require(obj: Any, action: str, now: datetime | None = None) -> None:
    timeline: Timeline = type(obj).timeline
    timeline.require(obj, action, now)
