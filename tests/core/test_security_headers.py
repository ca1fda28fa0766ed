"""Security headers, a strict Content-Security-Policy, local API docs, and a clean --deploy."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

from tests.production import production_settings, run_in_production

TEMPLATES = Path(__file__).resolve().parents[2] / "hromada" / "templates"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def test_deploy_check_is_clean_with_the_documented_production_settings() -> None:
    result = run_in_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_responses_carry_the_security_headers() -> None:
    code = (
        "from django.test import Client; c = Client(); "
        "r = c.get('/api/docs/', secure=True, HTTP_HOST='hromada.example.org'); "
        "print(r.status_code); [print(k + ': ' + v) for k, v in r.headers.items()]; "
        "p = c.get('/api/docs/', HTTP_HOST='hromada.example.org'); "
        "print('plain', p.status_code, p.headers.get('Location'))"
    )
    out = production_settings(code)
    assert out.startswith("200"), out
    assert "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload" in out
    assert "X-Content-Type-Options: nosniff" in out
    assert "Referrer-Policy: same-origin" in out
    assert "X-Frame-Options: DENY" in out
    policy = next(line for line in out.splitlines() if line.startswith("Content-Security-Policy"))
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "plain 301 https://hromada.example.org/api/docs/" in out


def test_production_cookies_are_secure() -> None:
    out = production_settings(
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    assert out.strip().endswith("True True True"), out


def test_every_page_forbids_inline_and_foreign_scripts(client: Client, db: None) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_templates_have_no_inline_script_or_handlers() -> None:
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, re.I):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.name}: {tag}")
        offenders += [f"{template.name}: {m}" for m in re.findall(r"\son\w+\s*=", text, re.I)]
        offenders += [f"{template.name}: {m}" for m in EXTERNAL.findall(text)]
    assert offenders == []


def test_api_docs_load_nothing_from_another_host(client: Client, db: None) -> None:
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert EXTERNAL.findall(html) == []
    assert "<script>" not in html and "<style>" not in html
    bundle = re.search(r'src="/static/([^"]+redoc\.standalone\.js)"', html)
    assert bundle, html
    assert finders.find(bundle.group(1))  # served from the installed sidecar package
