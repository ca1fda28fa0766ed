"""The demo's processes each run by a coherent regulation, and its pages read in both languages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from hromada.accounts.models import User
from hromada.budgeting.eligibility import may_author
from hromada.budgeting.models import Process
from hromada.budgeting.regulation import contradictions, regulation_of
from hromada.demo.regulation import VILLAGES

pytestmark = pytest.mark.django_db


def test_demo_regulations_are_coherent_and_readable(client: Client) -> None:
    call_command("load_demo", stdout=StringIO())
    for process in Process.objects.all():
        assert contradictions(regulation_of(process)) == [], process.slug
        for language, heading in (("uk", "Хто бере участь"), ("en", "Who takes part")):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            page = client.get(f"/pb/{process.slug}/regulation/").content.decode()
            assert heading in page, (process.slug, language)
    villages = Process.objects.get(slug=VILLAGES)
    resident = User.objects.get(email="resident@demo.hromada.localhost")
    home = villages.sub_budgets.get(settlement__name="Вишневе")
    elsewhere = villages.sub_budgets.get(settlement__name="Калинівка")
    assert may_author(resident, villages, home)
    refusal = may_author(resident, villages, elsewhere)
    assert refusal.rule == "settlement" and "Калинівка" in refusal.reason
    assert villages.projects.count() == 1
