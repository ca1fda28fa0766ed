"""The demo's service case: in progress, with a working group, documents requested (one
uploaded), a meeting and notes; only its community and the hub see it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from hromada.accounts.models import User
from hromada.network.models_services import Service, ServiceCase

pytestmark = pytest.mark.django_db


def test_demo_service_case() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert Service.objects.count() == 5
    case = ServiceCase.objects.get(community__slug="verbivska")
    assert case.status == "in_progress" and case.expert is not None and case.plan
    documents = list(case.documents.all())
    assert len(documents) == 2 and sum(1 for d in documents if d.token) == 1
    assert case.notes.count() == 2 and case.meetings.count() == 1
    assert ServiceCase.objects.filter(status="requested").count() == 1
    client = Client()
    client.force_login(User.objects.get(email="admin-verbivska@demo.hromada.localhost"))
    page = client.get(f"/network/cases/{case.pk}/").content.decode()
    assert "Галина Ковальчук" in page and "Чинне положення про бюджет участі" in page
    client.force_login(User.objects.get(email="admin-kalynivska@demo.hromada.localhost"))
    assert client.get(f"/network/cases/{case.pk}/").status_code == 404
