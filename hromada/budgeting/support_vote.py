"""The online support vote: instead of (or on top of) a fixed threshold, the supporter stage is a
vote, and in each sub-budget the N projects with the most supporters go on to review.

Why per sub-budget: sub-budgets are separate competitions with their own money (small and large
projects, a settlement's own budget). One list over the whole process would let the large
projects of the biggest settlement crowd out every small or village project, which is exactly
what the split into sub-budgets exists to prevent.

Ties at the cut-off: places are counted as in sport ("1, 2, 2, 4"): a project's place is one
more than the number of projects with strictly more supporters. Every project whose place is N
or better goes on, so projects tied at the N-th place all go on and more than N may pass. No
project that has as many supporters as one that passes is left out by a rule of chance or order.

Projects below the process's threshold (`supporters_required`, the minimum for any project) are
not admitted whatever their place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from hromada.budgeting.models import Project


@dataclass(frozen=True)
class Place:
    place: int  # 1 for the most supported; tied projects share a place
    of: int  # how many projects were ranked together
    passes: bool


def places(counts: Iterable[tuple[int, int]], top: int) -> dict[int, Place]:
    """Each project's place among `counts` ((project id, supporters) of one sub-budget)."""
    ranked = list(counts)
    supporters = sorted((count for _pk, count in ranked), reverse=True)
    result = {}
    for pk, count in ranked:
        place = 1 + sum(1 for other in supporters if other > count)
        result[pk] = Place(place=place, of=len(ranked), passes=place <= top)
    return result


def not_passed_reason(place: Place, top: int, sub_budget: str) -> str:
    return _(
        "За результатами голосування за підтримку посів місце %(place)s з %(of)s у підбюджеті "
        "«%(sb)s»; далі проходять перші %(top)s."
    ) % {"place": place.place, "of": place.of, "sb": sub_budget, "top": top}


def place_of(project: Project) -> Place | None:
    """The project's place among the still-open projects of its sub-budget, in a process that
    runs a support vote (None otherwise)."""
    from hromada.budgeting.actions_support import OPEN_STATUSES

    top = project.process.support_top
    if not top:
        return None
    counts = (
        project.sub_budget.projects.filter(status__in=OPEN_STATUSES)
        .annotate(supporters=Count("supports"))
        .values_list("pk", "supporters")
    )
    return places(counts, top).get(project.pk)
