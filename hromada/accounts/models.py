"""Accounts log in by email; residency is proven by a Verification, never by a profile claim."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.core.storage import get_private_storage


class EmailUserManager(UserManager["User"]):
    def _create_user(
        self, username: str | None, email: str | None, password: str | None, **extra: Any
    ) -> User:
        if not email:
            raise ValueError("Email is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("електронна пошта"), unique=True)
    full_name = models.CharField(_("ім'я та прізвище"), max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("рік народження"), null=True, blank=True)
    # Set when the year came from a register, an operator or eID: age limits then rest on it,
    # so the person can no longer edit it in the profile.
    birth_year_verified = models.BooleanField(_("рік народження підтверджено"), default=False)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("громада"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    settlement = models.ForeignKey(
        "communities.Settlement",
        verbose_name=_("населений пункт або район"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )

    # Who the person is, as the state eID gateway vouched (never where they live): a keyed hash
    # of their РНОКПП, unique across accounts, so one person holds one identified account.
    identity_hash = models.CharField(max_length=64, blank=True, default="")
    identity_provider = models.CharField(_("хто засвідчив особу"), max_length=60, blank=True)
    identity_verified_at = models.DateTimeField(_("особу засвідчено"), null=True, blank=True)
    birth_date = models.DateField(_("дата народження"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[EmailUserManager] = EmailUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["identity_hash"],
                condition=~models.Q(identity_hash=""),
                name="user_one_identity_one_account",
            )
        ]
        verbose_name = _("користувач")
        verbose_name_plural = _("користувачі")

    @property
    def is_identified(self) -> bool:
        return bool(self.identity_hash)

    def __str__(self) -> str:
        return self.full_name or self.email

    def age_in_year(self, year: int) -> int | None:
        """Age reached during `year`; regulations speak of age, profiles hold only a birth year."""
        return None if self.birth_year is None else year - self.birth_year


class ResidenceBasis(models.TextChoices):
    """Why a person belongs to a community. Each process accepts its own set per role."""

    REGISTERED = "registered", _("зареєстроване місце проживання")
    ACTUAL = "actual", _("фактичне місце проживання")
    WORK = "work", _("робота в громаді")
    STUDY = "study", _("навчання в громаді")
    PROPERTY = "property", _("нерухомість у громаді")
    BUSINESS = "business", _("підприємницька діяльність у громаді")
    IDP = "idp", _("внутрішньо переміщена особа (довідка ВПО)")
    FOREIGNER = "foreigner", _("іноземець, який проживає в громаді (посвідка на проживання)")


class Verification(models.Model):
    """Proof that a person is an eligible resident of a community, and how it was obtained.

    `identifier_hash` is unique per community, so one person cannot verify two accounts.
    """

    class Method(models.TextChoices):
        REGISTER = "register", _("за реєстром громади")
        OPERATOR = "operator", _("особисто в ЦНАП")
        # Kept for verifications made before eID stopped proving residency on its own.
        EID = "eid", _("через державний eID (BankID, Дія.Підпис)")
        BASIS = "basis", _("за підставою проживання, підтвердженою громадою")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verifications"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="verifications"
    )
    method = models.CharField(_("спосіб"), max_length=20, choices=Method.choices)
    identifier_hash = models.CharField(max_length=64)
    verified_at = models.DateTimeField(_("коли"), default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ким"),
    )
    provider = models.CharField(_("провайдер"), max_length=60, blank=True)
    # The basis this verification confirmed (a register lists registered residents); further
    # bases come from confirmed ResidenceClaims. The settlement is known only when someone
    # confirmed it (an operator, a document); a register match leaves it empty.
    basis = models.CharField(
        _("підстава"),
        max_length=20,
        choices=ResidenceBasis.choices,
        default=ResidenceBasis.REGISTERED,
    )
    settlement = models.ForeignKey(
        "communities.Settlement",
        verbose_name=_("населений пункт або район"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "identifier_hash"], name="verification_one_person_one_account"
            ),
            models.UniqueConstraint(fields=["user", "community"], name="verification_one_per_user"),
        ]
        verbose_name = _("верифікація")
        verbose_name_plural = _("верифікації")

    def __str__(self) -> str:
        return f"{self.user} — {self.community} ({self.get_method_display()})"


class RegisterUpload(models.Model):
    """A register file: staged (parsed and hashed, waiting for the admin to confirm what it
    changes), then applied (it is the register) or discarded."""

    class Status(models.TextChoices):
        STAGED = "staged", _("очікує підтвердження")
        APPLIED = "applied", _("діє")
        DISCARDED = "discarded", _("скасовано")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="register_uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    # While staged: the parsed rows as [identifier hash, birth year or null]; emptied once decided.
    staged_rows = models.JSONField(default=list, blank=True)
    # The applied upload the comparison was made against (None: there was no register yet).
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)  # same person, another birth year
    unchanged = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows})"


class RegisterEntry(models.Model):
    """One resident in a community's register, kept only as a keyed hash of the identifier."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="register_entries"
    )
    upload = models.ForeignKey(RegisterUpload, on_delete=models.CASCADE, related_name="entries")
    identifier_hash = models.CharField(max_length=64)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # The settlement of the registered residence, when the file names it: a register match then
    # confirms the person's basis there (a residents-only sub-budget asks for it).
    settlement = models.ForeignKey(
        "communities.Settlement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "identifier_hash"], name="register_entry_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.community_id}:{self.identifier_hash[:8]}"


class ResidenceClaim(models.Model):
    """A person, identified by eID, declares why they belong to a community; staff decide.

    Until an operator or admin confirms it, the claim proves nothing: picking a community in
    a profile must never make anyone its resident.
    """

    Basis = ResidenceBasis

    class Evidence(models.TextChoices):
        # How the basis was confirmed; the document itself is never kept after the decision.
        REGISTER = "register", _("збіг із реєстром громади")
        IN_PERSON = "in_person", _("працівник ЦНАП бачив документ")
        DOCUMENT = "document", _("працівник перевірив завантажений документ (документ видалено)")

    class Status(models.TextChoices):
        PENDING = "pending", _("на розгляді")
        CONFIRMED = "confirmed", _("підтверджено")
        REFUSED = "refused", _("відмовлено")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="residence_claims"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="residence_claims"
    )
    basis = models.CharField(_("підстава"), max_length=20, choices=ResidenceBasis.choices)
    settlement = models.ForeignKey(
        "communities.Settlement",
        verbose_name=_("населений пункт або район"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    details = models.CharField(_("пояснення"), max_length=500, blank=True)
    # A scan or photo of the document, kept privately only until staff decide; then deleted.
    document = models.FileField(
        _("документ"), upload_to="residence/", storage=get_private_storage, blank=True
    )
    document_deleted_at = models.DateTimeField(_("документ видалено"), null=True, blank=True)
    evidence = models.CharField(
        _("чим підтверджено"), max_length=20, choices=Evidence.choices, blank=True
    )
    status = models.CharField(
        _("стан"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("подано"), default=timezone.now)
    decided_at = models.DateTimeField(_("розглянуто"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.CharField(_("причина відмови"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"],
                condition=models.Q(status="pending"),
                name="residence_claim_one_pending",
            )
        ]
        verbose_name = _("заява про проживання")
        verbose_name_plural = _("заяви про проживання")

    def __str__(self) -> str:
        return f"{self.user} — {self.community} ({self.get_basis_display()})"


class RegisterGuessWindow(models.Model):
    """Wrong register guesses a person has left in the current window, one row per person.

    A slot is taken by one conditional UPDATE before a guess is checked, so simultaneous
    guesses cannot all read "attempts left" and then all act (count-then-act).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    started_at = models.DateTimeField(default=timezone.now)
    used = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.used}"
