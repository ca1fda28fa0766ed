"""The API tests use the budgeting tests' voting process."""

from tests.budgeting.conftest import voting_process

__all__ = ["voting_process"]
