"""Every write of a contest: the call, jurors and their conflicts, applications, scores, the
board's selection and the announcement. Each re-checks permission and the contest's timeline
(network/phases.py) and leaves an audit entry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.network.documents import store_document
from hromada.network.eligibility import eligibility_checks
from hromada.network.models import Network, NetworkDocument
from hromada.network.models_contests import (
    Application,
    Contest,
    ContestQuestion,
    Criterion,
    Juror,
    RequiredDocument,
    Review,
    ReviewScore,
)
from hromada.network.phases import CONTEST_TIMELINE
from hromada.network.rules import is_conflicted
from hromada.network.tasks import email_applicants

ANSWER_MAX_CHARS = 5000


@transaction.atomic
def create_contest(
    actor: Any,
    network: Network,
    *,
    questions: Sequence[str] = (),
    documents: Sequence[str] = (),
    criteria: Sequence[tuple[str, int, int]] = (),  # (name, weight, max score)
    **fields: Any,
) -> Contest:
    require_perm(actor, "network.manage", network)
    if not criteria:
        raise ActionRefused(_("Додайте хоча б один критерій оцінювання."))
    if (
        not fields["opens_at"]
        < fields["closes_at"]
        < fields["review_ends_at"]
        <= fields["announce_at"]
    ):
        raise ActionRefused(_("Дати етапів мають іти одна за одною."))
    contest = Contest.objects.create(network=network, **fields)
    for position, text in enumerate(questions):
        ContestQuestion.objects.create(contest=contest, position=position, text=text)
    for position, title in enumerate(documents):
        RequiredDocument.objects.create(contest=contest, position=position, title=title)
    for position, (name, weight, max_score) in enumerate(criteria):
        if weight < 1 or max_score < 1:
            raise ActionRefused(_("Вага й найвища оцінка критерію мають бути додатними."))
        Criterion.objects.create(
            contest=contest, position=position, name=name, weight=weight, max_score=max_score
        )
    record("network.contest_created", actor=actor, target=contest)
    return contest


@transaction.atomic
def appoint_juror(actor: Any, contest: Contest, user: Any) -> Juror:
    require_perm(actor, "network.manage_contest", contest)
    juror, _created = Juror.objects.get_or_create(contest=contest, user=user)
    record("network.juror_appointed", actor=actor, target=juror, juror=user.pk)
    return juror


@transaction.atomic
def declare_conflicts(
    actor: Any, contest: Contest, communities: Iterable[Community], note: str = ""
) -> Juror:
    """A juror's declaration (possibly of no conflict at all), required before scoring. The
    communities a juror works for or lives in are excluded without being declared."""
    require_perm(actor, "network.declare_conflicts", contest)
    CONTEST_TIMELINE.require(contest, "declare_conflicts")
    juror = Juror.objects.select_for_update().get(contest=contest, user=actor)
    juror.conflicts.set(list(communities))
    juror.conflict_note = note.strip()[:2000]
    juror.declared_at = timezone.now()
    juror.save(update_fields=["conflict_note", "declared_at"])
    record("network.conflicts_declared", actor=actor, target=juror, count=juror.conflicts.count())
    return juror


def _next_code(contest: Contest) -> str:
    return f"A-{contest.applications.count() + 1:02d}"


def _clean_answers(contest: Contest, answers: Mapping[str, str]) -> dict[str, str]:
    known = {str(pk) for pk in contest.questions.values_list("pk", flat=True)}
    cleaned = {}
    for key, text in answers.items():
        if key in known:
            text = str(text).replace("\x00", "").strip()
            if len(text) > ANSWER_MAX_CHARS:
                raise ActionRefused(
                    _("Відповідь має бути не довшою за %(n)s символів.") % {"n": ANSWER_MAX_CHARS},
                    field=f"q{key}",
                )
            cleaned[key] = text
    return cleaned


@transaction.atomic
def save_application(
    actor: Any, contest: Contest, community: Community, answers: Mapping[str, str]
) -> Application:
    """Start or update the community's draft (a withdrawn application becomes a draft again)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    require_perm(actor, "network.apply", community)
    CONTEST_TIMELINE.require(contest, "apply")
    application = Application.objects.filter(contest=contest, community=community).first()
    if application is None:
        if not all(check.passed for check in eligibility_checks(contest, community)):
            raise ActionRefused(_("Громада не відповідає умовам участі в конкурсі."))
        application = Application(
            contest=contest, community=community, code=_next_code(contest), created_by=actor
        )
    if application.status == Application.Status.SUBMITTED:
        raise ActionRefused(_("Заявку вже подано. Щоб змінити її, спершу відкличте."))
    application.answers = {**application.answers, **_clean_answers(contest, answers)}
    application.status = Application.Status.DRAFT
    application.save()
    record("network.application_saved", actor=actor, target=application, community=community)
    return application


@transaction.atomic
def attach_application_document(
    actor: Any, application: Application, required: RequiredDocument | None, file: UploadedFile
) -> NetworkDocument:
    require_perm(actor, "network.edit_application", application)
    CONTEST_TIMELINE.require(application.contest, "apply")
    if application.status == Application.Status.SUBMITTED:
        raise ActionRefused(_("Заявку вже подано. Щоб змінити її, спершу відкличте."))
    if required is not None and required.contest_id != application.contest_id:
        raise ActionRefused(_("Такого документа конкурс не вимагає."), field="required")
    document = NetworkDocument(application=application, required=required)
    store_document(document, file, title=required.title if required else "")
    record("network.application_document", actor=actor, target=application)
    return document


def missing_parts(application: Application) -> list[str]:
    """What the call requires that the application does not have yet."""
    contest = application.contest
    missing = [
        question.text
        for question in contest.questions.filter(required=True)
        if not application.answers.get(str(question.pk), "").strip()
    ]
    uploaded = set(application.documents.values_list("required_id", flat=True))
    missing += [doc.title for doc in contest.required_documents.all() if doc.pk not in uploaded]
    return missing


@transaction.atomic
def submit_application(actor: Any, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    require_perm(actor, "network.edit_application", application)
    CONTEST_TIMELINE.require(application.contest, "apply")
    if application.status == Application.Status.SUBMITTED:
        raise ActionRefused(_("Заявку вже подано."))
    missing = missing_parts(application)
    if missing:
        raise ActionRefused(_("Бракує: %(parts)s.") % {"parts": "; ".join(missing)})
    if not all(
        check.passed for check in eligibility_checks(application.contest, application.community)
    ):
        raise ActionRefused(_("Громада не відповідає умовам участі в конкурсі."))
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.language = translation.get_language() or ""
    application.save(update_fields=["status", "submitted_at", "language"])
    record(
        "network.application_submitted",
        actor=actor,
        target=application,
        community=application.community,
    )
    return application


@transaction.atomic
def withdraw_application(actor: Any, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    require_perm(actor, "network.edit_application", application)
    CONTEST_TIMELINE.require(application.contest, "apply")
    if application.status != Application.Status.SUBMITTED:
        raise ActionRefused(_("Відкликати можна лише подану заявку."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    record(
        "network.application_withdrawn",
        actor=actor,
        target=application,
        community=application.community,
    )
    return application


@transaction.atomic
def score_application(
    actor: Any,
    application: Application,
    scores: Mapping[int, int],
    comments: Mapping[int, str] | None = None,
    comment: str = "",
) -> Review:
    """A juror's scores on every criterion (replacing earlier ones) and a comment for the
    community. Refused for a juror who belongs to, or declared a conflict with, the community."""
    application = Application.objects.select_related("contest").get(pk=application.pk)
    require_perm(actor, "network.score", application)
    contest = application.contest
    CONTEST_TIMELINE.require(contest, "score")
    juror = Juror.objects.get(contest=contest, user=actor)
    if juror.declared_at is None:
        raise ActionRefused(_("Спершу задекларуйте конфлікт інтересів (або його відсутність)."))
    if is_conflicted(actor, application):  # re-checked: the rule above already says so
        raise ActionRefused(_("Ви не можете оцінювати цю заявку через конфлікт інтересів."))
    criteria = list(contest.criteria.all())
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not 0 <= value <= criterion.max_score:
            raise ActionRefused(
                _("Оцініть «%(name)s» від 0 до %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score},
                field=f"c{criterion.pk}",
            )
    review, _created = Review.objects.update_or_create(
        application=application,
        juror=juror,
        defaults={"comment": comment.strip()[:5000], "updated_at": timezone.now()},
    )
    review.scores.all().delete()
    ReviewScore.objects.bulk_create(
        ReviewScore(
            review=review,
            criterion=criterion,
            value=scores[criterion.pk],
            comment=(comments or {}).get(criterion.pk, "").strip()[:2000],
        )
        for criterion in criteria
    )
    record("network.application_scored", actor=actor, target=application)
    return review


@transaction.atomic
def select_winners(
    actor: Any, contest: Contest, applications: Sequence[Application], rationale: str
) -> Contest:
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    require_perm(actor, "network.select", contest)
    CONTEST_TIMELINE.require(contest, "select")
    chosen = [a for a in applications if a.contest_id == contest.pk and a.status == "submitted"]
    if len(chosen) != len(applications) or not chosen:
        raise ActionRefused(_("Оберіть переможців серед поданих заявок цього конкурсу."))
    if len(chosen) > contest.winners_count:
        raise ActionRefused(
            _("Переможців може бути не більше %(n)s.") % {"n": contest.winners_count}
        )
    if not rationale.strip():
        raise ActionRefused(_("Напишіть обґрунтування вибору."), field="rationale")
    contest.applications.update(selected=False)
    Application.objects.filter(pk__in=[a.pk for a in chosen]).update(selected=True)
    contest.rationale = rationale.strip()
    contest.selected_at = timezone.now()
    contest.selected_by = actor
    contest.save(update_fields=["rationale", "selected_at", "selected_by"])
    record("network.winners_selected", actor=actor, target=contest, winners=[a.pk for a in chosen])
    return contest


@transaction.atomic
def announce_results(actor: Any, contest: Contest) -> Contest:
    """Publish the selection now (the announced phase begins at this moment)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    require_perm(actor, "network.select", contest)
    CONTEST_TIMELINE.require(contest, "announce")
    if contest.selected_at is None:
        raise ActionRefused(_("Спершу оберіть переможців і напишіть обґрунтування."))
    contest.announce_at = timezone.now()
    contest.save(update_fields=["announce_at"])
    record("network.results_announced", actor=actor, target=contest)
    email_applicants.enqueue(contest_id=contest.pk)
    return contest
