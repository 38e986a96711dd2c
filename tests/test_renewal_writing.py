"""The output's added columns as text, and the rejects' masked identity numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from quote.catalog import kpi_for
from quote.renewal import Pricer, open_book, run_renewal
from quote.renewal.reading import Book
from quote.renewal.writing import hundredths_text, mask_id, output_columns
from quote.tariff import load_tariff

from .conftest import DKV_PATH


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-10**9, 10**9)), min_size=1, max_size=30))
def test_hundredths_are_written_as_decimals_with_two_places(values: list[int | None]) -> None:
    found = pl.DataFrame({"v": values}, schema={"v": pl.Int64}).select(
        hundredths_text(pl.col("v"))).to_series().to_list()
    assert found == [None if v is None else str(Decimal(v).scaleb(-2)) for v in values]


def test_small_and_negative_changes() -> None:
    frame = pl.DataFrame({"v": [0, 5, -5, 100, -100, 12345, -1]})
    assert frame.select(hundredths_text(pl.col("v"))).to_series().to_list() == [
        "0.00", "0.05", "-0.05", "1.00", "-1.00", "123.45", "-0.01"]


def test_ages_are_written_as_whole_numbers() -> None:
    book = Book(Path("b.csv"), ",", ("policy_id",))
    frame = pl.DataFrame({
        "policy_id": ["P1", "P2", "P3", "P4"], "age": [0, 35, 999, 1000],
        "__0bracket": ["0-15"] * 4, "__0factor": ["1.0"] * 4, "__0premium": ["1.00"] * 4,
        "__0ore": [100] * 4, "__current_ore": [None, 100, 50, 200], "__0tariff": ["t"] * 4},
        schema_overrides={"__current_ore": pl.Int64})
    out = frame.select(output_columns(book))
    assert out["age"].to_list() == ["0", "35", "999", "1000"]
    assert out["change_pct"].to_list() == [None, "0.00", "100.00", "-50.00"]


def test_identity_numbers_keep_only_their_birth_date_digits() -> None:
    frame = pl.DataFrame({"id": ["050101-1233", "19050101-1233", "0501011233", None]})
    assert frame.select(mask_id(pl.col("id"))).to_series().to_list() == [
        "050101-****", "19050101-****", "050101****", None]


def test_a_twelve_digit_number_keeps_its_birth_date_only() -> None:
    """19900501-1235: the eight digits of the birth date stay, every later digit is *;
    a ten-digit 900501-1235 keeps six."""
    import polars as pl

    from quote.renewal.writing import mask_id

    ids = pl.DataFrame({"id": ["19900501-1235", "199005011235", "900501-1235"]})
    assert ids.select(mask_id(pl.col("id")))["id"].to_list() == [
        "19900501-****", "19900501****", "900501-****"]


def test_the_output_and_the_rejects_each_get_their_own_format(tmp_path: Path) -> None:
    """`-o out.parquet --rejects rej.csv`: Parquet for the priced rows, CSV for the rest."""
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,birth_date,renewal_date,deductible,smoker\n"
                    "P1,plus,1990-05-01,2025-03-01,0,nej\nP2,guld,1990-05-01,2025-03-01,0,nej\n",
                    encoding="utf-8")
    tariff = load_tariff(DKV_PATH)
    run_renewal(open_book(book, None), None, Pricer([tariff], lambda t: kpi_for(t, None)),
                tmp_path / "out.parquet", tmp_path / "rej.csv")
    assert pl.read_parquet(tmp_path / "out.parquet")["new_premium"].to_list() == ["1085.00"]
    assert (tmp_path / "rej.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        "P2,guld,")
