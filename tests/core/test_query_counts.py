"""Every public page makes a fixed number of queries, however many projects, ballots, processes
and practices there are: each page is read with a small world (1 process, 3 projects, 3 ballots,
3 practices), then again after the world grew tenfold, under the same ceiling and with the same
count. A query per row (a missing select_related, a count per card) makes the counts differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hromada.budgeting import actions
from hromada.budgeting.models import Process, Project
from hromada.practices.actions import PracticeData, import_practices
from hromada.practices.models import Practice
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.factories import hub_editor, make_process, verified_resident


@dataclass
class World:
    personas: Personas
    processes: list[Process] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)

    @property
    def process(self) -> Process:
        return self.processes[-1]

    def grow(self, size: int) -> None:
        """Add a finished process with `size` projects and ballots, and `size` practices."""
        process = make_process(self.personas.community, "submission", max_projects_per_author=50)
        projects = [
            submit(process, self.personas.resident, i % 2, 10_000_000, title=f"П {i}")
            for i in range(size)
        ]
        move_to(process, "review")  # reviewers decide once submission has closed
        for project in projects:
            actions.review_project(self.personas.reviewer, project, decision="admit")
        move_to(process, "voting")
        small, large = list(process.sub_budgets.all())
        small_ids = list(small.projects.values_list("pk", flat=True))
        large_ids = list(large.projects.values_list("pk", flat=True))
        for i in range(size):
            voter = verified_resident(self.personas.community)
            choice = {small.pk: [small_ids[i % len(small_ids)]], large.pk: large_ids[:1]}
            actions.cast_ballot(voter, process, choice)
        move_to(process, "implementation")
        self.processes.append(process)
        rows = [
            PracticeData(
                title=f"Бюджет участі в громаді {len(self.practices) + i}",
                body="Жителі подали проєкти до громадського бюджету.",
                themes=["budget_process"],
                instruments=["participatory_budget"],
                year=2021,
            )
            for i in range(size)
        ]
        self.practices.extend(import_practices(hub_editor(), rows))


def _project(world: World) -> Project:
    return world.process.projects.order_by("number").last()  # type: ignore[return-value]


def _export(world: World) -> str:
    sub_budget = world.process.sub_budgets.order_by("position").first()
    assert sub_budget is not None
    return f"/pb/{world.process.slug}/export/{sub_budget.pk}.pb"


# (name, address in the world, ceiling, signed in as the resident). The ceilings are today's
# counts: raise one on purpose, in the same commit as the query it pays for.
Page = tuple[str, Callable[[World], str], int, bool]
PAGES: list[Page] = [
    # One query per home block: the processes, the upcoming events (cached between requests in
    # production; the tests clear the cache) and the network's open calls.
    ("home", lambda w: "/", 3, False),
    # The menu is worked out once a page, not once per home block (it was 6 queries).
    ("home, signed in", lambda w: "/", 6, True),
    ("process", lambda w: f"/pb/{w.process.slug}/", 4, False),
    ("process, signed in", lambda w: f"/pb/{w.process.slug}/", 10, True),
    ("project list", lambda w: f"/pb/{w.process.slug}/?status=admitted", 4, False),
    # After the results: the snapshot (won or lost) and a winner's milestones (was 3).
    ("project", lambda w: f"/pb/{w.process.slug}/projects/{_project(w).number}/", 5, False),
    ("results", lambda w: f"/pb/{w.process.slug}/results/", 3, False),
    # The process with its community, then its sub-budgets with their settlements.
    ("regulation", lambda w: f"/pb/{w.process.slug}/regulation/", 2, False),
    # The check itself is a POST (tests/budgeting/test_receipts.py counts it).
    ("receipt page", lambda w: f"/pb/{w.process.slug}/receipt/", 1, False),
    ("export", lambda w: _export(w), 3, False),
    ("vote page", lambda w: f"/pb/{w.process.slug}/vote/", 3, False),
    ("API processes", lambda w: "/api/processes/", 3, False),
    ("API process", lambda w: f"/api/processes/{w.process.slug}/", 2, False),
    ("API results", lambda w: f"/api/processes/{w.process.slug}/results/", 3, False),
    ("API projects", lambda w: f"/api/projects/?process={w.process.slug}", 2, False),
    ("API project", lambda w: f"/api/projects/{_project(w).pk}/", 1, False),
    ("API practices", lambda w: "/api/practices/", 2, False),
    ("API practice", lambda w: f"/api/practices/{w.practices[-1].pk}/", 1, False),
    # A repeated search is served from the remembered page: only the published set's stamp.
    ("practices search", lambda w: "/practices/?q=бюджет", 1, False),
    # Processes, projects and events (one query each), the practices' published stamp and the
    # practices' match (an indexed check when the word finds nothing, for "did you mean").
    ("site search", lambda w: "/search/?q=лавок", 5, False),
    ("practices browse", lambda w: "/practices/", 2, False),
    ("practice entry", lambda w: w.practices[-1].get_absolute_url(), 4, False),
    ("sign in", lambda w: "/accounts/login/", 0, False),
    ("sign up", lambda w: "/accounts/signup/", 0, False),
    # +2 for a verified resident: their confirmed bases, and the settlements of the form that
    # declares a further basis.
    ("profile", lambda w: "/me/", 15, True),
]


def _queries(client: Client, url: str, ceiling: int, assert_max: Any) -> int:
    assert client.get(url).status_code == 200, url  # warm: the first read stores results
    with CaptureQueriesContext(connection) as queries, assert_max(ceiling):
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    ("name", "address", "ceiling", "signed_in"), PAGES, ids=[p[0] for p in PAGES]
)
def test_queries_do_not_grow_with_the_data(
    personas: Personas,
    client: Client,
    django_assert_max_num_queries: Any,
    name: str,
    address: Callable[[World], str],
    ceiling: int,
    signed_in: bool,
) -> None:
    if signed_in:
        client.force_login(personas.resident)
    world = World(personas)
    world.grow(3)
    small = _queries(client, address(world), ceiling, django_assert_max_num_queries)
    world.grow(30)  # pages of the new, tenfold process; home and lists show both
    large = _queries(client, address(world), ceiling, django_assert_max_num_queries)
    assert small == large, f"{name}: {small} queries with 3 rows, {large} with 30"
