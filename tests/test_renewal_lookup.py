"""Pricing distinct keys: numbers in range, the hash key checked for collisions."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from quote.renewal.columns import KEY
from quote.renewal.lookup import _one_hash_per_key, number, parse_bool


def test_numbers_have_sane_ranges() -> None:
    assert number("12.5", Decimal(1000)) == Decimal("12.5")
    assert number("1e30", Decimal(1000)) is None
    assert number("1e5000", Decimal(1000)) is None
    assert number("9" * 5000, Decimal(1000)) is None
    assert number("nan", Decimal(1000)) is None
    assert number("-1000", Decimal(1000)) == -1000  # the sign is the engine's to judge


def test_booleans() -> None:
    assert [parse_bool(v) for v in ("JA", " nej ", "1", "kanske")] == [True, False, True, None]


def test_two_keys_with_one_hash_stop_the_run() -> None:
    keys = pl.DataFrame({"__k": [7, 7], **{k: [1, 2] if k == "age" else [0, 0] for k in KEY}})
    with pytest.raises(RuntimeError, match="share a hash"):
        _one_hash_per_key(keys)
    _one_hash_per_key(keys.head(1).vstack(keys.head(1)))  # the same key twice is fine
