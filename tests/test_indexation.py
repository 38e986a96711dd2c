"""KPI series: the bundled SCB figures, broken series, and the factor for a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from quote.dates import Month
from quote.errors import KpiError, KpiMissingError
from quote.indexation import index_factor, load_kpi, reference_month

from .conftest import FIXTURES, KPI_PATH


def test_bundled_series_is_scb_1980(kpi) -> None:  # type: ignore[no-untyped-def]
    assert kpi.base == "1980=100"
    assert kpi.first == Month(2006, 1)
    assert kpi.last == Month(2024, 11)
    assert len(kpi.values) == 227  # 2006-01 .. 2024-11, none missing
    assert kpi.values[Month(2023, 9)] == Decimal("408.05")
    assert kpi.values[Month(2024, 9)] == Decimal("414.57")


def test_bundled_series_equals_the_shared_copy() -> None:
    shared = KPI_PATH.parents[2] / "shared" / "kpi-1980.csv"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    ours = [line for line in KPI_PATH.read_text().splitlines() if not line.startswith("#")]
    assert ours == shared.read_text().splitlines()


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("bad-header", 2, "the header must be 'month,kpi', got 'manad;kpi'"),
        ("bad-month", 8, "'2024-2' is not a month in the form YYYY-MM"),
        ("duplicate-month", 8, "2024-01: duplicate month (first on line 7)"),
        ("gap", 9, "2024-04: months missing between 2024-02 and 2024-04"),
        ("non-positive", 11, "2024-05: KPI must be a positive number, got '0'"),
        ("not-a-number", 10, "2024-04: KPI must be a positive number, got 'n/a'"),
    ],
)
def test_broken_series_reported_at_its_line(name: str, line: int, message: str) -> None:
    path = FIXTURES / "kpi" / f"{name}.csv"
    with pytest.raises(KpiError) as info:
        load_kpi(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:{line}: {message}"]


def test_empty_and_missing_series(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(KpiError, match="empty KPI file"):
        load_kpi(empty)
    with pytest.raises(KpiError, match="KPI file not found"):
        load_kpi(tmp_path / "none.csv")


def test_reference_month_is_september_of_the_year_before() -> None:
    assert reference_month(date(2025, 3, 1), 9, -1) == Month(2024, 9)
    assert reference_month(date(2025, 12, 31), 9, -1) == Month(2024, 9)
    assert reference_month(date(2024, 9, 1), 9, -1) == Month(2023, 9)


def test_factor_2025(kpi) -> None:  # type: ignore[no-untyped-def]
    """DOMAIN.md: on 2025-03-01 the factor is KPI 2024-09 / KPI 2023-09 = 414.57 / 408.05."""
    factor = index_factor(kpi, Month(2023, 9), date(2025, 3, 1), 9, -1)
    assert (factor.reference, factor.base) == (Decimal("414.57"), Decimal("408.05"))
    assert f"{factor.ratio:.6f}" == "1.015978"


def test_missing_month_names_month_file_and_fix(kpi) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KpiMissingError) as info:
        index_factor(kpi, Month(2023, 9), date(2026, 11, 23), 9, -1)
    text = str(info.value)
    assert "no KPI figure for 2025-09" in text
    assert "kpi-1980.csv" in text
    assert "the series ends at 2024-11" in text
    assert "Add the line '2025-09,VALUE'" in text
