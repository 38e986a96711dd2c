"""Reading spreadsheet exports: delimiter, BOM, Windows-1252, ragged and duplicate columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from quote.employees import decode, delimiter_of, read_rows
from quote.errors import InputError

ALIASES = {"namn": "name", "födelsedatum": "birth_date"}


def test_semicolon_bom_and_swedish_headers(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes("\ufeffNamn;Födelsedatum\r\nÅsa;1990-01-01\r\n\r\nBo;1980-02-02\r\n"
                     .encode())
    rows = read_rows(path, ALIASES, "employees")
    assert [(r.line, r.get("name"), r.get("birth_date")) for r in rows] == [
        (2, "Åsa", "1990-01-01"), (4, "Bo", "1980-02-02")]


def test_windows_1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes("namn,födelsedatum\nÅsa,1990-01-01\n".encode("cp1252"))
    assert read_rows(path, ALIASES, "employees")[0].get("name") == "Åsa"
    assert decode("å".encode("cp1252")) == "å"


def test_delimiter() -> None:
    assert delimiter_of("a;b;c") == ";" and delimiter_of("a,b") == ","


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty file"),
    ("namn,födelsedatum\nA,1990-01-01,x\n", r"e.csv:2: 3 cells, the header has 2"),
    ("namn,name\nA,B\n", "column name appears twice"),
    ("namn,födelsedatum\nA\x00,1990-01-01\n", r"e.csv:2: a control character"),
    ("namn,födelsedatum\nA\x1b[31m,1990-01-01\n", r"e.csv:2: a control character"),
])
def test_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "e.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        read_rows(path, ALIASES, "employees")
