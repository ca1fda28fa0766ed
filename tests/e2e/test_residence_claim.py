"""A person identified by eID but not in the register declares where she works; the ЦНАП
operator confirms it from the staff queue — on a 360 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from hromada.accounts import actions_identity
from hromada.accounts.eid.base import EidClaims
from hromada.accounts.models import Verification
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_declared_work_basis_is_confirmed_by_the_operator(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    person = personas.newcomer
    actions_identity.record_eid_identity(person, EidClaims("3077777777", "Ірина Коваль", "diia"))

    log_in(page, base, person.email)
    page.goto(f"{base}/me/")
    page.get_by_label("Підстава").select_option(label="робота в громаді")
    page.get_by_label("Пояснення для працівника громади").fill("Медсестра, лікарня на вул. Садовій")
    page.get_by_role("button", name="Подати заяву").click()
    expect(page.get_by_text("Заяву подано")).to_be_visible()
    expect(page.get_by_text("розглядає працівник громади")).to_be_visible()
    shot(page, "residence-claim-pending")
    assert not Verification.objects.filter(user=person).exists()
    log_out(page)

    log_in(page, base, personas.operator.email)
    page.goto(f"{base}/staff/")
    page.get_by_role("link", name="Заяви про проживання").click()
    expect(page.get_by_text("Медсестра, лікарня на вул. Садовій")).to_be_visible()
    shot(page, "residence-queue")
    page.get_by_role("button", name="Підтвердити").click()
    expect(page.get_by_text("підтверджено як жителя громади")).to_be_visible()
    expect(page.get_by_text("Нових заяв немає.")).to_be_visible()
    verification = Verification.objects.get(user=person)
    assert (verification.method, verification.verified_by) == ("basis", personas.operator)
