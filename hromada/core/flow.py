"""What views do with an action's outcome: the ending shared by the small POST views that run
one action and go back to an object, and a refusal shown on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hromada.core.errors import ActionRefused


def act_and_return(
    request: HttpRequest,
    action: Callable[[], Any],
    success: str,
    back_to: Any,
    *,
    form: forms.BaseForm | None = None,
    invalid: str = "",
) -> HttpResponse:
    """Run `action`; tell the person its refusal or `success`; go back to `back_to`. With a
    `form`, an invalid one is reported as `invalid` and the action is not run."""
    if form is not None and not form.is_valid():
        messages.error(request, invalid)
        return redirect(back_to)
    try:
        action()
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(back_to)


def refusal_to_form(form: forms.BaseForm, refusal: ActionRefused) -> None:
    """Show an action's refusal on the form: beside the field it names, else above the form."""
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)
