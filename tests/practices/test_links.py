"""An entry's community on the platform and its related entries, from the full form: linked,
shown, kept on edit, and refused (with nothing written) when they do not exist."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.core.errors import ActionRefused
from hromada.practices import actions
from hromada.practices.actions import PracticeData
from hromada.practices.models import Practice, PracticeRevision
from tests.conftest import Personas
from tests.practices.conftest import publish
from tests.practices.test_moderation import login


def full_form(**fields: object) -> dict[str, object]:
    return {
        "title": "Молодіжна рада в Ясенях",
        "summary": "Рада з 15 учнів.",
        "themes": ["youth"],
        "kind": "case",
        "language": "uk",
        "full": "1",
        "draft": "",
        **fields,
    }


def test_full_form_links_a_community_and_related_entries(
    client: Client, personas: Personas
) -> None:
    budget = publish(title="Шкільний бюджет участі")
    council = publish(title="Молодіжний центр")
    login(client, personas.resident)
    response = client.post(
        "/practices/new/?full=1",
        full_form(
            community=personas.community.pk,
            related=f"{budget.pk} — {budget.title}\nhttps://x.org/practices/{council.pk}-slug/\n",
        ),
    )
    assert response.status_code == 302
    entry = Practice.objects.get(title="Молодіжна рада в Ясенях")
    assert entry.community == personas.community
    assert set(entry.related.all()) == {budget, council}
    changes = PracticeRevision.objects.get(practice=entry, action="create").changes
    assert changes["community"] == [None, personas.community.pk]
    assert changes["related"] == [[], sorted([budget.pk, council.pk])]

    # The edit form shows the links as it reads them, so saving it again changes nothing.
    form = client.get(f"/practices/{entry.pk}/edit/").content.decode()
    assert f"{budget.pk} — {budget.title}" in form
    response = client.post(
        f"/practices/{entry.pk}/edit/",
        full_form(
            community=personas.community.pk,
            related=f"{budget.pk} — {budget.title}\n{council.pk} — {council.title}",
        ),
    )
    assert response.status_code == 302
    edit = PracticeRevision.objects.filter(practice=entry, action="edit").get()
    assert "related" not in edit.changes and "community" not in edit.changes


def test_unknown_or_unpublished_links_are_refused_and_nothing_is_written(
    client: Client, personas: Personas
) -> None:
    hidden = actions.propose_practice(
        personas.resident, PracticeData(title="Чернетка", summary="—"), submit=False
    )
    login(client, personas.resident)
    response = client.post("/practices/new/?full=1", full_form(related="ось цей запис"))
    assert "Не вдалося впізнати запис" in response.content.decode()
    response = client.post("/practices/new/?full=1", full_form(related=f"{hidden.pk}\n999999"))
    assert f"немає: {hidden.pk}, 999999" in response.content.decode()
    assert not Practice.objects.filter(title="Молодіжна рада в Ясенях").exists()
    with pytest.raises(ActionRefused, match="громади"):
        actions.propose_practice(
            personas.resident, PracticeData(title="Х", community=999999), submit=False
        )
    assert Practice.objects.count() == 1


def test_related_entries_are_listed_both_ways(client: Client, personas: Personas) -> None:
    first = publish(title="Перший запис")
    second = publish(title="Другий запис")
    editor = personas.admin
    editor.is_superuser = True
    editor.save()
    data = PracticeData(title=second.title, related=[first.pk])
    actions.edit_practice(editor, second, data)
    assert "Другий запис" in client.get(first.get_absolute_url()).content.decode()
    assert "Перший запис" in client.get(second.get_absolute_url()).content.decode()
