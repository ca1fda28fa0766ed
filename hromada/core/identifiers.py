"""Keyed hashes of personal identifiers: dedupe works without keeping the number itself."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

_SPACES = re.compile(r"[\s\-]+")


def normalise_identifier(raw: str) -> str:
    """Registers and people type the same number with spaces, dashes or lowercase letters."""
    return _SPACES.sub("", raw).upper()


def hash_identifier(raw: str) -> str:
    key = settings.IDENTIFIER_HASH_KEY.encode()
    return hmac.new(key, normalise_identifier(raw).encode(), hashlib.sha256).hexdigest()
