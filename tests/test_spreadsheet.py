"""Tables for spreadsheets: .xlsx with numbers as numbers, Swedish-Excel CSV, formulas
escaped (OWASP CSV injection), plain CSV left exact."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

import quote.spreadsheet as spreadsheet
from quote.spreadsheet import SpreadsheetError, TableWriter, format_for

COLUMNS = ["policy_id", "note", "premium", "change"]
NUMERIC = {"premium": "0.00", "change": "0.00"}
ROWS = pl.DataFrame({"policy_id": ["P1", "=1+1", "@SUM(A1)", "-2", "Åsa"],
                     "note": ["+46 8 123", "\tx", None, "ok", "\rcr"],
                     "premium": ["1085.00", "2 713,75", "dyr", None, "-1.5"],
                     "change": ["1.59", "-0.25", "", "=2", "4"]})


def write(path: Path, fmt: spreadsheet.Format, frames: list[pl.DataFrame]) -> Path:
    writer = TableWriter(path, fmt, COLUMNS, NUMERIC)
    for frame in frames:
        writer.write(frame)
    writer.close()
    assert len(writer.sha256()) == 64
    return path


def test_format_by_suffix() -> None:
    assert format_for(Path("a.XLSX")) == "xlsx"
    assert format_for(Path("a.parquet"), excel_sv=True) == "parquet"
    assert format_for(Path("a.csv"), excel_sv=True) == "excel-sv"
    assert format_for(Path("a.txt")) == "csv"


def test_xlsx_numbers_are_numbers_and_formulas_are_text(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", "xlsx", [ROWS.head(2), ROWS.tail(3)])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(COLUMNS)
    assert rows[1] == ("P1", "+46 8 123", 1085, 1.59)
    assert rows[2][2:] == (2713.75, -0.25)  # 2 713,75 read the Swedish way
    assert rows[3][2] == "dyr" and rows[4][3] == "=2"  # not a number: kept as text
    cell = sheet.cell(row=3, column=1)
    assert cell.data_type == "s" and cell.value == "=1+1" and cell.quotePrefix
    assert sheet.cell(row=4, column=1).quotePrefix  # @SUM(A1)
    assert not sheet.cell(row=2, column=1).quotePrefix


def test_excel_sv_csv(tmp_path: Path) -> None:
    data = write(tmp_path / "t.csv", "excel-sv", [ROWS]).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\n")
    assert lines[0] == "policy_id;note;premium;change"
    assert lines[1] == "P1;'+46 8 123;1085,00;1,59"
    assert lines[2] == "'=1+1;'\tx;2713,75;-0,25"  # a number in a numeric column: kept
    assert lines[3] == "'@SUM(A1);;dyr;\"\""  # empty, not null
    assert lines[4] == "'-2;ok;;'=2"
    assert lines[5].startswith("Åsa;\"'\rcr\";-1,5;4")


def test_plain_csv_is_exact(tmp_path: Path) -> None:
    data = write(tmp_path / "t.csv", "csv", [ROWS]).read_text(encoding="utf-8")
    assert data.splitlines()[2] == '=1+1,\tx,"2 713,75",-0.25'
    assert pl.read_csv(tmp_path / "t.csv", infer_schema=False).equals(ROWS)


def test_parquet_and_an_empty_table(tmp_path: Path) -> None:
    assert pl.read_parquet(write(tmp_path / "t.parquet", "parquet", [ROWS])).equals(ROWS)
    empty = write(tmp_path / "e.parquet", "parquet", [])
    assert pl.read_parquet(empty).columns == COLUMNS
    sheet = openpyxl.load_workbook(write(tmp_path / "e.xlsx", "xlsx", [])).active
    assert sheet is not None and list(sheet.iter_rows(values_only=True)) == [tuple(COLUMNS)]


def test_too_many_rows_for_a_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "XLSX_MAX_ROWS", 4)
    with pytest.raises(SpreadsheetError, match="do not fit a sheet"):
        write(tmp_path / "t.xlsx", "xlsx", [ROWS])
