"""The events and certificates pages in both languages: no Ukrainian interface text left on an
English page and no English on a Ukrainian one (data written in Latin letters, as in
tests/core/test_locale.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from hromada.events import actions, actions_checkin, actions_exports
from hromada.events.models import Event, Question
from hromada.network.models import Network, NetworkRole
from tests.conftest import Personas
from tests.core.test_locale import CYRILLIC, LATIN_ALLOWED, LATIN_WORD, visible_text
from tests.events.conftest import at_phase, make_event, sign_up

pytestmark = pytest.mark.django_db
DATA = "Budget seminar Poltava Soborna street Olena Koval Taras Day one hall Idea park lights"


def _pages(personas: Personas) -> tuple[list[str], set[str]]:
    personas.community.name = "Vyshneva"
    personas.community.save()
    parent = make_event(
        personas,
        slug="city",
        title="City forum",
        kind=Event.Kind.FORUM,
        consent_purpose="To run the forum.",
        venue="Poltava hall",
        description="Forum of the city.",
        language="English",
    )
    event = make_event(
        personas,
        slug="seminar",
        title="Budget seminar",
        kind=Event.Kind.FORUM,
        venue="Poltava, Soborna street",
        description="About the budget.",
        consent_purpose="To run the seminar.",
        parent=parent,
        language="English",
    )
    question = actions.add_question(
        personas.admin,
        event,
        actions.QuestionData("Your role", Question.Kind.CHOICE, choices=["mayor", "clerk"]),
    )
    actions.add_session(
        personas.admin,
        event,
        title="Day one",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        room="hall",
    )
    actions.add_exhibitor(personas.admin, event, organisation="Idea", practice_ids=[3])
    registration = sign_up(event, "Olena Koval")
    at_phase(event, "past")
    output = actions.record_output(
        personas.admin, event, kind="proposal", text="park lights", proposed_by="Taras"
    )
    actions.forward_output(personas.admin, output)
    actions_checkin.mark_attended_online(personas.admin, registration.attendees.get(), True)
    actions_checkin.issue_certificates(personas.admin, event)
    certificate = registration.attendees.get().certificate
    assert certificate is not None
    fresh = make_event(
        personas,
        slug="open",
        title="Budget seminar",
        venue="Poltava",
        consent_purpose="To run the seminar.",
        description="About the budget.",
        language="English",
        choose_sessions=True,
    )
    actions.add_session(
        personas.admin, fresh, title="Day one", starts_at=fresh.starts_at,
        ends_at=fresh.ends_at, room="hall", capacity=30,
    )  # fmt: skip
    export = actions_exports.request_export(personas.admin, event)
    actions_exports.build_export(export.pk)
    network = Network.objects.create(name="Idea hub", slug="idea-hub", kind=Network.Kind.HUB)
    NetworkRole.objects.create(network=network, user=personas.admin, role="board")
    make_event(
        personas, actor=personas.admin, organiser=network, slug="hub-day", title="City forum",
        venue="Poltava hall", consent_purpose="To run the forum.", description="Forum of the city.",
        language="English",
    )  # fmt: skip
    pages = [
        "/events/",
        event.get_absolute_url(),
        parent.get_absolute_url(),
        f"/events/{fresh.slug}/register/",
        fresh.get_absolute_url(),
        registration.get_absolute_url(),
        f"/events/r/{registration.token}/edit/",
        f"/events/{event.slug}/manage/",
        f"/events/{event.slug}/participants/",
        f"/events/{event.slug}/check-in/",
        f"/events/{event.slug}/check-in/?q=Olena",
        f"/events/new/{personas.community.slug}/",
        f"/events/{event.slug}/questions/{question.pk}/",
        f"/events/{event.slug}/exports/{export.pk}/",
        f"/events/new/network/{network.slug}/",
        f"/network/{network.slug}/",
        certificate.get_absolute_url(),
        "/certificates/",
        "/certificates/NOPE/",
    ]
    words = set(LATIN_WORD.findall(DATA + " " + certificate.code + " " + str(personas.community)))
    words |= {
        "English",
        "mayor",
        "clerk",
        "meet",
        "example",
        "secret",
        "room",
        "ACCESS",
        "Koval",
        "forum",
        "city",
        "City",
        "About",
        "budget",
        "run",
        "the",
        "seminar",
        "Forum",
        "Idea",
        "Your",
        "role",
        "hall",
        "person",
        "hub",
        "admin",  # the network's board member, listed by their address
    }
    words |= set(LATIN_WORD.findall(" ".join(event.attendees.values_list("code", flat=True))))
    return pages, words


@pytest.mark.parametrize("language", ["uk", "en"])
def test_events_pages_speak_one_language(personas: Personas, language: str) -> None:
    pages, data_words = _pages(personas)
    client = Client()
    client.force_login(personas.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    problems = []
    for path in pages:
        response = client.get(path)
        if response.status_code not in {200, 404} or (
            response.status_code == 404 and "NOPE" not in path
        ):
            problems.append(f"{path}: HTTP {response.status_code}")
            continue
        html = response.content.decode()
        if language == "en":
            left = sorted(set(CYRILLIC.findall(visible_text(html, "en"))))
            if left:
                problems.append(f"{path}: {left}")
        else:
            main = html[html.find("<main") :]
            left = sorted(
                set(LATIN_WORD.findall(visible_text(main, "uk")))
                - data_words
                - LATIN_ALLOWED
                - {"QR", "PDF", "XLSX", "ABCD", "EFGH", "ICS"}
            )
            if left:
                problems.append(f"{path}: {left}")
    assert not problems, "\n".join(problems)
