"""A local stand-in for the state eID gateway, for the demo and tests.

Its "authorize" page lets a tester type who they are and confirm; it then redirects back with a
one-time code, exactly as a real gateway would. Codes live in the cache for a few minutes and
are deleted on first use. Never enable it in production: anyone could claim any identity.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from django import forms
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.accounts.eid.base import EidAdapter, EidClaims, EidError
from hromada.accounts.eid.registry import simulator_enabled

CODE_LIFETIME_SECONDS = 300
_CACHE_PREFIX = "eid-simulator-code:"


class SimulatorAdapter(EidAdapter):
    name = "simulator"
    label = gettext_lazy("BankID / Дія.Підпис (симулятор)")

    def authorization_url(self, state: str, redirect_uri: str) -> str:
        query = urlencode({"state": state, "redirect_uri": redirect_uri})
        return f"{reverse('accounts:eid_simulator_authorize')}?{query}"

    def exchange(self, code: str, redirect_uri: str) -> EidClaims:
        key = _CACHE_PREFIX + code
        stored = cache.get(key)
        # delete() answers whether this call removed the key: of two racing callbacks with the
        # same code only one wins, so a code is good for exactly one exchange.
        # The expiry is also checked here: a shared cache (Redis) keeps its own clock.
        if stored is None or not cache.delete(key) or stored["expires_at"] < time.time():
            raise EidError(_("Код підтвердження недійсний, уже використаний або застарів."))
        if stored["redirect_uri"] != redirect_uri:
            raise EidError(_("Код підтвердження видано для іншої адреси повернення."))
        return EidClaims(**stored["claims"])


def issue_code(claims: EidClaims, redirect_uri: str) -> str:
    code = secrets.token_urlsafe(24)
    payload = {
        "claims": claims.__dict__,
        "redirect_uri": redirect_uri,
        "expires_at": time.time() + CODE_LIFETIME_SECONDS,
    }
    cache.set(_CACHE_PREFIX + code, payload, CODE_LIFETIME_SECONDS)
    return code


class SimulatorIdentityForm(forms.Form):
    PROVIDERS = (("bankid", "BankID"), ("diia", "Дія.Підпис"))

    full_name = forms.CharField(label=gettext_lazy("Ім'я та прізвище"), max_length=200)
    identifier = forms.CharField(
        label=gettext_lazy("РНОКПП (податковий номер)"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_year = forms.IntegerField(label=gettext_lazy("Рік народження"), min_value=1900)
    provider = forms.ChoiceField(label=gettext_lazy("Спосіб"), choices=PROVIDERS)

    def clean_birth_year(self) -> int:
        year: int = self.cleaned_data["birth_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Рік народження не може бути в майбутньому."))
        return year


def authorize(request: HttpRequest) -> HttpResponse:
    """The simulated gateway page. It does not need a platform login: a real gateway wouldn't."""
    if not simulator_enabled():
        raise Http404
    params: Any = request.POST if request.method == "POST" else request.GET
    state = params.get("state", "")
    redirect_uri = params.get("redirect_uri", "")
    # Only send codes back to this site: the simulator must not become an open redirect.
    if not state or not url_has_allowed_host_and_scheme(
        redirect_uri, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return render(
            request,
            "accounts/eid_simulator.html",
            {"invalid": True},
            status=400,
        )
    form = SimulatorIdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        claims = EidClaims(
            identifier=data["identifier"],
            full_name=data["full_name"].strip(),
            birth_year=data["birth_year"],
            provider=f"simulator:{data['provider']}",
        )
        code = issue_code(claims, redirect_uri)
        separator = "&" if "?" in redirect_uri else "?"
        return HttpResponseRedirect(
            f"{redirect_uri}{separator}{urlencode({'code': code, 'state': state})}"
        )
    return render(
        request,
        "accounts/eid_simulator.html",
        {"form": form, "state": state, "redirect_uri": redirect_uri},
    )
