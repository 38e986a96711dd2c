"""Reading a list of people from a spreadsheet export: CSV with a header, `,` or `;`,
UTF-8 with or without BOM (Excel's "CSV UTF-8"), or Windows-1252 (Excel's plain "CSV" on
a Swedish Windows). Headers are matched without case; Swedish names are accepted.

Only reading and locating happens here: a :class:`Row` keeps the record's line number
and its cells by canonical column name; what the cells mean is the caller's business.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from quote.errors import InputError, os_reason
from quote.i18n import t

MAX_BYTES = 5_000_000
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab, newline, CR are allowed
YES = frozenset({"true", "1", "yes", "ja", "j", "y", "x"})
NO = frozenset({"false", "0", "no", "nej", "n", ""})


def yes_no(text: str) -> bool | None:
    """ja/nej, yes/no, true/false, 1/0, x (any case; empty is no); None for anything else."""
    value = text.strip().lower()
    return True if value in YES else False if value in NO else None


@dataclass(frozen=True)
class Row:
    """One record: its line in the file (the header is line 1) and its cells."""

    line: int
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252 as Excel writes plain CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def delimiter_of(header: str) -> str:
    """``;`` when the header has more semicolons than commas (a Swedish Excel export)."""
    return ";" if header.count(";") > header.count(",") else ","


def read_rows(path: Path, aliases: Mapping[str, str], field: str) -> list[Row]:
    """The records of ``path`` with headers mapped through ``aliases`` (lower-case header
    -> canonical name; unknown columns are kept under their own name). InputError naming
    ``field`` for a file that cannot be read, is empty, or has a ragged record."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(field, t("csv.cannot_read", path=str(path), reason=os_reason(exc))
                         ) from None
    if len(raw) > MAX_BYTES:
        raise InputError(field, t("csv.too_large", path=str(path), limit=MAX_BYTES))
    text = decode(raw)
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise InputError(field, t("csv.empty", path=str(path)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(first))
    try:
        header = [aliases.get(h.strip().lower(), h.strip().lower()) for h in next(reader)]
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if any(CONTROL.search(cell) for cell in record):
                raise InputError(field, t("csv.control", path=str(path),
                                          line=str(reader.line_num)))
            if len(record) != len(header):
                raise InputError(field, t("csv.ragged", path=str(path), line=str(reader.line_num),
                                          cells=len(record), header=len(header)))
            rows.append(Row(reader.line_num, dict(zip(header, record, strict=True))))
    except csv.Error as exc:
        raise InputError(field, t("csv.invalid", path=str(path), line=str(reader.line_num),
                                  error=str(exc))) from None
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise InputError(field, t("csv.duplicate", path=str(path),
                                  columns=", ".join(duplicates)))
    return rows
