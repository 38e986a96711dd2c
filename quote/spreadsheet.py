"""Tables written for people's spreadsheets and for programs: CSV, Swedish-Excel CSV,
.xlsx and Parquet, chosen by the file's suffix (and ``--excel-sv``), appended frame by
frame so a long table never sits in memory whole (Parquet excepted).

The API is column names plus frames of text: :class:`TableWriter` (``write(frame)``,
``close()``), with ``numeric`` naming the columns that hold plain numbers (``1085.00``,
``-1.59``) and their Excel number format.

- ``csv``: the frame as it is (``,`` or the book's ``;``), for programs: nothing is
  escaped, so a value reads back exactly as it was written.
- ``excel-sv``: what Swedish Excel opens by double-click: UTF-8 with a BOM, ``;``
  between fields, decimal commas in the numeric columns.
- ``xlsx`` (xlsxwriter): a header row, numbers as numbers, everything else as text.

Spreadsheet formulas (OWASP's CSV injection): in ``excel-sv`` a text field starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, which Excel
shows as text; in ``xlsx`` such a field is written as a text cell marked with Excel's own
quote prefix (a text cell is never a formula). A number in a numeric column is a number,
not a formula, and is left alone.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, cast

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.errors import QuoteError
from quote.files import DiskWriter
from quote.i18n import t

Format = Literal["csv", "excel-sv", "xlsx", "parquet"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576  # a sheet's rows, the header included
_PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"


class SpreadsheetError(QuoteError):
    """A table cannot be written in the format asked for (too many rows for a sheet)."""


def format_for(path: Path, excel_sv: bool = False) -> Format:
    """The format a path asks for: ``.xlsx``, ``.parquet``, else CSV (Swedish-Excel CSV
    with ``excel_sv``)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".parquet":
        return "parquet"
    return "excel-sv" if excel_sv else "csv"


def csv_cell(text: str | None, separator: str) -> str:
    """A value as polars writes it in a CSV field: quoted (its quotes doubled) when it
    holds the separator, a quote or a line break, or is empty text (not null)."""
    if text is None:
        return ""
    if text == "" or separator in text or any(c in text for c in '"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(values: list[str], separator: str) -> str:
    """A CSV record as polars writes it (a header row, say), its line break included."""
    return separator.join(csv_cell(v, separator) for v in values) + "\n"


def plain_number(expr: pl.Expr) -> pl.Expr:
    """A number written the Swedish way (``1 213,00``, non-breaking spaces) -> ``1213.00``.
    Text that is no number is left to fail whatever parses it next."""
    return expr.str.replace_all(r"\s", "").str.replace(",", ".", literal=True)


def escape_formula(expr: pl.Expr) -> pl.Expr:
    """Text a spreadsheet would take for a formula gets a leading ``'`` (OWASP)."""
    starts = pl.any_horizontal(expr.str.starts_with(s) for s in FORMULA_START)
    return pl.when(starts.fill_null(False)).then(pl.lit("'") + expr).otherwise(expr).alias(
        expr.meta.output_name())


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


class _Hashing:
    """A binary file that keeps the SHA-256 of what passes through it."""

    def __init__(self, handle: DiskWriter) -> None:
        self.handle, self.sha = handle, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()


def _open_empty(path: Path) -> DiskWriter:
    """``path`` opened to write from its start (:class:`quote.files.DiskWriter`), emptied
    only if it is not empty already: ext4 takes truncating a file (``open(path, "wb")``) as
    a sign that it is being rewritten in place and, to keep it safe, writes it all out to
    disk when it is closed (measured: 45 ms for 100 MB). Our temporaries are new and empty:
    no need."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        if os.fstat(fd).st_size:
            os.ftruncate(fd, 0)
        return DiskWriter(fd)
    except BaseException:
        os.close(fd)
        raise


class TableWriter:
    """Appends frames of text to one table file; ``close()`` finishes it.

    ``numeric`` maps the columns that hold plain numbers to an Excel number format
    (``"0.00"``); a value there that is not a plain number stays text.
    """

    def __init__(self, path: Path, fmt: Format, columns: list[str],
                 numeric: Mapping[str, str] | None = None, separator: str = ",") -> None:
        self.path, self.fmt, self.columns = path, fmt, list(columns)
        self.numeric = {c: f for c, f in (numeric or {}).items() if c in self.columns}
        self.separator = ";" if fmt == "excel-sv" else separator
        self.rows = 0
        self.frames: list[pl.DataFrame] = []
        self._digest: str | None = None
        self._file: DiskWriter | None = None
        self._out: _Hashing | None = None
        self._book: Any = None
        self._sheet: Any = None
        self._formats: dict[str, Any] = {}
        if fmt in ("csv", "excel-sv"):
            self._file = _open_empty(path)
            self._out = _Hashing(self._file)
            if fmt == "excel-sv":
                self._out.write(b"\xef\xbb\xbf")
            self._out.write(csv_line(self.columns, self.separator).encode("utf-8"))
        elif fmt == "xlsx":
            import xlsxwriter  # type: ignore[import-untyped]

            self._book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
            self._sheet = self._book.add_worksheet()
            bold = self._book.add_format({"bold": True})
            self._formats = {c: self._book.add_format({"num_format": f})
                             for c, f in self.numeric.items()}
            self._formats["'"] = self._book.add_format({"quote_prefix": True})
            self._sheet.write_row(0, 0, self.columns, bold)
            self._sheet.freeze_panes(1, 0)

    def write(self, frame: pl.DataFrame) -> None:
        if frame.columns != self.columns:
            frame = frame.select(self.columns)
        if self.fmt == "parquet":
            self.frames.append(frame)
        elif self.fmt == "xlsx":
            self._write_xlsx(frame)
        else:
            self._write_csv(frame, header=False)
        self.rows += frame.height

    def write_bytes(self, data: bytes, rows: int) -> None:
        """Rows already written as this CSV format's bytes (by :mod:`quote.renewal.kernel`),
        appended as they are. Their hash is taken separately, by :meth:`hash_bytes` (in
        the same order, and maybe in another thread: the two then overlap)."""
        if self._out is None or self._file is None:
            raise RuntimeError(f"write_bytes on a {self.fmt} table")
        self._file.write(data)
        self.rows += rows


    def hash_bytes(self, data: bytes) -> None:
        """The bytes :meth:`write_bytes` writes, added to the file's hash."""
        if self._out is None:
            raise RuntimeError(f"hash_bytes on a {self.fmt} table")
        self._out.sha.update(data)

    def csv_bytes(self, frame: pl.DataFrame) -> bytes:
        """A frame's rows as this CSV format writes them (for :meth:`write_bytes`)."""
        if frame.columns != self.columns:
            frame = frame.select(self.columns)
        out = io.BytesIO()
        self._write_csv(frame, header=False, to=out)
        return out.getvalue()

    def _write_csv(self, frame: pl.DataFrame, header: bool, to: IO[bytes] | None = None
                   ) -> None:
        assert self._out is not None
        if self.fmt == "excel-sv" and frame.height:
            frame = frame.with_columns(
                pl.when(plain_number(pl.col(c)).str.contains(_PLAIN_NUMBER))
                .then(plain_number(pl.col(c)).str.replace(".", ",", literal=True))
                .otherwise(escape_formula(pl.col(c))).alias(c) if c in self.numeric
                else escape_formula(pl.col(c)) for c in self.columns)
        frame.write_csv(to or cast(IO[bytes], self._out), include_header=header,
                        separator=self.separator)

    def _write_xlsx(self, frame: pl.DataFrame) -> None:
        if self.rows + frame.height >= XLSX_MAX_ROWS:
            raise SpreadsheetError(t("output.too_many_rows", path=str(self.path),
                                     limit=XLSX_MAX_ROWS - 1))
        sheet, quote = self._sheet, self._formats["'"]
        numbers = frame.select(
            pl.when(plain_number(pl.col(c)).str.contains(_PLAIN_NUMBER))
            .then(plain_number(pl.col(c))).cast(pl.Float64).alias(c) for c in self.numeric)
        escaped = frame.select(
            pl.any_horizontal(pl.col(c).str.starts_with(s) for s in FORMULA_START)
            .fill_null(False).alias(c) for c in self.columns)
        first = self.rows + 1
        columns = []
        for j, name in enumerate(self.columns):
            values = numbers.get_column(name).to_list() if name in self.numeric else None
            columns.append((j, frame.get_column(name).to_list(), values,
                            escaped.get_column(name).to_list(), self._formats.get(name)))
        write_number, write_string = sheet.write_number, sheet.write_string
        # constant_memory: the sheet is written row by row, each row once
        for i in range(frame.height):
            row = first + i
            for j, texts, values, formula, style in columns:
                if values is not None and values[i] is not None:
                    write_number(row, j, values[i], style)
                elif texts[i]:
                    write_string(row, j, texts[i], quote if formula[i] else None)

    def close(self) -> None:
        if self._out is not None and self._file is not None:
            self._file.close()
            self._digest = self._out.sha.hexdigest()
            return
        if self._book is not None:
            self._book.close()
        elif self.fmt == "parquet":
            frames = self.frames or [pl.DataFrame(schema={c: pl.String for c in self.columns})]
            pl.concat(frames).write_parquet(self.path)
        sha = hashlib.sha256()
        with self.path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                sha.update(chunk)
        self._digest = sha.hexdigest()

    def abort(self) -> None:
        """Close without finishing (the file is about to be removed)."""
        if self._file is not None:
            self._file.abort()

    def sha256(self) -> str:
        """The SHA-256 of the file written (after :meth:`close`)."""
        if self._digest is None:
            raise RuntimeError("sha256() before close()")
        return self._digest
