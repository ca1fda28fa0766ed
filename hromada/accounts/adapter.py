"""allauth's hooks: its emails name the platform, not the host they were requested from.

Without the sites framework allauth takes the site's name from the request's host, so a
subject read "[127.0.0.1] ..." and a greeting «Привіт від 127.0.0.1!».
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{gettext('Громада')}] {subject}"
