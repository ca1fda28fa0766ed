"""Double entry of paper ballots: two operators key in the same paper ballot independently.

An entry waits here until the second one arrives. If the two agree, one ballot is written (the
usual participation and anonymous ballot, actions_vote) and both entries are deleted; if they
differ, both wait for the counting commission, which chooses one version with a reason.

While it waits an entry holds who (the identifier hash) beside what (the choices), as the paper
in the operator's hands does; nothing of it outlives the ballot it becomes (docs/voting.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaperEntry(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("чекає на друге введення")
        MISMATCH = "mismatch", _("введення не збігаються")

    # Random, like a ballot's: the id says nothing about when the entry was made.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(
        "budgeting.Process", on_delete=models.CASCADE, related_name="paper_entries"
    )
    voter_key = models.CharField(max_length=64)
    # 1: the first operator's entry; 2: the second's, kept only when it differs from the first.
    slot = models.PositiveSmallIntegerField()
    service_point = models.ForeignKey(
        "budgeting.ServicePoint", on_delete=models.PROTECT, related_name="+"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    birth_year = models.PositiveSmallIntegerField()
    projects = models.JSONField(default=list)  # the chosen projects' ids, sorted
    # Points or places of the chosen projects on ballots that have them: {"project id": n}.
    marks = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    day = models.DateField()

    class Meta:
        verbose_name = _("введення паперового бюлетеня")
        verbose_name_plural = _("введення паперових бюлетенів")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "voter_key", "slot"], name="paper_entry_one_per_slot"
            ),
            models.CheckConstraint(
                condition=models.Q(slot__in=(1, 2)), name="paper_entry_slot_1_or_2"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id}: {self.slot} {self.state}"
