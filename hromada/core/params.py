"""Numbers and codes typed by people or forged in a request, read strictly.

Python's int() accepts far more than a form means by "a number": Unicode digits ("²", "١٢"),
surrounding spaces, underscores, and strings of any length (above 4,300 digits it raises
ValueError instead). Every number that comes from a query string, a form or a file goes through
`parse_int`: ASCII digits only, within stated bounds, or None.
"""

from __future__ import annotations

import re

# What a database column can hold: PostgreSQL's integer and bigint.
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1

_ASCII_INTEGER = re.compile(r"-?[0-9]{1,19}")
_ASCII_UNSIGNED = re.compile(r"[0-9]{1,19}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def parse_int(
    raw: object,
    *,
    minimum: int | None = None,
    maximum: int | None = INT64_MAX,
    signed: bool = True,
) -> int | None:
    """`raw` as an int if it is ASCII digits (an optional leading minus unless `signed` is
    False, as in a header where "-0" is as malformed as "-5") within the bounds; otherwise None.
    Never raises, whatever the input."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and (_ASCII_INTEGER if signed else _ASCII_UNSIGNED).fullmatch(raw):
        value = int(raw)
    else:
        return None
    if minimum is not None and value < minimum:
        return None
    if maximum is not None and value > maximum:
        return None
    return value


def parse_page(raw: object) -> int:
    """A page number from a query string: 1 unless it is a positive ASCII number."""
    return parse_int(raw, minimum=1, maximum=INT32_MAX) or 1


def is_slug(raw: object) -> bool:
    """Whether `raw` can be an address slug (ASCII letters, digits, '-', '_'); a NUL byte or
    other oddity is simply not one, so lookups never reach the database with it."""
    return isinstance(raw, str) and _SLUG.fullmatch(raw) is not None


def has_nul(*values: object) -> bool:
    """PostgreSQL text cannot hold NUL (psycopg raises); such input is refused before a query."""
    return any(isinstance(value, str) and "\x00" in value for value in values)
