"""allauth's hooks. Its emails name the platform, not the host they were requested from
(without the sites framework allauth takes the name from the request's host: "[127.0.0.1] ...",
«Привіт від 127.0.0.1!»), and they go through the same queue as ours, so a slow or broken SMTP
server never holds up a sign-up page."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext

from hromada.core.mail import send_email


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{gettext('Громада')}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        alternatives = getattr(message, "alternatives", [])
        html_body = next((content for content, kind in alternatives if kind == "text/html"), None)
        body = str(message.body)
        if message.content_subtype == "html":  # allauth found only an HTML template
            html_body = body
        send_email(to=message.to, subject=str(message.subject), body=body, html_body=html_body)
