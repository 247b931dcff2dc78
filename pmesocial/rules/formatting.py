"""French formatting, the one place for it in Python: numbers (1 234,5), percentages
(78 %), values with their unit (38 ans, 3ᵉ), durations (8 h 05) and dates
(20 novembre 2026, 1er décembre 2026, juillet 2010).
static/pmesocial/rules/format.js mirrors it, checked against tests/vectors/formatting.json.

Spaces: a narrow no-break space (U+202F) groups thousands and comes before %, as in
« 1 234 » and « 78 % »; a no-break space (U+00A0) joins a number to its unit word
(« 38 ans », « 8 h 50 ») and a day to its month."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NNBSP = "\u202f"  # narrow no-break space: thousands, and before % ; : ! ?
NBSP = "\u00a0"   # no-break space: between a number and its unit
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def number(value: float, decimals: int = 0) -> str:
    """Rounded half away from zero on the exact binary value, as JavaScript's toFixed does,
    so that both front ends print the same digits."""
    rounded = Decimal(float(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def decimal(x: float, most: int = 2) -> str:
    """At most `most` decimals, without trailing zeros: 1 234, 7,07, 95,5."""
    if float(x).is_integer():
        return number(x, 0)
    return number(x, most).rstrip("0").rstrip(",")


def plain_number(x: float) -> str:
    """1 234 for whole numbers, 7,07 otherwise (at most two decimals, no trailing zeros)."""
    return decimal(x, 2)


def percent(value: float, decimals: int = 0) -> str:
    return f"{number(value, decimals)}{NNBSP}%"


def with_unit(x: float, unit: str) -> str:
    """A figure with its unit: 7,07 %, 500 millions, 38 ans, 3ᵉ, 1er, 2016."""
    if unit == "%":
        return f"{plain_number(x)}{NNBSP}%"
    if unit == "rang":
        return "1er" if x == 1 else f"{plain_number(x)}ᵉ"
    if unit == "année":
        return str(int(x))
    if unit == "années":
        return f"{plain_number(x)}{NBSP}ans"
    return f"{plain_number(x)}{NBSP}{unit}" if unit else plain_number(x)


def duration(minutes: int) -> str:
    """530 -> « 8 h 50 », 45 -> « 45 min », 60 -> « 1 h », 65 -> « 1 h 05 »."""
    minutes = int(round(minutes))
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest}{NBSP}min"
    return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


def date_fr(iso: str) -> str:
    """« 2026-11-20 » (or a full timestamp) -> « 20 novembre 2026 »; « 1er » for the first day;
    « 2010-07 » -> « juillet 2010 »; « 2010 » -> « 2010 »; anything else as it is."""
    text = str(iso or "")
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
        return f"{MONTHS[int(text[5:]) - 1]} {text[:4]}"
    if len(text) < 10:
        return text
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{'1er' if day.day == 1 else day.day}{NBSP}{MONTHS[day.month - 1]} {day.year}"
