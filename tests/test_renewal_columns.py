"""Column-wise parsing: Swedish identity numbers exactly as quote.identity reads them,
numbers written the Swedish way, ages."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import quote.renewal.columns as columns
from quote.catalog import kpi_for
from quote.dates import parse_date
from quote.errors import InputError
from quote.identity import parse_identity
from quote.renewal import Options, PricedRow, Pricer, open_book, renew_rows, run_renewal
from quote.renewal.columns import (
    age,
    civil_day_numbers,
    current_columns,
    current_ore,
    iso_day_numbers,
    number_text,
    swedish_birth,
)
from quote.tariff import load_tariff

from .conftest import DKV_PATH


def luhn_digit(nine: str) -> str:
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(nine))
    return str((10 - total % 10) % 10)


def personnummer(born: date, serial: int, long: bool = False, sign: str = "-",
                 coordination: bool = False) -> str:
    day = born.day + (60 if coordination else 0)
    body = f"{born:%y%m}{day:02d}{serial:03d}"
    number = f"{body[:6]}{sign}{body[6:]}{luhn_digit(body)}"
    return f"{born.year // 100}{number}" if long else number


def python_birth(text: str, on: date) -> date | None:
    try:
        return parse_identity(text, on, "SE").birth_date
    except InputError:
        return None


def polars_birth(texts: list[str], ons: list[date]) -> list[date | None]:
    frame = pl.DataFrame({"id": texts, "on": ons}, schema={"id": pl.String, "on": pl.Date})
    return swedish_birth(frame, "id", "on").to_list()


numbers = st.builds(
    personnummer, st.dates(date(1900, 1, 1), date(2026, 12, 31)), st.integers(0, 999),
    st.booleans(), st.sampled_from(["-", "+", ""]), st.booleans())
noise = st.text(alphabet="0123456789-+ ", min_size=0, max_size=14)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(numbers, noise, numbers.map(lambda n: n[:-1] + "0")), min_size=1,
                max_size=30),
       st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_swedish_numbers_read_column_wise_exactly_as_parse_identity(texts: list[str],
                                                                    on: date) -> None:
    """Where the column-wise reading finds a date, parse_identity finds the same one (its
    nulls go to parse_identity row by row, so the two never disagree)."""
    found = polars_birth(texts, [on] * len(texts))
    for text, born in zip(texts, found, strict=True):
        if born is not None:
            assert python_birth(text, on) == born, text


def test_an_impossible_date_in_a_number_is_no_birth_date() -> None:
    """Month 13, 30 February, day 0 (the Luhn digit right or not): null, never an error
    for the whole column; a real number beside them is still read."""
    texts = ["901301-1234", "900230-1234", "900500-1234", "900501-1235"]
    assert polars_birth(texts, [date(2025, 3, 1)] * 4) == [None, None, None,
                                                           date(1990, 5, 1)]


def test_born_2001_to_2026_are_swedish_not_danish() -> None:
    # 050101-1233 reads as a Danish date too (5 January 1901): a Swedish book means 2005
    texts = [personnummer(date(y, m, 1), 123) for y in range(2001, 2026) for m in (1, 6, 12)]
    ons = [date(2026, 1, 1)] * len(texts)
    assert polars_birth(texts, ons) == [date(y, m, 1) for y in range(2001, 2026)
                                        for m in (1, 6, 12)]
    assert polars_birth(["050101-1233"], [date(2025, 3, 1)]) == [date(2005, 1, 1)]


def test_swedish_numbers_in_text() -> None:
    texts = ["1 213,00", "1213,00", "1\u00a0213,50", "1\u202f213", "1213.00", "-5", "x"]
    frame = pl.DataFrame({"n": texts})
    assert frame.select(number_text(pl.col("n")))["n"].to_list() == [
        "1213.00", "1213.00", "1213.50", "1213", "1213.00", "-5", "x"]


def test_age_on_the_birthday_and_29_february() -> None:
    # as YYYYMMDD: (20250501 − 19900501) // 10000 = 35; a day earlier 34; born 29 February
    # 2000, on 28 February 2025: 249 999 // 10000 = 24, on 1 March: 250 072 → 25
    frame = pl.DataFrame({"b": ["1990-05-01", "1990-05-01", "2000-02-29", "2000-02-29", "x"],
                          "r": ["2025-05-01", "2025-04-30", "2025-02-28", "2025-03-01",
                                "2025-03-01"]})
    b, r = iso_day_numbers(frame["b"]), iso_day_numbers(frame["r"])
    assert b.to_list()[-1] is None
    assert pl.select(age(pl.lit(b), pl.lit(r)).alias("a"))["a"].to_list() == [35, 34, 24, 25,
                                                                              None]


def test_centenarians_and_the_born_today_are_read_column_wise() -> None:
    """Every valid Swedish number is read column-wise, none left to the row-by-row path:
    a '+' means a hundred years or more (200315+… on 2025-01-01 is 1920-03-15), the
    short form without '+' the latest century not after the renewal day, and someone born
    on the renewal day itself is already born (age 0)."""
    on = date(2025, 1, 1)
    cases = [(date(1920, 3, 15), "+"), (date(1950, 3, 15), "-"), (date(2025, 1, 1), "-"),
             (date(2024, 12, 31), "")]
    texts = [personnummer(born, 123, sign=sign) for born, sign in cases]
    assert polars_birth(texts, [on] * len(texts)) == [born for born, _ in cases]
    assert [python_birth(text, on) for text in texts] == [born for born, _ in cases]


ERA_EDGES = [date(y, 3, 1) + timedelta(days=d) for y in (400, 800, 1200, 1600, 2000, 2400)
             for d in range(-3, 4)] + [date(1970, 1, 1), date(1969, 12, 31), date(1, 1, 1),
                                       date(9999, 12, 31), date(2000, 2, 29), date(2100, 3, 1)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dates(date(1, 1, 1), date(9999, 12, 31)), min_size=1, max_size=50))
@example(ERA_EDGES)
def test_day_numbers_by_arithmetic_are_the_calendars(days: list[date]) -> None:
    """civil_day_numbers (integer arithmetic) against Python's own calendar, the edges of
    its 400-year eras (1 March of 400, 800 … 2400) among them."""
    epoch = date(1970, 1, 1).toordinal()
    found = civil_day_numbers(pl.Series([d.toordinal() - epoch for d in days],
                                        dtype=pl.Int64)).to_list()
    assert found == [d.year * 10000 + d.month * 100 + d.day for d in days]


def test_book_dates_follow_the_same_rule_as_quote_price() -> None:
    """YYYY-MM-DD with spaces around it, a real day; not the looser forms polars takes."""
    texts = ["1990-05-01", " 1990-05-01 ", "2000-02-29", "1990-5-1", "+1990-05-01",
             "19900-5-01", "1990-02-30", "1990/05/01", "", None, "٢٠٢٤-٠١-٠١"]
    found = iso_day_numbers(pl.Series(texts, dtype=pl.String)).to_list()
    assert found == [19900501, 19900501, 20000229] + [None] * 8
    for text, number in zip(texts, found, strict=True):
        try:
            parse_date(text or "")
            accepted = True
        except ValueError:
            accepted = False
        assert accepted == (number is not None), text


CURRENT_CASES = {  # text -> (whole öre or None, bad?)
    "0": (0, False), "-0": (0, False), "1068": (106800, False), "007": (700, False),
    "1000000": (100000000, False), "1000001": (None, True), "-1": (None, True),
    "1000000.00": (100000000, False), "1000000.01": (None, True), "0.00": (0, False),
    "-0.01": (None, True), "1068.5": (106850, False), "1 068,50": (106850, False),
    "1\u00a0068,50": (106850, False), "1068.005": (None, True), "+5": (None, True),
    " 5": (500, False), "abc": (None, True), "99999999999999999999": (None, True),
    "1e3": (None, True), "": (None, False), "999999999999999999": (None, True),
    "99999999999999999.99": (None, True),
}


def test_current_premiums_in_whole_ore_with_their_range() -> None:
    values = pl.Series("current_premium", [*CURRENT_CASES, None], dtype=pl.String)
    found = current_columns(values)
    expected = [*CURRENT_CASES.values(), (None, False)]
    assert list(zip(found["__current_ore"], found["__current_bad"], strict=True)) == expected
    full = current_ore(values)  # the full rule alone, on every case (18 digits among them)
    assert list(zip(full["__current_ore"], full["__current_bad"], strict=True)) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-10, 2_000_000).map(str),
                          st.text(alphabet="0123456789+-., \u00a0", max_size=12)),
                min_size=1, max_size=40))
def test_plain_kronor_are_read_as_the_full_rule_reads_them(texts: list[str | None]) -> None:
    """The quick path (whole kronor) never disagrees with the full rule (current_ore)."""
    values = pl.Series("current_premium", texts, dtype=pl.String)
    assert current_columns(values).equals(current_ore(values))


def test_on_renews_every_row_on_that_day_birthdays_included() -> None:
    """--on 2025-03-15 for someone born 1989-03-15: 36 that very day (bracket 36-40), the
    book's own renewal_date ignored; a day later born is still 35 (31-35)."""
    tariff = load_tariff(DKV_PATH)
    pricer = Pricer([tariff], lambda t: kpi_for(t, None))
    columns = ["policy_id", "product", "birth_date", "renewal_date", "deductible", "smoker"]
    rows = [["P1", "plus", "1989-03-15", "2024-07-01", "0", "nej"],
            ["P2", "plus", "1989-03-16", "2024-07-01", "0", "nej"]]
    results = renew_rows(columns, rows, pricer, Options(on=date(2025, 3, 15)))
    assert all(isinstance(r, PricedRow) for r in results)
    assert [(r.age, r.bracket) for r in results if isinstance(r, PricedRow)] == [
        (36, "36-40"), (35, "31-35")]


def test_an_empty_identity_number_is_a_bad_id_not_a_crash(tmp_path: Path) -> None:
    """An empty `id` field (null once read) is a bad_id reject; it never reaches the
    row-by-row reader, which takes only numbers."""
    tariff = load_tariff(DKV_PATH)
    pricer = Pricer([tariff], lambda t: kpi_for(t, None))
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,id,renewal_date,deductible,smoker\n"
                    "P1,plus,,2025-03-01,0,nej\nP2,plus,19900501-1235,2025-03-01,0,nej\n",
                    encoding="utf-8")
    summary = run_renewal(open_book(book, None), None, pricer, tmp_path / "out.csv",
                          tmp_path / "rej.csv")
    assert (summary.rows_out, summary.rejected) == (1, {"bad_id": 1})


def test_swedish_numbers_never_reach_the_row_by_row_reader(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Valid Swedish numbers (samordningsnummer on the 1st and the 31st among them) are
    read column-wise: the row-by-row reader, slow on a million rows, is never asked."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a Swedish number went to parse_identity")

    monkeypatch.setattr(columns, "parse_identity", refuse)
    on = date(2025, 3, 1)
    born = [date(1985, 7, 1), date(1985, 7, 31), date(2001, 1, 1), date(1990, 5, 1)]
    texts = [personnummer(b, 7, coordination=i < 2) for i, b in enumerate(born)]
    frame = pl.DataFrame({"id": texts, "__renewal_date": [on] * 4, "__id_country": ["SE"] * 4})
    assert columns.birth_from_ids(frame, "SE").to_list() == born
