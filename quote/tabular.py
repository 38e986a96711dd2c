"""A small table of typed cells (a group quote, say) to CSV, Swedish-Excel CSV, XLSX or
Parquet, through :mod:`quote.spreadsheet` (the one writer of tables for people's
spreadsheets), written to a temporary file and renamed.

Cells are ``str``, ``int``, ``Decimal`` or None. ``Decimal`` columns are money
(``1068.00``; numbers in XLSX, decimal commas with ``--excel-sv``), ``int`` columns whole
numbers. The spreadsheet module escapes formula-like text for people (XLSX, ``--excel-sv``)
and leaves plain CSV exact, for programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import polars as pl

from quote.errors import InputError
from quote.files import atomic_paths
from quote.i18n import t
from quote.spreadsheet import TableWriter, format_for

Cell = str | int | Decimal | None
FORMATS = (".csv", ".xlsx", ".parquet")


def check_format(path: Path, field: str) -> str:
    """The output suffix; InputError naming ``field`` when it is none of ours."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(field, t("output.format", name=path.name))
    return suffix


def _text(cell: Cell) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, Decimal):
        return f"{cell:.2f}"
    return str(cell)


def _number_format(rows: Sequence[Sequence[Cell]], j: int) -> str | None:
    kinds = {type(row[j]) for row in rows if row[j] is not None}
    if kinds == {Decimal}:
        return "0.00"
    if kinds == {int}:
        return "0"
    return None


def write_table(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Cell]],
                excel_sv: bool = False) -> None:
    """Write ``rows`` under ``columns`` to ``path``; the suffix (and ``excel_sv``) chooses
    the format."""
    check_format(path, "output")
    numeric = {name: fmt for j, name in enumerate(columns)
               if (fmt := _number_format(rows, j)) is not None}
    frame = pl.DataFrame({name: [_text(row[j]) for row in rows]
                          for j, name in enumerate(columns)},
                         schema={name: pl.String for name in columns})
    with atomic_paths(path) as (tmp,):
        writer = TableWriter(tmp, format_for(path, excel_sv), list(columns), numeric)
        try:
            writer.write(frame)
        except BaseException:
            writer.abort()
            raise
        writer.close()
