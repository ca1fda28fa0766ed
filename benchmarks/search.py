"""Benchmark: the practices search on a generated corpus, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/search.py [--entries 10000] [--queries 200] [--postgres URL]

Builds a throw-away database (a temporary SQLite file; with --postgres, also a temporary
database on that server), generates ENTRIES practices by recombining the demo corpus's
sentences (real Ukrainian, Russian and English morphology), indexes them through the real
import action, then runs the judged demo queries and random word queries, half-typed prefixes
included. Prints indexing throughput, p50/p95/max query time per database (each query timed as
its first search: remembered matches are cleared), the time of the same query again with a
facet ticked, and the memory the analyzer's dictionaries add to a process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "hromada" / "practices" / "demo"


def analyzer_memory() -> dict[str, float]:
    """Memory the dictionaries add (tracemalloc of loading them and analysing a sentence)."""
    sys.path.insert(0, str(REPO))
    from hromada.text import get_analyzer

    tracemalloc.start()
    started = time.perf_counter()
    analyzer = get_analyzer()
    analyzer.index_text("Громадський бюджет і петиції", "uk")
    analyzer.index_text("Бюджет участия и петиции", "ru")
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"analyzer_load_s": round(seconds, 2), "analyzer_mib": round(peak / 2**20, 1)}


def generated_rows(count: int, rng: random.Random) -> list[dict[str, Any]]:
    demo = [
        json.loads(line) for line in (DEMO / "practices.jsonl").read_text().splitlines() if line
    ]
    sentences: dict[str, list[str]] = {}
    for entry in demo:
        for paragraph in entry["body"].split("\n\n"):
            sentences.setdefault(entry["language"], []).extend(
                s.strip() + "." for s in paragraph.split(". ") if len(s) > 20
            )
    rows = []
    for i in range(count):
        template = rng.choice(demo)
        language = template["language"]
        pool = sentences[language]
        body = "\n\n".join(" ".join(rng.sample(pool, 4)) for _ in range(3))
        rows.append(
            {
                **template,
                "title": f"{template['title']} ({i})",
                "body": body,
                "year": rng.randint(2016, 2026),
                "year_end": None,
                "related": [],
            }
        )
    return rows


def queries(rng: random.Random, count: int) -> list[str]:
    judged = [
        json.loads(line)["query"]
        for line in (DEMO / "judgements.jsonl").read_text().splitlines()
        if line
    ]
    words = [w for q in judged for w in q.split() if len(w) > 4]
    mixed = list(judged)
    while len(mixed) < count:
        kind = rng.random()
        if kind < 0.4:
            mixed.append(" ".join(rng.sample(words, 2)) + " ")
        elif kind < 0.7:
            word = rng.choice(words)
            mixed.append(word[: max(4, len(word) - 3)])  # half-typed
        else:
            mixed.append(rng.choice(words) + " ")
    return mixed[:count]


def percentile(values: list[float], fraction: float) -> float:
    """The value at `fraction` of the sorted values (0.5: the median), in ms to 0.1."""
    if fraction == 0.5:
        return round(statistics.median(values), 1)
    ordered = sorted(values)
    return round(ordered[int(fraction * (len(ordered) - 1))], 1)


def run_on_this_database(entries: int, query_count: int) -> dict[str, Any]:
    """Runs inside a process whose DATABASE_URL points at an empty database."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from hromada.accounts.models import User
    from hromada.practices.actions import import_practices
    from hromada.practices.importing import parse_line
    from hromada.practices.search import RECENT_MATCHES, search

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    rows = []
    for number, row in enumerate(generated_rows(entries, rng), start=1):
        data, _related, errors = parse_line(number, json.dumps(row, ensure_ascii=False), "gen")
        assert data is not None, errors
        rows.append(data)
    search("прогрів")  # load the dictionaries before timing
    # The import is a hub editor's action; a platform admin may make it.
    editor = User.objects.create_superuser(email="bench@example.org", password=None)
    started = time.perf_counter()
    for start in range(0, len(rows), 500):
        import_practices(editor, rows[start : start + 500])
    index_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load (on PostgreSQL VACUUM also marks pages
        # all-visible, which index-only scans need).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    timings = []
    refined = []  # the same query again with a facet ticked (or the next page)
    totals = []
    for query in queries(rng, query_count):
        RECENT_MATCHES.clear()  # every query is timed as its first search
        began = time.perf_counter()
        result = search(query)
        timings.append((time.perf_counter() - began) * 1000)
        totals.append(result.total)
        began = time.perf_counter()
        search(query, {"language": ["uk"]})
        refined.append((time.perf_counter() - began) * 1000)
    return {
        "database": connection.vendor,
        "entries": entries,
        "index_entries_per_s": round(entries / index_seconds, 1),
        "index_seconds": round(index_seconds, 1),
        "queries": len(timings),
        "p50_ms": percentile(timings, 0.5),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": percentile(timings, 1.0),
        "refined_p50_ms": percentile(refined, 0.5),
        "refined_p95_ms": percentile(refined, 0.95),
        "mean_hits": round(statistics.mean(totals), 1),
    }


def in_subprocess(database_url: str, entries: int, query_count: int) -> dict[str, Any]:
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="hromada.settings")
    cmd = [
        sys.executable,
        __file__,
        "--inner",
        "--entries",
        str(entries),
        "--queries",
        str(query_count),
    ]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--postgres",
        default="",
        help="a server URL, e.g. postgres://postgres@127.0.0.1:5432/postgres",
    )
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(run_on_this_database(args.entries, args.queries)))
        return
    print(json.dumps(analyzer_memory()))
    with tempfile.TemporaryDirectory() as folder:
        result = in_subprocess(f"sqlite:///{folder}/bench.sqlite3", args.entries, args.queries)
        print(json.dumps(result))
    if args.postgres:
        import psycopg

        name = f"hromada_bench_{os.getpid()}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        try:
            url = args.postgres.rsplit("/", 1)[0] + f"/{name}"
            print(json.dumps(in_subprocess(url, args.entries, args.queries)))
        finally:
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
