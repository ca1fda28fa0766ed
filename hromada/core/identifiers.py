"""Keyed hashes of personal identifiers: dedupe works without keeping the number itself."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.utils.translation import gettext as _

_SPACES = re.compile(r"[\s\-]+")


def normalise_identifier(raw: str) -> str:
    """Registers and people type the same number with spaces, dashes or lowercase letters."""
    return _SPACES.sub("", raw).upper()


def hash_identifier(raw: str) -> str:
    key = settings.IDENTIFIER_HASH_KEY.encode()
    return hmac.new(key, normalise_identifier(raw).encode(), hashlib.sha256).hexdigest()


# The identifiers a register may hold, told apart by their shape (a register has one column):
#   РНОКПП (taxpayer number): 10 digits, the last a check digit;
#   паспорт-книжечка: a series of 2 Cyrillic capital letters and 6 digits, e.g. КН123456;
#   ID-картка (passport card): 9 digits.
# Anything else (another document, a typo, a spreadsheet's "3,01E+09") is refused with the list.
RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
_RNOKPP = re.compile(r"[0-9]{10}")
_ID_CARD = re.compile(r"[0-9]{9}")
_BOOKLET = re.compile(r"[А-ЯЄІЇҐ]{2}[0-9]{6}")
_BOOKLET_LATIN = re.compile(r"[A-ZА-ЯЄІЇҐ]{2}[0-9]{6}")


def rnokpp_check_digit(first_nine: str) -> int:
    """The tax service's control digit: the nine digits' weighted sum, mod 11, mod 10."""
    total = sum(w * int(d) for w, d in zip(RNOKPP_WEIGHTS, first_nine, strict=True))
    return total % 11 % 10


def identifier_problem(raw: str) -> str | None:
    """Why `raw` is not an identifier a register may hold, in Ukrainian; None if it is one."""
    value = normalise_identifier(raw)
    if _RNOKPP.fullmatch(value):
        if rnokpp_check_digit(value[:9]) != int(value[9]):
            return _("РНОКПП «%(v)s» з помилкою: не збігається контрольна цифра.") % {"v": value}
        return None
    if _ID_CARD.fullmatch(value) or _BOOKLET.fullmatch(value):
        return None
    if _BOOKLET_LATIN.fullmatch(value):
        return _(
            "Серія паспорта «%(v)s» містить латинські літери; пишіть її кирилицею (як КН123456)."
        ) % {"v": value[:2]}
    return _(
        "«%(v)s» не схоже на РНОКПП (10 цифр), номер ID-картки (9 цифр) чи паспорта "
        "(2 літери й 6 цифр, як КН123456)."
    ) % {"v": value[:40].replace("\x00", "\\0")}


def rnokpp_with_check_digit(first_nine: str) -> str:
    """A well-formed РНОКПП from its first nine digits (demo data and tests)."""
    return first_nine + str(rnokpp_check_digit(first_nine))
