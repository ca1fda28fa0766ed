"""Money and counts as people write them. Amounts are integers in kopiykas everywhere in Hromada.

Ukrainian groups thousands with a non-breaking space and writes kopiykas after a comma
(1 500 000,50 грн); English groups with commas and writes a decimal point (1,500,000.50 UAH).
The active language decides, so a page, an email and a refusal read alike.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext


def _english() -> bool:
    return (translation.get_language() or "uk").startswith("en")


def group_thousands(number: int) -> str:
    grouped = f"{number:,}"
    # A non-breaking space between thousands, as Ukrainian typography does.
    return grouped if _english() else grouped.replace(",", "\u00a0")


def format_uah(kopiykas: int) -> str:
    """150000050 → '1 500 000,50 грн' ('1,500,000.50 UAH' in English); whole amounts without
    kopiykas."""
    sign = "-" if kopiykas < 0 else ""
    hryvnias, rest = divmod(abs(int(kopiykas)), 100)
    english = _english()
    text = group_thousands(hryvnias) + (f"{'.' if english else ','}{rest:02d}" if rest else "")
    return f"{sign}{text}\u00a0{gettext('грн')}"
