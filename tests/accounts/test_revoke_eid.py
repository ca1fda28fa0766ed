"""Residency granted by eID alone (before eID was limited to identity) can be withdrawn."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hromada.accounts import actions_identity
from hromada.accounts.models import Verification
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.conftest import Personas


def _legacy_eid_resident(personas: Personas) -> Verification:
    # Written as the old code did: no action creates such a row any more.
    person = personas.newcomer
    person.birth_year, person.birth_year_verified = 1984, True
    person.save()
    return Verification.objects.create(
        user=person, community=personas.community, method="eid", identifier_hash="f" * 64
    )


def test_command_lists_then_withdraws(personas: Personas) -> None:
    _legacy_eid_resident(personas)
    out = StringIO()
    call_command("revoke_eid_verifications", "--as", personas.admin.email, stdout=out)
    assert "vyshneva: 1 verified by eID alone, 0 ballots" in out.getvalue()
    assert Verification.objects.filter(method="eid").count() == 1  # listing changes nothing
    call_command(
        "revoke_eid_verifications", "--as", personas.admin.email, "--apply", stdout=StringIO()
    )
    assert not Verification.objects.filter(method="eid").exists()
    assert Verification.objects.filter(user=personas.resident).exists()  # others untouched
    personas.newcomer.refresh_from_db()
    assert not personas.newcomer.birth_year_verified
    entry = AuditEntry.objects.get(action="verification.revoke")
    assert (entry.actor, entry.community) == (personas.admin, personas.community)


def test_only_the_communitys_admin_may_withdraw(personas: Personas) -> None:
    _legacy_eid_resident(personas)
    with pytest.raises(ActionRefused):
        actions_identity.revoke_eid_only_verifications(personas.outsider_admin, personas.community)
    with pytest.raises(CommandError):
        call_command("revoke_eid_verifications", "--as", "nobody@example.org")
    assert Verification.objects.filter(method="eid").count() == 1
