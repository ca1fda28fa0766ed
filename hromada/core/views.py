"""The home page: communities and their current participatory processes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.budgeting.selectors import processes_with_phase


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"processes": processes_with_phase()})
