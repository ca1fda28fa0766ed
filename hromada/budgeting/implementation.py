"""What the public reads about implementation: each winner's newest milestone, a project's
timeline, and per process the money planned against contracted and paid. Read from the stored
results (winners) and the milestones, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from hromada.budgeting.models import Process, Project, ResultSnapshot
from hromada.budgeting.models_implementation import Milestone
from hromada.budgeting.snapshots import results_from_snapshot


@dataclass
class WinnerProgress:
    project: Project
    latest: Milestone | None

    @property
    def percent_done(self) -> int:
        return self.latest.percent_done if self.latest else 0

    @property
    def paid(self) -> int:
        return self.latest.paid if self.latest else 0

    @property
    def contracted(self) -> int:
        return self.latest.contracted if self.latest else 0


@dataclass
class ProcessProgress:
    winners: list[WinnerProgress]

    @property
    def planned(self) -> int:
        return sum(w.project.cost for w in self.winners)

    @property
    def contracted(self) -> int:
        return sum(w.contracted for w in self.winners)

    @property
    def paid(self) -> int:
        return sum(w.paid for w in self.winners)


def process_progress(process: Process, snapshot: ResultSnapshot) -> ProcessProgress:
    """Winners in result order with their newest milestone (3-4 queries in all)."""
    winners = [row.project for r in results_from_snapshot(process, snapshot) for row in r.winners]
    latest: dict[int, Milestone] = {}
    milestones = Milestone.objects.filter(project__in=[p.pk for p in winners])
    for milestone in milestones.order_by("project_id", "date", "id"):
        latest[milestone.project_id] = milestone  # the last one per project wins
    return ProcessProgress([WinnerProgress(p, latest.get(p.pk)) for p in winners])


def project_outcome(project: Project, snapshot: ResultSnapshot | None) -> str:
    """ "won", "lost" or "" (no results yet, or the project was not on the ballot)."""
    if snapshot is None:
        return ""
    for entry in snapshot.sub_budgets:
        for row in entry["rows"]:
            if row["project"] == project.pk:
                return "won" if row["selected"] else "lost"
    return ""


def project_timeline(project: Project) -> list[Milestone]:
    """The milestones, newest last, with their photos and documents (3 queries)."""
    return list(
        project.milestones.prefetch_related(Prefetch("photos"), Prefetch("documents")).order_by(
            "date", "id"
        )
    )
