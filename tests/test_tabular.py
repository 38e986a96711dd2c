"""A small typed table through the spreadsheet writer: plain CSV exact, numbers as numbers
in XLSX, formula-like text escaped where people open the file."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from quote.errors import InputError
from quote.tabular import write_table

ROWS = [["=SUM(A1)", Decimal("1085.50"), 34], ["Anna", None, None]]


def test_csv_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table(path, ["name", "premium", "age"], ROWS)
    assert path.read_text().splitlines() == ["name,premium,age", "=SUM(A1),1085.50,34",
                                             "Anna,,"]


def test_excel_sv_escapes_formulas_and_uses_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table(path, ["name", "premium", "age"], ROWS, excel_sv=True)
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.lstrip("\ufeff").splitlines()[1] == "'=SUM(A1);1085,50;34"


def test_xlsx_numbers_and_formula_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table(path, ["name", "premium", "age"], ROWS)
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet                  # no formula anywhere
    assert "=SUM(A1)" in sheet                 # kept as (inline) text
    assert "<v>1085.5</v>" in sheet            # a number, not a string


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"give a \.csv, \.xlsx or \.parquet"):
        write_table(tmp_path / "t.txt", ["a"], [])
    assert not (tmp_path / "t.txt").exists()
