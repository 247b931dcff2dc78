"""French formatting, the one place for it in Python: numbers (1 234,5), percentages
(78 %), durations (8 h 05) and dates (20 novembre 2026, 1er décembre 2026).
static/pmesocial/format.js mirrors it, checked against tests/vectors/formatting.json."""
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


def plain_number(x: float) -> str:
    """1 234 for whole numbers, 7,07 otherwise (at most two decimals, no trailing zeros)."""
    if float(x).is_integer():
        return number(x, 0)
    return number(x, 2).rstrip("0").rstrip(",")


def percent(value: float, decimals: int = 0) -> str:
    return f"{number(value, decimals)}{NNBSP}%"


def duration(minutes: int) -> str:
    """530 -> « 8 h 50 », 45 -> « 45 min », 60 -> « 1 h », 65 -> « 1 h 05 »."""
    minutes = int(round(minutes))
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest}{NBSP}min"
    return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


def date_fr(iso: str) -> str:
    """« 2026-11-20 » (or a full timestamp) -> « 20 novembre 2026 »; « 1er » for the first day."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{'1er' if day.day == 1 else day.day}{NBSP}{MONTHS[day.month - 1]} {day.year}"
