"""What participatory budgets add to the shared pages (registered in apps.py): the home-page
block with a call to vote, a staff-dashboard section per community, and public search."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from hromada.budgeting.actions_review import overdue_assignments
from hromada.budgeting.models import Ballot, Process, Project
from hromada.budgeting.phases import PHASES, TIMELINE
from hromada.budgeting.selectors import ProcessCard, processes_with_phase
from hromada.communities.rules import is_appeals_member
from hromada.core.registry import SearchHit

# The home page leads with what a resident can do now: vote, then propose; finished last.
HOME_PHASE_ORDER = (
    *("voting", "submission", "support", "review"),
    *("counting", "information", "implementation"),
)
_HOME_RANK = {key: rank for rank, key in enumerate(HOME_PHASE_ORDER)}
_LAST = len(PHASES)


def home_order(card: ProcessCard) -> tuple[int, float, int]:
    """Sort key: phase as above, then the newest process first."""
    started = card.process.submission_start.timestamp()
    return (_HOME_RANK.get(card.phase.key, _LAST), -started, card.process.pk)


def home_context(request: HttpRequest) -> dict[str, Any]:
    cards = sorted(processes_with_phase(), key=home_order)
    decisions = ((card, TIMELINE.decide(card.process, "vote")) for card in cards)
    open_votes = [
        (card, vote.closes_at)
        for card, vote in decisions
        if vote.allowed and _may_be_asked_to_vote(request.user, card.process)
    ]
    voted: set[int] = set()
    if open_votes and request.user.is_authenticated:
        voted = set(
            Ballot.objects.filter(
                voter=request.user, process__in=[card.process for card, _closes in open_votes]
            ).values_list("process_id", flat=True)
        )
    return {
        "processes": cards,
        # A vote open now is the one thing a resident can do today: it gets its own button.
        "open_votes": [(card, closes, card.process.pk in voted) for card, closes in open_votes],
    }


def _may_be_asked_to_vote(user: Any, process: Process) -> bool:
    """A person who said they live in another community is not asked to vote here; a visitor,
    or someone who has not chosen a community yet, is (the vote page says what to do)."""
    community_id = getattr(user, "community_id", None)
    return community_id is None or community_id == process.community_id


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("communities.view_staff_area", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any]:
    can_create = request.user.has_perm("budgeting.create_process", community)
    return {
        "processes": sorted(processes_with_phase(community), key=home_order),
        "can_create": can_create,
        # The community admin sees which departments are late with their conclusions.
        "overdue": list(overdue_assignments(community)[:50]) if can_create else [],
        "judges_appeals": is_appeals_member(request.user, community),
    }


def search_public(query: str, limit: int) -> list[SearchHit]:
    """Processes and projects whose title or description holds the words (all are public)."""
    words = query.split()[:8]
    processes = Process.objects.all()
    projects = Project.objects.select_related("process").exclude(status=Project.Status.REJECTED)
    for word in words:
        processes = processes.filter(_mentions(word))
        projects = projects.filter(_mentions(word))
    hits = [
        SearchHit(process.title, process.get_absolute_url(), _snippet(process.description))
        for process in processes.order_by("-submission_start")[:limit]
    ]
    for project in projects.order_by("-submitted_at")[: max(0, limit - len(hits))]:
        title = _("№%(n)s. %(title)s") % {"n": project.number, "title": project.title}
        snippet = f"{project.process.title} · {_snippet(project.description)}"
        hits.append(SearchHit(title, project.get_absolute_url(), snippet))
    return hits


def _mentions(word: str) -> Q:
    """Title or description contains `word` in any case. SQLite folds the case of ASCII letters
    only, so the usual Cyrillic casings are asked for explicitly (PostgreSQL needs none of them)."""
    found = Q()
    for form in {word, word.lower(), word.capitalize(), word.upper()}:
        found |= Q(title__icontains=form) | Q(description__icontains=form)
    return found


def _snippet(text: str) -> str:
    return Truncator(text).words(25)
