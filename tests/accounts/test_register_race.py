"""A burst of simultaneous wrong register guesses: at most the limit of them may be checked."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection

from hromada.accounts import actions
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.accounts.test_register import Upload
from tests.conftest import Personas

BURST = 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_burst_of_wrong_guesses_checks_at_most_the_limit(
    personas: Personas, upload: Upload
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    upload("identifier\n3012345670\n")
    barrier = threading.Barrier(BURST)
    checked: list[str] = []
    refused_early: list[str] = []
    real_hash = actions.hash_identifier

    def counting_hash(raw: str) -> str:
        checked.append(raw)  # a guess is checked only once it is hashed and looked up
        return real_hash(raw)

    def guess(n: int) -> None:
        barrier.wait()
        try:
            actions.verify_by_register(personas.newcomer, personas.community, f"30{n:08d}")
        except ActionRefused as exc:
            if exc.message.startswith("Забагато"):
                refused_early.append(exc.message)
        finally:
            connection.close()

    with mock.patch.object(actions, "hash_identifier", counting_hash):
        threads = [threading.Thread(target=guess, args=(n,)) for n in range(BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(checked) <= actions.REGISTER_ATTEMPTS_LIMIT
    assert len(refused_early) >= BURST - actions.REGISTER_ATTEMPTS_LIMIT
    mismatches = AuditEntry.objects.filter(action=actions.MISMATCH_ACTION).count()
    assert mismatches <= actions.REGISTER_ATTEMPTS_LIMIT
