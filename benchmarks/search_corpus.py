"""A corpus of real Ukrainian prose for the search benchmark, fetched and extracted by script.

Two sources, both real text written or translated by people, fetched through package clients
(nothing is committed here but this script):

- UA-GEC 2.1.3 (PyPI package `ua-gec`, licence CC BY 4.0; Syvokon et al., Grammarly): essays,
  blog posts, letters, stories and translations donated by ~500 authors; we use the corrected
  ("target", gec-fluency) text of each document and leave out the ones marked sensitive.
- The Ukrainian manual pages of Debian (`manpages-uk`, `manpages-uk-dev` 4.18, from the
  manpages-l10n project, licence GPL-3+): each page rendered to text with groff and cut at its
  section headings into documents of 250-1,500 words (a long page gives several).

Only documents of 250 to 1,500 words are kept. `python benchmarks/search_corpus.py` prints
the corpus's size; `load(cache)` returns the documents.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

UA_GEC = "ua-gec==2.1.3"
DEBIAN_PACKAGES = ("manpages-uk", "manpages-uk-dev")
MIN_WORDS, MAX_WORDS = 250, 1500
DEFAULT_CACHE = Path("/tmp/hromada-search-corpus")  # noqa: S108 (a download cache only)
_WORD = re.compile(r"\w+")
_TARGET = re.compile(r"ua_gec/data/gec-fluency/(train|test)/target/(\d+)\.a1\.txt")


@dataclass(frozen=True)
class Document:
    key: str  # stable: "ua-gec/0042" or "man/bash.1#3"
    genre: str
    title: str
    body: str


def words(text: str) -> int:
    return len(_WORD.findall(text))


def fetch(cache: Path) -> None:
    """Download the packages into `cache` (once)."""
    cache.mkdir(parents=True, exist_ok=True)
    if not list(cache.glob("ua_gec-*.whl")):
        pip = [sys.executable, "-m", "pip", "download", UA_GEC, "--no-deps", "-d", str(cache)]
        subprocess.run(pip, check=True, capture_output=True)  # noqa: S603
    for package in DEBIAN_PACKAGES:
        if not list(cache.glob(f"{package}_*.deb")):
            if shutil.which("apt-get") is None:
                raise SystemExit(f"apt-get is needed to fetch {package}")
            subprocess.run(["apt-get", "download", package], cwd=cache, check=True)  # noqa: S603, S607
        target = cache / package
        if not target.exists():
            deb = next(cache.glob(f"{package}_*.deb"))
            subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)  # noqa: S603, S607


def ua_gec_documents(cache: Path) -> list[Document]:
    wheel = zipfile.ZipFile(next(cache.glob("ua_gec-*.whl")))
    metadata = wheel.read("ua_gec/data/metadata.csv").decode()
    sensitive = {
        row["id"] for row in csv.DictReader(io.StringIO(metadata)) if row["is_sensitive"] == "1"
    }
    documents = []
    for name in sorted(wheel.namelist()):
        found = _TARGET.fullmatch(name)
        if not found or found.group(2) in sensitive:
            continue
        text = wheel.read(name).decode().strip()
        if not MIN_WORDS <= words(text) <= MAX_WORDS:
            continue
        title, _, body = text.partition("\n")
        if words(title) > 20:  # no title line: the text starts at once
            title, body = " ".join(title.split()[:8]) + "…", text
        documents.append(Document(f"ua-gec/{found.group(2)}", "ua-gec", title.strip(), body))
    return documents


def _render(page: Path) -> str:
    source = gzip.decompress(page.read_bytes())
    rendered = subprocess.run(
        ["groff", "-Tutf8", "-man", "-Kutf8", "-P-cbou"],  # noqa: S607
        input=source,
        capture_output=True,
        check=False,
    )
    return rendered.stdout.decode("utf-8", "replace")


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    upper = stripped == stripped.upper()
    return bool(line) and not line[0].isspace() and upper and len(stripped) < 60


def man_documents(cache: Path) -> list[Document]:
    documents: list[Document] = []
    for package in DEBIAN_PACKAGES:
        for page in sorted((cache / package).glob("usr/share/man/uk/man*/*.gz")):
            name = page.name.removesuffix(".gz")
            sections: list[list[str]] = []
            for line in _render(page).splitlines():
                if _is_heading(line) or not sections:
                    sections.append([line])
                else:
                    sections[-1].append(line)
            chunk: list[str] = []
            for section in sections:
                text = "\n".join(section)
                if chunk and words("\n".join(chunk)) + words(text) > MAX_WORDS:
                    documents.append(_man_document(name, len(documents), chunk))
                    chunk = []
                chunk.append(text)
            if chunk:
                documents.append(_man_document(name, len(documents), chunk))
    return [d for d in documents if MIN_WORDS <= words(d.body) <= MAX_WORDS]


def _man_document(name: str, number: int, sections: list[str]) -> Document:
    headings = [s.splitlines()[0].strip() for s in sections if s.strip()]
    title = f"{name}: {', '.join(h.capitalize() for h in headings[:3] if h)}"
    body = re.sub(r"[ \t]+", " ", "\n".join(sections)).strip()
    return Document(f"man/{name}#{number}", "man", title, body)


def distinct(documents: list[Document], threshold: float = 0.8) -> list[Document]:
    """Without near-copies: several manual pages are one text under two names (`bash` and
    `rbash`, `gzip` and `zcat`, `ping4` and `ping6`), and a known-item query cannot tell which
    of two copies it was built from. A document whose word set shares more than `threshold`
    (Jaccard) with an earlier one is left out."""
    kept: list[tuple[Document, set[str]]] = []
    for document in documents:
        vocabulary = set(_WORD.findall(document.body.lower()))
        if all(
            len(vocabulary & other) <= threshold * len(vocabulary | other) for _d, other in kept
        ):
            kept.append((document, vocabulary))
    return [document for document, _vocabulary in kept]


def load(cache: Path = DEFAULT_CACHE) -> list[Document]:
    fetch(cache)
    return distinct(ua_gec_documents(cache) + man_documents(cache))


if __name__ == "__main__":
    corpus = load()
    total = sum(words(d.body) for d in corpus)
    genres = sorted({d.genre for d in corpus})
    counts = {g: sum(d.genre == g for d in corpus) for g in genres}
    print(f"{len(corpus)} documents, {total} words; {counts}")
