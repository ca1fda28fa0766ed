"""Reading a community's register of residents from CSV, all-or-nothing.

A register comes from a council's spreadsheet, so the reader is forgiving about form (UTF-8
with or without BOM, "," or ";", spaces around numbers, Windows, Unix or old Mac line endings)
and strict about content: CSV quoting must be well formed, every identifier must have the shape
of a document number (core.identifiers.identifier_problem), a birth year is ASCII digits, every
problem is reported with its line number, and one problem rejects the whole file.

An optional `settlement` column names the settlement (or district) of each person's registered
residence, as the community lists it; a register match then confirms the registered residence
there, which is what a residents-only sub-budget asks for (docs/regulation.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.core.errors import ActionRefused
from hromada.core.identifiers import hash_identifier, identifier_problem, normalise_identifier
from hromada.core.params import parse_int

MAX_BYTES = 10 * 1024 * 1024  # ~250k rows of a tax number and a year; a city fits
MAX_ERRORS_SHOWN = 50
MAX_CELL_CHARS = 1000  # a cell longer than this is no identifier or year; csv's own cap is 131,072
OLDEST_BIRTH_YEAR = 1900
IDENTIFIER_COLUMN = "identifier"
BIRTH_YEAR_COLUMN = "birth_year"
SETTLEMENT_COLUMN = "settlement"
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def settlement_key(name: str) -> str:
    """A settlement's name as the register is matched on it: case, spaces and the several
    apostrophes a spreadsheet may hold («Кам’янка», «Кам'янка») do not matter."""
    return " ".join(name.translate(APOSTROPHES).casefold().split())


class RegisterFileInvalid(ActionRefused):
    """The file was rejected; `errors` lists every problem, each a translated sentence."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(_("Файл не прийнято, реєстр не змінено."))
        self.errors = errors


@dataclass
class ParsedRegister:
    # (keyed hash of the identifier, birth year or None, settlement id or None), in file order
    rows: list[tuple[str, int | None, int | None]] = field(default_factory=list)


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
    year = parse_int(value, minimum=OLDEST_BIRTH_YEAR, maximum=this_year)  # ASCII digits only
    if year is not None:
        return year, None
    return None, _(
        "Рядок %(line)s: рік народження «%(value)s» має бути числом від %(min)s до %(max)s."
    ) % {"line": line, "value": value[:20], "min": OLDEST_BIRTH_YEAR, "max": this_year}


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Every row with the line it starts on; a malformed one (an unterminated quote, a cell
    past csv's size limit) is refused with its line number instead of a traceback."""
    # newline="" hands csv the line endings as they are, so "\r" alone (old Mac) ends a row.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            reason = str(exc)
            if "field larger than field limit" in reason:
                message = _("Рядок %(line)s: клітинка завелика (понад 131072 символи).")
            elif "unexpected end of data" in reason or reader.line_num > start:
                message = _(
                    "Рядок %(line)s: лапки відкрито, але не закрито. Перевірте лапки в цьому рядку."
                )
            else:
                message = _("Рядок %(line)s: рядок CSV пошкоджено (лапки в неналежному місці).")
            raise RegisterFileInvalid([message % {"line": start}]) from None
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise RegisterFileInvalid(
                [
                    _("Рядок %(line)s: клітинка довша за %(max)s символів.")
                    % {"line": start, "max": MAX_CELL_CHARS}
                ]
            )
        rows.append((start, cells))


def _columns(rows: list[tuple[int, list[str]]]) -> tuple[int, int | None, int | None]:
    """Take the header (the first row that is not blank) off `rows`; the identifier's, the
    birth year's and the settlement's column positions."""
    header: list[str] = []
    header_line_number = 1
    while rows:
        header_line_number, cells = rows.pop(0)
        if any(cell.strip() for cell in cells):
            header = [name.strip().lower() for name in cells]
            break
    if IDENTIFIER_COLUMN not in header:
        raise RegisterFileInvalid(
            [
                _(
                    "Рядок %(line)s: немає стовпця «identifier». Перший рядок має містити "
                    "назви стовпців: identifier (обов'язковий), birth_year і settlement "
                    "(необов'язкові)."
                )
                % {"line": header_line_number}
            ]
        )
    year_index = header.index(BIRTH_YEAR_COLUMN) if BIRTH_YEAR_COLUMN in header else None
    place_index = header.index(SETTLEMENT_COLUMN) if SETTLEMENT_COLUMN in header else None
    return header.index(IDENTIFIER_COLUMN), year_index, place_index


def _parse_settlement(
    cells: list[str], index: int | None, line: int, settlements: Mapping[str, tuple[int, str]]
) -> tuple[int | None, str | None]:
    raw = cells[index].strip() if index is not None and index < len(cells) else ""
    if not raw:
        return None, None
    found = settlements.get(settlement_key(raw))
    if found is not None:
        return found[0], None
    known = ", ".join(sorted(name for _pk, name in settlements.values())) or "—"
    return None, _(
        "Рядок %(line)s: населеного пункту «%(value)s» немає серед населених пунктів громади "
        "(%(known)s). Виправте назву або залиште клітинку порожньою."
    ) % {"line": line, "value": raw[:60], "known": known}


def parse_register(content: bytes, settlements: Iterable[tuple[int, str]] = ()) -> ParsedRegister:
    """Parse and hash the whole file, or raise RegisterFileInvalid listing every problem.
    `settlements`: the community's settlements as (id, name)."""
    by_key = {settlement_key(name): (pk, name) for pk, name in settlements}
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
    rows = _rows(text, _delimiter(header_line))
    id_index, year_index, place_index = _columns(rows)
    this_year = timezone.localdate().year
    errors: list[str] = []
    parsed = ParsedRegister()
    first_line_of: dict[str, int] = {}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets often end with empty rows
        raw_id = cells[id_index] if id_index < len(cells) else ""
        if not normalise_identifier(raw_id):
            errors.append(_("Рядок %(line)s: порожній identifier.") % {"line": line})
            continue
        problem = identifier_problem(raw_id)
        if problem is None and year_index is not None and year_index < len(cells):
            birth_year, problem = _parse_birth_year(cells[year_index], line, this_year)
        else:
            birth_year = None
            if problem is not None:
                problem = _("Рядок %(line)s: %(problem)s") % {"line": line, "problem": problem}
        settlement_id = None
        if problem is None:
            settlement_id, problem = _parse_settlement(cells, place_index, line, by_key)
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
        parsed.rows.append((digest, birth_year, settlement_id))
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
