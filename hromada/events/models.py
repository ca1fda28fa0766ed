"""Events of a community or of a network (the hub): the event and its programme, the organiser's
registration questions, forum outputs and fair exhibitors. Registrations live in
`registrations.py`."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.communities.models import Community
from hromada.events.phases import TIMELINE
from hromada.network.models import Network


class Event(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("конференція")
        SEMINAR = "seminar", _("семінар")
        TRAINING = "training", _("тренінг")
        FORUM = "forum", _("форум")
        FAIR = "fair", _("ярмарок практик")

    class Format(models.TextChoices):
        ONLINE = "online", _("онлайн")
        VENUE = "venue", _("наживо")
        HYBRID = "hybrid", _("змішаний")

    class GroupPolicy(models.TextChoices):
        # pretix's question: does a group too big for the freed seats hold up the queue?
        WAIT = "wait", _("група чекає своєї черги, наступні за нею теж чекають")
        SKIP = "skip", _("групу пропускають, місце пропонують наступним, хто вміщається")

    timeline = TIMELINE

    # The organiser: a community (its staff run the event) or a network (its board and staff
    # run a hub event), never both; an event with neither is the platform admins'.
    community = models.ForeignKey(
        Community,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("громада-організатор"),
    )
    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("мережа-організатор"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("частина серії"),
    )
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    title = models.CharField(_("назва"), max_length=200)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.SEMINAR)
    format = models.CharField(_("формат"), max_length=10, choices=Format.choices)
    description = models.TextField(_("опис"), blank=True)
    organisers = models.CharField(_("організатори"), max_length=500, blank=True)
    partners = models.CharField(_("партнери"), max_length=500, blank=True)
    language = models.CharField(_("мова"), max_length=50, default="українська")
    audience = models.CharField(_("для кого"), max_length=300, blank=True)
    venue = models.CharField(_("місце"), max_length=300, blank=True)
    # Shown only to confirmed registrants (personal page, their emails, their calendar file).
    online_url = models.URLField(_("посилання для підключення"), max_length=500, blank=True)
    online_access_code = models.CharField(_("код доступу"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("кількість місць"), null=True, blank=True)
    max_group_size = models.PositiveSmallIntegerField(_("найбільша група"), default=5)
    group_policy = models.CharField(
        _("групи в списку очікування"),
        max_length=10,
        choices=GroupPolicy.choices,
        default=GroupPolicy.SKIP,
    )
    offer_hours = models.PositiveSmallIntegerField(_("скільки годин тримати місце"), default=24)
    moderated = models.BooleanField(_("реєстрація з підтвердженням організатора"), default=False)
    # Parallel workshops, days of a forum: each registrant picks theirs, rooms have seats.
    choose_sessions = models.BooleanField(_("учасники обирають сесії програми"), default=False)
    invitation_only = models.BooleanField(_("лише за запрошенням"), default=False)
    invitation_code = models.CharField(_("код запрошення"), max_length=40, blank=True)
    consent_purpose = models.TextField(_("мета обробки персональних даних"))
    export_emails = models.BooleanField(_("електронна пошта в експорті учасників"), default=False)
    reminder_hours = models.JSONField(_("нагадування, годин до початку"), default=list)
    registration_opens = models.DateTimeField(_("реєстрація відкривається"))
    registration_closes = models.DateTimeField(_("реєстрація закривається"))
    starts_at = models.DateTimeField(_("початок"))
    ends_at = models.DateTimeField(_("кінець"))
    materials = models.TextField(_("матеріали після події"), blank=True)
    recording_url = models.URLField(_("запис"), max_length=500, blank=True)
    materials_public = models.BooleanField(_("матеріали для всіх"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_opens__lte=models.F("registration_closes"))
                & models.Q(registration_closes__lte=models.F("starts_at"))
                & models.Q(starts_at__lt=models.F("ends_at")),
                name="event_dates_in_order",
                violation_error_message=_(
                    "Дати мають іти по черзі: відкриття реєстрації, її закриття, початок, кінець."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(community__isnull=True) | models.Q(network__isnull=True),
                name="event_one_organiser",
            ),
        ]
        verbose_name = _("подія")
        verbose_name_plural = _("події")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_online(self) -> bool:
        return self.format in {self.Format.ONLINE, self.Format.HYBRID}

    @property
    def organiser_name(self) -> str:
        return self.organisers or str(self.organiser or "")

    @property
    def organiser(self) -> Community | Network | None:
        """The community or the network that runs the event."""
        return self.community or self.network


class Session(models.Model):
    """One item of the programme: a talk, a workshop, a day of a multi-day event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("назва"), max_length=200)
    starts_at = models.DateTimeField(_("початок"))
    ends_at = models.DateTimeField(_("кінець"))
    room = models.CharField(_("зала"), max_length=100, blank=True)
    speakers = models.CharField(_("спікери"), max_length=300, blank=True)
    materials_url = models.URLField(_("матеріали"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("місць у залі"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question of the event's registration form, set by the organiser."""

    class Kind(models.TextChoices):
        TEXT = "text", _("текст")
        CHOICE = "choice", _("один варіант")
        MULTIPLE = "multiple", _("кілька варіантів")
        YES_NO = "yes_no", _("так / ні")
        NUMBER = "number", _("число")
        ORGANISATION = "organisation", _("організація")
        COMMUNITY = "community", _("громада")
        PHONE = "phone", _("телефон")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("питання"), max_length=300)
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("обов'язкове"), default=False)
    choices = models.TextField(_("варіанти, кожен з нового рядка"), blank=True)
    # The consent text names the answers that go into the organiser's export; others do not.
    exported = models.BooleanField(_("входить в експорт учасників"), default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ForumOutput(models.Model):
    """What a forum produced: a proposal, a priority or a resolution, with who proposed it. The
    organiser may forward it to the parent event's agenda, where it shows its origin."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("пропозиція")
        PRIORITY = "priority", _("пріоритет")
        RESOLUTION = "resolution", _("резолюція")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("зміст"))
    proposed_by = models.CharField(_("хто запропонував"), max_length=300, blank=True)
    forwarded_to = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="incoming_outputs"
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Exhibitor(models.Model):
    """An organisation's stand at a fair. Its practices are entries of the practices base,
    kept by number and linked by their public address (no dependency on that app's models)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    organisation = models.CharField(_("організація"), max_length=200)
    stand = models.CharField(_("стенд"), max_length=50, blank=True)
    description = models.TextField(_("що представляє"), blank=True)
    practice_ids = models.JSONField(_("практики з бази"), default=list)

    class Meta:
        ordering = ["stand", "organisation"]

    def __str__(self) -> str:
        return self.organisation

    def practice_links(self) -> list[tuple[int, str]]:
        return [(pk, reverse("practices:detail_short", args=[pk])) for pk in self.practice_ids]


# Registrations live in their own module; importing it here registers its models with Django.
from hromada.events.models_exports import ParticipantsExport  # noqa: E402
from hromada.events.models_registration import (  # noqa: E402
    Attendee,
    Registration,
    ReminderSent,
    SessionAttendance,
    WaitlistChange,
)
from hromada.events.models_sessions import SessionChoice  # noqa: E402

__all__ = [
    "Attendee",
    "Event",
    "Exhibitor",
    "ForumOutput",
    "ParticipantsExport",
    "Question",
    "Registration",
    "ReminderSent",
    "Session",
    "SessionAttendance",
    "SessionChoice",
    "WaitlistChange",
]
