"""A certificate: who received it, for what, from whom, and the code anyone can check it by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Certificate(models.Model):
    # Short enough to type from paper, random enough (32^12) not to be guessed.
    code = models.CharField(_("код перевірки"), max_length=20, unique=True)
    holder_name = models.CharField(_("кому видано"), max_length=200)
    title = models.CharField(_("за що"), max_length=300)
    details = models.TextField(_("подробиці"), blank=True)
    issuer_name = models.CharField(_("хто видав"), max_length=300)
    issued_on = models.DateField(_("дата видачі"))
    # The issuing app's own key for what it certified ("events.attendee:12"): issuing twice for
    # the same thing returns the same certificate. Certificates do not interpret it.
    source_key = models.CharField(max_length=100, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(_("відкликано"), null=True, blank=True)
    revoked_reason = models.CharField(_("причина відкликання"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = _("сертифікат")
        verbose_name_plural = _("сертифікати")

    def __str__(self) -> str:
        return f"{self.code} — {self.holder_name}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    def pdf_url(self) -> str:
        return reverse("certificates:pdf", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class CertificatePdf(models.Model):
    """The rendered PDF, made once by a task after issue (never inside a request)."""

    certificate = models.OneToOneField(Certificate, on_delete=models.CASCADE, related_name="pdf")
    content = models.BinaryField()
    rendered_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"PDF {self.certificate_id}"
