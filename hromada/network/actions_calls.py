"""The network's staff write and edit a contest call in the browser: its text, phase dates,
eligibility rules, questionnaire, required documents and weighted criteria.

A call may be edited before it opens and while it is open (`edit_call` in network/phases.py).
Once any community has started an application, what the applicants relied on is locked:

- eligibility (members only, size bands, oblast centres): changing it would shut out a community
  that already applied, or let in one that was told it could not;
- the questionnaire and the required documents: applicants have answered and attached to them;
- the criteria and their weights and maxima: applicants wrote to the published yardstick;
- blind review: applicants may have written their names knowing the jury would not see them;
- the opening date: the call is already open.

Still open then: the title and the text (corrections; every edit is audited with the fields it
changed), and the later dates — the closing date may move later but never earlier (nobody loses
time they planned with), review and announcement dates as the jury needs — and the number of
winners, the per-oblast cap and the disagreement threshold, which concern the jury and board.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.network.actions_contests import create_contest
from hromada.network.models import Network
from hromada.network.models_contests import Contest, ContestQuestion, Criterion, RequiredDocument
from hromada.network.phases import CONTEST_TIMELINE

LOCKED_ONCE_APPLIED = (
    "members_only",
    "size_bands",
    "exclude_oblast_centres",
    "blind_review",
    "opens_at",
    "questions",
    "documents",
    "criteria",
)


@dataclass
class CallData:
    title: str
    text: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    review_ends_at: dt.datetime
    announce_at: dt.datetime
    winners_count: int = 5
    blind_review: bool = False
    members_only: bool = True
    size_bands: list[str] = field(default_factory=list)
    exclude_oblast_centres: bool = False
    max_per_oblast: int = 0
    disagreement_threshold: int = 25
    questions: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    criteria: list[tuple[str, int, int]] = field(default_factory=list)  # name, weight, max


def _model_fields(data: CallData) -> dict[str, Any]:
    skip = {"questions", "documents", "criteria"}
    return {f.name: getattr(data, f.name) for f in fields(data) if f.name not in skip}


def create_call(actor: Any, network: Network, data: CallData, slug: str) -> Contest:
    if Contest.objects.filter(slug=slug).exists():
        raise ActionRefused(_("Ця адреса вже зайнята."), field="slug")
    return create_contest(
        actor,
        network,
        slug=slug,
        questions=data.questions,
        documents=data.documents,
        criteria=data.criteria,
        **_model_fields(data),
    )


def _current(contest: Contest) -> dict[str, Any]:
    values = {name: getattr(contest, name) for name in _model_fields_names()}
    values["questions"] = list(contest.questions.values_list("text", flat=True))
    values["documents"] = list(contest.required_documents.values_list("title", flat=True))
    values["criteria"] = [(c.name, c.weight, c.max_score) for c in contest.criteria.all()]
    return values


def _model_fields_names() -> list[str]:
    return [
        f.name for f in fields(CallData) if f.name not in ("questions", "documents", "criteria")
    ]


def _to_minute(value: Any) -> Any:
    """Dates as the form shows them (to the minute): re-saving a page changes no date."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0)
    return value


def _check_locks(contest: Contest, old: dict[str, Any], new: dict[str, Any]) -> None:
    if not contest.applications.exists():
        return
    old = {name: _to_minute(value) for name, value in old.items()}
    new = {name: _to_minute(value) for name, value in new.items()}
    for name in LOCKED_ONCE_APPLIED:
        if old[name] != new[name]:
            raise ActionRefused(
                _("Громади вже почали подавати заявки: це поле змінювати не можна."), field=name
            )
    if new["closes_at"] < old["closes_at"]:
        raise ActionRefused(
            _("Громади вже подають заявки: прийом можна продовжити, але не скоротити."),
            field="closes_at",
        )


@transaction.atomic
def update_call(actor: Any, contest: Contest, data: CallData) -> Contest:
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    require_perm(actor, "network.manage_contest", contest)
    CONTEST_TIMELINE.require(contest, "edit_call")
    new = {**_model_fields(data), "questions": data.questions, "documents": data.documents,
           "criteria": [tuple(c) for c in data.criteria]}  # fmt: skip
    old = _current(contest)
    _check_locks(contest, old, new)
    if not new["criteria"]:
        raise ActionRefused(_("Додайте хоча б один критерій оцінювання."), field="criteria")
    if any(weight < 1 or top < 1 for _name, weight, top in new["criteria"]):
        raise ActionRefused(
            _("Вага й найвища оцінка критерію мають бути додатними."), field="criteria"
        )
    if not new["opens_at"] < new["closes_at"] < new["review_ends_at"] <= new["announce_at"]:
        raise ActionRefused(_("Дати етапів мають іти одна за одною."), field="closes_at")
    changed = sorted(name for name in new if new[name] != old[name])
    for name in _model_fields_names():
        setattr(contest, name, new[name])
    contest.save()
    if "questions" in changed:
        contest.questions.all().delete()
        ContestQuestion.objects.bulk_create(
            ContestQuestion(contest=contest, position=n, text=t)
            for n, t in enumerate(data.questions)
        )
    if "documents" in changed:
        contest.required_documents.all().delete()
        RequiredDocument.objects.bulk_create(
            RequiredDocument(contest=contest, position=n, title=t)
            for n, t in enumerate(data.documents)
        )
    if "criteria" in changed:
        contest.criteria.all().delete()
        Criterion.objects.bulk_create(
            Criterion(contest=contest, position=n, name=name, weight=w, max_score=m)
            for n, (name, w, m) in enumerate(data.criteria)
        )
    record("network.call_edited", actor=actor, target=contest, changed=changed)
    return contest
