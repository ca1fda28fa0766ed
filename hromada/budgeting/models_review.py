"""Review of submitted projects by the council's departments, the author's earlier versions, and
appeals against a rejection.

A project is assigned to one or more departments; a reviewer of that department writes a
structured conclusion by its due date. The decision itself (admit, return, reject) stays a
`ProjectStatusChange` in the project's public history (actions.review_project).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hromada.budgeting.grounds import RejectionGround


class ReviewAssignment(models.Model):
    class Feasibility(models.TextChoices):
        YES = "yes", _("реалізовуваний")
        CONDITIONS = "conditions", _("реалізовуваний за умов")
        NO = "no", _("нереалізовуваний")

    class Legality(models.TextChoices):
        YES = "yes", _("відповідає законодавству")
        NO = "no", _("суперечить законодавству")

    class Land(models.TextChoices):
        COMMUNAL = "communal", _("комунальна власність")
        STATE = "state", _("державна власність")
        PRIVATE = "private", _("приватна власність")
        UNKNOWN = "unknown", _("не визначено")
        NOT_NEEDED = "not_needed", _("земельна ділянка не потрібна")

    class Recommendation(models.TextChoices):
        ADMIT = "admit", _("допустити")
        RETURN = "return", _("повернути на доопрацювання")
        REJECT = "reject", _("відхилити")

    project = models.ForeignKey(
        "budgeting.Project", on_delete=models.CASCADE, related_name="review_assignments"
    )
    department = models.CharField(_("підрозділ"), max_length=200)
    assigned_at = models.DateTimeField(_("призначено"))
    due_at = models.DateTimeField(_("висновок до"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The conclusion, empty until written.
    concluded_at = models.DateTimeField(_("висновок надано"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feasibility = models.CharField(
        _("реалізовуваність"), max_length=20, choices=Feasibility.choices, blank=True
    )
    legality = models.CharField(
        _("законність"), max_length=20, choices=Legality.choices, blank=True
    )
    cost_estimate = models.BigIntegerField(_("оцінка вартості, коп."), null=True, blank=True)
    land = models.CharField(_("земельна ділянка"), max_length=20, choices=Land.choices, blank=True)
    recommendation = models.CharField(
        _("рекомендація"), max_length=20, choices=Recommendation.choices, blank=True
    )
    ground = models.CharField(
        _("підстава відхилення"), max_length=30, choices=RejectionGround.choices, blank=True
    )
    reason = models.TextField(_("обґрунтування"), blank=True)
    # When the community admin was told this conclusion is overdue (once).
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("призначення на розгляд")
        verbose_name_plural = _("призначення на розгляд")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "department"], name="review_one_per_department"
            ),
            models.CheckConstraint(
                condition=Q(cost_estimate__isnull=True) | Q(cost_estimate__gt=0),
                name="review_cost_estimate_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.department}"


class ProjectRevision(models.Model):
    """A version of a project as it stood before its author revised it (kept for the public)."""

    project = models.ForeignKey(
        "budgeting.Project", on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveSmallIntegerField()
    saved_at = models.DateTimeField()  # when this version was replaced
    title = models.CharField(max_length=200)
    description = models.TextField()
    cost = models.BigIntegerField()
    location = models.CharField(max_length=300)

    class Meta:
        ordering = ["project", "version"]
        constraints = [
            models.UniqueConstraint(fields=["project", "version"], name="revision_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} v{self.version}"


class Appeal(models.Model):
    """An author's appeal against a rejection, decided by the community's appeals commission.
    Public: the text, the decision and its reason are shown in the project's history."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("на розгляді комісії")
        ADMITTED = "admitted", _("задоволено: проєкт допущено")
        DISMISSED = "dismissed", _("відхилено: рішення залишено в силі")

    project = models.ForeignKey(
        "budgeting.Project", on_delete=models.CASCADE, related_name="appeals"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("текст апеляції"))
    filed_at = models.DateTimeField(_("подано"))
    decision = models.CharField(
        _("рішення"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reason = models.TextField(_("обґрунтування рішення"), blank=True)
    decided_at = models.DateTimeField(_("вирішено"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("апеляція")
        verbose_name_plural = _("апеляції")
        constraints = [
            # One appeal waits at a time; a project rejected again may be appealed again.
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(decision="pending"),
                name="appeal_one_pending_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.decision}"
