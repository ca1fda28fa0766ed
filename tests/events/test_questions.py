"""The organiser edits and reorders the registration questions. Before anyone answered, anything
goes; after, the answers keep their meaning and consent: wording may be fixed and options added,
but no new type, no removed option someone chose, no new "required", no joining the export.
Removing a question erases its answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.core.errors import ActionRefused
from hromada.events import actions
from hromada.events import actions_registration as registrations
from hromada.events.actions import QuestionData
from hromada.events.models import Event, Question, Registration
from tests.conftest import Personas
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _question(personas: Personas, event: Event, label: str, **values: Any) -> Question:
    data = QuestionData(label=label, kind=values.pop("kind", "text"), **values)
    return actions.add_question(personas.admin, event, data)


def _answer(event: Event, name: str, answers: dict[str, Any]) -> Registration:
    person = UserFactory.create(full_name=name)
    data = registrations.RegistrationData(
        full_name=name, email=person.email, consent=True, answers=answers
    )
    return registrations.register(person, event, data)


def test_before_any_answer_everything_may_change(personas: Personas) -> None:
    event = make_event(personas, capacity=10)
    question = _question(personas, event, "Посада", required=False)
    _answer(event, "Без відповіді", {})  # registered, but nothing to this question
    changed = actions.update_question(
        personas.admin, question,
        QuestionData("Ваша громада?", "choice", True, ["Полтава", "Київ"], True),
    )  # fmt: skip
    assert (changed.label, changed.kind, changed.required, changed.exported) == (
        "Ваша громада?", "choice", True, True,
    )  # fmt: skip
    assert changed.options == ["Полтава", "Київ"]


def test_after_answers_the_answers_keep_their_meaning(personas: Personas) -> None:
    event = make_event(personas, capacity=10)
    question = _question(personas, event, "Секція", kind="choice", choices=["Бюджет", "ЦНАП"])
    _answer(event, "Відповіла", {str(question.pk): "Бюджет"})
    same = {"label": "Секція форуму", "kind": "choice", "choices": ["Бюджет", "ЦНАП"]}
    for refused, field in (
        ({**same, "kind": "text"}, "kind"),
        ({**same, "required": True}, "required"),
        ({**same, "exported": True}, "exported"),
        ({**same, "choices": ["Бюджет участі", "ЦНАП"]}, "choices"),  # renames a chosen one
    ):
        with pytest.raises(ActionRefused) as refusal:
            actions.update_question(personas.admin, question, QuestionData(**refused))
        assert refusal.value.field == field
    # Fixing the wording, adding an option, dropping one nobody chose: fine.
    changed = actions.update_question(
        personas.admin, question,
        QuestionData("Секція форуму", "choice", choices=["Бюджет", "Стратегія"]),
    )  # fmt: skip
    assert changed.label == "Секція форуму" and changed.options == ["Бюджет", "Стратегія"]


def test_removing_a_question_erases_its_answers(personas: Personas) -> None:
    event = make_event(personas, capacity=10)
    phone = _question(personas, event, "Телефон", kind="phone")
    org = _question(personas, event, "Організація", kind="organisation")
    registration = _answer(event, "Оля", {str(phone.pk): "+380501234567", str(org.pk): "ГО"})
    actions.remove_question(personas.admin, phone)
    registration.refresh_from_db()
    assert registration.answers == {str(org.pk): "ГО"}


def test_the_organiser_reorders_and_edits_on_the_page(personas: Personas) -> None:
    event = make_event(personas, capacity=10)
    first = _question(personas, event, "Перше")
    second = _question(personas, event, "Друге")
    third = _question(personas, event, "Третє")
    client = Client()
    client.force_login(personas.admin)
    move = f"/events/{event.slug}/questions/{third.pk}/move/"
    assert client.post(move, {"to": "up"}).status_code == 302
    assert [q.label for q in event.questions.all()] == ["Перше", "Третє", "Друге"]
    client.post(f"/events/{event.slug}/questions/{first.pk}/move/", {"to": "up"})  # stays first
    client.post(f"/events/{event.slug}/questions/{first.pk}/move/", {"to": "down"})
    assert [q.label for q in event.questions.all()] == ["Третє", "Перше", "Друге"]
    register = client.get(f"/events/{event.slug}/register/").content.decode()
    assert register.find("Третє") < register.find("Перше") < register.find("Друге")

    edit = f"/events/{event.slug}/questions/{second.pk}/"
    assert "Друге" in client.get(edit).content.decode()
    _answer(event, "Відповів", {str(second.pk): "так"})
    response = client.post(edit, {"label": "Друге", "kind": "text", "required": "on"})
    assert response.status_code == 200
    assert "не може стати обов" in response.content.decode()
    response = client.post(edit, {"label": "Друге, уточнене\x00", "kind": "text"})
    assert response.status_code in (200, 302)
    response = client.post(edit, {"label": "Друге, уточнене", "kind": "text"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.label == "Друге, уточнене"
    # Another community's organiser cannot touch them.
    outsider = Client()
    outsider.force_login(personas.outsider_admin)
    assert outsider.get(edit).status_code == 404
    assert outsider.post(move, {"to": "down"}).status_code == 404
