"""The open-data API against its own OpenAPI schema, fuzzed by Schemathesis on every test run:
no server errors, every status code documented, every body matching its schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hromada.budgeting import actions as budgeting_actions
from hromada.budgeting.models import Process
from hromada.practices.actions import PracticeData, import_practices
from hromada.wsgi import application
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import hub_editor

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def announced(personas: Personas, voting_process: Process) -> Process:
    """A process whose results are out, and a few published practices."""
    small, large = projects_of(voting_process, 0), projects_of(voting_process, 1)
    budgeting_actions.cast_ballot(
        personas.resident, voting_process, ballot(voting_process, small[:2], large[1:])
    )
    move_to(voting_process, "implementation")
    import_practices(
        hub_editor(),
        [
            PracticeData(title="Громадський бюджет", body="Сорок проєктів.", year=2021),
            PracticeData(title="Youth council", language="en", themes=["youth"]),
        ],
    )
    return voting_process


@pytest.fixture
def api_schema(announced: Process) -> Iterator[Any]:
    # Django's test client keeps the test's connection open across requests; the WSGI app
    # called directly would close it after each answer (and with it the test's transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


# Schemathesis' WSGI transport asks for gzip (requests' default headers) but does not decode
# it; anonymous API answers are gzipped when asked for (core.middleware.PublicGZipMiddleware).
PLAIN = {"Accept-Encoding": "identity"}


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS, headers=PLAIN)


def test_the_real_objects_conform_too(api_schema: Any, announced: Process) -> None:
    """Random slugs and ids mostly meet 404s; the existing ones are checked here."""
    from hromada.practices.models import Practice

    practice = Practice.objects.first()
    assert practice is not None
    cases = [
        ("/api/processes/{slug}/results/", {"slug": announced.slug}),
        ("/api/processes/{slug}/", {"slug": announced.slug}),
        ("/api/practices/{id}/", {"id": practice.pk}),
    ]
    for path, parameters in cases:
        operation = api_schema[path]["GET"]
        case = operation.Case(path_parameters=parameters)
        response = case.call_and_validate(checks=CHECKS, headers=PLAIN)
        assert response.status_code == 200
    for path, query in [
        ("/api/practices/", {"q": "бюджет", "page": 1}),
        ("/api/projects/", {"process": announced.slug}),
        ("/api/processes/", {}),
    ]:
        case = api_schema[path]["GET"].Case(query=query)
        assert case.call_and_validate(checks=CHECKS, headers=PLAIN).status_code == 200
