"""Audit entries for sign-ups, logins, logouts, password and two-factor changes.

The house rule is that writes happen in actions, never in signal receivers. These writes are
allauth's and Django's own (their views log people in, change passwords, add authenticators),
so we cannot wrap them in an action; the receivers below only add the audit row that an action
would have written, and change nothing else.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from hromada.core import audit

LOGIN_MAX = 254


def _ip(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(account_signals.user_signed_up)
def _signed_up(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record("account.signup", actor=user, target=user, ip=_ip(request))


@receiver(auth_signals.user_logged_in)
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit.record("account.login", actor=user, target=user, ip=_ip(request))


@receiver(auth_signals.user_logged_out)
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("account.logout", actor=user, target=user, ip=_ip(request))


@receiver(auth_signals.user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django has already starred anything secret in `credentials`; the login is kept so staff
    # can see which account is being guessed at.
    login = str(credentials.get("email") or credentials.get("username") or "")[:LOGIN_MAX]
    audit.record("account.login_failed", actor=None, login=login, ip=_ip(request))


def _password_receiver(action: str) -> Any:
    def record(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
        audit.record(action, actor=user, target=user, ip=_ip(request))

    return record


_password_changed = _password_receiver("account.password_change")
_password_set = _password_receiver("account.password_set")
_password_reset = _password_receiver("account.password_reset")
account_signals.password_changed.connect(_password_changed, dispatch_uid="audit-pw-change")
account_signals.password_set.connect(_password_set, dispatch_uid="audit-pw-set")
account_signals.password_reset.connect(_password_reset, dispatch_uid="audit-pw-reset")


def _mfa_receiver(action: str) -> Any:
    def record(
        sender: Any, request: HttpRequest | None, user: Any, authenticator: Any, **kwargs: Any
    ) -> None:
        audit.record(action, actor=user, target=user, type=authenticator.type, ip=_ip(request))

    return record


_mfa_added = _mfa_receiver("account.mfa_activated")
_mfa_removed = _mfa_receiver("account.mfa_deactivated")
_mfa_reset = _mfa_receiver("account.mfa_recovery_codes_regenerated")
_mfa_failed = _mfa_receiver("account.mfa_failed")
mfa_signals.authenticator_added.connect(_mfa_added, dispatch_uid="audit-mfa-added")
mfa_signals.authenticator_removed.connect(_mfa_removed, dispatch_uid="audit-mfa-removed")
mfa_signals.authenticator_reset.connect(_mfa_reset, dispatch_uid="audit-mfa-reset")
mfa_signals.authentication_failed.connect(_mfa_failed, dispatch_uid="audit-mfa-failed")
