"""Fixtures of the engine tests: where the shared Pabulib files are (skip cleanly if absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pb_oracle import pabulib_directory


@pytest.fixture(scope="session")
def pabulib_dir() -> Path:
    found = pabulib_directory()
    if found is None:
        pytest.skip("../shared/pabulib/ not found beside the repository; real-file tests skipped")
    return found
