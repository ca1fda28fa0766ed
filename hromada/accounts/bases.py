"""Which residence bases a person holds, confirmed, in a community.

A basis counts only once someone confirmed it: the register (a register lists registered
residents), a ЦНАП operator who saw the document, or staff who checked an uploaded document
(the file is deleted at the decision; what was confirmed, by whom and when is kept). The basis
the person was verified on is on their Verification; every further basis is a confirmed
ResidenceClaim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hromada.accounts.models import ResidenceClaim, Verification

if TYPE_CHECKING:
    from hromada.communities.models import Community


@dataclass(frozen=True)
class ConfirmedBasis:
    basis: str
    settlement_id: int | None


def confirmed_bases(
    user: Any, community: Community, verification: Verification | None = None
) -> list[ConfirmedBasis]:
    """The person's confirmed bases in the community; none without a verification there."""
    if not user.is_authenticated:
        return []
    if verification is None:
        verification = Verification.objects.filter(user=user, community=community).first()
    if verification is None:
        return []
    held = [ConfirmedBasis(verification.basis, verification.settlement_id)]
    claims = ResidenceClaim.objects.filter(
        user=user, community=community, status=ResidenceClaim.Status.CONFIRMED
    ).values_list("basis", "settlement_id")
    held += [ConfirmedBasis(basis, settlement) for basis, settlement in claims]
    # One entry per (basis, settlement), in a stable order for messages.
    return sorted(set(held), key=lambda b: (b.basis, b.settlement_id or 0))
