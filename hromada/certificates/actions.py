"""Issuing and revoking certificates. The caller has already decided that the person earned it
(and checked its own permissions); these functions record, audit and never issue twice."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hromada.certificates.models import Certificate
from hromada.certificates.tasks import render_certificate_pdf
from hromada.core import audit

# No 0/O, 1/I/L: a code is read from paper and typed.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(typed: str) -> str:
    """'abcd efgh-2345' → 'ABCD-EFGH-2345'; anything else comes back as its ASCII letters and
    digits, which match no code (and hold no NUL byte, which PostgreSQL text refuses)."""
    letters = "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())
    if len(letters) != CODE_LENGTH:
        return letters[:20]
    return f"{letters[:4]}-{letters[4:8]}-{letters[8:]}"


@transaction.atomic
def issue(
    *,
    actor: Any,
    source_key: str,
    holder_name: str,
    title: str,
    issuer_name: str,
    issued_on: date | None = None,
    details: str = "",
    recipient: Any = None,
    community: Any = None,
) -> Certificate:
    """The certificate for `source_key`, issued now unless it already exists."""
    existing = Certificate.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    for _attempt in range(5):  # a code collision is astronomically rare; try again if it happens
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_code(),
                    source_key=source_key,
                    holder_name=holder_name[:200],
                    title=title[:300],
                    issuer_name=issuer_name[:300],
                    issued_on=issued_on or timezone.localdate(),
                    details=details,
                    recipient=recipient if getattr(recipient, "is_authenticated", False) else None,
                )
        except IntegrityError:
            continue
        # With the database queue this is a row of the same transaction: rendered only if issued.
        render_certificate_pdf.enqueue(certificate.pk)
        audit.record(
            "certificates.issue",
            actor=actor,
            target=certificate,
            community=community,
            source=source_key,
        )
        return certificate
    raise RuntimeError("could not find a free certificate code")


@transaction.atomic
def revoke(*, actor: Any, certificate: Certificate, reason: str, community: Any = None) -> None:
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:300]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(
        "certificates.revoke", actor=actor, target=certificate, community=community, reason=reason
    )
