"""Every write of the network and its members: one function per use case, in one transaction,
permission re-checked, audited. Contests' writes are in actions_contests.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.network.documents import store_document
from hromada.network.models import (
    UKRAINE,
    JoinRequest,
    Member,
    Membership,
    Network,
    NetworkDocument,
    NetworkRole,
)


@dataclass
class JoinRequestData:
    contact_name: str
    contact_email: str
    motivation: str
    contact_phone: str = ""
    community: Community | None = None  # on the platform; else the three fields below
    name: str = ""
    country: str = UKRAINE
    oblast: str = ""
    region: str = ""


def _applicant_community(actor: Any, data: JoinRequestData) -> None:
    """Only a community's own admin may ask for an on-platform community to join."""
    if data.community is not None:
        require_perm(actor, "communities.manage", data.community)
        data.name = data.community.name
        data.oblast = data.community.oblast
        data.country = UKRAINE
    elif not data.name.strip():
        raise ActionRefused(_("Вкажіть назву громади."), field="name")
    if data.country != UKRAINE:
        data.oblast = ""
    elif not data.oblast and data.community is None:
        raise ActionRefused(_("Вкажіть область."), field="oblast")


@transaction.atomic
def request_to_join(
    actor: Any, network: Network, data: JoinRequestData, files: Sequence[UploadedFile] = ()
) -> JoinRequest:
    if not actor.is_authenticated:
        raise ActionRefused(_("Увійдіть, щоб подати заяву."))
    _applicant_community(actor, data)
    if data.community is not None and (
        Member.objects.filter(network=network, community=data.community).exists()
        or JoinRequest.objects.filter(
            network=network, community=data.community, status=JoinRequest.Status.PENDING
        ).exists()
    ):
        raise ActionRefused(_("Ця громада вже є членом мережі або її заява на розгляді."))
    if not data.motivation.strip():
        raise ActionRefused(_("Напишіть, чому громада хоче приєднатися."), field="motivation")
    join_request = JoinRequest.objects.create(
        network=network,
        community=data.community,
        name=data.name.strip()[:200],
        country=data.country,
        oblast=data.oblast,
        region=data.region.strip()[:200],
        contact_name=data.contact_name.strip()[:200],
        contact_email=data.contact_email,
        contact_phone=data.contact_phone.strip()[:40],
        motivation=data.motivation.strip(),
        applicant=actor,
    )
    for file in files:
        store_document(NetworkDocument(join_request=join_request), file)
    record("network.join_requested", actor=actor, target=join_request, community=data.community)
    return join_request


@transaction.atomic
def decide_join_request(
    actor: Any,
    join_request: JoinRequest,
    *,
    accept: bool,
    reason: str,
    today: dt.date | None = None,
) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    require_perm(actor, "network.decide_join", join_request.network)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ActionRefused(_("Цю заяву вже розглянуто."))
    if not reason.strip():
        raise ActionRefused(_("Напишіть обґрунтування рішення."), field="reason")
    if accept:
        join_request.member = add_member_record(
            join_request.network,
            community=join_request.community,
            name=join_request.name,
            country=join_request.country,
            oblast=join_request.oblast,
            region=join_request.region,
            starts_on=today or timezone.localdate(),
        )
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.REJECTED
    join_request.reason = reason.strip()
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save()
    record(
        "network.join_decided",
        actor=actor,
        target=join_request,
        community=join_request.community,
        accepted=accept,
    )
    return join_request


def add_member_record(
    network: Network,
    *,
    community: Community | None,
    name: str,
    starts_on: dt.date,
    country: str = UKRAINE,
    oblast: str = "",
    region: str = "",
    is_oblast_centre: bool = False,
    size_band: str = "",
) -> Member:
    """A member and its first membership (or a new membership of a member that left)."""
    member = None
    if community is not None:
        member = Member.objects.filter(network=network, community=community).first()
    if member is None:
        member = Member.objects.create(
            network=network,
            community=community,
            name=community.name if community else name,
            country=country,
            oblast=community.oblast if community else oblast,
            region=region,
            kind=community.kind if community else "",
            size_band=community.size_band if community else size_band,
            is_oblast_centre=is_oblast_centre,
        )
    Membership.objects.create(member=member, starts_on=starts_on)
    return member


@transaction.atomic
def add_member(actor: Any, network: Network, **fields: Any) -> Member:
    """Network staff record a member directly (a founding member, a foreign partner)."""
    require_perm(actor, "network.manage", network)
    member = add_member_record(network, **fields)
    record("network.member_added", actor=actor, target=member, community=member.community)
    return member


@transaction.atomic
def end_membership(actor: Any, member: Member, *, ends_on: dt.date, note: str = "") -> Member:
    require_perm(actor, "network.manage", member.network)
    current = member.memberships.select_for_update().filter(ends_on__isnull=True).last()
    if current is None:
        raise ActionRefused(_("Ця громада зараз не є членом мережі."))
    if ends_on < current.starts_on:
        raise ActionRefused(_("Членство не може закінчитися раніше, ніж почалося."))
    current.ends_on = ends_on
    current.note = note[:300]
    current.save(update_fields=["ends_on", "note"])
    record("network.membership_ended", actor=actor, target=member, community=member.community)
    return member


@transaction.atomic
def grant_network_role(
    actor: Any, network: Network, user: Any, role: str, title: str = ""
) -> NetworkRole:
    """Platform admins and the board appoint the network's board, staff and experts."""
    require_perm(actor, "network.decide_join", network)
    granted, _created = NetworkRole.objects.get_or_create(
        network=network, user=user, role=role, defaults={"title": title[:200]}
    )
    record("network.role_granted", actor=actor, target=granted, role=role)
    return granted
