"""A newcomer signs up, confirms their email, proves who she is through the eID simulator, is
found in the community's register (so she is a verified resident) and submits a project — on a
360 px phone, in Ukrainian."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from hromada.accounts import actions as account_actions
from hromada.accounts.models import User, Verification
from hromada.budgeting.models import Project
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.factories import make_process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_email_and_residency_then_submit(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = make_process(personas.community, phase="submission")
    email = "nova.zhytelka@example.org"
    # eID proves identity only; residency comes from the register that lists her number.
    staged = account_actions.upload_register(
        personas.admin,
        personas.community,
        filename="register.csv",
        content=b"identifier,birth_year\n3344556671,1994\n",
    )
    account_actions.confirm_register_upload(personas.admin, personas.community, staged.pk)

    page.goto(base)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    shot(page, "home")
    page.get_by_role("link", name="Зареєструватися").click()
    page.get_by_label("Електронна пошта").fill(email)
    page.get_by_label(re.compile(r"^Пароль:?$")).fill("Vyshnevyi-sad-2026")
    page.get_by_label(re.compile(r"^Пароль \(ще раз\):?$")).fill("Vyshnevyi-sad-2026")
    shot(page, "signup")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Підтвердьте", re.I))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    page.goto(link.group(0))
    page.locator("main form button[type=submit]").click()

    page.goto(f"{base}/me/")
    page.get_by_label("Моя громада").select_option(label=personas.community.name)
    page.locator("form[action='/me/'] button[type=submit]").click()
    page.get_by_role("button", name=re.compile("Засвідчити особу через")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Симулятор")
    page.get_by_label("Ім'я та прізвище").fill("Оксана Вишнева")
    page.get_by_label("РНОКПП (податковий номер)").fill("3344556671")
    page.get_by_label("Рік народження").fill("1994")
    shot(page, "eid-simulator")
    page.get_by_role("button", name="Підтвердити й повернутися").click()
    expect(page.get_by_text("підтверджено", exact=True)).to_be_visible()
    shot(page, "profile-verified")
    user = User.objects.get(email=email)
    verification = Verification.objects.get(user=user)
    assert (verification.method, verification.provider) == ("register", "simulator:bankid")

    page.goto(f"{base}/pb/{process.slug}/")
    page.get_by_role("link", name="Подати проєкт").click()
    page.get_by_label("Підбюджет").select_option(label="Малі проєкти")
    page.get_by_label("Назва проєкту").fill("Питний фонтанчик у парку")
    page.get_by_label("Опис").fill(
        "Встановити питний фонтанчик біля дитячого майданчика в центральному парку "
        "і під'єднати його до водогону."
    )
    page.get_by_label("Вартість, грн").fill("85 000")
    page.get_by_label("Місце реалізації").fill("Центральний парк")
    shot(page, "submit-project")
    page.get_by_role("button", name="Подати проєкт").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Питний фонтанчик у парку")
    expect(page.get_by_text("подано, на розгляді").first).to_be_visible()
    shot(page, "project-submitted")
    project = Project.objects.get(process=process)
    assert (project.author, project.cost) == (user, 8_500_000)
