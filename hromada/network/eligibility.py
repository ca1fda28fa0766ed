"""Whether a community may apply to a contest, checked automatically from what the platform
knows: current membership of the network, the community's size band, and whether it is an
oblast centre (recorded on its membership, as the community model does not say)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.geography import SizeBand
from hromada.communities.models import Community
from hromada.network.models import Member
from hromada.network.models_contests import Contest


@dataclass(frozen=True)
class Check:
    label: str
    passed: bool


def current_member(contest: Contest, community: Community) -> Member | None:
    today = timezone.localdate()
    member = (
        Member.objects.filter(network_id=contest.network_id, community=community)
        .prefetch_related("memberships")
        .first()
    )
    return member if member is not None and member.is_member_on(today) else None


def eligibility_checks(contest: Contest, community: Community) -> list[Check]:
    """Every rule the call sets, each with whether the community meets it."""
    checks = []
    member = current_member(contest, community)
    if contest.members_only:
        checks.append(Check(_("Громада — чинний член мережі"), member is not None))
    if contest.size_bands:
        bands = ", ".join(str(SizeBand(band).label) for band in contest.size_bands)
        checks.append(
            Check(
                _("Розмір громади: %(bands)s") % {"bands": bands},
                community.size_band in contest.size_bands,
            )
        )
    if contest.exclude_oblast_centres:
        centre = member.is_oblast_centre if member is not None else _is_recorded_centre(community)
        checks.append(Check(_("Громада не є обласним центром"), not centre))
    return checks


def _is_recorded_centre(community: Community) -> bool:
    """A community that is not a member may still be known as an oblast centre elsewhere."""
    return Member.objects.filter(community=community, is_oblast_centre=True).exists()


def is_eligible(contest: Contest, community: Community) -> bool:
    return all(check.passed for check in eligibility_checks(contest, community))
