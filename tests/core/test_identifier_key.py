"""Production refuses to start without its own key for identifier hashes."""

from __future__ import annotations

from tests.production import PRODUCTION_ENV, production_settings

SHOW_KEY = "from django.conf import settings as s; print('key', len(s.IDENTIFIER_HASH_KEY))"


def test_production_needs_an_identifier_key() -> None:
    out = production_settings(SHOW_KEY, IDENTIFIER_HASH_KEY=None)
    assert "IDENTIFIER_HASH_KEY must be set when DEBUG is off" in out


def test_identifier_key_must_differ_from_secret_key() -> None:
    out = production_settings(SHOW_KEY, IDENTIFIER_HASH_KEY=PRODUCTION_ENV["SECRET_KEY"])
    assert "IDENTIFIER_HASH_KEY must differ from SECRET_KEY" in out


def test_production_with_its_own_key_starts() -> None:
    out = production_settings(SHOW_KEY)
    assert out.strip().endswith(f"key {len(PRODUCTION_ENV['IDENTIFIER_HASH_KEY'])}"), out
