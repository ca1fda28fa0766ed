"""The staff's editors: a call written and edited through the form, what is locked once
communities have applied (and why), and the maturity framework's indicators."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from hromada.network import actions_calls, actions_framework, actions_maturity
from hromada.network.actions_framework import IndicatorData
from hromada.network.models_contests import Contest
from hromada.network.models_maturity import Indicator
from tests.network.conftest import World, make_contest, move_to, submitted

pytestmark = pytest.mark.django_db


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _posted(**changes: Any) -> dict[str, Any]:
    now = timezone.now()
    data = {
        "slug": "supprovid-2028", "title": "Супровід 2028", "text": "Оберемо громади.",
        "opens_at": _local(now + dt.timedelta(days=2)),
        "closes_at": _local(now + dt.timedelta(days=20)),
        "review_ends_at": _local(now + dt.timedelta(days=30)),
        "announce_at": _local(now + dt.timedelta(days=40)),
        "winners_count": "5", "members_only": "on", "size_bands": ["small"],
        "exclude_oblast_centres": "on", "max_per_oblast": "1", "disagreement_threshold": "25",
        "questions": "Чому вам потрібен супровід?\nХто в команді?",
        "documents": "Рішення виконкому",
        "criteria": "Готовність | 3 | 10\nКоманда | 2 | 5",
    }  # fmt: skip
    data.update(changes)
    return data


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_staff_write_a_call_through_the_form(world: World) -> None:
    response = _client(world.team).post(f"/network/{world.network.slug}/calls/new/", _posted())
    contest = Contest.objects.get(slug="supprovid-2028")
    assert response.status_code == 302
    assert [c.name for c in contest.criteria.all()] == ["Готовність", "Команда"]
    assert [(c.weight, c.max_score) for c in contest.criteria.all()] == [(3, 10), (2, 5)]
    assert contest.questions.count() == 2 and contest.required_documents.count() == 1
    assert contest.size_bands == ["small"] and contest.exclude_oblast_centres


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("criteria", "Готовність | три | 10", "Команда | 2 | 10"),
        ("criteria", "Готовність | ١ | 10", "Команда | 2 | 10"),
        ("closes_at", "2020-01-01T10:00", "одна за одною"),
        ("winners_count", "9" * 40, "ціле число"),
    ],
)
def test_bad_call_input_gets_a_message(world: World, field: str, value: str, message: str) -> None:
    response = _client(world.team).post(
        f"/network/{world.network.slug}/calls/new/", _posted(**{field: value})
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Contest.objects.filter(slug="supprovid-2028").exists()


def test_only_network_staff_write_calls(world: World) -> None:
    for user in (world.expert, world.applicant):
        assert _client(user).get(f"/network/{world.network.slug}/calls/new/").status_code == 404


def _data_of(contest: Contest) -> actions_calls.CallData:
    initial = actions_calls._current(contest)
    return actions_calls.CallData(**initial)


def test_call_is_fully_editable_before_anyone_applies(world: World) -> None:
    contest = make_contest(world, phase="open")
    data = replace(_data_of(contest), size_bands=["large"], criteria=[("Нове", 1, 3)])
    actions_calls.update_call(world.team, contest, data)
    contest.refresh_from_db()
    assert contest.size_bands == ["large"] and contest.criteria.get().name == "Нове"
    entry = AuditEntry.objects.get(action="network.call_edited")
    assert entry.details["changed"] == ["criteria", "size_bands"]


@pytest.mark.parametrize(
    "change",
    [
        {"size_bands": ["large"]},
        {"members_only": False},
        {"exclude_oblast_centres": False},
        {"blind_review": True},
        {"questions": ["Інше питання"]},
        {"documents": []},
        {"criteria": [("Готовність", 5, 10), ("Команда", 1, 5)]},
    ],
)
def test_what_applicants_relied_on_is_locked_once_they_applied(
    world: World, change: dict[str, Any]
) -> None:
    contest = make_contest(world, phase="open")
    submitted(contest, world.community, world.applicant)
    with pytest.raises(ActionRefused, match="почали подавати"):
        actions_calls.update_call(world.team, contest, replace(_data_of(contest), **change))


def test_once_applied_the_deadline_moves_only_later_and_the_text_may_be_corrected(
    world: World,
) -> None:
    contest = make_contest(world, phase="open")
    submitted(contest, world.community, world.applicant)
    data = _data_of(contest)
    with pytest.raises(ActionRefused, match="не скоротити"):
        actions_calls.update_call(
            world.team, contest, replace(data, closes_at=data.closes_at - dt.timedelta(days=1))
        )
    later = data.closes_at + dt.timedelta(days=2)
    actions_calls.update_call(
        world.team, contest, replace(data, closes_at=later, title="Виправлено")
    )
    contest.refresh_from_db()
    assert contest.closes_at == later and contest.title == "Виправлено"


def test_call_cannot_be_edited_after_it_closes(world: World) -> None:
    contest = make_contest(world, phase="open")
    move_to(contest, "review")
    with pytest.raises(ActionRefused):
        actions_calls.update_call(world.team, contest, _data_of(contest))
    page = _client(world.team).get(f"/network/contests/{contest.slug}/edit/").content.decode()
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0].replace(
        'role="search"', ""
    ) or ('name="title"' not in page)


def test_edit_form_shows_locked_fields_disabled(world: World) -> None:
    contest = make_contest(world, phase="open")
    submitted(contest, world.community, world.applicant)
    page = _client(world.team).get(f"/network/contests/{contest.slug}/edit/").content.decode()
    assert "Закрито: громади вже подають заявки." in page
    # A posted change of a locked field is ignored by the form (disabled) and saved nothing.
    response = _client(world.team).post(
        f"/network/contests/{contest.slug}/edit/",
        _posted(slug=contest.slug, size_bands=["large"], title="Нова назва",
                opens_at=_local(contest.opens_at), closes_at=_local(contest.closes_at),
                review_ends_at=_local(contest.review_ends_at),
                announce_at=_local(contest.announce_at)),
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    contest.refresh_from_db()
    assert contest.size_bands == ["small", "medium"] and contest.title == "Нова назва"


def _indicator(world: World, **fields: Any) -> Indicator:
    values: dict[str, Any] = {"theme": "finance", "title": "Бюджет участі щороку"}
    values.update(fields)
    return actions_framework.save_indicator(world.team, world.network, IndicatorData(**values))


def test_staff_add_and_reword_an_indicator(world: World) -> None:
    client = _client(world.team)
    client.post(
        f"/network/{world.network.slug}/framework/",
        {"theme": "gender", "title": "Гендерний аналіз", "weight": "2", "max_level": "3",
         "guidance": "0 — ні; 3 — щороку", "evidence": "звіт", "active": "on"},
    )  # fmt: skip
    indicator = Indicator.objects.get(title="Гендерний аналіз")
    assert (indicator.weight, indicator.max_level, indicator.active) == (2, 3, True)
    response = client.post(
        f"/network/{world.network.slug}/framework/{indicator.pk}/",
        {"theme": "gender", "title": "Гендерний аналіз рішень", "weight": "2", "max_level": "3"},
    )
    indicator.refresh_from_db()
    assert response.status_code == 302 and indicator.title == "Гендерний аналіз рішень"
    assert not indicator.active  # unticked: retired
    assert _client(world.expert).get(f"/network/{world.network.slug}/framework/").status_code == 404


@pytest.mark.parametrize("change", [{"weight": 3}, {"max_level": 3}, {"theme": "social"}])
def test_a_rated_indicator_keeps_its_scale_weight_and_theme(
    world: World, change: dict[str, Any]
) -> None:
    indicator = _indicator(world)
    assessment = actions_maturity.start_assessment(world.applicant, world.network, world.community)
    actions_maturity.save_self_assessment(
        world.applicant, assessment, {indicator.pk: 1}, {}, submit=False
    )
    base = actions_framework.IndicatorData(theme="finance", title="Бюджет участі щороку")
    with pytest.raises(ActionRefused, match="Вимкніть"):
        actions_framework.save_indicator(
            world.team, world.network, replace(base, **change), indicator
        )
    reworded = replace(base, title="Бюджет участі щороку, з правилами", active=False)
    actions_framework.save_indicator(world.team, world.network, reworded, indicator)
    indicator.refresh_from_db()
    assert indicator.title.endswith("з правилами") and not indicator.active
