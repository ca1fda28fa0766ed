"""The counting commission's approval while the task queue computes it.

Approving recomputes every sub-budget from all ballots and rewrites the ballots shuffled (the
seal): too heavy for a request. The request stores the decision here as pending and enqueues
the work; the task writes the frozen snapshot in one transaction and marks this done, or, if it
fails, writes nothing but the failure, so the commission sees what happened and may try again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultsApproval(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("обчислюється")
        FAILED = "failed", _("не вдалося")
        DONE = "done", _("затверджено")

    process = models.OneToOneField(
        "budgeting.Process", on_delete=models.CASCADE, related_name="results_approval"
    )
    decision_number = models.CharField(_("номер рішення"), max_length=100)
    decision_date = models.DateField(_("дата рішення"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("затвердження результатів")
        verbose_name_plural = _("затвердження результатів")

    def __str__(self) -> str:
        return f"{self.process_id}: {self.state}"
