"""Money as Ukrainians write it. Amounts are integers in kopiykas everywhere in Hromada."""

from __future__ import annotations


def group_thousands(number: int) -> str:
    # A non-breaking space between thousands, as Ukrainian typography does.
    return f"{number:,}".replace(",", "\u00a0")


def format_uah(kopiykas: int) -> str:
    """150000050 → '1 500 000,50 грн'; whole amounts without kopiykas."""
    sign = "-" if kopiykas < 0 else ""
    hryvnias, rest = divmod(abs(int(kopiykas)), 100)
    text = group_thousands(hryvnias) + (f",{rest:02d}" if rest else "")
    return f"{sign}{text}\u00a0грн"
