"""Run code in a fresh process configured as README's "Production settings" block says."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.test import override_settings
from django.urls import clear_url_caches

import hromada.accounts.urls
import hromada.urls

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "production-secret-key-for-tests-only-0123456789-abcdefghijkl",
    "IDENTIFIER_HASH_KEY": "another-key-for-identifier-hashes-0123456789-mnopqrstuv",
    "ALLOWED_HOSTS": "hromada.example.org",
    "SITE_URL": "https://hromada.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://hromada.example.org",
    "SECURE_HSTS_PRELOAD": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.org",
    "DJANGO_SETTINGS_MODULE": "hromada.settings",
}


# Variables the production set decides; the caller's environment must not leak them in.
_SET_HERE = (
    "EID_",
    "DJANGO_",
    "SECURE_",
    "ADMIN_",
    "DISABLE_",
    "EMAIL_",
    "DEMO",
    "HTTPS",
    "TASKS_",
)


def run_in_production(args: list[str], **env: str | None) -> subprocess.CompletedProcess[str]:
    """`args` after the Python interpreter; `env` overrides PRODUCTION_ENV (None removes)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(_SET_HERE)}
    base.update(PRODUCTION_ENV)
    for key, value in env.items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return subprocess.run(
        [sys.executable, *args], env=base, capture_output=True, text=True, timeout=180, check=False
    )


def production_settings(code: str, **env: str | None) -> str:
    """Output of `code` run after django.setup() in a production process."""
    # Pages link hashed static files, which need `collectstatic` first; the deployment smoke
    # test covers that, so these checks render with plain static names.
    plain_static = (
        "from django.conf import settings as _s; _s.STORAGES = {**_s.STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}; "
    )
    result = run_in_production(
        ["-c", f"import django; django.setup(); {plain_static}{code}"], **env
    )
    return result.stdout + result.stderr


@contextmanager
def urls_built_with(**overrides: Any) -> Iterator[None]:
    """URL patterns are read once at start-up: rebuild them as a process with these settings."""
    try:
        with override_settings(**overrides):
            importlib.reload(hromada.accounts.urls)
            importlib.reload(hromada.urls)
            clear_url_caches()
            yield
    finally:
        importlib.reload(hromada.accounts.urls)
        importlib.reload(hromada.urls)
        clear_url_caches()
