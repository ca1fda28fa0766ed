"""Strings of third-party packages whose Ukrainian translation is missing or weak.

Listing them here puts them into our catalogue (LOCALE_PATHS wins over the packages' own), so
`make messages` keeps them and translators can fix them in one place. Nothing imports this.
"""

from django.utils.translation import gettext_noop

ALLAUTH = [
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
]
