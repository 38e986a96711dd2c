"""Exact money: Decimal kronor, explicit rounding, Swedish and machine formats."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Literal

RoundingUnit = Literal["krona", "ore"]
RoundingMode = Literal["half_up", "half_even"]

UNITS: dict[str, Decimal] = {"krona": Decimal("1"), "ore": Decimal("0.01")}
MODES: dict[str, str] = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}
ORE = UNITS["ore"]


def round_to(value: Decimal, unit: RoundingUnit, mode: RoundingMode = "half_up") -> Decimal:
    """Round ``value`` to a whole ``unit`` (krona or öre); half_up takes 0.5 away from zero."""
    return value.quantize(UNITS[unit], rounding=MODES[mode])


def to_ore(value: Decimal) -> Decimal:
    """Round half-up to whole öre (two decimals): how every amount is shown."""
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """Machine format for JSON and CSV: ``1068.00``."""
    return f"{to_ore(value):.2f}"


def sek(value: Decimal) -> str:
    """Swedish format for people: ``1 068,00 kr`` (space between thousands, decimal comma)."""
    rounded = to_ore(value)
    sign = "-" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}{' '.join(groups)},{frac} kr"


def decimal_sv(value: Decimal, places: int) -> str:
    """A plain number with a decimal comma, e.g. ``1,015978`` (no thousands grouping)."""
    return f"{value:.{places}f}".replace(".", ",")


def pct(value: Decimal) -> str:
    """A percentage without trailing zeros: 25, 12.5."""
    text = f"{value.normalize():f}"
    return text
