"""Request-wide rules: the language, the largest body a request may carry, compression.

Ukrainian by default: public e-services load in Ukrainian whatever the browser asks.

Django's LocaleMiddleware would follow Accept-Language; here only an explicit choice (the
language cookie set by the language switcher) changes the language.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

from hromada.core.params import parse_int


class UkrainianByDefaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override(), not activate(): the language must not outlive the request in this thread
        # (a worker thread's next request, or a command run after a test request).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a body above MAX_REQUEST_BYTES with a 413 page before anything reads it, so a
    1 GB "upload" costs neither memory, disk nor a worker's time."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = parse_int(request.META.get("CONTENT_LENGTH") or "0", signed=False)
        if length is None:
            length = -1
        limit = settings.MAX_REQUEST_BYTES
        if length < 0 or length > limit:
            page = render_to_string("core/request_too_large.html", {"limit": limit})
            # (WSGI forbids a Connection header here; the server drops the unread body.)
            return HttpResponse(page, status=413 if length > limit else 400)
        return self.get_response(request)


COMPRESSED_SECONDS = 600
# Text compresses 3-10x; pictures, PDFs and archives are compressed already.
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|javascript|xml|vnd\.oai|[\w.+-]*\+(json|xml)))"
)


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip text responses to visitors without a session; never a signed-in person's.

    BREACH guesses a secret in a compressed page byte by byte, from the sizes of many responses
    that also reflect the attacker's guess. A visitor without a session gets pages that hold no
    secret of theirs: the CSRF token is masked anew in every response, and everything else is
    what anyone asking for that address gets. A session (signed in, or part-way through signing
    up or two-factor) can put an email, a name, a verification state or a TOTP secret on the
    page: those responses stay uncompressed (docs/deploy.md, "Compression"). Django's random
    gzip header padding (Heal the Breach) stays on for what is compressed.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        if getattr(response, "same_for_everyone", False) and isinstance(response, HttpResponse):
            return self.compressed_once(request, response)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:  # signed in by this very request
            return response
        if not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)

    def compressed_once(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """A large public file (a `.pb` export: 690 KB, ~65 ms to gzip) that a view marked
        `same_for_everyone`: compressed once per content and kept in the cache. Nothing secret
        is in it, so it needs no random padding and anyone, signed in or not, may get it."""
        patch_vary_headers(response, ("Accept-Encoding",))
        accepts = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if response.has_header("Content-Encoding") or not re_accepts_gzip.search(accepts):
            return response
        digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
        key = f"gzip:{digest}"
        packed = cache.get(key)
        if packed is None:
            packed = compress_string(response.content)
            cache.set(key, packed, COMPRESSED_SECONDS)
        if len(packed) >= len(response.content):
            return response
        response.content = packed
        response.headers["Content-Length"] = str(len(packed))
        response.headers["Content-Encoding"] = "gzip"
        return response
