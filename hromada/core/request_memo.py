"""Answers remembered for the length of one request.

A staff page asks the same question many times — "has this user TOTP on?" is part of every staff
predicate, and a page evaluates several — and each answer is one query. Remembering it on the
user object would outlive the request (tests, and long-lived objects, flip it on a live user);
remembering it here does not: `RequestMemoMiddleware` gives each request an empty memo and drops
it after, and outside a request (commands, tasks, tests calling predicates directly) nothing is
remembered at all.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("request_memo", default=None)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, asked once per request for the same key."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(key: Hashable) -> None:
    """Drop one answer, when the request itself changed what it depends on."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
