"""Staff act only with TOTP on: staff pages lead to a page that explains how to turn it on, and
the actions refuse by themselves."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client, RequestFactory

from hromada.accounts import actions as account_actions
from hromada.budgeting import actions as pb_actions
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.factories import enable_totp, make_process, platform_admin, practices_editor, staff

pytestmark = pytest.mark.django_db


def test_reviewer_without_totp_cannot_review_until_it_is_on(personas: Personas) -> None:
    reviewer = staff(personas.community, StaffRole.Role.REVIEWER, totp=False)
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    move_to(process, "review")
    with pytest.raises(ActionRefused):
        pb_actions.review_project(reviewer, project, decision="admit")
    enable_totp(reviewer)
    pb_actions.review_project(reviewer, project, decision="admit")


def test_operator_without_totp_cannot_verify(personas: Personas) -> None:
    operator = staff(personas.community, StaffRole.Role.OPERATOR, totp=False)
    with pytest.raises(ActionRefused):
        account_actions.verify_in_person(
            operator, personas.community, email=personas.newcomer.email,
            identifier="AB123456", birth_year=1990,
        )  # fmt: skip


@pytest.mark.parametrize(
    "path",
    ["/staff/", "/staff/{c}/processes/new/", "/staff/{c}/people/", "/me/staff/{c}/verify/",
     "/staff/communities/"],
)  # fmt: skip
def test_staff_pages_lead_to_the_totp_page(client: Client, personas: Personas, path: str) -> None:
    client.force_login(staff(personas.community, StaffRole.Role.ADMIN, totp=False))
    response = client.get(path.format(c=personas.community.slug))
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/totp/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "/accounts/2fa/totp/activate/" in page


def test_superuser_and_practices_editor_without_totp_are_sent_there_too(client: Client) -> None:
    for who in (platform_admin(totp=False), practices_editor(totp=False)):
        client.force_login(who)
        target = "/staff/" if who.is_superuser else "/practices/moderation/"
        assert client.get(target)["Location"].startswith("/staff/totp/")


def test_totp_page_says_continue_once_it_is_on(client: Client, personas: Personas) -> None:
    client.force_login(personas.admin)
    page = client.get("/staff/totp/?next=/staff/").content.decode()
    assert "увімкнено" in page and 'href="/staff/"' in page
    assert client.get("/staff/").status_code == 200


def test_django_admin_needs_totp_too(client: Client) -> None:
    client.force_login(platform_admin(totp=False))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    client.force_login(platform_admin())
    assert client.get("/admin/").status_code == 200


def test_totp_is_asked_once_per_request_and_again_after_it_changes(
    personas: Personas, django_assert_num_queries: Any
) -> None:
    from allauth.mfa import signals as mfa_signals

    from hromada.communities.rules import has_totp
    from hromada.core.request_memo import RequestMemoMiddleware

    user = staff(personas.community, StaffRole.Role.REVIEWER, totp=False)
    answers: list[bool] = []

    def page(request: object) -> None:
        with django_assert_num_queries(1):
            answers.extend([has_totp(user), has_totp(user), has_totp(user)])
        enable_totp(user)
        totp = Authenticator.objects.get(user=user)
        mfa_signals.authenticator_added.send(
            sender=None, request=request, user=user, authenticator=totp
        )
        answers.append(has_totp(user))

    RequestMemoMiddleware(page)(RequestFactory().get("/staff/"))
    assert answers == [False, False, False, True]
    # Outside a request nothing is remembered: a live object's change shows at once.
    Authenticator.objects.filter(user=user).delete()
    assert has_totp(user) is False
