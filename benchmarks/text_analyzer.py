"""Throughput of hromada.text: words/s (uncached, cached), one query, dictionary memory.

    .venv/bin/python benchmarks/text_analyzer.py [--words 60000]

The text is generated from a Ukrainian vocabulary with random inflected forms, so the uncached
figure sees many distinct words as a real knowledge base would. Run on an idle machine: the
figures feed the README's search section (an earlier prototype measured 23k words/s uncached,
70-90k cached, 0.2-0.6 ms a query, ~45 MiB).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hromada.text import Analyzer, tokenize

_STEMS = (
    "громад бюджет рад петиці проєкт проект мешкан жител учасник ініціатив пропозиці "
    "обговоренн консультаці депутат сел школ дит молод голосуванн засідан рішен положенн "
    "програм розвит територі інфраструктур освітленн дорог парк бібліотек майданчик волонтер "
    "співпрац прозоріст звіт кошторис фінансуванн конкурс переможц команд платформ"
)
STEMS = _STEMS.split()
ENDINGS = ["", "а", "и", "і", "у", "ю", "ою", "ей", "ів", "ам", "ами", "ах", "ом", "ого", "ої"]
_WORDS = (
    "міська сільська громадський молодіжна обєднаної територіальної ради бюджету петиції "
    "проєктів голосування мешканців ініціатива і та в на для що про як це"
)
WORDS = _WORDS.split()


def make_text(n_words: int, seed: int = 2019) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(n_words):
        if rng.random() < 0.6:
            out.append(rng.choice(WORDS))
        else:
            out.append(rng.choice(STEMS) + rng.choice(ENDINGS))
    return " ".join(out)


def rss_bytes() -> int:
    """Resident set size (Linux); tracemalloc misses the C DAWG of pymorphy3[fast]."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE")


def dawg_backend() -> str:
    try:
        import dawg  # noqa: F401 - only probing which backend pymorphy3 will use
    except ImportError:
        return "pure-Python dawg2-python"
    return "C DAWG2 (pymorphy3[fast])"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=60_000)
    args = parser.parse_args()
    text = make_text(args.words)
    words = [token.norm for token in tokenize(text)]
    distinct = len(set(words))

    gc.collect()
    rss_before = rss_bytes()
    analyzer = Analyzer()
    started = time.perf_counter()
    analyzer.word_keys("громада", "uk")
    analyzer.word_keys("совет", "ru")
    load_seconds = time.perf_counter() - started
    rss_added = rss_bytes() - rss_before
    # A second, throw-away analyzer under tracemalloc: Python-level allocations only.
    tracemalloc.start()
    probe = Analyzer()
    probe.word_keys("громада", "uk")
    probe.word_keys("совет", "ru")
    dictionaries = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del probe

    # Uncached: a fresh cache for every word (each word analysed from scratch).
    started = time.perf_counter()
    for word in words:
        analyzer._cache.clear()
        analyzer.word_keys(word, "uk")
    uncached = len(words) / (time.perf_counter() - started)

    # Cached: index_text on the whole text, cache warm (tokenising included).
    analyzer.index_text(text, "uk")
    started = time.perf_counter()
    analyzer.index_text(text, "uk")
    cached = len(words) / (time.perf_counter() - started)

    queries = ["громадського бюджету", "петиції молоді", "об’єднаної громади проєкт", "громадсько"]
    timings = []
    for q in queries:
        analyzer._cache.clear()  # a query's words are usually not cached yet
        started = time.perf_counter()
        query = analyzer.parse_query(q)
        query.to_fts5()
        query.to_tsquery()
        timings.append((time.perf_counter() - started) * 1000)
    warm = []
    for _ in range(200):
        started = time.perf_counter()
        analyzer.parse_query(random.choice(queries)).to_fts5()
        warm.append((time.perf_counter() - started) * 1000)

    print(f"text: {len(words)} words, {distinct} distinct")
    print(f"DAWG backend: {dawg_backend()}")
    print(
        f"dictionaries (uk+ru) load: {load_seconds:.2f} s; RSS +{rss_added / 2**20:.1f} MiB "
        f"(Python objects traced: {dictionaries / 2**20:.1f} MiB)"
    )
    print(f"analyzer uncached: {uncached:,.0f} words/s")
    print(f"analyzer cached (index_text): {cached:,.0f} words/s")
    print(
        f"one query, words not cached: {min(timings):.2f}-{max(timings):.2f} ms "
        f"(median {statistics.median(timings):.2f}); cached: {statistics.median(warm):.3f} ms"
    )


if __name__ == "__main__":
    main()
