"""Staff join by invitation: an emailed single-use link, accepted by the invited address only."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from hromada.communities import actions
from hromada.communities.models import Invitation, PlatformRole, StaffRole
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.conftest import Personas
from tests.factories import UserFactory, platform_admin

pytestmark = pytest.mark.django_db


def token_from(mail: Any) -> str:
    match = re.search(r"/staff/invitations/([\w-]+)/", mail.body)
    assert match, mail.body
    return match.group(1)


def test_invitation_email_carries_a_link_that_gives_the_role(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    invitation, token = actions.invite(
        personas.admin, personas.community, email="New@Example.org", role="reviewer",
        department="Управління освіти",
    )  # fmt: skip
    assert mailoutbox[-1].to == ["new@example.org"]
    assert token_from(mailoutbox[-1]) == token
    assert token not in invitation.token_hash  # only a hash is stored
    newcomer = UserFactory.create(email="new@example.org")
    actions.accept_invitation(newcomer, token)
    role = StaffRole.objects.get(user=newcomer, community=personas.community)
    assert (role.role, role.department) == ("reviewer", "Управління освіти")
    assert AuditEntry.objects.filter(action="invitation.accept", actor=newcomer).exists()


def test_used_expired_and_mismatched_links_are_refused(personas: Personas) -> None:
    _inv, token = actions.invite(personas.admin, personas.community, email="a@example.org",
                                 role="operator")  # fmt: skip
    stranger = UserFactory.create(email="b@example.org")
    with pytest.raises(ActionRefused, match=r"a@example\.org"):
        actions.accept_invitation(stranger, token)
    unverified = UserFactory.create(email="a@example.org")
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    with pytest.raises(ActionRefused):
        actions.accept_invitation(unverified, token)
    EmailAddress.objects.filter(user=unverified).update(verified=True)
    later = timezone.now() + timedelta(days=7, seconds=1)
    with time_machine.travel(later), pytest.raises(ActionRefused, match="Термін дії"):
        actions.accept_invitation(unverified, token)
    actions.accept_invitation(unverified, token)
    with pytest.raises(ActionRefused, match="вже прийнято"):
        actions.accept_invitation(unverified, token)
    with pytest.raises(ActionRefused, match="Такого запрошення немає"):
        actions.accept_invitation(unverified, token + "x")


def test_pages_explain_each_state(client: Client, personas: Personas) -> None:
    _inv, token = actions.invite(personas.admin, personas.community, email="a@example.org",
                                 role="operator")  # fmt: skip
    url = f"/staff/invitations/{token}/"
    anonymous = client.get(url).content.decode()
    assert "Зареєструватися" in anonymous and "a@example.org" in anonymous
    client.force_login(UserFactory.create(email="b@example.org"))
    assert client.get(url).status_code == 400
    client.force_login(invited := UserFactory.create(email="a@example.org"))
    assert client.post(url).status_code == 302
    assert StaffRole.objects.filter(user=invited, role="operator").exists()
    again = client.get(url)
    assert again.status_code == 400 and "вже прийнято" in again.content.decode()
    assert client.get("/staff/invitations/nonsense/").status_code == 400


def test_role_taken_away_and_given_again(personas: Personas) -> None:
    role = StaffRole.objects.get(user=personas.operator)
    actions.remove_staff_role(personas.admin, role)
    assert not StaffRole.objects.filter(user=personas.operator).exists()
    _inv, token = actions.invite(personas.admin, personas.community,
                                 email=personas.operator.email, role="operator")  # fmt: skip
    actions.accept_invitation(personas.operator, token)
    assert StaffRole.objects.filter(user=personas.operator, role="operator").exists()


def test_the_last_admin_cannot_be_removed(personas: Personas) -> None:
    only_admin = StaffRole.objects.get(user=personas.admin)
    with pytest.raises(ActionRefused, match="останній адміністратор"):
        actions.remove_staff_role(personas.admin, only_admin)
    with pytest.raises(ActionRefused, match="останній адміністратор"):
        actions.remove_staff_role(platform_admin(), only_admin)
    _inv, token = actions.invite(personas.admin, personas.community, email="second@example.org",
                                 role="admin")  # fmt: skip
    actions.accept_invitation(UserFactory.create(email="second@example.org"), token)
    actions.remove_staff_role(personas.admin, only_admin)  # now there is another admin
    assert not StaffRole.objects.filter(pk=only_admin.pk).exists()


def test_reviewer_needs_a_department(personas: Personas) -> None:
    with pytest.raises(ActionRefused) as refused:
        actions.invite(personas.admin, personas.community, email="r@example.org", role="reviewer")
    assert refused.value.field == "department"
    assert not Invitation.objects.exists()


def test_practices_editors_are_invited_by_platform_admins_only(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    with pytest.raises(ActionRefused):
        actions.invite(personas.admin, None, email="ed@example.org", role="practices_editor")
    _inv, token = actions.invite(platform_admin(), None, email="ed@example.org",
                                 role="practices_editor")  # fmt: skip
    editor = UserFactory.create(email="ed@example.org")
    actions.accept_invitation(editor, token)
    role = PlatformRole.objects.get(user=editor)
    assert not editor.has_perm("practices.moderate")  # a role counts only with TOTP on
    from tests.factories import enable_totp

    enable_totp(editor)
    assert editor.has_perm("practices.moderate")
    actions.remove_platform_role(platform_admin(), role)
    assert not editor.has_perm("practices.moderate")
