"""The public regulation (положення) page of a process, generated from its settings.

The page is composed of section templates under budgeting/regulation/. Sections that other
parts of the platform add (supporters and review deadlines, appeals) are included only when
their template exists, so the page works with or without them.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hromada.budgeting.eligibility import basis_labels
from hromada.budgeting.models import Process
from hromada.budgeting.phases import PHASES, TIMELINE
from hromada.budgeting.regulation import percent
from hromada.budgeting.winner_rules import rule_description

# Sections in the order a resident reads them.
SECTIONS = (
    "budgeting/regulation/_participants.html",
    "budgeting/regulation/_phases.html",
    "budgeting/regulation/_money.html",
    "budgeting/regulation/_supporters.html",
    "budgeting/regulation/_ballot.html",
    "budgeting/regulation/_winners.html",
)


def regulation(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    sub_budgets = list(process.sub_budgets.select_related("settlement"))
    for sub_budget in sub_budgets:
        sub_budget.share_text = percent(sub_budget.share) if sub_budget.share else ""  # type: ignore[attr-defined]
        # A range that starts a kopiyka above the next smaller one's limit reads "above 300 000".
        above = sub_budget.min_cost - 1 if sub_budget.min_cost % 100 == 1 else None
        sub_budget.cost_above = above  # type: ignore[attr-defined]
        # Each sub-budget's own winner rule, as it stands now (it may change until voting).
        sub_budget.process = process
        sub_budget.winner_text = rule_description(sub_budget)  # type: ignore[attr-defined]
    phase = TIMELINE.current(process)
    return render(
        request,
        "budgeting/regulation/page.html",
        {
            "process": process,
            "sub_budgets": sub_budgets,
            "restricted": [sb for sb in sub_budgets if sb.residents_only and sb.settlement],
            "themes_only": bool(sub_budgets) and all(sb.kind == "theme" for sb in sub_budgets),
            "timeline": [(p, TIMELINE.dates(process, p.key), p == phase) for p in PHASES[1:]],
            "author_bases": basis_labels(process.author_bases),
            "supporter_bases": basis_labels(process.supporter_bases),
            "voter_bases": basis_labels(process.voter_bases),
            "sections": SECTIONS,
        },
    )
