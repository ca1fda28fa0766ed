"""Reading a community's register of residents from CSV, all-or-nothing.

A register comes from a council's spreadsheet, so the reader is forgiving about form (UTF-8
with or without BOM, "," or ";", spaces around numbers) and strict about content: every problem
is reported with its line number, and one problem rejects the whole file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier, normalise_identifier

MAX_BYTES = 10 * 1024 * 1024  # ~250k rows of a tax number and a year; a city fits
MAX_ERRORS_SHOWN = 50
OLDEST_BIRTH_YEAR = 1900
IDENTIFIER_COLUMN = "identifier"
BIRTH_YEAR_COLUMN = "birth_year"


class RegisterFileInvalid(ActionRefused):
    """The file was rejected; `errors` lists every problem, each a translated sentence."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(_("Файл не прийнято, реєстр не змінено."))
        self.errors = errors


@dataclass
class ParsedRegister:
    # (keyed hash of the identifier, birth year or None), in file order
    rows: list[tuple[str, int | None]] = field(default_factory=list)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        raise RegisterFileInvalid(
            [
                _(
                    "Рядок %(line)s: файл не в кодуванні UTF-8. Збережіть таблицю як "
                    "«CSV UTF-8 (розділювач — кома)» і завантажте знову."
                )
                % {"line": line}
            ]
        ) from None


def _delimiter(header_line: str) -> str:
    # csv.Sniffer guesses wrongly on one-column files and on ids that contain commas, so decide
    # from the header row alone: Ukrainian Excel writes ";", most other tools ",".
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _parse_birth_year(raw: str, line: int, this_year: int) -> tuple[int | None, str | None]:
    value = raw.strip()
    if not value:
        return None, None
    if value.isdigit() and OLDEST_BIRTH_YEAR <= int(value) <= this_year:
        return int(value), None
    return None, _(
        "Рядок %(line)s: рік народження «%(value)s» має бути числом від %(min)s до %(max)s."
    ) % {"line": line, "value": value, "min": OLDEST_BIRTH_YEAR, "max": this_year}


def parse_register(content: bytes) -> ParsedRegister:
    """Parse and hash the whole file, or raise RegisterFileInvalid listing every problem."""
    if len(content) > MAX_BYTES:
        raise RegisterFileInvalid(
            [
                _("Файл завеликий: %(size)s МБ, найбільше можна %(max)s МБ.")
                % {"size": round(len(content) / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
            ]
        )
    text = _decode(content)
    if not text.strip():
        raise RegisterFileInvalid([_("Файл порожній.")])
    header_line = next(line for line in text.splitlines() if line.strip())
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(header_line))
    header: list[str] = []
    for cells in reader:  # the header is the first row that is not blank
        if any(cell.strip() for cell in cells):
            header = [name.strip().lower() for name in cells]
            break
    header_line_number = reader.line_num
    if IDENTIFIER_COLUMN not in header:
        raise RegisterFileInvalid(
            [
                _(
                    "Рядок %(line)s: немає стовпця «identifier». Перший рядок має містити "
                    "назви стовпців: identifier (обов'язковий) і birth_year (необов'язковий)."
                )
                % {"line": header_line_number}
            ]
        )
    id_index = header.index(IDENTIFIER_COLUMN)
    year_index = header.index(BIRTH_YEAR_COLUMN) if BIRTH_YEAR_COLUMN in header else None
    this_year = timezone.localdate().year
    errors: list[str] = []
    parsed = ParsedRegister()
    first_line_of: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets often end with empty rows
        raw_id = cells[id_index] if id_index < len(cells) else ""
        if not normalise_identifier(raw_id):
            errors.append(_("Рядок %(line)s: порожній identifier.") % {"line": line})
            continue
        birth_year, problem = (None, None)
        if year_index is not None and year_index < len(cells):
            birth_year, problem = _parse_birth_year(cells[year_index], line, this_year)
        if problem:
            errors.append(problem)
            continue
        digest = hash_identifier(raw_id)
        if digest in first_line_of:
            errors.append(
                _("Рядок %(line)s: identifier повторює рядок %(first)s.")
                % {"line": line, "first": first_line_of[digest]}
            )
            continue
        first_line_of[digest] = line
        parsed.rows.append((digest, birth_year))
    if not parsed.rows and not errors:
        errors.append(_("У файлі немає жодного рядка з даними, лише заголовок."))
    if errors:
        if len(errors) > MAX_ERRORS_SHOWN:
            hidden = len(errors) - MAX_ERRORS_SHOWN
            errors = [
                *errors[:MAX_ERRORS_SHOWN],
                ngettext(
                    "…і ще %(n)s помилка. Виправте наведені й перевірте файл знову.",
                    "…і ще %(n)s помилок. Виправте наведені й перевірте файл знову.",
                    hidden,
                )
                % {"n": hidden},
            ]
        raise RegisterFileInvalid(errors)
    return parsed
