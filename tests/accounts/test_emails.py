"""allauth's emails as people receive them: the platform's name, not the host it was asked from;
subjects in sentence case; a greeting and a signature in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import translation

from tests.factories import PASSWORD, UserFactory

TEMPLATES = Path(settings.BASE_DIR) / "hromada" / "templates"
PREFIXES = sorted(
    str(path.relative_to(TEMPLATES)).removesuffix("_subject.txt")
    for path in TEMPLATES.glob("*/email/*_subject.txt")
)
CONTEXT = {
    "user": None,
    "email": "someone@example.org",
    "activate_url": "https://hromada.example/confirm/KEY/",
    "password_reset_url": "https://hromada.example/reset/KEY/",
    "signup_url": "https://hromada.example/accounts/signup/",
    "code": "",
    "ip": "203.0.113.5",
    "user_agent": "Firefox",
    "timestamp": "2026-11-29",
}


def _client(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _title_case_words(subject: str) -> list[str]:
    """Capitalised words after the first, the mark of an English title translated word for
    word ("Підтвердіть Вашу Адресу")."""
    words = re.findall(r"[^\W\d_]+", subject.split("] ", 1)[-1])
    return [word for word in words[1:] if word[0].isupper() and word not in {"Громада", "Hromada"}]


def test_every_allauth_email_we_send_has_our_subject() -> None:
    # The emails allauth sends in this configuration (and their MFA notices).
    assert "account/email/email_confirmation" in PREFIXES
    assert "account/email/password_reset_key" in PREFIXES
    assert "mfa/email/totp_activated" in PREFIXES


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(("language", "name"), [("uk", "Громада"), ("en", "Hromada")])
def test_subjects_name_the_platform_in_sentence_case(prefix: str, language: str, name: str) -> None:
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")
    with translation.override(language), request_context(request):
        message = get_adapter().render_mail(prefix, "someone@example.org", dict(CONTEXT))
    assert message.subject.startswith(f"[{name}] ")
    assert "127.0.0.1" not in message.subject
    assert not _title_case_words(message.subject), message.subject


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "greeting", "signature"),
    [
        ("uk", "[Громада] Підтвердьте адресу електронної пошти", "Вітаємо!", "«Громада»"),
        ("en", "[Hromada] Confirm your email address", "Hello!", "Hromada"),
    ],
)
def test_sign_up_confirmation_email(
    language: str, subject: str, greeting: str, signature: str
) -> None:
    response = _client(language).post(
        "/accounts/signup/",
        {"email": f"new-{language}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="127.0.0.1",
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == subject
    assert message.body.startswith(greeting)
    assert signature in message.body.splitlines()[-1]
    assert "127.0.0.1" not in message.body.replace("http://127.0.0.1/", "")
    assert "http://127.0.0.1/accounts/confirm-email/" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("uk", "[Громада] Відновлення пароля", "Вітаємо!"),
        ("en", "[Hromada] Password reset", "Hello!"),
    ],
)
def test_password_reset_email(language: str, subject: str, greeting: str) -> None:
    UserFactory.create(email=f"forgot-{language}@example.org")  # a rate limit per address
    _client(language).post("/accounts/password/reset/", {"email": f"forgot-{language}@example.org"})
    (message,) = mail.outbox
    assert message.subject == subject
    assert message.body.startswith(greeting)
    assert "/accounts/password/reset/key/" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/accounts/login/", 'Ще не маєте облікового запису? <a href="/accounts/signup/">'),
        (
            "/accounts/signup/",
            'Уже маєте обліковий запис? <a href="/accounts/login/">Увійдіть</a>.',
        ),
    ],
)
def test_entrance_pages_link_each_other_without_a_stray_space(path: str, sentence: str) -> None:
    html = Client().get(path).content.decode()
    assert sentence in html
    assert " </a>." not in html and "\n</a>." not in html


@pytest.mark.django_db
def test_password_change_page_is_in_sentence_case() -> None:
    client = Client()
    client.force_login(UserFactory.create())
    html = client.get("/accounts/password/change/").content.decode()
    assert "Поточний пароль" in html
    assert "Поточний Пароль" not in html
    assert "Пароль не може складатися лише з цифр." in html  # Django says "складається"
