"""Reading practices from JSON Lines: every bad line reported with its number, nothing
imported unless every line is good."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from hromada.practices.actions import PracticeData

REQUIRED = ("title", "body", "language", "kind")
INTEGER_FIELDS = ("year", "year_end", "participants", "money_uah", "projects")
TEXT_FIELDS = ("summary", "place", "contacts", "size_band")


@dataclass
class ParsedFile:
    rows: list[PracticeData]
    related: list[list[str]]  # titles of related entries, per row
    errors: list[str]


def _as_list(value: Any) -> list[str] | None:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def parse_line(
    number: int, text: str, name: str
) -> tuple[PracticeData | None, list[str], list[str]]:
    """(data, related titles, errors) for one line; errors are 'file:line: message'."""
    where = f"{name}:{number}"
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [], [f"{where}: " + _("не JSON (%(e)s)") % {"e": exc.msg}]
    except RecursionError:
        return None, [], [f"{where}: " + _("надто глибока вкладеність JSON")]
    except ValueError:  # an integer longer than Python reads (4,300 digits)
        return None, [], [f"{where}: " + _("число надто довге")]
    if not isinstance(obj, dict):
        return None, [], [f"{where}: " + _("рядок має бути об'єктом JSON")]
    errors = [
        f"{where}: " + _("немає поля «%(f)s»") % {"f": key}
        for key in REQUIRED
        if not isinstance(obj.get(key), str) or not obj[key].strip()
    ]
    fields: dict[str, Any] = {
        key: obj.get(key, "") for key in ("title", "body", "language", "kind")
    }
    for key in TEXT_FIELDS:
        value = obj.get(key) or ""
        if not isinstance(value, str):
            errors.append(f"{where}: " + _("поле «%(f)s» має бути текстом") % {"f": key})
        fields[key] = value if isinstance(value, str) else ""
    # "region" is the import files' name for the oblast.
    oblast = obj.get("region") or obj.get("oblast") or ""
    if not isinstance(oblast, str):
        errors.append(f"{where}: " + _("поле «%(f)s» має бути текстом") % {"f": "region"})
    fields["oblast"] = oblast if isinstance(oblast, str) else ""
    for key in INTEGER_FIELDS:
        value = obj.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            errors.append(f"{where}: " + _("поле «%(f)s» має бути цілим числом") % {"f": key})
            value = None
        fields[key] = value
    for key, target in (("theme", "themes"), ("instrument", "instruments"), ("links", "links")):
        values = _as_list(obj.get(key))
        if values is None:
            errors.append(
                f"{where}: " + _("поле «%(f)s» має бути текстом або списком") % {"f": key}
            )
            values = []
        fields[target] = values
    related = _as_list(obj.get("related")) or []
    if errors:
        return None, related, errors
    data = PracticeData(**fields)
    errors = [f"{where}: {problem}" for problem in data.errors()]
    return (None if errors else data), related, errors


def parse_jsonl(path: Path) -> ParsedFile:
    rows: list[PracticeData] = []
    related: list[list[str]] = []
    errors: list[str] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ParsedFile([], [], [_("%(f)s: файл не знайдено") % {"f": path}])
    except UnicodeDecodeError:
        return ParsedFile([], [], [_("%(f)s: файл не в кодуванні UTF-8") % {"f": path}])
    titles: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        data, row_related, row_errors = parse_line(number, line, path.name)
        errors.extend(row_errors)
        if data is not None:
            if data.title in titles:
                errors.append(
                    f"{path.name}:{number}: "
                    + _("назва повторює рядок %(n)s") % {"n": titles[data.title]}
                )
            titles.setdefault(data.title, number)
            rows.append(data)
            related.append(row_related)
    if not rows and not errors:
        errors.append(_("%(f)s: у файлі немає жодного запису") % {"f": path.name})
    return ParsedFile(rows, related, errors)
