"""Fixtures of the engine tests: where the real Pabulib files are (the shared set when present,
else the small sample bundled in tests/pb/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pb_oracle import pabulib_directory


@pytest.fixture(scope="session")
def pabulib_dir() -> Path:
    found = pabulib_directory()
    if found is None:
        pytest.skip("no Pabulib files found (neither ../shared/pabulib nor tests/pb/data)")
    return found
