"""Pages work under the Content-Security-Policy: no script or style is refused by the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.e2e.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page: Page) -> list[str]:
    seen: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            seen.append(message.text)

    page.on("console", note)
    return seen


def test_api_docs_render_from_local_files_under_the_policy(page: Page, live_server: object) -> None:
    violations = _violations(page)
    outside: list[str] = []
    base = str(live_server)
    # Requests the browser really made (the policy's refusals never leave the page).
    page.on(
        "requestfinished",
        lambda r: None if r.url.startswith((base, "blob:", "data:")) else outside.append(r.url),
    )
    page.goto(f"{base}/api/docs/")
    expect(page.get_by_text("Hromada API").first).to_be_visible()
    shot(page, "api-docs")
    # Redoc's attribution logo is hard-coded to its CDN: the policy blocks it (the point of
    # it) and Redoc hides the image on error. Nothing else may be refused.
    assert [v for v in violations if "cdn.redoc.ly/redoc/logo-mini.svg" not in v] == []
    assert outside == []


def test_home_and_login_have_no_policy_violations(page: Page, live_server: object) -> None:
    violations = _violations(page)
    page.goto(str(live_server))
    page.goto(f"{live_server}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert violations == []
