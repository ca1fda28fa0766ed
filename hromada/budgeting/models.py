"""Participatory-budget data. Money is stored in kopiykas (integers), never floats."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hromada.budgeting.grounds import RejectionGround
from hromada.budgeting.phases import TIMELINE

# Who may take part on which basis (accounts.models.ResidenceBasis values). A regulation that
# says nothing else accepts every basis of residence, work or study in the community.
DEFAULT_BASES = ["registered", "actual", "work", "study", "property", "business", "idp"]


def default_bases() -> list[str]:
    return list(DEFAULT_BASES)


class Process(models.Model):
    timeline = (
        TIMELINE  # its phases and what each allows (phases.py); `{% if process|may:"vote" %}`
    )

    class TieBreaking(models.TextChoices):
        SUBMISSION = "submission", _("раніше подано — вище")
        MIN_COST = "min_cost", _("менша вартість — вище")
        LOTTERY = "lottery", _("жеребкування з оприлюдненим ключем")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.PROTECT, related_name="processes"
    )
    title = models.CharField(_("назва"), max_length=200)
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    description = models.TextField(_("опис"), blank=True)
    total_budget = models.BigIntegerField(_("загальний бюджет, коп."))
    voter_min_age = models.PositiveSmallIntegerField(_("мінімальний вік голосування"), default=16)
    author_min_age = models.PositiveSmallIntegerField(_("мінімальний вік автора"), default=16)
    # A school budget is for pupils: its authors are 14 to 18 (by birth year, like every age).
    author_max_age = models.PositiveSmallIntegerField(
        _("найбільший вік автора"), null=True, blank=True
    )
    supporter_min_age = models.PositiveSmallIntegerField(
        _("мінімальний вік прихильника"), default=16
    )
    author_bases = models.JSONField(_("підстави для авторів"), default=default_bases)
    supporter_bases = models.JSONField(_("підстави для прихильників"), default=default_bases)
    voter_bases = models.JSONField(_("підстави для голосування"), default=default_bases)
    # The share of a project's estimate kept for unforeseen costs, in per cent of the rest.
    reserve_percent = models.PositiveSmallIntegerField(_("резерв у кошторисі, %"), default=0)
    # Which template the process was started from (regulation_templates.py), for the record.
    regulation_template = models.CharField(_("шаблон положення"), max_length=40, blank=True)
    max_projects_per_author = models.PositiveSmallIntegerField(
        _("найбільше проєктів від одного автора"), default=3
    )
    tie_breaking = models.CharField(
        _("правило за рівної кількості голосів"),
        max_length=20,
        choices=TieBreaking.choices,
        default=TieBreaking.SUBMISSION,
    )
    lottery_seed = models.CharField(_("ключ жеребкування"), max_length=100, blank=True)
    # A project nobody voted for is not funded even when money is left (the greedy rule alone
    # would fund it); some regulations set a higher bar, e.g. 300 votes.
    min_votes = models.PositiveIntegerField(_("мінімум голосів для перемоги"), default=1)
    # Once results are published, a receipt's holder sees their ballot's line in the `.pb` file.
    # It also lets them SHOW others how they voted (docs/voting.md): a community may turn it off.
    receipt_line_lookup = models.BooleanField(
        _("показувати за квитанцією рядок в опублікованому файлі"), default=True
    )
    # Some regulations bar authors from voting for their own project (online and on paper).
    bar_own_project_votes = models.BooleanField(
        _("автор не може голосувати за власний проєкт"), default=False
    )
    # Two operators key in each paper ballot; mismatches go to the commission (paper_double).
    paper_double_entry = models.BooleanField(
        _("подвійне введення паперових бюлетенів"),
        default=False,
        help_text=_(
            "Кожен паперовий бюлетень вносять двоє операторів незалежно; розбіжності звіряє "
            "лічильна комісія."
        ),
    )
    submission_start = models.DateTimeField(_("початок подання"))
    submission_end = models.DateTimeField(_("кінець подання"))
    review_end = models.DateTimeField(_("кінець розгляду"))
    voting_start = models.DateTimeField(_("початок голосування"))
    voting_end = models.DateTimeField(_("кінець голосування"))
    results_date = models.DateTimeField(_("оголошення результатів"))
    implementation_end = models.DateTimeField(_("кінець реалізації"))
    # Supporters before review (models_support.py): 0 = the process collects none. The window
    # may open during submission; it closes at or after submission's end, before review ends.
    supporters_required = models.PositiveIntegerField(_("потрібно прихильників"), default=0)
    support_start = models.DateTimeField(_("початок збору підтримки"), null=True, blank=True)
    support_end = models.DateTimeField(_("кінець збору підтримки"), null=True, blank=True)
    # A support vote (support_vote.py): when set, only the N most supported projects of each
    # sub-budget go on to review (ties at the N-th place all go on), each still needing
    # `supporters_required`. Empty: every project reaching the threshold goes on.
    support_top = models.PositiveSmallIntegerField(
        _("голосування за підтримку: проходять перші N у кожному підбюджеті"),
        null=True,
        blank=True,
    )
    review_days = models.PositiveSmallIntegerField(_("днів на висновок рецензента"), default=14)
    appeal_days = models.PositiveSmallIntegerField(
        _("днів на апеляцію (0 — без апеляції)"), default=5
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-voting_start"]
        verbose_name = _("процес бюджету участі")
        verbose_name_plural = _("процеси бюджету участі")
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_start__lt=models.F("submission_end"))
                & Q(submission_end__lte=models.F("review_end"))
                & Q(review_end__lte=models.F("voting_start"))
                & Q(voting_start__lt=models.F("voting_end"))
                & Q(voting_end__lte=models.F("results_date"))
                & Q(results_date__lte=models.F("implementation_end")),
                name="process_dates_in_order",
            ),
            models.CheckConstraint(condition=Q(total_budget__gt=0), name="process_budget_positive"),
            models.CheckConstraint(
                condition=Q(supporters_required=0, support_start=None, support_end=None)
                | (
                    Q(supporters_required__gt=0)
                    & Q(support_start__isnull=False, support_end__isnull=False)
                    & Q(support_start__gte=models.F("submission_start"))
                    & Q(support_start__lt=models.F("support_end"))
                    & Q(support_end__gte=models.F("submission_end"))
                    & Q(support_end__lte=models.F("review_end"))
                ),
                name="process_support_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:process", args=[self.slug])

    @property
    def support_closes(self) -> Any:
        """Where the support phase ends and review begins: the end of the collection window,
        or the end of submission when the process collects no supporters (no support phase)."""
        return self.support_end or self.submission_end

    def clean(self) -> None:
        from hromada.budgeting.support import support_settings_problems

        problems = support_settings_problems(self)
        if problems:
            raise ValidationError(problems)


class SubBudget(models.Model):
    class BallotRule(models.TextChoices):
        APPROVAL = "approval", _("до K проєктів")
        KNAPSACK = "knapsack", _("будь-які проєкти в межах суми")
        # One project per sub-budget: with sub-budgets by theme it is "one per category", with
        # sub-budgets by size "one large + one small" (ballot_types.py, docs/voting.md).
        CHOOSE_ONE = "choose_one", _("один проєкт")
        CUMULATIVE = "cumulative", _("бали між проєктами")
        RANKING = "ranking", _("рейтинг N найкращих")

    class Kind(models.TextChoices):
        SIZE = "size", _("за розміром проєкту")
        THEME = "theme", _("за темою")
        SETTLEMENT = "settlement", _("за населеним пунктом або районом")

    class WinnerRule(models.TextChoices):
        """How the winners are chosen from the ballots (winner_rules.py runs each)."""

        GREEDY = "greedy", _("більше голосів — вище")
        GREEDY_THRESHOLD = "greedy_threshold", _("більше голосів — вище, з мінімумом голосів")
        GREEDY_RISING = "greedy_rising", _("більше голосів — вище, поріг зростає з вартістю")
        GREEDY_PER_COST = "greedy_per_cost", _("більше голосів на гривню вартості — вище")
        MES = "mes", _("метод рівних часток")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="sub_budgets")
    name = models.CharField(_("назва"), max_length=200)
    kind = models.CharField(
        _("вид підбюджету"), max_length=20, choices=Kind.choices, default=Kind.SIZE
    )
    # Set when the regulation gives the sub-budget as a share of the total: hundredths of a
    # per cent (40 % = 4000). `amount` is then derived from it and the total (regulation.py).
    share = models.PositiveIntegerField(
        _("частка загального бюджету, соті частки %"), null=True, blank=True
    )
    settlement = models.ForeignKey(
        "communities.Settlement",
        verbose_name=_("населений пункт або район"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Only people with a confirmed basis in that settlement may submit and vote here.
    residents_only = models.BooleanField(
        _("лише для жителів цього населеного пункту"), default=False
    )
    amount = models.BigIntegerField(_("сума, коп."))
    min_cost = models.BigIntegerField(_("мінімальна вартість проєкту, коп."), default=0)
    max_cost = models.BigIntegerField(_("максимальна вартість проєкту, коп."))
    ballot_rule = models.CharField(_("правило бюлетеня"), max_length=20, choices=BallotRule.choices)
    # K of an approval ballot; N, the places of a ranking ballot.
    max_choices = models.PositiveSmallIntegerField(
        _("найбільше голосів (для K проєктів)"), null=True, blank=True
    )
    # A cumulative ballot: P points in all, at most M on one project.
    points_total = models.PositiveSmallIntegerField(_("балів у виборця"), null=True, blank=True)
    points_per_project = models.PositiveSmallIntegerField(
        _("найбільше балів одному проєкту"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    winner_rule = models.CharField(
        _("правило визначення переможців"),
        max_length=20,
        choices=WinnerRule.choices,
        default=WinnerRule.GREEDY_THRESHOLD,
    )
    # For the rising threshold: votes needed on top of the process's minimum per 100,000 UAH.
    threshold_per_100k = models.PositiveIntegerField(
        _("додаткових голосів на кожні 100 000 грн вартості"), default=0
    )

    class Meta:
        ordering = ["process", "position", "id"]
        verbose_name = _("підбюджет")
        verbose_name_plural = _("підбюджети")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="subbudget_amount_positive"),
            models.CheckConstraint(
                condition=Q(min_cost__gte=0) & Q(min_cost__lte=models.F("max_cost")),
                name="subbudget_cost_limits",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_rule="approval") | Q(max_choices__gte=1),
                name="subbudget_approval_needs_k",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_rule="ranking") | Q(max_choices__gte=1),
                name="subbudget_ranking_needs_n",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_rule="cumulative")
                | Q(points_total__gte=1, points_per_project__gte=1),
                name="subbudget_cumulative_needs_points",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("подано, на розгляді")
        RETURNED = "returned", _("повернуто на доопрацювання")
        ADMITTED = "admitted", _("допущено до голосування")
        REJECTED = "rejected", _("відхилено")

    class Implementation(models.TextChoices):
        NOT_STARTED = "not_started", _("ще не розпочато")
        IN_PROGRESS = "in_progress", _("реалізується")
        DONE = "done", _("реалізовано")
        CANCELLED = "cancelled", _("скасовано")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="projects")
    sub_budget = models.ForeignKey(
        SubBudget, on_delete=models.PROTECT, related_name="projects", verbose_name=_("підбюджет")
    )
    # Sequential within a process: the public project number and the "earlier submission" order.
    number = models.PositiveIntegerField(_("номер"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pb_projects"
    )
    title = models.CharField(_("назва"), max_length=200)
    description = models.TextField(_("опис"))
    cost = models.BigIntegerField(_("вартість, коп."))
    # The part of `cost` kept for unforeseen expenses (the regulation may require a share).
    reserve = models.BigIntegerField(_("резерв у кошторисі, коп."), default=0)
    location = models.CharField(_("місце реалізації"), max_length=300)
    image = models.ImageField(_("зображення"), upload_to="projects/%Y/", blank=True)
    status = models.CharField(
        _("стан"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("подано"))
    implementation = models.CharField(
        _("реалізація"),
        max_length=20,
        choices=Implementation.choices,
        default=Implementation.NOT_STARTED,
    )
    implementation_note = models.TextField(_("звіт про реалізацію"), blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("проєкт")
        verbose_name_plural = _("проєкти")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="project_unique_number"),
            models.CheckConstraint(condition=Q(cost__gt=0), name="project_cost_positive"),
        ]

    def __str__(self) -> str:
        return f"№{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("budgeting:project", args=[self.process.slug, self.number])


class ProjectStatusChange(models.Model):
    """The public history of a project's review: every status with its date and reason."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Project.Status.choices)
    comment = models.TextField(blank=True)
    # For a rejection: its ground from the regulation's closed list (grounds.py).
    ground = models.CharField(max_length=30, blank=True, choices=RejectionGround.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.status} {self.at:%Y-%m-%d}"


class Ballot(models.Model):
    """WHAT was voted: an anonymous ballot and its choices, with nothing that names the voter.

    Its id is random (no order to match against `Participation`), it has no time, and its
    `public_id` is derived from the receipt only the voter holds (see receipts.py): the same id
    is the voter id of the ballot's line in the published `.pb` file.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="ballots")
    public_id = models.CharField(max_length=32)
    projects = models.ManyToManyField["Project", "BallotChoice"](
        Project, through="BallotChoice", related_name="ballots"
    )

    class Meta:
        # Not "budgeting_ballot": the table it replaced (migration 0005) kept its index names.
        db_table = "budgeting_secret_ballot"
        constraints = [
            models.UniqueConstraint(fields=["process", "public_id"], name="ballot_public_id_unique")
        ]

    def __str__(self) -> str:
        return self.public_id


class BallotChoice(models.Model):
    """One project ticked on an anonymous ballot, keyed by the ballot's random id (its own id is
    random too: an auto-increment here would number choices in the order people voted).

    A cumulative ballot gives the project `points`, a ranking ballot a `rank` (1 = best); both
    are what was voted, never who: they stay on the anonymous side."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="ballot_choice_unique"),
            models.CheckConstraint(
                condition=Q(points=None) | Q(points__gte=1), name="ballot_choice_points_positive"
            ),
            models.CheckConstraint(
                condition=Q(rank=None) | Q(rank__gte=1), name="ballot_choice_rank_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.project_id}"


class Participation(models.Model):
    """WHO voted: a person (their identifier hash, and the account for online ballots), the
    channel, the service point of a paper ballot and the DAY, never the time nor the ballot.

    The unique constraints are the last word on double votes, across channels: a person's
    identifier hash is the same whether they verified online or showed a document at a desk.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("онлайн")
        PAPER = "paper", _("паперовий бюлетень")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="participations")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pb_participations",
    )
    voter_key = models.CharField(max_length=64)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    service_point = models.ForeignKey(
        "budgeting.ServicePoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    # The operator who keyed in a paper ballot (per-operator subtotals for the commission).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "voter"], name="ballot_one_per_account"),
            models.UniqueConstraint(fields=["process", "voter_key"], name="ballot_one_per_person"),
            models.CheckConstraint(
                condition=Q(channel="online", voter__isnull=False, service_point__isnull=True)
                | Q(channel="paper", service_point__isnull=False, entered_by__isnull=False),
                name="participation_channel_fields",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id}:{self.channel}:{self.day}"


class ProcessChange(models.Model):
    """The public log of changes to a process's rules after it was created. It names the
    changer's role, never the person: residents must see that the rules changed and why."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="changes")
    sub_budget = models.ForeignKey(
        SubBudget, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("коли"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(_("хто (роль)"), max_length=100)
    field = models.CharField(_("що змінено"), max_length=40)
    field_label = models.CharField(_("що змінено"), max_length=300)
    old_value = models.TextField(_("було"))
    new_value = models.TextField(_("стало"))
    reason = models.TextField(_("причина"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("зміна правил процесу")
        verbose_name_plural = _("зміни правил процесу")

    def __str__(self) -> str:
        return f"{self.process_id}: {self.field} {self.at:%Y-%m-%d}"


class ResultSnapshot(models.Model):
    """The engine's outcome of a finished vote, computed once and read by every results page.

    `sub_budgets` holds, per sub-budget in order, the rows the results page shows (votes,
    selected, rank and the engine's explanation, from which the reason is worded) and the ties.
    `ballots_hash` lets anyone check which ballots it was computed from: see
    `hromada.budgeting.snapshots.ballots_digest`.
    """

    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="result_snapshot"
    )
    engine_version = models.CharField(max_length=80)
    computed_at = models.DateTimeField()
    ballots_count = models.PositiveIntegerField()
    ballots_hash = models.CharField(max_length=64)
    sub_budgets = models.JSONField()
    # Set when the counting commission approves the results: from then on they never change.
    frozen_at = models.DateTimeField(_("затверджено"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_number = models.CharField(_("номер рішення"), max_length=100, blank=True)
    decision_date = models.DateField(_("дата рішення"), null=True, blank=True)

    class Meta:
        verbose_name = _("збережені результати")
        verbose_name_plural = _("збережені результати")

    def __str__(self) -> str:
        return f"{self.process_id}: {self.ballots_hash[:12]}"


class SnapshotVotes(models.Model):
    """The VOTES rows of one sub-budget's `.pb` file, shuffled once when the results were stored.

    Kept beside the snapshot so that the open-data file is served without reading every choice.
    """

    snapshot = models.ForeignKey(ResultSnapshot, on_delete=models.CASCADE, related_name="votes")
    sub_budget = models.ForeignKey(SubBudget, on_delete=models.CASCADE, related_name="+")
    lines = models.TextField()
    # The published `.pb` file, written once by hromada.pb's writer, and its SHA-256.
    pb_text = models.TextField(blank=True)
    pb_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "sub_budget"], name="snapshot_votes_one_per_sub_budget"
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.sub_budget_id}"


# The supporters, review and appeal models live in modules of their own.
from hromada.budgeting.models_counting import ResultsApproval  # noqa: E402, F401
from hromada.budgeting.models_double_entry import PaperEntry  # noqa: E402, F401
from hromada.budgeting.models_implementation import Milestone, MilestoneDocument, MilestonePhoto  # noqa: E402, F401
from hromada.budgeting.models_paper import ServicePoint  # noqa: E402,F401  (its own module)
from hromada.budgeting.models_review import (  # noqa: E402, F401
    Appeal,
    ProjectRevision,
    ReviewAssignment,
)
from hromada.budgeting.models_support import ProjectSupport  # noqa: E402, F401
