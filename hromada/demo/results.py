"""The demo's finished process after its vote: its large projects counted by the Method of Equal
Shares, the results approved by the counting commission, voters spread over settlements and
days (for the statistics), and the winners' implementation told in milestones with photos.

Everything goes through the real actions; the photos are drawn here with Pillow (simple
pictures of what was built), never copied from anywhere.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from hromada.accounts.models import User
from hromada.budgeting import actions_counting
from hromada.budgeting.actions_implementation import MilestoneInput, add_milestone, winner_ids
from hromada.budgeting.models import Process, ProcessChange, Project, ResultSnapshot, SubBudget
from hromada.communities.models import Community

# Settlement populations of the invented community (the community has 9,800 people).
POPULATIONS = {"Вишневе": 6200, "Калинівка": 1400, "Грушівка": 1000, "Ожинівка": 700}
DECISION = "45-3/2025"

# What each winner's milestones say: (days after the results, text, percent, share paid).
STEPS = [
    (20, "Укладено договір з підрядником за результатами закупівлі в Prozorro.", 10, 0.0),
    (75, "Виконано основні роботи; жителі можуть стежити за ходом на місці.", 60, 0.5),
    (140, "Роботи завершено, акт приймання підписано; об'єкт відкрито для всіх.", 100, 1.0),
]


def spread_voters(community: Community, process: Process, rng: random.Random) -> None:
    """Demo voters live in different settlements and voted on different days."""
    settlements = list(community.settlements.all())
    for settlement in settlements:
        if settlement.name in POPULATIONS and settlement.population is None:
            settlement.population = POPULATIONS[settlement.name]
            settlement.save(update_fields=["population"])
    weights = [POPULATIONS.get(s.name, 300) for s in settlements]
    days = (process.voting_end - process.voting_start).days
    first_day = timezone.localtime(process.voting_start).date()
    for participation in process.participations.select_related("voter").order_by("pk"):
        voter = participation.voter
        if voter is not None:  # a paper ballot's voter has no account
            voter.settlement = rng.choices(settlements, weights=weights)[0]
            voter.save(update_fields=["settlement"])
        # More ballots on the first days (the announcement) and the last (reminders).
        day = min(days - 1, int(rng.triangular(0, days, 0)) if rng.random() < 0.7 else days - 1)
        participation.day = first_day + timedelta(days=day)
        participation.save(update_fields=["day"])


def photo(title: str, percent: int, seed: int) -> SimpleUploadedFile:
    """A simple drawn picture: sky, ground, and a building growing with the percent done."""
    rng = random.Random(seed)  # noqa: S311 -- decoration, not a secret
    image = Image.new("RGB", (960, 600), (170, 205, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 960, 600), fill=(110, 150, 80))
    height = 60 + 3 * percent
    left = rng.randint(120, 420)
    draw.rectangle((left, 420 - height, left + 360, 420), fill=(200, 120, 70))
    for x in range(left + 30, left + 330, 80):
        draw.rectangle((x, 440 - height, x + 40, 480 - height), fill=(250, 240, 200))
    draw.ellipse((780, 40, 880, 140), fill=(250, 215, 80))
    draw.text((30, 560), f"{title}: {percent}%", fill=(255, 255, 255))
    data = io.BytesIO()
    image.save(data, "PNG")
    return SimpleUploadedFile(f"etap-{percent}.png", data.getvalue(), content_type="image/png")


def implementation(process: Process, admin: User) -> None:
    """Milestones for the winners only: a losing project is never shown as built."""
    start = timezone.localtime(process.results_date).date()
    today = timezone.localdate()
    winners = Project.objects.filter(pk__in=winner_ids(process)).order_by("number")
    for index, project in enumerate(winners):
        # The first winners are finished, the last one is still under way.
        steps = STEPS if index < len(winners) - 1 else STEPS[:2]
        for days, text, percent, share in steps:
            date = min(today, start + timedelta(days=days + 7 * index))
            paid = round(project.cost * share)
            add_milestone(
                admin,
                project,
                MilestoneInput(date, text, percent, project.cost, paid),
                photos=[photo(project.title, percent, project.number * 100 + percent)],
            )


def finish(
    process: Process,
    accounts: dict[str, User],
    move: Callable[[Process, str], None],
) -> None:
    """Count, approve and implement the demo's finished process (called once, after its vote)."""
    rng = random.Random(process.slug)  # noqa: S311 -- the same demo every time
    spread_voters(process.community, process, rng)
    SubBudget.objects.filter(process=process, name="Великі проєкти").update(
        winner_rule=SubBudget.WinnerRule.MES
    )
    move(process, "counting")
    commission = accounts["commission"]
    actions_counting.freeze_results(
        commission,
        process,
        decision_number=DECISION,
        decision_date=timezone.localdate(),
    )
    before = process.submission_start
    move(process, "finished")
    # The approval moves with the rest of the process's history.
    shift = process.submission_start - before
    snapshot = ResultSnapshot.objects.get(process=process)
    snapshot.computed_at += shift
    snapshot.frozen_at = (snapshot.frozen_at or snapshot.computed_at) + shift
    snapshot.decision_date = timezone.localtime(process.voting_end).date() + timedelta(days=3)
    snapshot.save(update_fields=["computed_at", "frozen_at", "decision_date"])
    ProcessChange.objects.filter(process=process).update(at=F("at") + shift)
    ProcessChange.objects.filter(process=process, field="results").update(
        reason=actions_counting.decision_reason(DECISION, snapshot.decision_date)
    )
    implementation(process, accounts["admin"])
