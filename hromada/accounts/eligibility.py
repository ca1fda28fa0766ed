"""Is this person an eligible, verified resident for an act in a community?

One function answers for authors and voters alike, with the reason a person can act on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts.models import Verification
from hromada.core.errors import ActionRefused

if TYPE_CHECKING:
    from hromada.communities.models import Community


def verification_for(user: Any, community: Community) -> Verification | None:
    if not user.is_authenticated:
        return None
    return Verification.objects.filter(user=user, community=community).first()


_UNREAD: Any = object()  # refusal_reason reads the verification itself unless it is given


def refusal_reason(
    user: Any, community: Community, min_age: int, verification: Any = _UNREAD
) -> str | None:
    """None when eligible; otherwise a translated sentence saying what is missing."""
    if not user.is_authenticated:
        return _("Увійдіть або зареєструйтеся, щоб продовжити.")
    if verification is _UNREAD:
        verification = verification_for(user, community)
    if verification is None:
        return _(
            "Ви ще не підтвердили, що є жителем громади «%(community)s». Підтвердьте це в "
            "профілі: через державний eID, за реєстром громади або особисто в ЦНАП."
        ) % {"community": community.name}
    age = user.age_in_year(timezone.localdate().year)
    if age is None:
        return _("Вкажіть рік народження в профілі: від нього залежить право участі.")
    if age < min_age:
        return ngettext(
            "Брати участь можуть особи, яким цього року виповнюється %(age)s рік.",
            "Брати участь можуть особи, яким цього року виповнюється %(age)s років.",
            min_age,
        ) % {"age": min_age}
    return None


def require_eligible(user: Any, community: Community, min_age: int) -> Verification:
    """The person's verification, read once (a ballot is cast on the hot path)."""
    verification = verification_for(user, community)
    reason = refusal_reason(user, community, min_age, verification)
    if reason is not None:
        raise ActionRefused(reason)
    assert verification is not None  # refusal_reason returned None
    return verification
