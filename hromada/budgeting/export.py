"""A process's sub-budget as a Pabulib `.pb` file: open data anyone can recompute.

Voter ids are sequence numbers in a random order, so nothing ties a line to a person.
"""

from __future__ import annotations

import csv
import io
import random

from django.utils import timezone

from hromada.budgeting.models import Process, SubBudget
from hromada.budgeting.results import compute_sub_budget
from hromada.budgeting.selectors import approvals_by_sub_budget


def _uah(kopiykas: int) -> str:
    hryvnias, rest = divmod(kopiykas, 100)
    return str(hryvnias) if rest == 0 else f"{hryvnias}.{rest:02d}"


def pabulib_text(process: Process, sub_budget: SubBudget) -> str:
    approvals = approvals_by_sub_budget(process)
    result = compute_sub_budget(process, sub_budget, approvals)
    # The order of rows must not reveal the order in which people voted.
    ballots = list(approvals.get(sub_budget.pk, []))
    random.SystemRandom().shuffle(ballots)
    number_of = {row.project.pk: row.project.number for row in result.rows}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = {
        "description": f"{process.title}: {sub_budget.name}",
        "country": "Ukraine",
        "unit": process.community.name,
        "subunit": sub_budget.name,
        "instance": str(timezone.localtime(process.voting_start).year),
        "num_projects": str(len(result.rows)),
        "num_votes": str(len(ballots)),
        "budget": _uah(sub_budget.amount),
        "vote_type": "approval",
        "rule": "greedy-threshold" if process.min_votes else "greedy",
        "date_begin": timezone.localtime(process.voting_start).strftime("%d.%m.%Y"),
        "date_end": timezone.localtime(process.voting_end).strftime("%d.%m.%Y"),
        "currency": "UAH",
        "language": "uk",
    }
    if process.min_votes:
        meta["min_project_score_threshold"] = str(process.min_votes)
    if sub_budget.ballot_rule == SubBudget.BallotRule.APPROVAL and sub_budget.max_choices:
        meta["max_length"] = str(sub_budget.max_choices)
    else:
        meta["max_sum_cost"] = _uah(sub_budget.amount)
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerow(["project_id", "cost", "votes", "name", "selected"])
    for row in sorted(result.rows, key=lambda r: r.project.number):
        writer.writerow(
            [
                row.project.number,
                _uah(row.project.cost),
                row.votes,
                row.project.title,
                int(row.selected),
            ]
        )
    writer.writerow(["VOTES"])
    writer.writerow(["voter_id", "vote"])
    for voter_id, ballot in enumerate(ballots, start=1):
        writer.writerow([voter_id, ",".join(str(number_of[pid]) for pid in ballot)])
    return out.getvalue()
