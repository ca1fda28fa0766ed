"""core.timeline on a plain object: half-open phases, one decision per action, with frozen time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine

from hromada.core.errors import ActionRefused
from hromada.core.timeline import Phase, Timeline, decide, require


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


PHASES = (
    Phase("before", "Анонс", None, "opens"),
    Phase("open", "Прийом заявок", "opens", "closes"),
    Phase("check", "Перевірка", "closes", "decides"),
    Phase("decided", "Рішення", "decides", None),
)
EVENT_TIMELINE = Timeline(PHASES, {"apply": {"open"}, "edit": {"open", "check"}, "read": set()})


@dataclass
class Contest:
    opens: datetime
    closes: datetime
    decides: datetime
    timeline = EVENT_TIMELINE


CONTEST = Contest(opens=at(10), closes=at(20), decides=at(25))


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        (at(1), "before"),
        (at(10), "open"),  # a phase includes its start ...
        (at(19, 23), "open"),
        (at(20), "check"),  # ... and not its end
        (at(25), "decided"),
        (datetime(2030, 1, 1, tzinfo=UTC), "decided"),
    ],
)
def test_each_moment_is_in_exactly_one_phase(moment: datetime, phase: str) -> None:
    assert EVENT_TIMELINE.current(CONTEST, moment).key == phase


def test_allowed_decision_says_until_when() -> None:
    with time_machine.travel(at(12), tick=False):
        decision = decide(CONTEST, "apply")
    assert decision.allowed and bool(decision)
    assert (decision.reason, decision.closes_at, decision.opens_at) == ("", at(20), None)
    # An action over consecutive phases is one stretch: it closes where the last one ends.
    assert EVENT_TIMELINE.decide(CONTEST, "edit", at(12)).closes_at == at(25)


def test_refusal_before_says_why_and_from_when() -> None:
    decision = EVENT_TIMELINE.decide(CONTEST, "apply", at(3))
    assert not decision.allowed and not decision
    assert decision.opens_at == at(10)
    assert "«Прийом заявок»" in decision.reason and "Зараз етап «Анонс»" in decision.reason


def test_refusal_after_names_the_past_window_and_no_opening() -> None:
    decision = EVENT_TIMELINE.decide(CONTEST, "edit", at(26))
    assert decision.opens_at is None
    assert "«Прийом заявок», «Перевірка»" in decision.reason
    assert "Зараз етап «Рішення»" in decision.reason


def test_action_allowed_in_no_phase_is_refused_plainly() -> None:
    decision = EVENT_TIMELINE.decide(CONTEST, "read", at(12))
    assert not decision.allowed and decision.reason == "Зараз це зробити не можна."


def test_require_raises_the_decisions_reason() -> None:
    with time_machine.travel(at(21), tick=False):
        require(CONTEST, "edit")
        with pytest.raises(ActionRefused, match="лише на етапі «Прийом заявок»"):
            require(CONTEST, "apply")


def test_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        EVENT_TIMELINE.decide(CONTEST, "fly", at(12))


def test_declaration_is_checked() -> None:
    with pytest.raises(ValueError, match="must start where"):
        Timeline((PHASES[0], PHASES[2]), {})
    with pytest.raises(ValueError, match="unknown phases"):
        Timeline(PHASES, {"apply": {"openn"}})


def test_allowed_now_lists_the_actions_of_the_phase() -> None:
    assert EVENT_TIMELINE.allowed_now(CONTEST, at(21)) == {"edit"}
