"""Work of the participatory budget on the task queue: the commission's approval of the results
(recomputing every sub-budget from all ballots and sealing them takes too long for a request)."""

from __future__ import annotations

from django_tasks import task

from hromada.budgeting.actions_counting import complete_freeze


@task()
def approve_results(approval_id: int) -> str:
    return complete_freeze(approval_id)
