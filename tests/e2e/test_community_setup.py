"""Setting a community up without a shell, on a 360 px phone: a platform admin creates it and
invites its admin, who signs up from the link, confirms the email, turns on two-factor
authentication and invites a reviewer; the reviewer can do nothing before turning it on too."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from hromada.budgeting import actions as pb_actions
from hromada.communities.models import Community, StaffRole
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import make_process, platform_admin, verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Vyshnevyi-sad-2026"


def invitation_link() -> str:
    found = re.search(r"https?://\S+/staff/invitations/\S+/", str(mail.outbox[-1].body))
    assert found, mail.outbox[-1].body
    return found.group(0)


def local(link: str, base: str) -> str:
    """The emailed link points at SITE_URL; the test server has its own address."""
    return base + link[link.index("/staff/") :]


def sign_up_from_invitation(page: Page, base: str, link: str, email: str, name: str) -> None:
    page.goto(local(link, base))
    shot(page, f"invitation-{name}")
    page.locator("main").get_by_role("link", name="Зареєструватися").click()
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Підтвердьте", re.I))
    confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", str(mail.outbox[-1].body))
    assert confirm, mail.outbox[-1].body
    page.goto(confirm.group(0))
    page.locator("main form button[type=submit]").click()
    page.goto(local(link, base))
    page.get_by_role("button", name="Прийняти запрошення").click()


def enable_totp(page: Page) -> None:
    """From the page that asks for it, through allauth's activation, with a real code."""
    page.get_by_role("link", name="Увімкнути двофакторну автентифікацію").click()
    if "/reauthenticate" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    page.fill("input[name=code]", code)
    page.locator("main form button[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile("/totp/activate"))


def test_platform_admin_sets_up_a_community_and_its_staff(page: Page, live_server: object) -> None:
    base = str(live_server)
    root = platform_admin(email="root@example.org")
    log_in(page, base, root.email)

    page.goto(f"{base}/staff/")
    page.get_by_role("link", name="Громади").first.click()
    page.get_by_role("link", name="Нова громада").click()
    page.fill("input[name=name]", "Сонячна сільська громада")
    page.fill("input[name=slug]", "sonyachna")
    page.select_option("select[name=oblast]", "Сумська")
    page.select_option("select[name=kind]", "village")
    page.select_option("select[name=size_band]", "small")
    page.fill("input[name=population]", "7400")
    shot(page, "community-new")
    page.get_by_role("button", name="Створити громаду").click()
    expect(page.get_by_text("Громаду створено")).to_be_visible()
    page.fill("input[name=new-name]", "Соняшникове")
    page.select_option("select[name=new-kind]", "village")
    page.fill("input[name=new-population]", "1200")
    page.get_by_role("button", name="Додати").click()
    expect(page.locator("input[value=Соняшникове]")).to_be_visible()
    shot(page, "community-edit")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    community = Community.objects.get(slug="sonyachna")
    assert community.settlements.get().population == 1200

    page.get_by_role("link", name="Працівники громади").click()
    page.fill("input[name=email]", "head@example.org")
    page.select_option("select[name=role]", "admin")
    page.get_by_role("button", name="Надіслати запрошення").click()
    expect(page.get_by_text("Запрошення надіслано на head@example.org")).to_be_visible()
    link = invitation_link()
    log_out(page)

    sign_up_from_invitation(page, base, link, "head@example.org", "admin")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Увімкніть двофакторну автентифікацію"
    )
    shot(page, "totp-required")
    enable_totp(page)
    page.goto(f"{base}/staff/")
    page.get_by_role("link", name="Працівники").first.click()
    page.fill("input[name=email]", "reviewer@example.org")
    page.select_option("select[name=role]", "reviewer")
    page.fill("input[name=department]", "Відділ освіти")
    page.get_by_role("button", name="Надіслати запрошення").click()
    expect(page.get_by_text("Запрошення надіслано на reviewer@example.org")).to_be_visible()
    shot(page, "people")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    link = invitation_link()
    log_out(page)

    process = make_process(community, phase="submission")
    project = submit(process, verified_resident(community))
    move_to(process, "review")
    sign_up_from_invitation(page, base, link, "reviewer@example.org", "reviewer")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Увімкніть двофакторну автентифікацію"
    )
    page.goto(f"{base}/pb/{process.slug}/review/")
    assert "/staff/totp/" in page.url
    reviewer = StaffRole.objects.get(community=community, role="reviewer").user
    with pytest.raises(ActionRefused):
        pb_actions.review_project(reviewer, project, decision="admit")
    enable_totp(page)
    page.goto(f"{base}/pb/{process.slug}/review/")
    expect(page.get_by_text(project.title).first).to_be_visible()


def test_admin_extends_voting_and_residents_see_why(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = make_process(personas.community, phase="voting")
    log_in(page, base, personas.admin.email)
    page.goto(f"{base}/pb/{process.slug}/")
    page.get_by_role("link", name="Змінити правила").click()
    shot(page, "process-rules")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator(".rule-list li", has_text="Кінець голосування").get_by_role("link").click()
    new_end = timezone.localtime(process.voting_end + timedelta(days=3))
    page.fill("input[name=value]", new_end.strftime("%Y-%m-%dT%H:%M"))
    page.fill("textarea[name=reason]", "Через відключення світла голосування продовжено.")
    shot(page, "process-rule-change")
    page.get_by_role("button", name="Змінити й оприлюднити").click()
    expect(page.get_by_text("Зміну збережено")).to_be_visible()
    log_out(page)
    page.goto(f"{base}/pb/{process.slug}/")
    log_entry = page.locator("#rule-changes")
    expect(log_entry).to_contain_text("Через відключення світла")
    expect(log_entry).to_contain_text("адміністратор громади")
    log_entry.scroll_into_view_if_needed()
    shot(page, "process-rule-log")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
