"""The API's project rows are written out by hand for speed: they must be exactly what DRF's
field-by-field walk over the declared fields gives."""

from __future__ import annotations

import json

from django.test import Client
from rest_framework import serializers

from hromada.api.views import ProjectSerializer
from hromada.budgeting.models import Process, Project


def test_hand_written_rows_equal_drfs_own(voting_process: Process) -> None:
    Project.objects.filter(pk=voting_process.projects.first().pk).update(  # type: ignore[union-attr]
        implementation=Project.Implementation.IN_PROGRESS, implementation_note="Підрядника обрано."
    )
    projects = list(Project.objects.select_related("process").order_by("number"))
    assert len(projects) == 6
    serializer = ProjectSerializer(projects, many=True)
    child = serializer.child
    drf_rows = [serializers.ModelSerializer.to_representation(child, p) for p in projects]
    assert [dict(row) for row in drf_rows] == serializer.data
    assert any(row["implementation_note"] for row in serializer.data)


def test_the_list_reads_only_what_it_shows_and_shows_every_field(voting_process: Process) -> None:
    response = Client().get(f"/api/projects/?process={voting_process.slug}")
    rows = json.loads(response.content)["results"]
    assert len(rows) == 6
    assert list(rows[0]) == ProjectSerializer.Meta.fields
    assert rows[0]["process"] == voting_process.slug
    assert rows[0]["submitted_at"].endswith("+02:00") or rows[0]["submitted_at"].endswith("+03:00")
