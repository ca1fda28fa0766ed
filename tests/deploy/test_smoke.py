"""Deployment smoke test: the real server (`manage.py serve`: gunicorn with two workers and the
task worker) on a freshly migrated database — PostgreSQL and Redis when they answer, else SQLite
and per-process memory — then, over HTTP, a login, a ballot and /healthz. A second server
process on the same database and Redis proves that a TOTP code used on one is refused on the
other (allauth's replay protection lives in the shared cache)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
pytestmark = pytest.mark.deploy


def postgres_answers() -> bool:
    import psycopg

    try:
        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


def redis_url() -> str | None:
    """REDIS_URL when set (CI sets it), else the local default server's database 0, if it
    answers. Keys carry a fresh prefix, so nothing collides with another user of it."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return None
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Site:
    env: dict[str, str]
    url: str
    seed: dict[str, Any]
    vendor: str
    redis: bool


def _run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def start_server(env: dict[str, str], port: int, *extra: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [PYTHON, "manage.py", "serve", "--no-collectstatic", f"--port={port}", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped together at the end
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code:
                return server
        except requests.RequestException:  # not listening yet, or workers still booting
            time.sleep(0.2)
    stop_server(server)
    raise AssertionError(f"the server on port {port} did not answer within 20 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=25)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    data = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hromada.settings",
        DEBUG="0",
        DEMO="0",
        HTTPS="0",
        EMAIL_CONSOLE="1",
        SECRET_KEY=uuid.uuid4().hex * 2,
        IDENTIFIER_HASH_KEY=uuid.uuid4().hex * 2,
        DATA_DIR=str(data),
        STATIC_ROOT=str(data / "static"),
        ALLOWED_HOSTS="127.0.0.1",
        CACHE_KEY_PREFIX=f"smoke-{uuid.uuid4().hex}",
        REDIS_URL=redis_url() or "",
        TASKS_IMMEDIATE="0",
    )
    database = f"hromada_smoke_{uuid.uuid4().hex[:12]}" if postgres_answers() else None
    if database:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{data / 'hromada.sqlite3'}"
    server = None
    try:
        # The pages under test need only the site's own static files; the admin's and DRF's
        # take most of collectstatic's time (compressing), so they are left out here. It runs
        # beside the migrations: neither needs the other.
        collect = ["collectstatic", "--noinput", "-v0", "-i", "admin", "-i", "rest_*"]
        collecting = subprocess.Popen(
            [PYTHON, "manage.py", *collect], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        _run(["manage.py", "migrate", "--noinput", "-v0"], env)
        assert collecting.wait(timeout=120) == 0
        seed = json.loads(_run(["-m", "tests.deploy.seed"], env).splitlines()[-1])
        port = free_port()
        server = start_server(env, port, "--workers=2")
        vendor = "postgresql" if database else "sqlite"
        yield Site(env, f"http://127.0.0.1:{port}", seed, vendor, bool(env["REDIS_URL"]))
    finally:
        if server is not None:
            stop_server(server)
        if env["REDIS_URL"]:
            import redis

            keys = redis.Redis.from_url(env["REDIS_URL"])
            for key in keys.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
                keys.delete(key)
        if database:
            import psycopg

            with psycopg.connect(
                "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
            ) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def csrf_token(page: requests.Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


def log_in(base: str, email: str, password: str) -> tuple[requests.Session, requests.Response]:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=10)
    response = session.post(
        f"{base}/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(page), "login": email, "password": password},
        timeout=10,
        allow_redirects=False,
    )
    return session, response


def test_log_in_cast_a_ballot_and_check_health(site: Site) -> None:
    session, response = log_in(site.url, site.seed["resident"], site.seed["password"])
    assert response.status_code == 302, response.text[:500]
    assert "sessionid" in session.cookies

    vote_url = f"{site.url}/pb/{site.seed['process']}/vote/"
    page = session.get(vote_url, timeout=10)
    assert page.status_code == 200
    response = session.post(
        vote_url,
        {"csrfmiddlewaretoken": csrf_token(page), **site.seed["ballot"]},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:800]
    receipt = session.get(site.url + response.headers["Location"], timeout=10)
    assert receipt.status_code == 200
    again = session.get(vote_url, timeout=10)
    assert "Ви вже проголосували" in again.text  # whichever worker answers: one ballot

    css = re.search(r'href="(/static/css/hromada\.[0-9a-f]+\.css)"', page.text)
    assert css, "static files are hashed"
    static = requests.get(site.url + css.group(1), headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert static.headers["Content-Encoding"] == "gzip"
    assert "immutable" in static.headers["Cache-Control"]

    # The seed's review decisions queued emails; the task worker sends them.
    deadline = time.monotonic() + 15
    while True:
        health = requests.get(f"{site.url}/healthz", timeout=10)
        body = health.json()
        if body["tasks"].get("pending") == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert health.status_code == 200, body
    assert body["database"] == {"ok": True, "vendor": site.vendor}
    assert body["cache"]["backend"] == ("RedisCache" if site.redis else "LocMemCache")
    assert body["tasks"]["pending"] == 0, "the task worker has not run the queued emails"


def _use_totp_code(base: str, site: Site, code: str) -> requests.Response:
    session, response = log_in(base, site.seed["reviewer"], site.seed["password"])
    assert response.status_code == 302 and "/2fa/" in response.headers["Location"]
    page = session.get(base + response.headers["Location"], timeout=10)
    return session.post(
        page.url,
        {"csrfmiddlewaretoken": csrf_token(page), "code": code},
        timeout=10,
        allow_redirects=False,
    )


def test_a_totp_code_used_on_one_server_is_refused_on_another(site: Site) -> None:
    if not site.redis:
        pytest.skip("Redis does not answer: each process has its own cache")
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    secret = site.seed["totp_secret"]
    if time.time() % 30 > 22:  # let both logins fall in one 30-second TOTP period
        time.sleep(31 - time.time() % 30)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    port = free_port()
    other = start_server(site.env, port, "--workers=1", "--no-task-worker")
    try:
        first = _use_totp_code(site.url, site, code)
        assert first.status_code == 302, "the code is accepted once"
        second = _use_totp_code(f"http://127.0.0.1:{port}", site, code)
        assert second.status_code == 200, "the same code on the other server is refused"
        assert "code" in second.text.lower()
    finally:
        stop_server(other)
