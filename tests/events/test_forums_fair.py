"""A district forum's outputs forwarded to the city forum's agenda with their origin; a fair's
exhibitors linking to entries of the practices base; materials after the event."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.core.errors import ActionRefused
from hromada.events import actions
from hromada.events.models import Event
from tests.conftest import Personas
from tests.events.conftest import at_phase, make_event

pytestmark = pytest.mark.django_db


def test_outputs_reach_the_parent_agenda_with_their_origin(
    client: Client, personas: Personas
) -> None:
    city = make_event(personas, slug="city-forum", title="Міський форум", kind=Event.Kind.FORUM)
    district = make_event(
        personas,
        slug="darnytsia",
        title="Форум Дарницького району",
        kind=Event.Kind.FORUM,
        parent=city,
    )
    at_phase(district, "past")
    kept = actions.record_output(
        personas.admin,
        district,
        kind="proposal",
        text="Освітлити набережну",
        proposed_by="Ініціативна група «Берег»",
    )
    actions.record_output(personas.admin, district, kind="priority", text="Тиша", proposed_by="")
    actions.forward_output(personas.admin, kept)
    with pytest.raises(ActionRefused):
        orphan = actions.record_output(
            personas.admin, at_phase(city, "running"), kind="resolution", text="x", proposed_by=""
        )
        actions.forward_output(personas.admin, orphan)
    page = client.get(city.get_absolute_url()).content.decode()
    assert "Освітлити набережну" in page and "з події «Форум Дарницького району»" in page
    assert "Ініціативна група «Берег»" in page
    assert "Тиша" not in page
    assert "Форум Дарницького району" in page  # listed as a child of the series


def test_exhibitors_link_to_the_practices_base(client: Client, personas: Personas) -> None:
    fair = make_event(personas, slug="fair", kind=Event.Kind.FAIR)
    actions.add_exhibitor(
        personas.admin, fair, organisation="ГО «Світанок»", stand="A3", practice_ids=[7, 7, 12]
    )
    page = client.get(fair.get_absolute_url()).content.decode()
    assert 'href="/practices/7/"' in page and 'href="/practices/12/"' in page


def test_materials_go_public_only_when_the_organiser_says(
    client: Client, personas: Personas
) -> None:
    event = make_event(personas)
    with pytest.raises(ActionRefused):
        actions.publish_materials(
            personas.admin, event, materials="Слайди", recording_url="", public=True
        )
    at_phase(event, "past")
    actions.publish_materials(
        personas.admin, event, materials="Слайди доповідей", recording_url="", public=False
    )
    assert "Слайди доповідей" not in client.get(event.get_absolute_url()).content.decode()
    actions.publish_materials(
        personas.admin, event, materials="Слайди доповідей", recording_url="", public=True
    )
    assert "Слайди доповідей" in client.get(event.get_absolute_url()).content.decode()
