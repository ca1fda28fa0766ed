"""Pages of the practices base. Search and reading are public; writes go through actions."""

from __future__ import annotations

import csv
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form
from hromada.core.storage import private_storage
from hromada.core.uploads import KINDS
from hromada.practices import actions
from hromada.practices.forms import AttachmentForm, ModerationForm, PracticeForm, QuickPracticeForm
from hromada.practices.models import Practice, PracticeAttachment
from hromada.practices.search import SEARCH_COLUMNS, SearchResult, search, search_arguments
from hromada.practices.search_pages import search_page as search_page_of

# Lazy: the module is imported once, in whatever language; each page shows its own.
FACET_TITLES = {
    "kind": gettext_lazy("Тип"),
    "theme": gettext_lazy("Тема"),
    "instrument": gettext_lazy("Інструмент"),
    "oblast": gettext_lazy("Область"),
    "size_band": gettext_lazy("Розмір громади"),
    "year": gettext_lazy("Рік"),
    "language": gettext_lazy("Мова"),
}
EXPORT_LIMIT = 5000


def search_page(request: HttpRequest) -> HttpResponse:
    args = search_arguments(request.GET)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    unsorted = query_string.copy()
    unsorted.pop("sort", None)
    base_query = query_string.urlencode()

    def render_results(result: SearchResult) -> str:
        facets = [(name, str(FACET_TITLES[name]), values) for name, values in result.facets.items()]
        context = {"result": result, "facets": facets, "base_query": base_query}
        return render_to_string("practices/search_results.html", context)

    result, results_html = search_page_of(
        args, (translation.get_language(), base_query), render_results
    )
    return render(
        request,
        "practices/search.html",
        {
            "result": result,
            "results_html": mark_safe(results_html),  # noqa: S308 (our template's output)
            "sort": args["sort"],
            "unsorted_query": unsorted.urlencode(),
            "can_propose": request.user.has_perm("practices.propose"),
        },
    )


def suggest(request: HttpRequest) -> JsonResponse:
    """Titles for the search-as-you-type box (the same search, first results only)."""
    result = search(search_arguments(request.GET)["q"], per_page=8, snippets=False)
    return JsonResponse(
        {
            "results": [
                {"title": hit.practice.title, "url": hit.practice.get_absolute_url()}
                for hit in result.hits
            ],
            "total": result.total,
        }
    )


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "json"}:
        raise Http404
    args = search_arguments(request.GET)
    # Neither format carries snippets: do not build them.
    result = search(
        args["q"],
        args["filters"],
        sort=args["sort"],
        page=1,
        per_page=EXPORT_LIMIT,
        snippets=False,
    )
    site = request.build_absolute_uri("/")[:-1]
    rows = [
        {
            "id": hit.practice.pk,
            "title": hit.practice.title,
            "kind": hit.practice.kind,
            "language": hit.practice.language,
            "summary": hit.practice.summary,
            "themes": " ".join(hit.practice.theme_codes),
            "instruments": " ".join(hit.practice.instrument_codes),
            "place": hit.practice.place,
            "oblast": hit.practice.oblast,
            "size_band": hit.practice.size_band,
            "year": hit.practice.year,
            "score": round(hit.score, 4),
            "url": site + hit.practice.get_absolute_url(),
        }
        for hit in result.hits
    ]
    response: HttpResponse
    if fmt == "json":
        payload = {"query": result.query, "filters": result.filters, "total": result.total}
        response = JsonResponse(
            {**payload, "results": rows}, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read Cyrillic as UTF-8
        writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["id", "title"])
        writer.writeheader()
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="practices.{fmt}"'
    return response


def _visible(request: HttpRequest, pk: int) -> Practice:
    # The analyzer's columns (keys and words of title and body) are several times the text and
    # only the search reads them.
    entries = Practice.objects.select_related("community", "author").defer(*SEARCH_COLUMNS)
    practice = get_object_or_404(entries, pk=pk)
    if not request.user.has_perm("practices.view", practice):
        raise Http404  # a draft is not even acknowledged to exist
    return practice


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    practice = _visible(request, pk)
    if slug != practice.slug:
        return redirect(practice, permanent=True)
    tags = list(practice.tags.all())
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "themes": [t for t in tags if t.facet == "theme"],
            "instruments": [t for t in tags if t.facet == "instrument"],
            "related": practice.related.filter(status=Practice.Status.PUBLISHED).defer(
                *SEARCH_COLUMNS
            ),
            "revisions": practice.revisions.select_related("editor")[:20],
            "can_edit": request.user.has_perm("practices.edit", practice),
            "can_moderate": request.user.has_perm("practices.moderate", practice),
            "moderation_form": ModerationForm(initial={"verified": practice.verified}),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("practices.propose"):
        return render(request, "practices/not_allowed.html", status=403)
    full = request.GET.get("full") == "1" or request.POST.get("full") == "1"
    form_class = PracticeForm if full else QuickPracticeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = actions.propose_practice(
                request.user, form.to_data(), submit="submit" in request.POST
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Запис збережено."))
            return redirect(practice)
    return render(request, "practices/form.html", {"form": form, "full": full})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    if not request.user.has_perm("practices.edit", practice):
        raise Http404
    form = PracticeForm(request.POST or None, initial=PracticeForm.initial_for(practice))
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_practice(
                request.user, practice, form.to_data(), submit="submit" in request.POST
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Зміни збережено."))
            return redirect(practice)
    return render(
        request, "practices/form.html", {"form": form, "full": True, "practice": practice}
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    return act_and_return(
        request,
        lambda: actions.submit_practice(request.user, practice),
        _("Запис надіслано редакторам на модерацію."),
        practice,
    )


@staff_view
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    if not request.user.has_perm("practices.moderate", practice):
        raise Http404
    form = ModerationForm(request.POST)
    return act_and_return(
        request,
        lambda: actions.moderate_practice(request.user, practice, **form.cleaned_data),
        _("Рішення збережено."),
        practice,
        form=form,
        invalid=_("Оберіть рішення."),
    )


@staff_view
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("practices.moderate"):
        raise Http404
    pending = Practice.objects.filter(status=Practice.Status.PENDING).select_related("author")
    return render(request, "practices/moderation.html", {"pending": pending.order_by("updated_at")})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    entries = Practice.objects.filter(author_id=request.user.pk or 0).order_by("-updated_at")
    return render(request, "practices/mine.html", {"entries": entries})


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    if not request.user.has_perm("practices.edit", practice):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    return act_and_return(
        request,
        lambda: actions.add_attachment(request.user, practice, **form.cleaned_data),
        _("Файл додано."),
        practice,
        form=form,
        invalid=_("Оберіть файл."),
    )


INLINE_KINDS = {"jpeg", "png", "webp", "gif", "pdf"}  # shown in the browser; the rest downloaded


def attachment_file(
    request: HttpRequest, pk: int, token: str, width: int | None = None
) -> FileResponse:
    """An attachment (or a picture's narrower copy) for whoever may see its entry: anyone once
    it is published, else its author and, after submission, the editors."""
    practice = _visible(request, pk)
    attachment = get_object_or_404(PracticeAttachment, practice=practice, token=token)
    name = attachment.file.name if width is None else attachment.variants.get(str(width))
    if not name:
        raise Http404
    try:
        handle = private_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404 from None
    content_type, suffix = KINDS.get(attachment.kind, ("application/octet-stream", ""))
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=attachment.kind not in INLINE_KINDS,
        filename=f"{attachment.title[:100]}{suffix or Path(name).suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    published = practice.status == Practice.Status.PUBLISHED
    response["Cache-Control"] = "public, max-age=86400" if published else "private, no-store"
    return response
