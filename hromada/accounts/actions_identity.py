"""Who a person is (eID) and where they belong (register, ЦНАП, or a basis staff confirm).

The state eID gateway proves identity only: name, birth date and a keyed hash of the РНОКПП go
on the account. Residency then comes from the community's register (matched on that hash),
from a ЦНАП operator (actions.verify_in_person), or from a declared residence basis that the
community's staff confirm. Picking a community in a profile proves nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.actions import _create_verification, _set_verified_details
from hromada.accounts.bases import confirmed_bases
from hromada.accounts.eid.base import EidClaims
from hromada.accounts.models import (
    RegisterEntry,
    ResidenceBasis,
    ResidenceClaim,
    User,
    Verification,
)
from hromada.communities.models import Community, Settlement
from hromada.core import audit, uploads
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.identifiers import hash_identifier, normalise_identifier
from hromada.core.storage import new_file_token

REASON_MAX = 500


def _identity_taken() -> ActionRefused:
    return ActionRefused(
        _(
            "Цю особу вже засвідчено з іншим обліковим записом. Одна людина може мати лише один "
            "засвідчений запис. Якщо ви не реєструвалися, зверніться до ЦНАП з паспортом."
        )
    )


@transaction.atomic
def record_eid_identity(user: User, claims: EidClaims) -> Verification | None:
    """Store who the gateway says this is; if the declared community's register lists the
    same identifier, the person is its verified resident too (returned), else None."""
    if not user.is_authenticated:
        raise ActionRefused(_("Увійдіть, щоб засвідчити особу."))
    if not normalise_identifier(claims.identifier):
        raise ActionRefused(_("Державний eID не передав ідентифікатор особи. Спробуйте ще раз."))
    digest = hash_identifier(claims.identifier)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.identity_hash and user.identity_hash != digest:
        raise ActionRefused(
            _("Цей обліковий запис уже засвідчено як іншу особу. Зверніться до ЦНАП.")
        )
    if User.objects.filter(identity_hash=digest).exclude(pk=user.pk).exists():
        raise _identity_taken()
    user.identity_hash = digest
    user.identity_provider = claims.provider[:60]
    user.identity_verified_at = timezone.now()
    user.full_name = claims.full_name.strip() or user.full_name
    user.birth_date = claims.birth_date
    fields = ["identity_hash", "identity_provider", "identity_verified_at", "full_name"]
    fields.append("birth_date")
    if claims.year_of_birth is not None:
        user.birth_year, user.birth_year_verified = claims.year_of_birth, True
        fields += ["birth_year", "birth_year_verified"]
    try:
        with transaction.atomic():  # a concurrent twin is stopped by the unique constraint
            user.save(update_fields=fields)
    except IntegrityError:
        raise _identity_taken() from None
    audit.record("identity.eid", actor=user, target=user, provider=claims.provider)
    if user.community is None or user.verifications.filter(community=user.community).exists():
        return None
    return match_identity_in_register(user, user.community)


@transaction.atomic
def match_identity_in_register(user: User, community: Community) -> Verification | None:
    """Verify an identified person if the community's register lists their identifier."""
    if not user.identity_hash:
        return None
    entry = RegisterEntry.objects.filter(
        community=community, identifier_hash=user.identity_hash
    ).first()
    if entry is None:
        return None
    user = User.objects.select_for_update().get(pk=user.pk)
    verification = _create_verification(
        user,
        community,
        identifier_hash=user.identity_hash,
        method=Verification.Method.REGISTER,
        provider=user.identity_provider,
        settlement=entry.settlement,
    )
    # The gateway's birth date outranks the register's year.
    year = None if user.birth_year_verified else entry.birth_year
    _set_verified_details(user, community, birth_year=year)
    audit.record(
        "verification.register",
        actor=user,
        target=verification,
        community=community,
        via="eid",
    )
    return verification


DOCUMENT_KINDS = {"pdf", "jpeg", "png"}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def _store_document(claim: ResidenceClaim, document: UploadedFile) -> None:
    """Keep a scan of the basis document privately until staff decide (then it is deleted)."""
    if document.size is not None and document.size > MAX_DOCUMENT_BYTES:
        raise ActionRefused(_("Документ має бути не більше 10 МБ."), field="document")
    kind = uploads.sniff(document)
    if kind not in DOCUMENT_KINDS:
        raise ActionRefused(
            _("Документ має бути PDF, JPEG або PNG (скан чи фото)."), field="document"
        )
    document.seek(0)
    name = f"{new_file_token()}{uploads.KINDS[kind][1]}"
    claim.document.save(name, ContentFile(document.read()), save=False)


def _check_settlement(community: Community, settlement: Settlement | None) -> None:
    if settlement is not None and settlement.community_id != community.pk:
        raise ActionRefused(
            _("Населений пункт «%(settlement)s» не належить до громади «%(community)s».")
            % {"settlement": settlement.name, "community": community.name},
            field="settlement",
        )


@transaction.atomic
def declare_residence(
    user: User,
    community: Community,
    *,
    basis: str,
    details: str = "",
    settlement: Settlement | None = None,
    document: UploadedFile | None = None,
) -> Any:
    """A person declares why they belong to the community (or, once verified, a further
    basis: work in a village, an IDP certificate); staff confirm it before it counts."""
    if not user.is_authenticated:
        raise ActionRefused(_("Увійдіть, щоб підтвердити, що ви житель громади."))
    user = User.objects.select_for_update().get(pk=user.pk)
    verified = user.verifications.filter(community=community).first()
    if not user.identity_hash and verified is None:
        raise ActionRefused(
            _("Спершу засвідчіть особу через державний eID або підтвердьте жительство в ЦНАП.")
        )
    if basis not in ResidenceBasis.values:
        raise ActionRefused(_("Оберіть підставу зі списку."), field="basis")
    _check_settlement(community, settlement)
    held = confirmed_bases(user, community, verified)
    if any(
        b.basis == basis and b.settlement_id == (settlement.pk if settlement else None)
        for b in held
    ):
        raise ActionRefused(_("Цю підставу вже підтверджено."), field="basis")
    pending = ResidenceClaim.Status.PENDING
    if ResidenceClaim.objects.filter(user=user, community=community, status=pending).exists():
        raise ActionRefused(_("Вашу заяву вже розглядають. Зачекайте на рішення громади."))
    claim = ResidenceClaim(
        user=user,
        community=community,
        basis=basis,
        settlement=settlement,
        details=details.strip()[:REASON_MAX],
    )
    if document is not None:
        _store_document(claim, document)
    claim.save()
    audit.record(
        "residence.declare",
        actor=user,
        target=claim,
        community=community,
        basis=basis,
        document=bool(claim.document),
    )
    return claim


def _pending_claim(actor: Any, claim_id: int, community: Community) -> ResidenceClaim:
    require_perm(actor, "communities.verify_in_person", community)
    claim = (
        ResidenceClaim.objects.select_for_update()
        .select_related("user", "community")
        .filter(pk=claim_id, community=community)
        .first()
    )
    if claim is None or claim.status != ResidenceClaim.Status.PENDING:
        raise ActionRefused(_("Цю заяву вже розглянуто або її немає."))
    if claim.user_id == actor.pk:
        raise ActionRefused(_("Власну заяву розглядає інший працівник."))
    return claim


def _decide(claim: ResidenceClaim, actor: Any, status: str) -> list[str]:
    """Record the decision; delete the uploaded document, keeping only that it was seen."""
    claim.status = status
    claim.decided_at, claim.decided_by = timezone.now(), actor
    fields = ["status", "decided_at", "decided_by"]
    if claim.document:
        claim.document.delete(save=False)
        claim.document_deleted_at = claim.decided_at
        claim.evidence = ResidenceClaim.Evidence.DOCUMENT
        fields += ["document", "document_deleted_at", "evidence"]
    elif status == ResidenceClaim.Status.CONFIRMED:
        claim.evidence = ResidenceClaim.Evidence.IN_PERSON
        fields.append("evidence")
    return fields


@transaction.atomic
def confirm_residence(actor: Any, community: Community, claim_id: int) -> Verification:
    """Staff have checked the declared basis (a document, a certificate) and confirm it."""
    claim = _pending_claim(actor, claim_id, community)
    person = User.objects.select_for_update().get(pk=claim.user_id)
    verification = person.verifications.filter(community=community).first()
    if verification is None:
        verification = _create_verification(
            person,
            community,
            identifier_hash=person.identity_hash,
            method=Verification.Method.BASIS,
            verified_by=actor,
            provider=person.identity_provider,
            basis=claim.basis,
            settlement=claim.settlement,
        )
        _set_verified_details(person, community, birth_year=None)
    claim.save(update_fields=_decide(claim, actor, ResidenceClaim.Status.CONFIRMED))
    audit.record(
        "residence.confirm",
        actor=actor,
        target=claim,
        community=community,
        basis=claim.basis,
        evidence=claim.evidence,
    )
    return verification


@transaction.atomic
def refuse_residence(actor: Any, community: Community, claim_id: int, reason: str) -> None:
    claim = _pending_claim(actor, claim_id, community)
    reason = reason.strip()
    if not reason:
        raise ActionRefused(_("Вкажіть причину відмови: її побачить заявник."), field="reason")
    fields = _decide(claim, actor, ResidenceClaim.Status.REFUSED)
    claim.refusal_reason = reason[:REASON_MAX]
    claim.save(update_fields=[*fields, "refusal_reason"])
    audit.record("residence.refuse", actor=actor, target=claim, community=community, reason=reason)


@transaction.atomic
def revoke_eid_only_verifications(actor: Any, community: Community) -> list[Verification]:
    """Withdraw residency granted by eID alone (method "eid"), which proved no residence.

    Before eID was limited to identity, anyone could pick a community and invent a tax number
    in the simulator. The birth years those claims set are no longer trusted either.
    Ballots already cast are left for the community to judge (they are counted elsewhere).
    """
    require_perm(actor, "communities.manage", community)
    revoked = list(
        Verification.objects.select_for_update()
        .select_related("user")
        .filter(community=community, method=Verification.Method.EID)
    )
    for verification in revoked:
        audit.record(
            "verification.revoke",
            actor=actor,
            target=verification,
            community=community,
            method=verification.method,
            user=verification.user_id,
        )
        User.objects.filter(pk=verification.user_id, identity_hash="").update(
            birth_year_verified=False
        )
    Verification.objects.filter(pk__in=[v.pk for v in revoked]).delete()
    return revoked
