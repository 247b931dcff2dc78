"""French number formatting: 1 234,5 and 78 % (narrow no-break spaces)."""
from __future__ import annotations

NNBSP = "\u202f"


def number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def percent(value: float, decimals: int = 0) -> str:
    return f"{number(value, decimals)}{NNBSP}%"
