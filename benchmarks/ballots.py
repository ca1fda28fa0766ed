"""Benchmark: ballots cast through the real vote view, on PostgreSQL, by the production server.

    make bench-ballots                       # or:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hromada_ballots_bench \\
        .venv/bin/python benchmarks/ballots.py [--voters 1600] [--concurrency 32] [--port 8150]

Builds (every run, from scratch) a community with a process in its voting phase: three
sub-budgets (two "up to K" and one money-limited basket) with 30 admitted projects, and VOTERS
verified residents, each signed in with a session of their own (written as the login writes it,
to Redis and the database). Then starts `manage.py serve` (gunicorn, DEBUG off, Redis for
cache and sessions, no task worker) and lets CONCURRENCY threads POST one ballot per voter to
/pb/<slug>/vote/ with keep-alive connections, as browsers do. Reported: ballots/s over the
wall-clock time of the run, p50/p95/p99/max latency of the POST, and the CPU time the web
workers spent per ballot.

Every ballot the server acknowledged (a 302 to the receipt page with a receipt cookie) is then
checked in the database: one anonymous ballot per receipt (found by its published id), with
exactly the projects that were posted, and as many participations as acknowledgements: none
lost, none doubled. The server is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hromada_ballots_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/4"
SLUG = "bench-ballots"
EMAIL_DOMAIN = "ballots.bench"
# (name, ballot rule, K, projects, amount in UAH)
SUB_BUDGETS = [
    ("Малі проєкти", "approval", 3, 12, 3_000_000),
    ("Великі проєкти", "approval", 2, 10, 6_000_000),
    ("Проєкти для молоді", "knapsack", None, 8, 1_000_000),
]
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
    "IDENTIFIER_HASH_KEY": "benchmark-only-identifier-key-not-for-production-987",
    "HTTPS": "0",
    "EMAIL_CONSOLE": "1",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
}


def ensure_database(url: str) -> None:
    """Create the benchmark's own database if it is missing (never touches another one)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str, redis: str) -> None:
    # The same settings as the server: sessions are signed with its SECRET_KEY.
    os.environ.update(SERVER_ENV, DATABASE_URL=url, REDIS_URL=redis)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def drop_previous() -> None:
    """Remove the previous run's process, ballots and voters (ballots are protected rows)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM budgeting_ballotchoice WHERE ballot_id IN (SELECT b.id FROM "
            "budgeting_secret_ballot b JOIN budgeting_process p ON p.id = b.process_id "
            "WHERE p.slug = %s)",
            [SLUG],
        )
        for table in ("budgeting_secret_ballot", "budgeting_participation"):
            cursor.execute(
                f"DELETE FROM {table} WHERE process_id IN "  # noqa: S608 (fixed names)
                "(SELECT id FROM budgeting_process WHERE slug = %s)",
                [SLUG],
            )
    from hromada.accounts.models import User
    from hromada.budgeting.models import Process, Project
    from hromada.communities.models import Community

    Project.objects.filter(process__slug=SLUG).delete()
    Process.objects.filter(slug=SLUG).delete()
    User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
    Community.objects.filter(slug=SLUG).delete()


def build(voters: int, rng: random.Random) -> tuple[Any, list[dict[str, Any]]]:
    """The process and, per voter, a session cookie and the ballot they will post."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils import timezone

    from hromada.accounts.models import User, Verification
    from hromada.budgeting.models import Process, Project, SubBudget
    from hromada.communities.models import Community
    from hromada.demo.timeline import dates_for_phase

    community = Community.objects.create(name="Громада для вимірювань", slug=SLUG)
    author = User.objects.create(email=f"author@{EMAIL_DOMAIN}", password="!")  # noqa: S106
    total = sum(amount for *_, amount in SUB_BUDGETS) * 100
    process = Process.objects.create(
        community=community,
        title="Бюджет участі для вимірювань",
        slug=SLUG,
        total_budget=total,
        **dates_for_phase("voting"),
    )
    groups = []
    number = 0
    for position, (name, rule, k, count, amount) in enumerate(SUB_BUDGETS):
        sub_budget = SubBudget.objects.create(
            process=process,
            name=name,
            amount=amount * 100,
            max_cost=amount * 100,
            ballot_rule=rule,
            max_choices=k,
            position=position,
        )
        projects = []
        for _ in range(count):
            number += 1
            projects.append(
                Project(
                    process=process,
                    sub_budget=sub_budget,
                    number=number,
                    author=author,
                    title=f"Проєкт {number}",
                    description="Опис проєкту для вимірювань.",
                    cost=rng.randint(amount // 10, amount // 3) * 100,
                    location="Центр",
                    status=Project.Status.ADMITTED,
                    submitted_at=timezone.now(),
                )
            )
        groups.append((sub_budget, Project.objects.bulk_create(projects)))
    people = User.objects.bulk_create(
        User(email=f"v{i}@{EMAIL_DOMAIN}", password="!", community=community, birth_year=1980)  # noqa: S106
        for i in range(voters)
    )
    Verification.objects.bulk_create(
        Verification(
            user=person,
            community=community,
            method=Verification.Method.OPERATOR,
            identifier_hash=f"{i:064x}",
        )
        for i, person in enumerate(people)
    )
    backend = "django.contrib.auth.backends.ModelBackend"  # what a password login records
    plan = []
    for person in people:
        session = SessionStore()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.create()
        plan.append({"session": session.session_key, "choices": _choices(groups, rng)})
    return process, plan


def _choices(groups: list[tuple[Any, list[Any]]], rng: random.Random) -> dict[int, list[int]]:
    chosen: dict[int, list[int]] = {}
    for sub_budget, projects in groups:
        if sub_budget.ballot_rule == "approval":
            picks = rng.sample(projects, rng.randint(1, sub_budget.max_choices))
        else:
            picks, left = [], sub_budget.amount
            for project in rng.sample(projects, rng.randint(0, 3)):
                if project.cost <= left:
                    picks.append(project)
                    left -= project.cost
        if picks:
            chosen[sub_budget.pk] = sorted(p.pk for p in picks)
    return chosen


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    from django.conf import settings

    # `serve` collects (and compresses) the static files first: minutes on a loaded machine,
    # and unneeded when an earlier run left them.
    collected = (Path(settings.STATIC_ROOT) / "staticfiles.json").exists()
    server = subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
        [
            sys.executable,
            "manage.py",
            "serve",
            f"--port={port}",
            f"--workers={workers}",
            "--no-task-worker",
            *(["--no-collectstatic"] if collected else []),
        ],
        cwd=REPO,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,  # gunicorn's access log: one line per ballot
    )
    for _ in range(2000):
        time.sleep(0.3)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", f"/pb/{SLUG}/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("manage.py serve did not start") from None
    server.terminate()
    raise SystemExit("manage.py serve did not answer within 10 minutes")


def _process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
                todo.extend(int(child) for child in children)
        except OSError:
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server and all its processes (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for process in _process_tree(pid):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def cpu_seconds_of(command: str) -> float:
    """User + system CPU time of every process whose command name is `command` (e.g. the
    PostgreSQL backends, "postgres"; Redis, "redis-server"), as far as /proc lets us read."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            name, fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        if name.split("(", 1)[1].startswith(command):
            values = fields.split()
            total += int(values[11]) + int(values[12])
    return total / ticks


def cast(port: int, voters: list[dict[str, Any]], out: list[tuple[float, int, str | None]]) -> None:
    """One browser after another on one keep-alive connection: each voter posts a ballot."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    path = f"/pb/{SLUG}/vote/"
    for voter in voters:
        csrf = secrets.token_hex(16)  # Django takes an unmasked 32-character token
        fields = [("csrfmiddlewaretoken", csrf)]
        fields += [(f"sb-{sb}", str(pid)) for sb, ids in voter["choices"].items() for pid in ids]
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={voter['session']}; csrftoken={csrf}",
            "Accept-Language": "uk",
        }
        started = time.perf_counter()
        try:
            conn.request("POST", path, urlencode(fields), headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            out.append((time.perf_counter() - started, 0, None))
            continue
        elapsed = time.perf_counter() - started
        receipt = None
        cookie = SimpleCookie(response.getheader("Set-Cookie") or "")
        if response.status == 302 and "pb_receipt" in cookie:
            receipt = cookie["pb_receipt"].value.split(":", 1)[0]
        voter["receipt"] = receipt
        out.append((elapsed, response.status, receipt))
    conn.close()


def verify(process: Any, plan: list[dict[str, Any]]) -> list[str]:
    """Every acknowledged ballot stored exactly once, as posted; nothing else stored."""
    from hromada.budgeting.models import Ballot, Participation
    from hromada.budgeting.receipts import published_voter_id

    acknowledged = [voter for voter in plan if voter.get("receipt")]
    stored: dict[str, set[int]] = {}
    for public_id, project in Ballot.objects.filter(process=process).values_list(
        "public_id", "choices__project_id"
    ):
        stored.setdefault(public_id, set()).add(project)
    problems = []
    for voter in acknowledged:
        posted = {pid for ids in voter["choices"].values() for pid in ids}
        found = stored.get(published_voter_id(voter["receipt"]))
        if found != posted:
            problems.append(f"receipt {voter['receipt']}: stored {found}, posted {posted}")
    ballots = Ballot.objects.filter(process=process).count()
    participations = Participation.objects.filter(process=process).count()
    if not ballots == participations == len(acknowledged):
        problems.append(
            f"{len(acknowledged)} acknowledged, {ballots} ballots, {participations} participations"
        )
    return problems


def report(
    timings: list[tuple[float, int, str | None]],
    wall: float,
    cpu: float,
    others: dict[str, float],
) -> None:
    ok = [t * 1000 for t, status, receipt in timings if receipt]
    failed = [(status, round(t * 1000)) for t, status, receipt in timings if not receipt]
    ok.sort()

    def pct(p: float) -> float:
        return ok[min(len(ok) - 1, int(p * len(ok)))] if ok else float("nan")

    print(f"ballots acknowledged: {len(ok)} of {len(timings)} in {wall:.1f} s")
    print(f"throughput: {len(ok) / wall:.0f} ballots/s")
    print(
        f"latency ms: p50 {pct(0.50):.0f}, p95 {pct(0.95):.0f}, p99 {pct(0.99):.0f}, "
        f"max {ok[-1] if ok else float('nan'):.0f}, mean {statistics.fmean(ok) if ok else 0:.0f}"
    )
    count = max(1, len(ok))
    print(f"server CPU: {cpu * 1000 / count:.1f} ms per ballot (web workers)")
    for name, seconds in others.items():
        print(f"{name} CPU: {seconds * 1000 / count:.1f} ms per ballot")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} after the run")
    if failed:
        print(f"not acknowledged (status, ms), first 10: {failed[:10]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=1600)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8150))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL")
    ensure_database(url)
    setup_django(url, os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    rng = random.Random(11)  # the same ballots every run
    drop_previous()
    process, plan = build(args.voters, rng)
    print(f"{args.voters} voters, {args.concurrency} at once, {args.workers} gunicorn workers")
    server = start_server(args.port, args.workers)
    try:
        slices = [plan[i :: args.concurrency] for i in range(args.concurrency)]
        timings: list[tuple[float, int, str | None]] = []
        threads = [
            threading.Thread(target=cast, args=(args.port, part, timings)) for part in slices
        ]
        cpu_before = cpu_seconds(server.pid)
        others_before = {name: cpu_seconds_of(name) for name in ("postgres", "redis-server")}
        client_before = time.process_time()
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        cpu = cpu_seconds(server.pid) - cpu_before
        # Where the machine's CPU went: the load generator runs here too, as do the database
        # and Redis (other databases' backends count as well: run it on a quiet machine).
        others = {name: cpu_seconds_of(name) - cpu for name, cpu in others_before.items()}
        others["load generator"] = time.process_time() - client_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(timings, wall, cpu, others)
    problems = verify(process, plan)
    print("stored exactly once: " + ("yes" if not problems else "NO"))
    for problem in problems[:20]:
        print("  " + problem)
    if problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
