"""Writing a table to CSV or XLSX: plain numbers in CSV, numbers as numbers in XLSX, and
text that looks like a formula kept as text."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from quote.errors import InputError
from quote.tabular import write_table


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table(path, ["name", "premium", "age"], [["A", Decimal("1085"), 34], [None, None, None]])
    assert path.read_text() == "name,premium,age\nA,1085.00,34\n,,\n"


def test_csv_formula_text_is_defused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table(path, ["name"], [["=HYPERLINK(1)"], ["@x"], ["-1+1"], ["Anna"]])
    assert path.read_text().splitlines()[1:] == ["'=HYPERLINK(1)", "'@x", "'-1+1", "Anna"]


def test_xlsx_numbers_and_formula_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table(path, ["name", "premium"], [["=SUM(A1)", Decimal("1085.50")]])
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet                      # no formula anywhere
    assert "=SUM(A1)" in strings                   # kept as text
    assert "<v>1085.5</v>" in sheet                # a number, not a string


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"give a \.csv or \.xlsx"):
        write_table(tmp_path / "t.txt", ["a"], [])
    assert not (tmp_path / "t.txt").exists()
