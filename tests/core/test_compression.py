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
