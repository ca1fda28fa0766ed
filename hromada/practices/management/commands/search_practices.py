"""python manage.py search_practices "QUERY" [--json] [--limit N] [--FACET VALUE ...]"""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.practices.search import FACETS, search

TAGS = re.compile(r"</?mark>")


class Command(BaseCommand):
    help = "Search the practices base as the site does; --json for one machine-readable object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--sort", choices=["relevance", "date"], default="relevance")
        for name in FACETS:
            parser.add_argument(
                f"--{name.replace('_', '-')}", dest=name, action="append", default=[]
            )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["limit"] <= 1000:
            raise CommandError("--limit має бути від 1 до 1000 / --limit must be 1..1000")
        filters = {name: options[name] for name in FACETS}
        result = search(options["query"], filters, sort=options["sort"], per_page=options["limit"])
        if options["as_json"]:
            payload = {
                "query": result.query,
                "results": [
                    {
                        "id": hit.practice.pk,
                        "title": hit.practice.title,
                        "score": round(hit.score, 6),
                        "snippet": str(hit.snippet),
                        "url": hit.practice.get_absolute_url(),
                    }
                    for hit in result.hits
                ],
                "total": result.total,
                "facets": result.facet_counts(),
                "suggestion": result.suggestion,
                "ms": result.ms,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{result.total} знайдено / found, {result.ms} ms")
        if result.suggestion:
            self.stdout.write(f"Можливо / did you mean: {result.suggestion}")
        for hit in result.hits:
            self.stdout.write(f"{hit.score:8.3f}  #{hit.practice.pk}  {hit.practice.title}")
            self.stdout.write(f"          {TAGS.sub('*', str(hit.snippet))}")
