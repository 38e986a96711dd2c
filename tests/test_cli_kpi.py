"""`quote kpi show` and `quote kpi add`: the yearly upkeep."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import KPI_PATH, Invoke


@pytest.fixture
def series(tmp_path: Path) -> Path:
    path = tmp_path / "kpi-1980.csv"
    shutil.copy(KPI_PATH, path)
    return path


def test_show_last_months(run: Invoke) -> None:
    result = run("kpi", "show")
    assert result.exit_code == 0, result.output
    assert "2024-11 │ 416,75" in result.stdout
    assert "2024-09 │ 414,57 │  1,6 %" in result.stdout  # 414.57 / 408.05 − 1 = 1.598 %


def test_show_from_json(run: Invoke) -> None:
    data = json.loads(run("kpi", "show", "--from", "2024-10", "--json").stdout)
    assert [m["month"] for m in data["months"]] == ["2024-10", "2024-11"]
    assert data["base"] == "1980=100" and data["last"] == "2024-11"
    assert run("kpi", "show", "--from", "2024-9").exit_code == 2


def test_add_next_month(run: Invoke, series: Path) -> None:
    before = series.read_text()
    result = run("kpi", "add", "2024-12", "415.00", "--kpi", str(series))
    assert result.exit_code == 0, result.output
    assert series.read_text() == before + "2024-12,415.00\n"
    assert run("kpi", "show", "--kpi", str(series), "--json").exit_code == 0


def test_add_via_data_directory(run: Invoke, series: Path) -> None:
    result = run("kpi", "add", "2024-12", "415,10", env={"QUOTE_TARIFFS": str(series.parent)})
    assert result.exit_code == 0, result.output
    assert series.read_text().endswith("2024-11,416.75\n2024-12,415.10\n")


@pytest.mark.parametrize(
    ("month", "value", "message"),
    [
        ("2024-11", "416.75", "MONTH: 2024-11 is already in"),
        ("2025-02", "417", "MONTH: adding 2025-02 would leave a gap"),
        ("2005-01", "200", "MONTH: 2005-01 is before the end of"),
        ("2024-13", "417", "MONTH: månaden ska vara 01 till 12"),
        ("2024-12", "abc", "VALUE: 'abc' is not a number"),
        ("2024-12", "0", "VALUE: KPI must be a positive number"),
    ],
)
def test_add_refuses_and_changes_nothing(run: Invoke, series: Path, month: str, value: str,
                                         message: str) -> None:
    before = series.read_bytes()
    result = run("kpi", "add", month, value, "--kpi", str(series))
    assert result.exit_code == 2
    assert message in result.stderr
    assert series.read_bytes() == before
    assert [p.name for p in series.parent.iterdir()] == [series.name]  # no temp file left


def test_add_to_a_broken_series_is_refused(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("month,kpi\n2024-01,1\n2024-03,2\n")
    result = run("kpi", "add", "2024-04", "3", "--kpi", str(path))
    assert result.exit_code == 2 and "k.csv:3: 2024-03: months missing" in result.stderr


def test_add_to_empty_series(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("# base: 1980=100\nmonth,kpi\n")
    assert run("kpi", "add", "2024-01", "400.5", "--kpi", str(path)).exit_code == 0
    assert path.read_text().endswith("month,kpi\n2024-01,400.5\n")
