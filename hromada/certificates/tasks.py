"""Rendering a certificate's PDF on the task queue (a font subset and a QR take a moment)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from hromada.certificates.models import Certificate, CertificatePdf
from hromada.certificates.pdf import render_pdf


@task()
def render_certificate_pdf(certificate_id: int) -> str:
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return "gone"
    content = render_pdf(certificate)
    with transaction.atomic():
        CertificatePdf.objects.update_or_create(
            certificate=certificate, defaults={"content": content}
        )
    return "rendered"
