"""Pricing distinct keys: numbers in range, the hash key checked for collisions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from quote.indexation import load_kpi
from quote.renewal.columns import PRICING, Tuples, one_tuple_per_hash
from quote.renewal.lookup import Pricer, number, parse_bool
from quote.tariff import load_tariff

from .conftest import DKV_PATH, MINI_KPI_PATH, mini_tariff_variant


def test_numbers_have_sane_ranges() -> None:
    assert number("12.5", Decimal(1000)) == Decimal("12.5")
    assert number("1e30", Decimal(1000)) is None
    assert number("1e5000", Decimal(1000)) is None
    assert number("9" * 5000, Decimal(1000)) is None
    assert number("nan", Decimal(1000)) is None
    assert number("-1000", Decimal(1000)) == -1000  # the sign is the engine's to judge
    # Up to 40 characters are read (leading zeros and all), longer text is no number.
    assert number("0" * 36 + "12.5", Decimal(1000)) == Decimal("12.5")
    assert number("0" * 37 + "12.5", Decimal(1000)) is None


def test_booleans() -> None:
    assert [parse_bool(v) for v in ("JA", " nej ", "1", "kanske")] == [True, False, True, None]


def test_two_tuples_with_one_hash_stop_the_run() -> None:
    """Within a frame: a row whose second hash is not its representative's."""
    rows = pl.DataFrame({"__t": [7, 7], "__t2": [1, 2], "__t2_seen": [1, 1]})
    with pytest.raises(RuntimeError, match="share a hash"):
        one_tuple_per_hash(rows)
    one_tuple_per_hash(rows.head(1).vstack(rows.head(1)))  # the same tuple twice is fine


def test_two_tuples_with_one_hash_in_two_frames_stop_the_run() -> None:
    tuples = Tuples()

    def fields(t2: int) -> pl.DataFrame:
        return pl.DataFrame({"__t": [7], "__t2": [t2], "__idx": [0], "__year": [2025],
                             **{k: ["x"] for k in PRICING[2:]}})

    tuples.record(fields(1))
    tuples.record(fields(1))  # seen again in a later frame: fine
    assert tuples.pricing(7) == (0, 2025, "x", "x", "x", "x")
    with pytest.raises(RuntimeError, match="share a hash"):
        tuples.record(fields(2))


def test_each_rows_bracket_is_its_versions_bracket_for_its_age(tmp_path: Path) -> None:
    """Two versions with different brackets (the second with a one-year first bracket and
    an earlier last one): every age, past the last bracket's start too, gets the bracket
    ``Tariff.bracket_for`` gives, by position and lowest age."""
    later = mini_tariff_variant(tmp_path / "later.yaml", one_year_first_bracket=True,
                                effective_from="2030-01-01")
    versions = [load_tariff(DKV_PATH), load_tariff(later)]
    pricer = Pricer(versions, lambda t: load_kpi(MINI_KPI_PATH))
    assert [v.brackets[-1].low for v in pricer.versions] == [71, 67]
    ages = list(range(0, 131))
    frame = pl.DataFrame({"__idx": [i for i in (0, 1) for _ in ages] + [None, 0],
                          "age": ages * 2 + [30, None]},
                         schema={"__idx": pl.Int16, "age": pl.Int64})
    position, low = pricer.bracket_columns(pl.col("__idx"), pl.col("age"))
    found = frame.select(position.alias("p"), low.alias("low"))
    expected = [(pricer.versions[i].brackets.index(pricer.versions[i].bracket_for(a)),
                 pricer.versions[i].bracket_for(a).low) for i in (0, 1) for a in ages]
    assert list(zip(found["p"], found["low"], strict=True)) == [*expected, (None, None),
                                                                (None, None)]


def test_the_version_in_force_from_its_first_day(tmp_path: Path) -> None:
    """A version taking effect mid-month (2030-01-15) is in force from that day, not a
    day before; before the first version (2024-06-01) none is."""
    later = mini_tariff_variant(tmp_path / "later.yaml", effective_from="2030-01-15")
    versions = [load_tariff(DKV_PATH), load_tariff(later)]
    pricer = Pricer(versions, lambda t: load_kpi(MINI_KPI_PATH))
    days = pl.DataFrame({"d": [20240531, 20240601, 20300114, 20300115, 20300116]})
    found = days.select(pricer.version_index(pl.col("d")).alias("i"))["i"].to_list()
    assert found == [None, 0, 0, 1, 1]
