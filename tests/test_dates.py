from datetime import date

import pytest

from quote.dates import Month, age_on, parse_date


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(1990, 5, 1), date(2024, 9, 1), 34),
        (date(1990, 5, 1), date(2024, 5, 1), 34),  # the birthday itself completes the year
        (date(1990, 5, 1), date(2024, 4, 30), 33),
        (date(2024, 9, 1), date(2024, 9, 1), 0),
        (date(2000, 2, 29), date(2001, 2, 28), 0),  # convention: a year completes on 1 March
        (date(2000, 2, 29), date(2001, 3, 1), 1),
        (date(2000, 2, 29), date(2004, 2, 29), 4),
    ],
)
def test_age_is_whole_years_completed(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age


def test_age_refuses_birth_after_date() -> None:
    with pytest.raises(ValueError, match="after the pricing date"):
        age_on(date(2025, 1, 1), date(2024, 1, 1))


def test_parse_date() -> None:
    assert parse_date("2024-09-01") == date(2024, 9, 1)
    with pytest.raises(ValueError, match="not a real calendar date"):
        parse_date("2023-02-30")
    with pytest.raises(ValueError, match="form YYYY-MM-DD"):
        parse_date("1/9/2024")


def test_month() -> None:
    assert str(Month.parse("2023-09")) == "2023-09"
    assert Month(2023, 12).next() == Month(2024, 1)
    assert Month(2023, 9) < Month(2024, 1)
    with pytest.raises(ValueError, match="01 to 12"):
        Month.parse("2023-13")
    with pytest.raises(ValueError, match="YYYY-MM"):
        Month.parse("2023-9")
