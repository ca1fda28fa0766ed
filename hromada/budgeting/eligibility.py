"""May this person take part in this role, by the process's own regulation?

Three questions, one per role, each answered with a decision that says which rule refused and
what the person can do about it:

    may_author(user, process, sub_budget=None)
    may_support(user, project)
    may_vote(user, process, sub_budget=None)

A person takes part when (1) they are a verified resident of the process's community (one
person, one account: the Verification carries their identifier hash), (2) their age by birth
year fits the role — a person may act from the calendar year in which they turn the minimum age,
and an author with a top age until the year they turn it — and (3) they hold a confirmed basis
the process accepts for the role (registered or actual residence, work, study, property,
business, IDP certificate, a foreigner's residence permit). A sub-budget restricted to its
settlement also needs that basis confirmed in that settlement.

Phases are not asked here (the timeline answers "when"); neither are the rules of one act (that
an author does not support their own project, one support per person): the callers own those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.bases import ConfirmedBasis, confirmed_bases
from hromada.accounts.models import ResidenceBasis, Verification
from hromada.core.errors import ActionRefused

if TYPE_CHECKING:
    from hromada.budgeting.models import Process, Project, SubBudget


@dataclass(frozen=True)
class Eligibility:
    """The answer: `allowed`, else the `rule` that refused (a short key tests and pages can
    switch on) and `reason`, a translated sentence naming the rule and what to do."""

    allowed: bool
    rule: str = ""
    reason: str = ""
    verification: Verification | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def require(self) -> Verification:
        """The person's verification, or ActionRefused with the reason."""
        if not self.allowed or self.verification is None:
            raise ActionRefused(self.reason)
        return self.verification


def _refuse(rule: str, reason: str) -> Eligibility:
    return Eligibility(False, rule, reason)


def may_author(user: Any, process: Process, sub_budget: SubBudget | None = None) -> Eligibility:
    return _decide(
        user,
        process,
        sub_budget,
        role="author",
        min_age=process.author_min_age,
        max_age=process.author_max_age,
        bases=process.author_bases,
    )


def may_support(user: Any, project: Project) -> Eligibility:
    process = project.process
    return _decide(
        user,
        process,
        project.sub_budget,
        role="supporter",
        min_age=process.supporter_min_age,
        max_age=None,
        bases=process.supporter_bases,
    )


def may_vote(user: Any, process: Process, sub_budget: SubBudget | None = None) -> Eligibility:
    return _decide(
        user,
        process,
        sub_budget,
        role="voter",
        min_age=process.voter_min_age,
        max_age=None,
        bases=process.voter_bases,
    )


def _act(role: str) -> str:
    return {
        "author": _("подавати проєкти"),
        "supporter": _("підтримувати проєкти"),
        "voter": _("голосувати"),
    }[role]


def basis_labels(bases: Any) -> str:
    labels = dict(ResidenceBasis.choices)
    return "; ".join(str(labels.get(basis, basis)) for basis in bases)


def _decide(
    user: Any,
    process: Process,
    sub_budget: SubBudget | None,
    *,
    role: str,
    min_age: int,
    max_age: int | None,
    bases: Any,
) -> Eligibility:
    if not user.is_authenticated:
        return _refuse("sign_in", _("Увійдіть або зареєструйтеся, щоб продовжити."))
    community = process.community
    verification = Verification.objects.filter(user=user, community=community).first()
    if verification is None:
        return _refuse(
            "verification",
            _(
                "Ви ще не підтвердили, що є жителем громади «%(community)s». Підтвердьте це в "
                "профілі: через державний eID, за реєстром громади або особисто в ЦНАП."
            )
            % {"community": community.name},
        )
    refusal = _age_refusal(user, role, min_age, max_age)
    if refusal is not None:
        return refusal
    own = ConfirmedBasis(verification.basis, verification.settlement_id)
    if own.basis in bases and _settlement_refusal(sub_budget, [own]) is None:
        # The basis verified on answers it: no further claim needs reading (one query less
        # on every vote and support).
        return Eligibility(True, verification=verification)
    held = confirmed_bases(user, community, verification)
    accepted = [basis for basis in held if basis.basis in bases]
    if not accepted:
        return _refuse(
            "basis",
            _(
                "За положенням цього процесу %(act)s можна на таких підставах: %(accepted)s. "
                "Ваші підтверджені підстави: %(yours)s. Якщо маєте одну з потрібних, заявіть її "
                "в профілі й підтвердьте документом або в ЦНАП."
            )
            % {
                "act": _act(role),
                "accepted": basis_labels(bases),
                "yours": basis_labels([basis.basis for basis in held]) or _("немає"),
            },
        )
    refusal = _settlement_refusal(sub_budget, accepted)
    if refusal is not None:
        return refusal
    return Eligibility(True, verification=verification)


def _age_refusal(user: Any, role: str, min_age: int, max_age: int | None) -> Eligibility | None:
    year = timezone.localdate().year
    age = user.age_in_year(year)
    if age is None:
        return _refuse(
            "birth_year", _("Вкажіть рік народження в профілі: від нього залежить право участі.")
        )
    if age < min_age:
        return _refuse(
            "age",
            _(
                "За положенням цього процесу %(act)s можна з року, у якому вам виповнюється "
                "%(min)s. Цього року вам виповнюється %(age)s, тож ви зможете з %(from)s року."
            )
            % {"act": _act(role), "min": min_age, "age": age, "from": year + min_age - age},
        )
    if max_age is not None and age > max_age:
        return _refuse(
            "age",
            _(
                "За положенням цього процесу %(act)s можна до року, у якому вам виповнюється "
                "%(max)s, включно; цього року вам виповнюється %(age)s. Ви можете підтримати "
                "проєкти інших або проголосувати."
            )
            % {"act": _act(role), "max": max_age, "age": age},
        )
    return None


def _settlement_refusal(
    sub_budget: SubBudget | None, accepted: list[ConfirmedBasis]
) -> Eligibility | None:
    """A refusal when `sub_budget` is kept for its settlement's residents and none of the
    accepted bases is confirmed there."""
    if sub_budget is None or not (sub_budget.residents_only and sub_budget.settlement_id):
        return None
    if any(basis.settlement_id == sub_budget.settlement_id for basis in accepted):
        return None
    return _refuse(
        "settlement",
        _(
            "Підбюджет «%(sb)s» — лише для тих, чия підстава участі підтверджена в населеному "
            "пункті «%(settlement)s». Якщо ви там живете, працюєте чи навчаєтеся, заявіть це в "
            "профілі й підтвердьте документом або в ЦНАП; інакше оберіть інший підбюджет."
        )
        % {
            "sb": sub_budget.name,
            "settlement": sub_budget.settlement.name if sub_budget.settlement else "",
        },
    )
