"""WSGI entry point for gunicorn and friends.

Django runs its system checks only in management commands; a server started straight from
gunicorn (a systemd unit) runs them here, so a misconfigured production site refuses to start
with the check's message instead of losing email quietly.
"""

import os

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
application = get_wsgi_application()

_errors = [message for message in checks.run_checks() if message.is_serious()]
if _errors:
    raise ImproperlyConfigured("\n".join(str(message) for message in _errors))
