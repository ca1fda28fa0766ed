"""Benchmark: the practices search on real Ukrainian prose, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/search_real.py [--postgres URL] [--redis URL] [--port 8109]
                                               [--seconds 30]

The corpus (benchmarks/search_corpus.py): 573 real documents of 250-1,500 words (UA-GEC,
CC BY 4.0; Debian's Ukrainian manual pages, GPL-3+), fetched through pip and apt-get and
imported as published practices through the real import action. Known-item queries, the same
on both databases (fixed seed), each with one relevant document, the one it was built from:

- inflected: a rare word (its lemma in at most 3 documents) and a common one (in 2-40% of
  documents) of the target, which together point at the target alone (no other document has
  a lemma of each), each put by pymorphy3 into another form of its lemma that the target
  does not contain ("стовпі вивісять"): does the search bridge the inflection;
- exact: three common words of one sentence of the target, as written there; no other
  document has all three forms, though many have their lemmas: does the ranking prefer the
  very forms typed;
- typo: a rare word of the target with one letter changed, deleted or doubled, a form found
  in no document: "did you mean" must speak (and is scored on whether it gives the word back).

Printed per database: MRR@10 of each set, p50/p95/max of every query timed as its first
search ("did you mean" on, remembered matches cleared), and searches/s through the production
server (`manage.py serve`, 2 gunicorn workers; with --redis, sharing that cache) with 16
concurrent readers asking the search page for the queries in turn, with the server's CPU time
per request (its processes and, on PostgreSQL, the database's).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

SEED = 15
READERS = 16
RARE_DF = 3
COMMON_DF = (0.02, 0.40)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if fraction == 0.5:
        return round(statistics.median(ordered), 1)
    return round(ordered[int(fraction * (len(ordered) - 1))], 1)


class QueryBuilder:
    """Known-item queries from the analysed corpus (see the module docstring)."""

    def __init__(self, documents: list[Any]) -> None:
        from hromada.text import PymorphyLemmatiser, get_analyzer, tokenize

        self.analyzer = get_analyzer()
        uk = self.analyzer._lemmatisers["uk"]
        assert isinstance(uk, PymorphyLemmatiser)
        self.uk = uk
        self.morph = uk.morph
        self.words: list[list[str]] = []  # per document, its normalised words in order
        self.keys: list[set[str]] = []
        df: dict[str, int] = {}
        for document in documents:
            text = f"{document.title}\n{document.body}"
            norms = [token.norm for token in tokenize(text)]
            keys = {k for norm in set(norms) for k in self.analyzer.word_keys(norm, "uk")}
            self.words.append(norms)
            self.keys.append(keys)
            for key in keys:
                df[key] = df.get(key, 0) + 1
        self.df = df
        self.count = len(documents)
        self.bodies = [document.body for document in documents]

    def _word_df(self, norm: str) -> int:
        keys = self.analyzer.word_keys(norm, "uk")
        return max((self.df.get(k, 0) for k in keys), default=0)

    def _candidates(self, target: int) -> list[str]:
        uk = self.uk
        return sorted(
            {
                w
                for w in self.words[target]
                if len(w) >= 5 and w.isalpha() and not w.isascii() and uk.knows(w)
            }
        )

    def _reinflected(self, norm: str, target: int, rng: random.Random) -> str | None:
        from hromada.text import normalise_word

        keys = set(self.analyzer.word_keys(norm, "uk"))
        forms = sorted(
            {normalise_word(form.word) for form in self.morph.parse(norm)[0].lexeme} - {norm}
        )
        present = set(self.words[target])
        usable = [
            f
            for f in forms
            if f not in present and keys & set(self.analyzer.word_keys(f, "uk")) and f.isalpha()
        ]
        return rng.choice(usable) if usable else None

    def inflected(self, target: int, rng: random.Random) -> str | None:
        words = self._candidates(target)
        rare = [w for w in words if 0 < self._word_df(w) <= RARE_DF]
        low, high = (int(f * self.count) for f in COMMON_DF)
        common = [w for w in words if low <= self._word_df(w) <= high]
        if not rare or not common:
            return None
        for _attempt in range(5):
            chosen = [rng.choice(rare), rng.choice(common)]
            if self._holders(chosen) != [target]:
                continue  # the pair must point at the target alone, as a known item does
            forms = [self._reinflected(word, target, rng) for word in chosen]
            if all(forms):
                rng.shuffle(forms)
                return " ".join(f for f in forms if f)
        return None

    def _holders(self, words: list[str]) -> list[int]:
        """The documents that have some lemma of each of `words`."""
        wanted = [set(self.analyzer.word_keys(w, "uk")) for w in words]
        return [i for i, keys in enumerate(self.keys) if all(keys & w for w in wanted)]

    def exact(self, target: int, rng: random.Random) -> str | None:
        words = self.words[target]
        low, high = (int(f * self.count) for f in COMMON_DF)
        for _attempt in range(20):
            start = rng.randrange(max(1, len(words) - 12))
            window = [
                w
                for w in dict.fromkeys(words[start : start + 12])
                if len(w) >= 4 and w.isalpha() and low <= self._word_df(w) <= high
            ]
            if len(window) < 3:
                continue
            chosen = rng.sample(window, 3)
            holders = [i for i, ws in enumerate(self.words) if set(chosen) <= set(ws)]
            if holders == [target]:
                return " ".join(chosen)
        return None

    def typo(self, target: int, rng: random.Random, known: set[str]) -> tuple[str, str] | None:
        rare = [w for w in self._candidates(target) if 0 < self._word_df(w) <= RARE_DF]
        if not rare:
            return None
        word = rng.choice(rare)
        at = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(3)
        letters = "абвгдежзиіклмнопрстуфхцчшщюя"
        if kind == 0:
            typed = word[:at] + rng.choice(letters) + word[at + 1 :]
        elif kind == 1:
            typed = word[:at] + word[at + 1 :]
        else:
            typed = word[:at] + word[at] + word[at:]
        if typed in known or set(self.analyzer.word_keys(typed, None)) & set(self.df):
            return None
        return typed, word

    def build(self, per_set: int) -> dict[str, list[tuple[str, int, str]]]:
        rng = random.Random(SEED)
        known = {w for ws in self.words for w in ws}
        sets: dict[str, list[tuple[str, int, str]]] = {"inflected": [], "exact": [], "typo": []}
        order = list(range(self.count))
        rng.shuffle(order)
        for target in order * 3:
            if len(sets["inflected"]) < per_set and (q := self.inflected(target, rng)):
                sets["inflected"].append((q, target, ""))
            if len(sets["exact"]) < per_set and (q := self.exact(target, rng)):
                sets["exact"].append((q, target, ""))
            if len(sets["typo"]) < per_set // 2 and (typo := self.typo(target, rng, known)):
                sets["typo"].append((typo[0], target, typo[1]))
            if all(len(s) >= (per_set // 2 if n == "typo" else per_set) for n, s in sets.items()):
                break
        return sets


def prepare(per_set: int) -> tuple[dict[str, list[tuple[str, int, str]]], list[int]]:
    """Import the corpus into this process's (empty, migrated) database; build the queries.
    Returns the query sets and the practice id of each document."""
    import search_corpus

    from hromada.practices.actions import PracticeData, import_practices
    from hromada.practices.models import Practice
    from tests.factories import hub_editor  # a practices editor with TOTP, as the hub has

    documents = search_corpus.load()
    ids: list[int] = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
    if len(ids) == len(documents):  # a database this benchmark filled before (--inner reruns)
        return QueryBuilder(documents).build(per_set), ids
    editor = hub_editor()
    for start in range(0, len(documents), 200):
        rows = [
            PracticeData(title=d.title[:200], body=d.body, year=2024)
            for d in documents[start : start + 200]
        ]
        ids.extend(p.pk for p in import_practices(editor, rows))
    return QueryBuilder(documents).build(per_set), ids


def process_cpu_ms(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes (Linux /proc; 10 ms ticks)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        total += int(fields[11]) + int(fields[12])
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def database_pids(database: str) -> list[int]:
    """The PostgreSQL server processes serving connections to `database` (same machine)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    command = cmdline.read().decode(errors="replace")
            except OSError:
                continue
            if command.startswith("postgres: ") and f" {database} " in command:
                found.append(int(entry))
    return found


def judge(sets: dict[str, list[tuple[str, int, str]]], ids: list[int]) -> dict[str, Any]:
    """MRR@10 and the time of each query as its first search: wall clock (what a person
    waits, inflated by whatever else runs on the machine) and this thread's CPU time (what
    the search costs, much less dependent on the load; without the database server's
    share on PostgreSQL, which is given as an average)."""
    from django.db import connection

    from hromada.practices.search import RECENT_MATCHES, search

    report: dict[str, Any] = {}
    all_timings: list[float] = []
    all_cpu: list[float] = []
    backend: list[int] = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = [cursor.fetchone()[0]]
    backend_before = process_cpu_ms(backend)
    for name, queries in sets.items():
        timings, cpu, ranks, helped = [], [], [], 0
        for query, target, meant in queries:
            RECENT_MATCHES.clear()  # each query timed as its first search
            began, began_cpu = time.perf_counter(), time.thread_time()
            result = search(query, per_page=10, snippets=True)
            timings.append((time.perf_counter() - began) * 1000)
            cpu.append((time.thread_time() - began_cpu) * 1000)
            found = [hit.practice.pk for hit in result.hits]
            ranks.append(found.index(ids[target]) + 1 if ids[target] in found else 0)
            if meant and result.suggestion == meant:
                helped += 1
        all_timings += timings
        all_cpu += cpu
        report[name] = {
            "queries": len(queries),
            "mrr10": round(sum(1 / r for r in ranks if r) / max(1, len(ranks)), 3),
            "first": sum(r == 1 for r in ranks),
            "p50_ms": percentile(timings, 0.5),
            "p95_ms": percentile(timings, 0.95),
            "cpu_p50_ms": percentile(cpu, 0.5),
            "cpu_p95_ms": percentile(cpu, 0.95),
        }
        if name == "typo":
            report[name]["suggested_the_word"] = helped
            report[name].pop("mrr10")
            report[name].pop("first")
    report["all"] = {
        "queries": len(all_timings),
        "p50_ms": percentile(all_timings, 0.5),
        "p95_ms": percentile(all_timings, 0.95),
        "max_ms": percentile(all_timings, 1.0),
        "cpu_p50_ms": percentile(all_cpu, 0.5),
        "cpu_p95_ms": percentile(all_cpu, 0.95),
        "cpu_max_ms": percentile(all_cpu, 1.0),
    }
    if backend:
        spent = process_cpu_ms(backend) - backend_before
        report["all"]["database_cpu_ms_per_search"] = round(spent / len(all_timings), 2)
    return report


def serve_env(database_url: str) -> dict[str, str]:
    return dict(
        os.environ,
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-secret-key-not-for-production-0123456789",  # noqa: S106
        IDENTIFIER_HASH_KEY="benchmark-only-identifier-key-not-for-production-987",
        HTTPS="0",
        EMAIL_CONSOLE="1",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        REDIS_URL=os.environ.get("BENCHMARK_REDIS_URL", ""),
        # A prefix of its own per server run: pages a previous run left in Redis are not read.
        CACHE_KEY_PREFIX=f"bench-search-{time.time_ns()}",
    )


def get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Accept-Language": "uk"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def throughput(
    database_url: str, port: int, queries: list[str], seconds: float, distinct: bool = False
) -> dict[str, Any]:
    """Searches/s through `manage.py serve` with READERS readers, each going through the
    queries from its own starting point, until `seconds` have passed. The search page keeps
    rendered results (per process and in the shared cache), so a query asked again is mostly a
    cache hit: with `distinct` every query is asked once, by whichever reader is free, and the
    run ends when they are all asked (every request a first search)."""
    command = [sys.executable, "manage.py", "serve", "--port", str(port), "--no-task-worker"]
    server = subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
        command,
        cwd=REPO,
        env=serve_env(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # collectstatic and two workers: slow on a loaded machine
            time.sleep(0.5)
            try:
                get(port, "/practices/?q=" + quote("громада"))
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("the server did not start") from None
        else:
            raise SystemExit("the server did not answer within 300 s")
        for query in queries[:8]:  # both workers load their dictionaries and vocabularies
            get(port, "/practices/?q=" + quote(query))
        settle([server.pid, *children(server.pid)])
        timings: list[float] = []
        failures: list[int] = []
        lock = threading.Lock()
        deadline = time.perf_counter() + seconds
        # The warm-up's queries were asked already: a distinct run leaves them out.
        pending = iter(queries[8:])

        def reader(offset: int) -> None:
            i = offset
            while time.perf_counter() < deadline:
                if distinct:
                    with lock:
                        query = next(pending, None)
                    if query is None:
                        return
                else:
                    query = queries[i % len(queries)]
                path = "/practices/?q=" + quote(query)
                i += 1
                began = time.perf_counter()
                status = get(port, path)
                with lock:
                    timings.append((time.perf_counter() - began) * 1000)
                    if status != 200:
                        failures.append(status)

        step = max(1, len(queries) // READERS)
        threads = [threading.Thread(target=reader, args=(n * step,)) for n in range(READERS)]
        serving = [server.pid, *children(server.pid)]
        if database_url.startswith("postgres"):
            serving += database_pids(database_url.rsplit("/", 1)[1])
        cpu_before = process_cpu_ms(serving)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        cpu_spent = process_cpu_ms(serving) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "readers": READERS,
        "distinct_queries": distinct,
        "requests": len(timings),
        "searches_per_s": round(len(timings) / elapsed, 1),
        "p50_ms": percentile(timings, 0.5),
        "p95_ms": percentile(timings, 0.95),
        "failures": len(failures),
        # The server's CPU time per request (web workers, and the database server's
        # processes on PostgreSQL), and how many requests/s all of this machine's cores
        # would serve at that cost if nothing else ran on them.
        "cpu_ms_per_request": round(cpu_spent / max(1, len(timings)), 2),
        "cpu_bound_per_s": round(
            (os.cpu_count() or 1) * 1000 / max(0.01, cpu_spent / max(1, len(timings))), 1
        ),
    }


def settle(pids: list[int], idle_ms_per_s: float = 50.0, limit_s: float = 300.0) -> None:
    """Wait until the server's processes are idle: each worker builds its vocabulary and
    analyses every published word in a background thread after its first search (seconds of
    CPU), as a worker that has served for a while has done; timing starts after that."""
    quiet = 0
    began = time.perf_counter()
    while quiet < 2 and time.perf_counter() - began < limit_s:
        before = process_cpu_ms(pids)
        time.sleep(1.0)
        quiet = quiet + 1 if process_cpu_ms(pids) - before < idle_ms_per_s else 0


def children(pid: int) -> list[int]:
    """Every descendant process of `pid` (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            parents.setdefault(parent, []).append(int(entry))
    found, pending = [], [pid]
    while pending:
        for child in parents.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def run_inner(per_set: int, port: int, seconds: float) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    sets, ids = prepare(per_set)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    from hromada.practices.facets import PUBLISHED_FACETS
    from hromada.practices.search import PUBLISHED_VOCABULARY, search

    # Dictionaries loaded, the vocabulary built and its words analysed, as a server's worker
    # has them after its first search (a background thread): not part of any timing.
    search("громада")
    PUBLISHED_VOCABULARY.current(PUBLISHED_FACETS.current())
    report: dict[str, Any] = {"database": connection.vendor, "documents": len(ids)}
    report.update(judge(sets, ids))
    queries = [q for name in ("inflected", "exact", "typo") for q, _t, _m in sets[name]]
    random.Random(SEED).shuffle(queries)
    url = os.environ["DATABASE_URL"]
    if seconds > 0:
        connection.close()
        print(json.dumps(report), file=sys.stderr, flush=True)  # kept if the server fails
        report["served"] = throughput(url, port, queries, seconds)
        report["served_distinct"] = throughput(url, port, queries, seconds, distinct=True)
    return report


def in_subprocess(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="hromada.settings")
    cmd = [
        sys.executable,
        __file__,
        "--inner",
        f"--per-set={args.per_set}",
        f"--port={args.port}",
        f"--seconds={args.seconds}",
    ]
    out = subprocess.run(cmd, env=env, check=False, capture_output=True, text=True)  # noqa: S603
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-set", type=int, default=200)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8109))
    parser.add_argument("--seconds", type=float, default=30.0, help="0: no server run")
    parser.add_argument("--postgres", default="", help="a server URL, e.g. postgres://…/postgres")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--redis", default="", help="the served site's shared cache, e.g. redis://…:6379/11"
    )
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.redis:
        os.environ["BENCHMARK_REDIS_URL"] = args.redis
    if args.inner:
        print(json.dumps(run_inner(args.per_set, args.port, args.seconds)))
        return
    load = os.getloadavg()[0]
    print(json.dumps({"load_average_1min": round(load, 1), "cores": os.cpu_count()}))
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(in_subprocess(f"sqlite:///{folder}/bench.sqlite3", args)))
    if args.postgres:
        import psycopg

        name = f"hromada_search_bench_{os.getpid()}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        try:
            url = args.postgres.rsplit("/", 1)[0] + f"/{name}"
            print(json.dumps(in_subprocess(url, args)))
        finally:
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
