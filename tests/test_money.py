from decimal import Decimal

import pytest

from quote.money import decimal_sv, pct, plain, round_to, sek, to_ore


@pytest.mark.parametrize(
    ("value", "unit", "mode", "expected"),
    [
        ("1085.065", "krona", "half_up", "1085"),
        ("922.5", "krona", "half_up", "923"),  # half-up: .5 goes up
        ("922.5", "krona", "half_even", "922"),  # half-even would keep the even krona
        ("936.845", "ore", "half_up", "936.85"),
        ("936.845", "ore", "half_even", "936.84"),
        ("-0.005", "ore", "half_up", "-0.01"),  # away from zero, so steps stay symmetric
    ],
)
def test_round_to(value: str, unit: str, mode: str, expected: str) -> None:
    assert round_to(Decimal(value), unit, mode) == Decimal(expected)  # type: ignore[arg-type]


def test_to_ore_is_half_up() -> None:
    assert to_ore(Decimal("1.005")) == Decimal("1.01")
    assert to_ore(Decimal("1.0049")) == Decimal("1.00")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1125", "1 125,00 kr"),
        ("0", "0,00 kr"),
        ("999.999", "1 000,00 kr"),
        ("1234567.5", "1 234 567,50 kr"),
        ("-210", "-210,00 kr"),
        ("65", "65,00 kr"),
    ],
)
def test_sek_is_swedish(value: str, expected: str) -> None:
    assert sek(Decimal(value)) == expected


def test_plain_and_other_formats() -> None:
    assert plain(Decimal("1125")) == "1125.00"
    assert plain(Decimal("3438.745")) == "3438.75"
    assert decimal_sv(Decimal("1.0159784340"), 6) == "1,015978"
    assert pct(Decimal("25.0")) == "25"
    assert pct(Decimal("12.50")) == "12.5"
