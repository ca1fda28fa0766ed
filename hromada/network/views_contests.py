"""Contest pages: the public call and its results, a community's application, the jury's
declaration, queue and scoring, and the board's ranking, selection and announcement."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.communities.models import Community, StaffRole
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form
from hromada.network import actions_contests as actions
from hromada.network import selectors
from hromada.network.eligibility import eligibility_checks
from hromada.network.forms import (
    ApplicationForm,
    ConflictForm,
    DocumentForm,
    ScoreForm,
    SelectionForm,
)
from hromada.network.models_contests import Application, Contest, Juror, Review
from hromada.network.phases import CONTEST_TIMELINE
from hromada.network.rules import communities_of, is_juror


def _contest(slug: str) -> Contest:
    return get_object_or_404(Contest.objects.select_related("network"), slug=slug)


def _timeline(contest: Contest) -> list[tuple[Any, str, bool]]:
    now = CONTEST_TIMELINE.current(contest)
    return [
        (phase, CONTEST_TIMELINE.dates(contest, phase.key), phase.key == now.key)
        for phase in CONTEST_TIMELINE.phases
    ]


def contest_detail(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    user = request.user
    my_communities = []
    if user.is_authenticated:
        staffed = Community.objects.filter(
            staff_roles__user=user,
            staff_roles__role__in=[StaffRole.Role.ADMIN, StaffRole.Role.REVIEWER],
        ).distinct()
        applications = {
            a.community_id: a for a in contest.applications.filter(community__in=staffed)
        }
        my_communities = [
            (c, eligibility_checks(contest, c), applications.get(c.pk)) for c in staffed
        ]
    winners = []
    results = CONTEST_TIMELINE.decide(contest, "see_results").allowed and contest.selected_at
    if results:
        ranking = selectors.contest_ranking(contest)
        winners = [row for row in ranking.rows if row.application.selected]
    return render(
        request,
        "network/contest.html",
        {
            "contest": contest,
            "phase": CONTEST_TIMELINE.current(contest),
            "timeline": _timeline(contest),
            "criteria": list(contest.criteria.all()),
            "questions": list(contest.questions.all()),
            "documents": list(contest.required_documents.all()),
            "my_communities": my_communities,
            "results": bool(results),
            "winners": winners,
            "is_juror": is_juror(user, contest),
            "can_rank": user.has_perm("network.see_ranking", contest),
        },
    )


def _applicant_community(request: HttpRequest, community_slug: str) -> Community:
    community = get_object_or_404(Community, slug=community_slug)
    if not request.user.has_perm("network.apply", community):
        raise Http404
    return community


@staff_view
def application_edit(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    """The applying community's page: draft, documents, submit or withdraw; after the
    announcement, its own scores and the jury's comments."""
    contest = _contest(slug)
    applicant = _applicant_community(request, community)
    application = Application.objects.filter(contest=contest, community=applicant).first()
    answers = application.answers if application else {}
    form = ApplicationForm(request.POST or None, contest=contest, initial_answers=answers)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.save_application(request.user, contest, applicant, form.answers())
            if "submit" in request.POST:
                actions.submit_application(request.user, application)
                messages.success(request, _("Заявку подано."))
            else:
                messages.success(request, _("Чернетку збережено."))
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            return redirect("network:application", contest.slug, applicant.slug)
    own_reviews: list[Review] = []
    if application is not None and CONTEST_TIMELINE.decide(contest, "see_results").allowed:
        own_reviews = list(application.reviews.prefetch_related("scores__criterion").order_by("pk"))
    return render(
        request,
        "network/application.html",
        {
            "contest": contest,
            "community": applicant,
            "application": application,
            "form": form,
            "document_form": DocumentForm(contest=contest),
            "documents": application.documents.all() if application else [],
            "missing": actions.missing_parts(application) if application else [],
            "checks": eligibility_checks(contest, applicant),
            "may_apply": CONTEST_TIMELINE.decide(contest, "apply"),
            "own_reviews": own_reviews,
        },
    )


@staff_view
@require_POST
def application_document(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    contest = _contest(slug)
    applicant = _applicant_community(request, community)
    application = get_object_or_404(Application, contest=contest, community=applicant)
    form = DocumentForm(request.POST, request.FILES, contest=contest)
    required = None
    if form.is_valid():
        required = contest.required_documents.filter(pk=form.cleaned_data["required"]).first()
    return act_and_return(
        request,
        lambda: actions.attach_application_document(
            request.user, application, required, form.cleaned_data["file"]
        ),
        _("Документ додано."),
        request.path.rsplit("documents/", 1)[0],
        form=form,
        invalid=_("Оберіть документ і файл."),
    )


@staff_view
@require_POST
def application_withdraw(request: HttpRequest, slug: str, community: str) -> HttpResponse:
    contest = _contest(slug)
    applicant = _applicant_community(request, community)
    application = get_object_or_404(Application, contest=contest, community=applicant)
    return act_and_return(
        request,
        lambda: actions.withdraw_application(request.user, application),
        _("Заявку відкликано. Її можна змінити й подати знову, поки триває прийом."),
        request.path.rsplit("withdraw/", 1)[0],
    )


@staff_view
def jury(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    juror = Juror.objects.filter(contest=contest, user_id=request.user.pk or 0).first()
    if juror is None or not is_juror(request.user, contest):
        raise Http404
    own = communities_of(request.user)
    # Every member community, not just those that applied: the list must not tell a juror of a
    # blind review who has applied.
    candidates = (
        Community.objects.filter(
            Q(pk__in=contest.applications.values("community_id"))
            | Q(network_memberships__network=contest.network)
        )
        .exclude(pk__in=own)
        .distinct()
    )
    form = ConflictForm(
        request.POST or None,
        communities=candidates,
        initial={"conflicts": list(juror.conflicts.all()), "note": juror.conflict_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.declare_conflicts(
                request.user, contest, form.cleaned_data["conflicts"], form.cleaned_data["note"]
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Декларацію збережено."))
            return redirect("network:jury", contest.slug)
    queue, excluded = selectors.juror_queue(request.user, contest)
    return render(
        request,
        "network/jury.html",
        {
            "contest": contest,
            "juror": juror,
            "form": form,
            "queue": queue if juror.declared_at else [],
            "excluded": excluded,
            "may_score": CONTEST_TIMELINE.decide(contest, "score"),
        },
    )


@staff_view
def application_review(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """An application as the jury and the board read it; a juror scores it here."""
    contest = _contest(slug)
    application = get_object_or_404(
        Application.objects.select_related("community"), contest=contest, code=code
    )
    if not request.user.has_perm("network.view_application", application):
        raise Http404
    can_score = request.user.has_perm("network.score", application)
    criteria = list(contest.criteria.all())
    review = None
    if can_score:
        review = (
            Review.objects.filter(application=application, juror__user_id=request.user.pk or 0)
            .prefetch_related("scores")
            .first()
        )
    initial: dict[str, Any] = {}
    if review is not None:
        initial = {"comment": review.comment}
        for score in review.scores.all():
            initial[f"c{score.criterion_id}"] = str(score.value)
            initial[f"note{score.criterion_id}"] = score.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and can_score and form.is_valid():
        try:
            actions.score_application(
                request.user,
                application,
                form.scores(),
                form.comments(),
                form.cleaned_data["comment"],
            )
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Оцінку збережено."))
            return redirect("network:jury", contest.slug)
    # In a blind review the jury sees a code, never the name; the board and staff see both.
    hide_name = contest.blind_review and not request.user.has_perm("network.see_ranking", contest)
    return render(
        request,
        "network/review.html",
        {
            "contest": contest,
            "application": application,
            "hide_name": hide_name,
            "answers": [
                (q, application.answers.get(str(q.pk), "")) for q in contest.questions.all()
            ],
            "documents": application.documents.all(),
            "form": form if can_score and CONTEST_TIMELINE.decide(contest, "score") else None,
        },
    )


@staff_view
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    if not request.user.has_perm("network.see_ranking", contest):
        raise Http404
    if not CONTEST_TIMELINE.decide(contest, "see_ranking"):
        raise Http404
    result = selectors.contest_ranking(contest)
    can_select = request.user.has_perm("network.select", contest)
    choices = [(str(row.application.pk), row.application.community.name) for row in result.rows]
    initial = {
        "winners": [str(r.application.pk) for r in result.rows if r.application.selected]
        or [str(pk) for pk in result.suggestion.chosen],
        "rationale": contest.rationale,
    }
    form = SelectionForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and can_select and form.is_valid():
        chosen = list(
            contest.applications.filter(pk__in=[int(pk) for pk in form.cleaned_data["winners"]])
        )
        try:
            actions.select_winners(request.user, contest, chosen, form.cleaned_data["rationale"])
        except ActionRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Вибір збережено."))
            return redirect("network:ranking", contest.slug)
    return render(
        request,
        "network/ranking.html",
        {
            "contest": contest,
            "ranking": result,
            "tied": set(result.suggestion.tied_at_cutoff),
            "skipped": set(result.suggestion.skipped_by_constraint),
            "suggested": set(result.suggestion.chosen),
            "form": form if can_select and CONTEST_TIMELINE.decide(contest, "select") else None,
            "may_announce": can_select
            and contest.selected_at is not None
            and CONTEST_TIMELINE.decide(contest, "announce").allowed,
        },
    )


@login_required
@require_POST
def announce(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    return act_and_return(
        request,
        lambda: actions.announce_results(request.user, contest),
        _("Результати оголошено."),
        contest.get_absolute_url(),
    )
