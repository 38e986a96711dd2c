"""A table of rows to CSV or XLSX, written atomically (temporary file, then rename).

Cells are ``str``, ``int``, ``Decimal`` or None. In CSV money is plain (``1068.00``) and
text starting like a formula is prefixed with ``'``; in XLSX numbers are numbers (two
decimals shown) and text is always written as text, so a cell such as ``=SUM(A1)`` from an
input file never becomes a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from quote.errors import InputError
from quote.files import atomic_paths, atomic_writer

Cell = str | int | Decimal | None
FORMATS = (".csv", ".xlsx")


def check_format(path: Path, field: str) -> str:
    """The output format from the file name; InputError naming ``field`` otherwise."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(field, f"{path.name}: give a .csv or .xlsx file name")
    return suffix


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(cell: Cell) -> str:
    """Money with two decimals; text that a spreadsheet would run as a formula gets a
    leading apostrophe (``'=SUM(A1)``), so opening the CSV never executes it."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return f"{cell:.2f}"
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return str(cell)


def write_table(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Cell]],
                sheet: str = "quote") -> None:
    """Write ``rows`` under ``columns`` to ``path`` (.csv or .xlsx)."""
    if check_format(path, "output") == ".csv":
        with atomic_writer(path) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([_csv_cell(c) for c in row] for row in rows)
        return
    import xlsxwriter

    with atomic_paths(path) as (tmp,):
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                              "strings_to_numbers": False})
        money = book.add_format({"num_format": "#,##0.00"})
        bold = book.add_format({"bold": True})
        ws = book.add_worksheet(sheet[:31])
        ws.write_row(0, 0, list(columns), bold)
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row):
                if isinstance(cell, Decimal):
                    ws.write_number(r, c, float(cell), money)
                elif isinstance(cell, int):
                    ws.write_number(r, c, cell)
                elif cell is not None:
                    ws.write_string(r, c, cell)
        book.close()
