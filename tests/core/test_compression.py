"""Text responses are gzipped when the visitor asks for it and has no session; never for a
signed-in person (BREACH: docs/deploy.md, "Compression"), never pictures or static files."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client

from tests.conftest import Personas
from tests.factories import make_process

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def process_page(personas: Personas) -> str:
    return make_process(personas.community, "submission").get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["home", "process", "api"])
def test_anonymous_text_is_gzipped_when_asked_for(process_page: str, address: str) -> None:
    path = {"home": "/", "process": process_page, "api": "/api/processes/"}[address]
    plain = Client().get(path)
    packed = Client().get(path, headers=GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    body = gzip.decompress(packed.content)
    assert len(packed.content) < len(body)
    # The same page but its masked CSRF tokens, which differ in every response.
    assert body.count(b"csrfmiddlewaretoken") == plain.content.count(b"csrfmiddlewaretoken")
    assert packed.headers["Content-Security-Policy"] == plain.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_gzip_header_is_padded_at_random_against_breach(process_page: str) -> None:
    sizes = {len(Client().get("/api/processes/", headers=GZIP).content) for _ in range(12)}
    assert len(sizes) > 1  # Django's "Heal the Breach" filename padding varies the length


@pytest.mark.django_db
def test_signed_in_pages_are_never_compressed(personas: Personas, process_page: str) -> None:
    client = Client()
    client.force_login(personas.resident)
    for path in ("/", process_page, "/api/processes/"):
        response = client.get(path, headers=GZIP)
        assert response.status_code == 200
        assert "Content-Encoding" not in response.headers, path


@pytest.mark.django_db
def test_a_session_without_sign_in_is_not_compressed_either(process_page: str) -> None:
    client = Client()
    client.cookies["sessionid"] = "anything"
    assert "Content-Encoding" not in client.get(process_page, headers=GZIP).headers


@pytest.mark.django_db
def test_only_text_types_are_compressed() -> None:
    from django.http import HttpRequest, HttpResponse

    from hromada.core.middleware import PublicGZipMiddleware

    middleware = PublicGZipMiddleware(lambda request: HttpResponse())
    request = HttpRequest()
    request.META["HTTP_ACCEPT_ENCODING"] = GZIP["Accept-Encoding"]
    for content_type, packed in [
        ("text/html; charset=utf-8", True),
        ("text/plain; charset=utf-8", True),  # the .pb export
        ("application/json", True),
        ("application/vnd.oai.openapi", True),
        ("image/jpeg", False),
        ("application/pdf", False),
    ]:
        response = HttpResponse(b"x" * 2000, content_type=content_type)
        result = middleware.process_response(request, response)
        assert result.has_header("Content-Encoding") is packed, content_type


def test_a_pb_export_is_gzipped_once_for_everyone(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.budgeting import actions
    from hromada.core import middleware
    from tests.budgeting.conftest import move_to, submit
    from tests.factories import verified_resident

    process = make_process(personas.community, "submission", max_projects_per_author=10)
    projects = [
        submit(process, personas.resident, 0, 10_000_000 + i, title=f"Проєкт {i}") for i in range(3)
    ]
    move_to(process, "review")
    for project in projects:
        actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    small = process.sub_budgets.order_by("position")[0]
    first_project = small.projects.order_by("number")[0]
    for _ in range(3):
        voter = verified_resident(personas.community)
        actions.cast_ballot(voter, process, {small.pk: [first_project.pk]})
    move_to(process, "implementation")
    path = f"/pb/{process.slug}/export/{small.pk}.pb"
    calls: list[int] = []
    real = middleware.compress_string

    def counted(data: bytes) -> bytes:
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(middleware, "compress_string", counted)
    plain = Client().get(path)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    signed_in = Client()
    signed_in.force_login(personas.resident)
    first = Client().get(path, headers=GZIP)
    again = signed_in.get(path, headers=GZIP)  # the same public file: compressed for anyone
    assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == gzip.decompress(again.content) == plain.content
    assert first.content == again.content and len(calls) == 1  # compressed once, then cached


def test_static_files_never_reach_the_compressor_and_headers_are_set_before_it() -> None:
    from django.conf import settings

    order = settings.MIDDLEWARE
    gzip_at = order.index("hromada.core.middleware.PublicGZipMiddleware")
    # whitenoise answers static files (precompressed) above it; everything that sets headers or
    # renders a body (CSP, sessions, CSRF, the views) is below it, so it compresses last.
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at
    assert order.index("django.middleware.security.SecurityMiddleware") < gzip_at
    for below in (
        "csp.middleware.CSPMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ):
        assert order.index(below) > gzip_at, below
