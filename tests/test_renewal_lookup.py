"""Pricing distinct keys: numbers in range, the hash key checked for collisions."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from quote.renewal.columns import PRICING, Tuples, one_tuple_per_hash
from quote.renewal.lookup import number, parse_bool


def test_numbers_have_sane_ranges() -> None:
    assert number("12.5", Decimal(1000)) == Decimal("12.5")
    assert number("1e30", Decimal(1000)) is None
    assert number("1e5000", Decimal(1000)) is None
    assert number("9" * 5000, Decimal(1000)) is None
    assert number("nan", Decimal(1000)) is None
    assert number("-1000", Decimal(1000)) == -1000  # the sign is the engine's to judge


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
