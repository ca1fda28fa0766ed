"""Benchmark: Hromada at a real city's size, served by gunicorn, read by 16 people at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hromada_speed_bench \\
        .venv/bin/python benchmarks/city.py [--ballots 60000] [--requests 20] [--port 8140]

Builds (once; `--rebuild` builds again) a community with 80 admitted projects over three
sub-budgets and BALLOTS ballots (about 5.8 choices each: ~346,000 for 60,000 ballots) straight
with bulk_create, in a PostgreSQL database of its own (created if missing, migrated). The vote
has ended; the results are stored with the real `store_results` action (timed). Then starts
`gunicorn hromada.wsgi -w 2` with DEBUG=0 and DATABASE_CONN_MAX_AGE=60 on 127.0.0.1:PORT,
warms every public page up once, and for each page runs 16 threads x REQUESTS requests
(a bounded loop; it stops by itself), printing p50/p95/max per page. gunicorn is stopped at
the end, whatever happens.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hromada_speed_bench"
SLUG = "bench-city"
READERS = 16
GZIP = False  # --gzip: ask for compressed responses, as browsers do
# (name, ballot rule, K, share of the 80 projects, amount in UAH)
SUB_BUDGETS = [
    ("Малі проєкти", "approval", 4, 36, 6_000_000),
    ("Великі проєкти", "approval", 3, 28, 12_000_000),
    ("Проєкти для молоді", "knapsack", None, 16, 2_000_000),
]


def ensure_database(url: str) -> None:
    """Create the benchmark's own database if it is missing (never touches another one)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _ballot_choices(rng: random.Random, projects: dict[int, list[Any]]) -> list[Any]:
    """One ballot: 1-3 projects in each approval sub-budget, a few within the sum otherwise."""
    chosen: list[Any] = []
    for (_name, rule, k, _share, amount), candidates in zip(
        SUB_BUDGETS, projects.values(), strict=True
    ):
        if rule == "approval":
            # Popular projects get more votes: a skewed pick, as in real votes.
            weights = [1 / (i + 3) for i in range(len(candidates))]
            picks = set(rng.choices(candidates, weights, k=rng.randint(1, k or 1)))
            chosen.extend(picks)
        else:
            left = amount * 100
            for project in rng.sample(candidates, k=rng.randint(0, 3)):
                if project.cost <= left:
                    chosen.append(project)
                    left -= project.cost
    return chosen


def _drop_city() -> None:
    """Remove a previous build: ballots are protected from deletion, so SQL does it in bulk."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("budgeting_ballotchoice", "budgeting_secret_ballot"):
            column = "ballot_id" if table == "budgeting_ballotchoice" else "id"
            cursor.execute(
                f"DELETE FROM {table} WHERE {column} IN (SELECT b.id FROM "  # noqa: S608 (fixed)
                "budgeting_secret_ballot b JOIN budgeting_process p ON p.id = b.process_id "
                "WHERE p.slug = %s)",
                [SLUG],
            )
        cursor.execute(
            "DELETE FROM budgeting_participation WHERE process_id IN "
            "(SELECT id FROM budgeting_process WHERE slug = %s)",
            [SLUG],
        )
    from hromada.accounts.models import User
    from hromada.budgeting.models import Process, Project

    Project.objects.filter(process__slug=SLUG).delete()  # sub-budgets protect their projects
    Process.objects.filter(slug=SLUG).delete()
    User.objects.filter(email__endswith="@city.bench").delete()


def import_practices() -> None:
    """The demo practices, so that the search and entry pages have something to show. The
    import publishes, so it runs as a platform admin (with TOTP on, as staff roles need)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command

    from hromada.accounts.models import User
    from hromada.practices.models import Practice

    if not Practice.objects.exists():
        editor, created = User.objects.get_or_create(
            email="editor@city.bench", defaults={"is_superuser": True, "is_staff": True}
        )
        if created:
            TOTP.activate(editor, generate_totp_secret())
        demo = REPO / "hromada" / "practices" / "demo" / "practices.jsonl"
        call_command("import_practices", str(demo), "--as", editor.email, verbosity=0)


def build_city(ballots: int, seed: int = 12) -> None:
    from django.db import transaction
    from django.utils import timezone

    from hromada.accounts.models import User
    from hromada.budgeting.models import (
        Ballot,
        BallotChoice,
        Participation,
        Process,
        Project,
        SubBudget,
    )
    from hromada.budgeting.receipts import published_voter_id
    from hromada.communities.models import Community
    from hromada.demo.timeline import dates_for_phase

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        _drop_city()
        community, _ = Community.objects.get_or_create(
            slug="bench-city", defaults={"name": "Місто для вимірювань", "oblast": "Київська"}
        )
        process = Process.objects.create(
            community=community,
            title="Бюджет участі міста",
            slug=SLUG,
            total_budget=sum(sb[4] for sb in SUB_BUDGETS) * 100,
            **dates_for_phase("implementation"),
        )
        author = User.objects.create(email="author@city.bench", full_name="Автор проєктів")
        projects: dict[int, list[Project]] = {}
        number = 0
        for position, (name, rule, k, share, amount) in enumerate(SUB_BUDGETS):
            sub_budget = SubBudget.objects.create(
                process=process,
                name=name,
                amount=amount * 100,
                max_cost=amount * 100 // 2,
                ballot_rule=rule,
                max_choices=k,
                position=position,
            )
            rows = []
            for _i in range(share):
                number += 1
                rows.append(
                    Project(
                        process=process,
                        sub_budget=sub_budget,
                        number=number,
                        author=author,
                        title=f"Проєкт {number}: облаштування скверу",
                        description="Опис проєкту. " * 40,
                        cost=rng.randrange(100_000, amount // 6) * 100,
                        location="Центр міста",
                        status=Project.Status.ADMITTED,
                        submitted_at=process.submission_start + timedelta(hours=number),
                    )
                )
            projects[sub_budget.pk] = Project.objects.bulk_create(rows)
        voters = User.objects.bulk_create(
            (
                User(email=f"v{i}@city.bench", password="!", community=community)  # noqa: S106 (unusable)
                for i in range(ballots)
            ),
            batch_size=5000,
        )
        cast = timezone.now() - timedelta(days=15)
        # Who voted apart from what was voted (ballot secrecy: see docs/voting.md).
        Participation.objects.bulk_create(
            (
                Participation(process=process, voter=voter, voter_key=f"{i:064d}", day=cast.date())
                for i, voter in enumerate(voters)
            ),
            batch_size=5000,
        )
        ballot_rows = Ballot.objects.bulk_create(
            (
                Ballot(process=process, public_id=published_voter_id(bench_receipt(i)))
                for i in range(ballots)
            ),
            batch_size=5000,
        )
        choices = [
            BallotChoice(ballot=ballot, project_id=project.pk)
            for ballot in ballot_rows
            for project in _ballot_choices(rng, projects)
        ]
        BallotChoice.objects.bulk_create(choices, batch_size=10000)
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum would do on a live site
        cursor.execute("VACUUM ANALYZE")
    print(
        f"built: 80 projects, {len(ballot_rows)} ballots, {len(choices)} choices "
        f"in {time.perf_counter() - started:.0f} s"
    )


def store_results() -> float:
    from hromada.budgeting import actions
    from hromada.budgeting.models import Process

    process = Process.objects.get(slug=SLUG)
    started = time.perf_counter()
    actions.store_results(process, recompute=True)
    return time.perf_counter() - started


def bench_receipt(i: int) -> str:
    """The receipt of the benchmark's i-th ballot (a real receipt is random)."""
    return f"{i:05d}-CITYB"


def public_pages() -> list[tuple[str, str]]:
    from hromada.budgeting.models import Process
    from hromada.practices.models import Practice

    process = Process.objects.get(slug=SLUG)
    first_sb = process.sub_budgets.order_by("position").first()
    assert first_sb is not None
    pages = [
        ("home", "/"),
        ("process", f"/pb/{SLUG}/"),
        ("project", f"/pb/{SLUG}/projects/7/"),
        ("results", f"/pb/{SLUG}/results/"),
        ("receipt page", f"/pb/{SLUG}/receipt/"),
        (".pb export", f"/pb/{SLUG}/export/{first_sb.pk}.pb"),
        ("API processes", "/api/processes/"),
        ("API process", f"/api/processes/{SLUG}/"),
        ("API results", f"/api/processes/{SLUG}/results/"),
        ("API projects", f"/api/projects/?process={SLUG}"),
        ("practices search", "/practices/?q=бюджет"),
        ("sign-in page", "/accounts/login/"),
    ]
    practice = Practice.objects.filter(status="published").order_by("pk").first()
    if practice is not None:
        pages.append(("practice entry", practice.get_absolute_url()))
    return pages


def start_gunicorn(url: str, port: int) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-secret-key-not-for-production-0123456789",  # noqa: S106
        IDENTIFIER_HASH_KEY="benchmark-only-identifier-key-not-for-production-987",
        # Plain HTTP on this machine, as `make run` serves it; no mail is sent.
        HTTPS="0",
        EMAIL_CONSOLE="1",
        # All readers come from 127.0.0.1: one "client" far above the per-client API limit
        # (the throttle still counts every request, as in production).
        API_RATE_ANON="1000000/minute",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    # Hashed, precompressed static files, as production serves them (as `manage.py serve` does).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [str(REPO / ".venv/bin/gunicorn"), "hromada.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
    )
    for _ in range(100):
        time.sleep(0.3)
        try:
            get(port, "/api/processes/")
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def get(port: int, path: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Accept-Language": "uk", **({"Accept-Encoding": "gzip"} if GZIP else {})}
        conn.request("GET", quote(path, safe="/?=&.-_%"), headers=headers)
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def measure(port: int, path: str, per_reader: int, readers: int = READERS) -> list[float]:
    """`readers` threads, each making `per_reader` requests one after another: ms per request."""
    timings: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()

    def reader() -> None:
        for _ in range(per_reader):
            started = time.perf_counter()
            status, _size = get(port, path)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append(elapsed)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{path}: HTTP {sorted(set(failures))}")
    return timings


def percentile(values: list[float], fraction: float) -> float:
    if fraction == 0.5:
        return round(statistics.median(values), 1)
    ordered = sorted(values)
    return round(ordered[int(fraction * (len(ordered) - 1))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=60_000)
    parser.add_argument("--requests", type=int, default=20, help="per reader and page")
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--rebuild", action="store_true", help="build the city again")
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip")
    args = parser.parse_args()
    global GZIP  # one switch for every request of the run
    GZIP = args.gzip
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL")
    ensure_database(url)
    setup_django(url)
    from hromada.budgeting.models import BallotChoice, Process

    process = Process.objects.filter(slug=SLUG).first()
    if args.rebuild or process is None or process.ballots.count() != args.ballots:
        build_city(args.ballots)
    import_practices()
    choices = BallotChoice.objects.filter(ballot__process__slug=SLUG).count()
    print(f"city: {args.ballots} ballots, {choices} choices")
    print(f"store_results (read every choice, run the engine, write): {store_results():.2f} s")
    pages = public_pages()
    from django.db import connections

    connections.close_all()
    server = start_gunicorn(url, args.port)
    try:
        for _name, path in pages:
            get(args.port, path)  # warm up: imports, first connection, templates
        print(
            f"\none reader x {args.requests} requests (service time), then {READERS} readers x "
            f"{args.requests} requests per page; gunicorn -w 2; "
            f"{'gzip' if GZIP else 'uncompressed'}; load average before: "
            f"{os.getloadavg()[0]:.1f}\n"
        )
        print(
            "| page | alone p50 ms | p50 ms | p95 ms | max ms | size KiB |\n"
            "|---|---:|---:|---:|---:|---:|"
        )
        for name, path in pages:
            _status, size = get(args.port, path)
            alone = measure(args.port, path, args.requests, readers=1)
            timings = measure(args.port, path, args.requests)
            print(
                f"| {name} | {percentile(alone, 0.5)} | {percentile(timings, 0.5)} | "
                f"{percentile(timings, 0.95)} | {percentile(timings, 1.0)} | {size / 1024:.0f} |",
                flush=True,
            )
        print(f"\nload average after: {os.getloadavg()[0]:.1f} (2 cores)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
