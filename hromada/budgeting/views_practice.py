"""The one-click draft of a practices-base case from a finished budget (actions_practice)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.budgeting import actions_practice
from hromada.budgeting.models import Process
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused


@require_POST
@staff_view
def draft_practice(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    try:
        practice = actions_practice.draft_practice(request.user, process)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(process.get_absolute_url())
    messages.success(
        request,
        _("Чернетку практики створено з даних бюджету. Доповніть її й надішліть на модерацію."),
    )
    return redirect("practices:edit", practice.pk)
