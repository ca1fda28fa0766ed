"""The project page shows the estimate's reserve and the least the regulation requires."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.budgeting.models import Process
from tests.budgeting.conftest import submit
from tests.conftest import Personas
from tests.factories import make_process

pytestmark = pytest.mark.django_db


def test_the_reserve_and_its_requirement_are_shown(personas: Personas, client: Client) -> None:
    process = make_process(personas.community, phase="submission", reserve_percent=20)
    project = submit(process, personas.resident, cost=12_000_000, reserve=2_500_000)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="reserve">25\xa0000\xa0грн' in page
    # 20 % of the works: of 120,000 UAH in all, at least 20,000 UAH.
    assert "(положення: щонайменше 20\xa0000\xa0грн, 20 % від вартості робіт)" in page


def test_no_reserve_line_where_the_regulation_asks_none(personas: Personas, client: Client) -> None:
    process: Process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    assert 'data-testid="reserve"' not in client.get(project.get_absolute_url()).content.decode()
