"""Helpers of the results tests: a small sub-budget for equal shares, and pabutools as the
oracle of a published `.pb` file for the rule its META names."""

from __future__ import annotations

from fractions import Fraction

from django.utils import timezone
from pabutools.election import Cardinality_Sat, Cost_Sat
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.tiebreaking import lexico_tie_breaking

from hromada import pb
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.pb.thresholds import meta_rising_threshold, required_votes
from tests.conftest import Personas
from tests.pb.pb_oracle import to_pabutools


def grants(process: Process, personas: Personas) -> None:
    """A third sub-budget of 1,000 UAH with №7 (750), №8 (450) and №9 (300): small sums keep
    add1 short (it raises every share one hryvnia at a time)."""
    sub_budget = SubBudget.objects.create(
        process=process,
        name="Гранти",
        amount=100_000,
        max_cost=100_000,
        ballot_rule=SubBudget.BallotRule.KNAPSACK,
        position=2,
    )
    for number, cost in ((7, 75_000), (8, 45_000), (9, 30_000)):
        Project.objects.create(
            process=process,
            sub_budget=sub_budget,
            number=number,
            author=personas.resident,
            title=f"Проєкт {number}",
            description="Опис",
            cost=cost,
            location="Парк",
            status=Project.Status.ADMITTED,
            submitted_at=timezone.now(),
        )


def pabutools_selection(text: str) -> set[str]:
    """What pabutools selects on the published file under the rule its META names.

    pabutools has no thresholds: projects below theirs are dropped first, as the rule says.
    Ties are broken lexicographically, so compare on profiles without decisive ties.
    """
    election = pb.parse_pabulib(text)
    rule = election.meta["rule"]
    votes = {p.id: 0 for p in election.projects}
    for ballot in election.ballots:
        for pid in ballot:
            votes[pid] += 1
    keep = {p.id for p in election.projects}
    if rule == "greedy-threshold":
        threshold = Fraction(election.meta["min_project_score_threshold"])
        keep = {pid for pid in keep if votes[pid] >= threshold}
    elif rule == "greedy-threshold-cost":
        base, per_cost = meta_rising_threshold(election)
        keep = {
            p.id for p in election.projects if votes[p.id] >= required_votes(base, per_cost, p.cost)
        }
    kept = pb.Election(
        budget=election.budget,
        projects=[p for p in election.projects if p.id in keep],
        ballots=[[pid for pid in ballot if pid in keep] for ballot in election.ballots],
    )
    instance, profile = to_pabutools(kept)
    if rule.startswith("equalshares"):
        chosen = method_of_equal_shares(
            instance,
            profile,
            sat_class=Cost_Sat,
            tie_breaking=lexico_tie_breaking,
            voter_budget_increment=1,
        )
    else:
        chosen = greedy_utilitarian_welfare(
            instance,
            profile,
            sat_class=Cardinality_Sat if rule == "greedy-per-cost" else Cost_Sat,
            tie_breaking=lexico_tie_breaking,
        )
    return {p.name for p in chosen}
