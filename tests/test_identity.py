"""Nordic identity numbers: stdnum's checks, and the gaps filled here."""

from __future__ import annotations

from datetime import date

import pytest

from quote.errors import InputError
from quote.identity import parse_identity

ON = date(2024, 9, 1)

# Check digits: Luhn over YYMMDDSSS (SE), mod 11 twice (NO), mod 31 (FI).
CASES = [
    # SE personnummer, 10 digits: 900501-123 + Luhn digit 5
    ("900501-1235", "SE", "personnummer", date(1990, 5, 1), "19900501-****"),
    ("9005011235", "SE", "personnummer", date(1990, 5, 1), "19900501-****"),
    ("19900501-1235", "SE", "personnummer", date(1990, 5, 1), "19900501-****"),
    ("199005011235", "SE", "personnummer", date(1990, 5, 1), "19900501-****"),
    # SE samordningsnummer: day 01 + 60 = 61; stdnum rejects it, we accept it
    ("900561-1232", "SE", "samordningsnummer", date(1990, 5, 1), "19900501-****"),
    # SE with '+': 100 years or older; 201010 → 1920-10-10, not 2020
    ("201010+4566", "SE", "personnummer", date(1920, 10, 10), "19201010-****"),
    ("20201010-4566", "SE", "personnummer", date(2020, 10, 10), "20201010-****"),
    # A child born on a leap day
    ("160229-7895", "SE", "personnummer", date(2016, 2, 29), "20160229-****"),
    # NO fødselsnummer and D-nummer (day + 40)
    ("01019010046", "NO", "fødselsnummer", date(1990, 1, 1), "010190*****"),
    ("41019010110", "NO", "d-nummer", date(1990, 1, 1), "410190*****"),
    # DK CPR: 7th digit 1 → 1900s
    ("010190-1234", "DK", "cpr", date(1990, 1, 1), "010190-****"),
    # FI HETU: '-' → 1900s, 'A' → 2000s; stdnum has no birth date for HETU
    ("131052-308T", "FI", "hetu", date(1952, 10, 13), "131052-****"),
    ("010112A123H", "FI", "hetu", date(2012, 1, 1), "010112A****"),
    ("010112a123h", "FI", "hetu", date(2012, 1, 1), "010112A****"),
]


@pytest.mark.parametrize(("text", "country", "kind", "born", "masked"), CASES)
def test_parse(text: str, country: str, kind: str, born: date, masked: str) -> None:
    identity = parse_identity(text, ON)
    assert (identity.country, identity.kind, identity.birth_date, identity.masked) == \
        (country, kind, born, masked)
    assert str(identity) == masked
    assert text.replace("-", "").replace("+", "")[-4:].upper() not in repr(identity)


def test_century_follows_the_reference_date_not_the_clock() -> None:
    # 240101-… on 2024-09-01 is 2024; on 2023-12-31 it cannot be 2024, so it is 1924.
    number = "240101-0000"  # Luhn: 240101000 + 0
    assert parse_identity(number, date(2024, 9, 1), "SE").birth_date == date(2024, 1, 1)
    assert parse_identity(number, date(2023, 12, 31), "SE").birth_date == date(1924, 1, 1)


@pytest.mark.parametrize("text", ["900501-1234", "01019010047", "131052-308X", "abc",
                                  "199005011234", "320101-1234"])
def test_invalid_numbers_are_refused_without_echoing(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_identity(text, ON)
    assert info.value.field == "id"
    assert text not in str(info.value)
    assert text[-4:] not in str(info.value)


def test_ambiguous_number_residence_or_country_decides() -> None:
    # 120512-3456: YYMMDD 2012-05-12 with a valid Luhn digit (SE), and DDMMYY 12 May 2012
    # (DK, 7th digit 3 → 1900s… so 1912-05-12). Valid in both, so something must decide.
    number = "120512-3456"
    with pytest.raises(InputError, match=r"more than one country .*--id-country"):
        parse_identity(number, ON)
    assert parse_identity(number, ON, "SE").birth_date == date(2012, 5, 12)
    assert parse_identity(number, ON, "dk").birth_date == date(1912, 5, 12)
    assert parse_identity(number, ON, prefer="SE").country == "SE"
    assert parse_identity(number, ON, prefer="DK").country == "DK"
    with pytest.raises(InputError, match="more than one country"):
        parse_identity(number, ON, prefer="NO")


def test_unknown_country_hint() -> None:
    with pytest.raises(InputError, match="SE, NO, DK, FI"):
        parse_identity("900501-1235", ON, "IS")


def test_not_born_yet() -> None:
    with pytest.raises(InputError):
        parse_identity("010112A123H", date(2011, 1, 1))
