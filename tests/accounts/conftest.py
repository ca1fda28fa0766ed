"""Fixtures for accounts tests: registers as bytes, uploaded through the real action."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hromada.accounts import actions
from hromada.accounts.models import RegisterUpload
from tests.conftest import Personas


@pytest.fixture
def upload(personas: Personas) -> Callable[[str], RegisterUpload]:
    """Upload a register (given as CSV text) to the personas' community as its admin, and
    confirm it."""

    def _upload(text: str) -> RegisterUpload:
        staged = actions.upload_register(
            personas.admin, personas.community, filename="register.csv", content=text.encode()
        )
        return actions.confirm_register_upload(personas.admin, personas.community, staged.pk)

    return _upload
