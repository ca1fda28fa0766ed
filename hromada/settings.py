"""Hromada's one settings file: every deployment difference comes from the environment.

Typed helpers read the environment; defaults give a working development site on SQLite, and
production refuses to start without a real SECRET_KEY.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hromada.core.secret_file import read_or_create_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The demo app (`load_demo`) and Django serving uploads: on with DEBUG, or DEMO=1 explicitly.
DEMO = env_bool("DEMO", DEBUG)
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        # A fresh machine runs in production mode at once: a random key is kept, readable by
        # this user only, in the data folder. Several hosts must share one SECRET_KEY instead.
        try:
            SECRET_KEY = read_or_create_secret_key(DATA_DIR / "secret_key")
        except (OSError, ValueError) as error:
            raise ImproperlyConfigured(
                f"SECRET_KEY must be set when DEBUG is off (no key in the data folder: {error})"
            ) from None
# Personal identifiers (tax numbers, register ids) are stored only as HMACs under this key.
# Ten-digit numbers are few: whoever holds the key and the hashes can recover every number in
# hours, so production needs its own key, kept apart from SECRET_KEY and from database backups
# (see docs/security.md). Development keeps SECRET_KEY's hashes for its demo data.
IDENTIFIER_HASH_KEY = env_str("IDENTIFIER_HASH_KEY")
if not DEBUG and not IDENTIFIER_HASH_KEY and DEMO:
    # A demo on one machine (`make run`) keeps a generated key beside the secret key. A real
    # deployment sets its own and keeps it out of the database's backups.
    IDENTIFIER_HASH_KEY = read_or_create_secret_key(DATA_DIR / "identifier_hash_key")
if not DEBUG and not IDENTIFIER_HASH_KEY:
    raise ImproperlyConfigured("IDENTIFIER_HASH_KEY must be set when DEBUG is off")
if not DEBUG and IDENTIFIER_HASH_KEY == SECRET_KEY:
    raise ImproperlyConfigured("IDENTIFIER_HASH_KEY must differ from SECRET_KEY")
IDENTIFIER_HASH_KEY = IDENTIFIER_HASH_KEY or SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc served from our own static files, never a CDN
    "csp",
    "django_tasks",
    "django_tasks_db",
    "hromada.core",
    "hromada.accounts",
    "hromada.communities",
    "hromada.budgeting",
    "hromada.practices",
    "hromada.network",
    "hromada.certificates",
    "hromada.events",
    "hromada.academy",
    "hromada.api",
    *(["hromada.demo"] if DEMO else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Per-request answers (hromada/core/request_memo.py), e.g. "has this user TOTP on?".
    "hromada.core.request_memo.RequestMemoMiddleware",
    # Static files are answered here, precompressed, before anything below runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the middleware below returns (their headers are set before it runs);
    # nothing below rewrites a body. Not for signed-in people's pages (docs/deploy.md).
    "hromada.core.middleware.PublicGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hromada.core.middleware.UkrainianByDefaultMiddleware",
    "hromada.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

FORM_RENDERER = "hromada.core.forms.HromadaFormRenderer"
ROOT_URLCONF = "hromada.urls"
WSGI_APPLICATION = "hromada.wsgi.application"
ASGI_APPLICATION = "hromada.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hromada" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hromada.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'hromada.sqlite3'}"),
        # Production keeps connections between requests (checked before reuse); development
        # opens one per request so that a restarted database is never a stale connection.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the development server and a test browser write at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's admin: mounted in development, in production only when asked for; its login page
# is the site's own (two-factor, rate limits).
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", DEBUG)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: log in by email, verify it before the account is used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
# Emails name the platform and travel through the task queue.
ACCOUNT_ADAPTER = "hromada.accounts.adapter.AccountAdapter"
# allauth's own limits (failed logins per account and per IP, sign-ups, password resets, ...)
# count in Django's cache, shared by all workers when it is Redis. A system check refuses
# switching them off with DEBUG=0.
DISABLE_RATE_LIMITS = env_bool("DISABLE_RATE_LIMITS", False)
if DISABLE_RATE_LIMITS:  # browser tests sign up many users quickly
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hromada"
# A code is accepted for one 30-second step either side (RFC 6238's allowance for a phone's clock
# and for a code typed as it turns over); allauth still refuses any code used twice.
MFA_TOTP_TOLERANCE = 1

# Ukrainian first: public e-services must load in Ukrainian whatever the browser asks.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "uk")
LANGUAGES = [("uk", _("Українська")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "hromada" / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Kyiv")
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "hromada" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_root")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, precompressed (gzip and brotli) files through whitenoise, so
    # they can be cached for ever; development serves the source files as they change.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Uploads are served by the reverse proxy in production (docs/deploy.md); Django serves them
# itself only in development and the demo.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG or DEMO)
# Files served only through views that check permission (drafts' attachments); never give this
# folder a URL in a web server.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(DATA_DIR / "private-media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A request body larger than this is refused with 413 before it is read (core.middleware).
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 15 * 1024 * 1024)

EMAIL_HOST = env_str("EMAIL_HOST")
# Printing mail to the console is for development: production without EMAIL_HOST refuses to
# start (hromada.core.checks) unless EMAIL_CONSOLE=1 says so on purpose (the demo does).
EMAIL_CONSOLE = env_bool("EMAIL_CONSOLE", DEBUG)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Громада <noreply@hromada.localhost>")

# The state eID gateway (OpenID Connect style). The simulator is a local stand-in that lets
# anyone claim any identity: it exists only in development or when EID_SIMULATOR=1 says so
# (then every page carries a red banner, and a system check refuses it with DEBUG=0).
# Production names a real adapter and its credentials; with none, eID is simply not offered.
EID_SIMULATOR = env_bool("EID_SIMULATOR", DEBUG)
EID_ADAPTER = env_str("EID_ADAPTER", "simulator" if EID_SIMULATOR else "")
EID_CLIENT_ID = env_str("EID_CLIENT_ID")
EID_CLIENT_SECRET = env_str("EID_CLIENT_SECRET")
EID_ISSUER_URL = env_str("EID_ISSUER_URL")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Open data for everyone, but no single client may take the API down.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_RATE_ANON", "300/minute"),
        "user": env_str("API_RATE_USER", "1200/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hromada API",
    "DESCRIPTION": "Open data of participatory processes",
    "VERSION": "0.1.0",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set: the three roles share the residence bases, and "kind" means a
    # sub-budget's kind in one place and a practice's in another.
    "ENUM_NAME_OVERRIDES": {
        "ResidenceBasisEnum": "hromada.accounts.models.ResidenceBasis",
        "SubBudgetKindEnum": "hromada.budgeting.models.SubBudget.Kind",
        "PracticeKindEnum": "hromada.practices.vocabulary.Kind",
    },
    # Every operation is rate limited (API_RATE_*): the schema says so (hromada.api.schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hromada.api.schema.document_rate_limit",
    ],
}

# Content-Security-Policy, in development too so that an inline script fails at once: every
# script is a static file, nothing loads from another host. Style attributes stay allowed
# (results bars set their width); <style> elements do not. A real eID gateway is reached by
# a redirect after a form post, which form-action must allow.
_FORM_TARGETS = [SELF]
if EID_ISSUER_URL:
    _FORM_TARGETS.append(EID_ISSUER_URL.rstrip("/"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": _FORM_TARGETS,
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Cookies only over HTTPS in production; HTTPS=0 is for serving plain HTTP on this machine
# (`make run`), where a browser would otherwise drop the session cookie and HTTPS redirects and
# HSTS would lock it out.
HTTPS = env_bool("HTTPS", not DEBUG)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
if not DEBUG:
    SESSION_COOKIE_SECURE = HTTPS
    CSRF_COOKIE_SECURE = HTTPS
    SESSION_COOKIE_HTTPONLY = True
    # TLS ends at the proxy in front of gunicorn; it must set X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# Shared state of every worker process: with REDIS_URL the cache (allauth's rate limits and
# TOTP replay protection, eID codes, the practices search version) is one Redis for all of
# them; without it each process has its own memory, right only for a single process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, reusing its Redis client between calls (hromada/core/cache.py).
            "BACKEND": "hromada.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hromada"),
        }
    }
    # A signed-in request reads its session from Redis, not with a query; writes still go to
    # the database too, so a flushed Redis signs no one out. Only with a shared cache: one per
    # process would hand a worker a session another worker has since changed.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (email delivery, reminders): django-tasks with its database backend, run by
# `manage.py db_worker` (`manage.py serve` starts one). TASKS_IMMEDIATE=1 runs each task at
# once in the process that enqueues it (no worker needed; the tests do this).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend"
    }
}
# /healthz reports the queue unhealthy when a task waits longer than this (seconds).
HEALTHZ_MAX_TASK_WAIT = env_int("HEALTHZ_MAX_TASK_WAIT", 300)

CSRF_FAILURE_VIEW = "hromada.core.error_pages.csrf_failure"
# Reviewers are reminded of projects still unreviewed this many days after submission ended.
REVIEW_OVERDUE_DAYS = env_int("REVIEW_OVERDUE_DAYS", 14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # pymorphy3 announces every dictionary it loads; fontTools every glyph it keeps when fpdf2
    # subsets the certificates' font (some 150 lines a certificate).
    "loggers": {"pymorphy3": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
