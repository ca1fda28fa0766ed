"""From a finished participatory budget to a practices-base case, in one click.

The community's staff get a draft in the practices base, prefilled from the process — its
numbers (projects, voters, money, turnout), its rule, photos of the built projects — to edit
and send to moderation there. Budgeting calls the practices app's actions (an app may use
another's actions; practices knows nothing of budgeting), so the draft is written, checked and
audited by the practices base's own rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from hromada.budgeting import winner_rules
from hromada.budgeting.actions_implementation import winner_ids
from hromada.budgeting.models import Participation, Process, Project
from hromada.budgeting.models_implementation import MilestonePhoto
from hromada.budgeting.phases import TIMELINE
from hromada.core.audit import record
from hromada.core.errors import require_perm
from hromada.core.models import AuditEntry
from hromada.practices import actions as practices
from hromada.practices.models import Practice
from hromada.practices.vocabulary import Instrument, Theme

DRAFTED = "process.practice_drafted"  # audit action; its details name the practice
MAX_PHOTOS = 6


@dataclass
class ProcessFigures:
    submitted: int
    admitted: int
    funded: int
    voters: int
    budget_uah: int
    funded_uah: int
    turnout: float | None  # per cent of the community's population, when it is known


def figures(process: Process, winners: set[int]) -> ProcessFigures:
    projects = list(Project.objects.filter(process=process).only("pk", "status", "cost"))
    voters = Participation.objects.filter(process=process).count()
    population = process.community.population
    return ProcessFigures(
        submitted=len(projects),
        admitted=sum(1 for p in projects if p.status == Project.Status.ADMITTED),
        funded=sum(1 for p in projects if p.pk in winners),
        voters=voters,
        budget_uah=process.total_budget // 100,
        funded_uah=sum(p.cost for p in projects if p.pk in winners) // 100,
        turnout=round(100 * voters / population, 1) if population else None,
    )


def _rule_text(process: Process) -> str:
    lines = []
    for sub_budget in process.sub_budgets.all():
        lines.append(
            _("«%(name)s»: %(ballot)s; %(rule)s")
            % {
                "name": sub_budget.name,
                "ballot": sub_budget.get_ballot_rule_display(),
                "rule": winner_rules.rule_description(sub_budget),
            }
        )
    return "\n".join(f"- {line}" for line in lines)


def _body(process: Process, numbers: ProcessFigures) -> str:
    turnout = (
        _("%(p)s %% жителів громади") % {"p": number_format(numbers.turnout, 1)}
        if numbers.turnout is not None
        else _("невідома (населення громади не вказано)")
    )
    parts = [
        _(
            "Подано проєктів: %(submitted)s; допущено до голосування: %(admitted)s; "
            "профінансовано: %(funded)s."
        )
        % {"submitted": numbers.submitted, "admitted": numbers.admitted, "funded": numbers.funded},
        _("Проголосували: %(voters)s; явка: %(turnout)s.")
        % {"voters": numbers.voters, "turnout": turnout},
        _("Бюджет: %(budget)s грн; на проєкти-переможці: %(funded)s грн.")
        % {"budget": numbers.budget_uah, "funded": numbers.funded_uah},
        _("Правила визначення переможців:") + "\n" + _rule_text(process),
    ]
    return "\n\n".join(parts)


def practice_data(process: Process) -> practices.PracticeData:
    numbers = figures(process, winner_ids(process))
    community = process.community
    link = settings.SITE_URL.rstrip("/") + process.get_absolute_url()
    return practices.PracticeData(
        title=(_("Бюджет участі: %(title)s") % {"title": process.title})[:200],
        summary=_(
            "%(community)s провела бюджет участі: %(voters)s жителів обрали %(funded)s проєктів."
        )
        % {"community": community.name, "voters": numbers.voters, "funded": numbers.funded},
        body=_body(process, numbers),
        themes=[Theme.BUDGET_PROCESS],
        instruments=[Instrument.PARTICIPATORY_BUDGET],
        place=community.name[:200],
        oblast=community.oblast,
        size_band=community.size_band,
        year=process.submission_start.year,
        year_end=process.implementation_end.year,
        participants=numbers.voters,
        money_uah=numbers.funded_uah or numbers.budget_uah,
        projects=numbers.funded,
        links=[link] if link.startswith(("http://", "https://")) else [],
        community=community.pk,
    )


def drafted_practice(process: Process) -> Practice | None:
    """The practice drafted from this process earlier, if it still exists."""
    entry = (
        AuditEntry.objects.filter(
            action=DRAFTED, target_type=Process._meta.label, target_id=str(process.pk)
        )
        .order_by("-pk")
        .first()
    )
    if entry is None:
        return None
    return Practice.objects.filter(pk=entry.details.get("practice")).first()


def _attach_photos(actor: Any, practice: Practice, process: Process) -> None:
    # Only winners have milestones (actions_implementation), so these are built projects.
    photos = MilestonePhoto.objects.filter(milestone__project__process=process).select_related(
        "milestone__project"
    )[:MAX_PHOTOS]
    for photo in photos:
        try:
            with photo.image.open("rb") as handle:
                content = handle.read()
        except (FileNotFoundError, OSError):
            continue  # a photo lost from storage does not stop the draft
        upload = SimpleUploadedFile(Path(photo.image.name).name, content)
        title = photo.alt or photo.milestone.project.title
        practices.add_attachment(actor, practice, title=title[:200], file=upload)


@transaction.atomic
def draft_practice(actor: Any, process: Process) -> Practice:
    """A draft practice from a finished process, for its community's staff; asking again
    returns the draft already made instead of a second one."""
    require_perm(actor, "budgeting.manage_process", process)
    TIMELINE.require(process, "draft_practice")
    existing = drafted_practice(process)
    if existing is not None:
        return existing
    practice = practices.propose_practice(actor, practice_data(process), submit=False)
    _attach_photos(actor, practice, process)
    record(
        DRAFTED,
        actor=actor,
        target=process,
        community=process.community,
        practice=practice.pk,
    )
    return practice
