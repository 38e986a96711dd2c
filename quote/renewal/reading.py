"""Reading a book: the header checked before any work, then the rows in frames of text.

CSV is cut into blocks of whole records and each block parsed by polars (the fast path).
A block polars cannot take whole (a ragged row, a stray or unclosed quote, a NUL byte, a
line that is not in the book's encoding) is read again line by line with the stdlib csv
module, and each malformed record becomes a reject of that record, with its line; the
rest of the block is priced as usual. Both paths are linear in the size of the book.

Every frame has the book's columns (all text) and three more: ``__row`` (the record's
index from 0), ``__line`` (its row as a spreadsheet shows it: the header is 1, a record
with a quoted line break counts as one; a blank line is a record too short) and ``__read``
(the id of a reading reason from :mod:`quote.renewal.reasons`, null for a sound record).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.errors import BookError as BookError  # lives in quote.errors
from quote.i18n import t

REQUIRED = ("policy_id", "product", "deductible", "smoker")
ADDED = ("age", "bracket", "index_factor", "new_premium", "change_pct", "tariff_id")
REJECT_ADDED = ("line", "reason", "message")
BLOCK_BYTES = 3 << 20  # about 30 000 rows: large enough for polars, small for memory
CHUNK_ROWS = 100_000  # rows per frame for Parquet and Excel books
MAX_RECORD_LINES = 200  # a quoted field spanning more lines than this is malformed
HEAD_BYTES = 65536

Kind = Literal["csv", "parquet", "xlsx"]


@dataclass(frozen=True)
class Book:
    """An opened book: where it is, what kind, how it is delimited and which columns."""

    path: Path
    separator: str
    columns: tuple[str, ...]
    kind: Kind = "csv"
    encoding: str = "utf-8"  # a Python codec name (CSV only)
    sheet: str | None = None  # the sheet read (Excel only)
    block_bytes: int = BLOCK_BYTES
    # an Excel sheet, read once when the book is opened (calamine parses it whole)
    loaded: pl.DataFrame | None = field(default=None, repr=False, compare=False)

    def has(self, column: str) -> bool:
        return column in self.columns

    def frames(self) -> Iterator[pl.DataFrame]:
        """The book in frames of text (see the module's docstring); memory is bounded by
        one block (CSV) or one chunk (Parquet), however long the book."""
        if self.kind == "parquet":
            yield from _numbered(pl.scan_parquet(self.path).select(pl.all().cast(pl.String))
                                 .collect_batches(chunk_size=CHUNK_ROWS, maintain_order=True),
                                 first_line=2)
        elif self.kind == "xlsx":
            yield from _numbered(_xlsx_frames(self), first_line=2)
        else:
            yield from _csv_frames(self)


def _numbered(frames: Iterator[pl.DataFrame], first_line: int) -> Iterator[pl.DataFrame]:
    """Frames of one record per line (Parquet, Excel): line = the record's row + 2; a
    record with a NUL byte in a field is flagged and the byte never passes on."""
    offset = 0
    for frame in frames:
        nul = pl.any_horizontal(pl.col(c).str.contains("\x00", literal=True).fill_null(False)
                                for c in frame.columns)
        yield frame.with_columns(
            pl.int_range(offset, offset + frame.height, dtype=pl.UInt32).alias("__row"),
            pl.int_range(offset + first_line, offset + first_line + frame.height,
                         dtype=pl.Int64).alias("__line"),
            pl.when(nul).then(pl.lit("nul")).otherwise(None).cast(pl.String).alias("__read"),
            *(pl.col(c).str.replace_all("\x00", "\ufffd", literal=True) for c in frame.columns))
        offset += frame.height


# --- opening: the header --------------------------------------------------------------

def open_book(path: Path, on: date | None, encoding: str | None = None,
              sheet: str | None = None, block_bytes: int = BLOCK_BYTES) -> Book:
    """Check the book's header before any work: kind, encoding, delimiter, columns."""
    if not path.is_file():
        raise BookError(t("book.not_found", path=str(path)))
    suffix = path.suffix.lower()
    if sheet is not None and suffix != ".xlsx":
        raise BookError(t("book.sheet_not_excel", path=str(path)))
    if suffix == ".parquet":
        try:
            columns = tuple(pl.scan_parquet(path).collect_schema().names())
        except Exception as exc:  # polars raises several kinds for a broken file
            raise BookError(t("book.bad_parquet", path=str(path), error=type(exc).__name__)
                            ) from None
        book = Book(path, ",", columns, kind="parquet")
    elif suffix in (".xlsx", ".xlsm"):
        book = _open_xlsx(path, sheet)
    else:
        book = _open_csv(path, encoding, block_bytes)
    check_header(book, on)
    return book


def check_header(book: Book, on: date | None) -> None:
    """Required columns present, none that the output would overwrite, none twice."""
    missing = [c for c in REQUIRED if not book.has(c)]
    if not book.has("birth_date") and not book.has("id"):
        missing.append(t("book.column_or", column="birth_date", other="id"))
    if on is None and not book.has("renewal_date"):
        missing.append(t("book.column_or", column="renewal_date", other="--on"))
    if book.columns and missing:
        raise BookError(t("book.missing_columns", path=str(book.path), missing=", ".join(missing),
                          columns=", ".join(book.columns)))
    clash = [c for c in (*ADDED, *REJECT_ADDED) if book.has(c)]
    if clash:
        raise BookError(t("book.clash", path=str(book.path), columns=", ".join(clash)))
    if len(set(book.columns)) != len(book.columns):
        raise BookError(t("book.duplicate_column", path=str(book.path)))
    if any(not c for c in book.columns):
        raise BookError(t("book.unnamed_column", path=str(book.path)))


def codec_of(name: str) -> str:
    """A Python codec for ``--encoding`` (utf-8, windows-1252, latin-1 …), one that keeps
    the CSV's own characters (``,;"`` and newline) as single bytes."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise BookError(t("book.unknown_encoding", name=name)) from None
    if ',;"\n'.encode(codec, errors="replace") != b',;"\n':
        raise BookError(t("book.unsupported_encoding", name=name))
    return codec


def detect_encoding(head: bytes, complete: bool) -> str | None:
    """UTF-8 (with or without BOM) if the head decodes as such, else Windows-1252 (Excel's
    "CSV (semikolonavgränsad)" on Swedish Windows) if it does, else None. A head of plain
    ASCII that is not the whole file says nothing yet: ``ascii``, settled by the first
    block that is not (see :func:`settle_encoding`)."""
    if head.isascii() and not complete:
        return "ascii"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(head) - 3:  # a character cut at the end
            return "utf-8"
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "cp1252"


def _open_csv(path: Path, encoding: str | None, block_bytes: int) -> Book:
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if b"\x00" in head.split(b"\n", 1)[0] or head.count(b"\x00") > len(head) // 100:
        raise BookError(t("book.binary", path=str(path)))  # a NUL in a row: a reject
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
        codec = codec_of(encoding) if encoding else "utf-8"
    elif encoding:
        codec = codec_of(encoding)
    else:
        found = detect_encoding(head, complete=len(head) < HEAD_BYTES)
        if found is None:
            raise BookError(t("book.no_encoding", path=str(path)))
        codec = found
    line = head.split(b"\n", 1)[0]
    try:
        header = line.decode(codec).strip("\r")
    except UnicodeDecodeError:
        raise BookError(t("book.header_encoding", path=str(path), codec=codec)) from None
    if not header.strip():
        return Book(path, ",", (), encoding=codec, block_bytes=block_bytes)  # empty: 0 rows
    separator = ";" if header.count(";") > header.count(",") else ","
    columns = tuple(c.strip().strip('"') for c in header.split(separator))
    return Book(path, separator, columns, encoding=codec, block_bytes=max(1, block_bytes))


def _open_xlsx(path: Path, sheet: str | None) -> Book:
    import fastexcel

    try:
        reader = fastexcel.read_excel(path)
        names = list(reader.sheet_names)
    except Exception as exc:  # fastexcel raises its own kinds for a broken file
        raise BookError(t("book.bad_excel", path=str(path), error=type(exc).__name__)
                        ) from None
    if not names:
        raise BookError(t("book.no_sheet", path=str(path)))
    chosen = names[0] if sheet is None else sheet
    if chosen not in names:
        raise BookError(t("book.unknown_sheet", path=str(path), sheet=sheet,
                          sheets=", ".join(names)))
    try:
        frame = reader.load_sheet(chosen, dtypes="string").to_polars()
    except Exception as exc:
        raise BookError(t("book.bad_sheet", path=str(path), sheet=chosen,
                          error=type(exc).__name__)) from None
    columns = tuple(str(c).strip() for c in frame.columns)
    if columns and all(c.startswith("__UNNAMED__") for c in columns):
        columns = ()
    return Book(path, ",", columns, kind="xlsx", sheet=chosen, loaded=frame)


def _xlsx_frames(book: Book) -> Iterator[pl.DataFrame]:
    """The sheet as text: numbers as Excel shows them unformatted (``500``, ``1213.5``),
    dates as YYYY-MM-DD. Read whole (a sheet holds at most 1 048 576 rows)."""
    frame = book.loaded
    if frame is None:
        return
    frame = frame.rename(dict(zip(frame.columns, book.columns, strict=True)))
    midnight = r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00(?:\.0+)?$"
    frame = frame.with_columns(pl.col(c).str.replace(midnight, "${1}") for c in book.columns)
    for start in range(0, frame.height, CHUNK_ROWS):  # an empty sheet: no frame
        yield frame.slice(start, CHUNK_ROWS)


# --- CSV: blocks of whole records --------------------------------------------------------

def csv_blocks(path: Path, size: int, first: int | None = None
               ) -> Iterator[tuple[bytes, bool]]:
    """(block, sure) pairs: the data after the header in blocks of whole
    records, cut at a newline with an even number of quotes before it in the block
    (the first block about ``first`` bytes, if given, the others about ``size``).

    One pass, linear whatever the quoting: a stray quote that leaves no such newline in
    a full block makes the block end at its last newline, marked not ``sure`` (it is then
    read line by line), and the next block starts afresh.
    """
    with path.open("rb") as handle:
        handle.readline()  # the header, read by check_header
        yield from _blocks(handle, size, first)


def blocks_in(data: bytes, size: int) -> Iterator[tuple[bytes, bool]]:
    """A block of whole records cut again into smaller blocks, by the same rule."""
    yield from _blocks(io.BytesIO(data), size, None)


def _blocks(handle: IO[bytes], size: int, first: int | None) -> Iterator[tuple[bytes, bool]]:
    rest = b""
    while True:
        data = handle.read(first or size)
        first = None
        if not data:
            break
        data = rest + data
        cut = last_record_end(data)
        sure = True
        if cut < 0:
            if (len(data) < max(size, 1 << 16) * 2 and b"\n" in data) or b"\n" not in data:
                rest = data  # one record longer than a block: read on
                continue
            cut, sure = data.rfind(b"\n"), False
        block, rest = data[: cut + 1], data[cut + 1:]
        yield block, sure
    if rest.strip(b"\r\n"):
        yield (rest if rest.endswith(b"\n") else rest + b"\n"), True


def last_record_end(data: bytes) -> int:
    """Index of the last newline with an even number of quotes before it, or -1.

    Linear: the quotes are counted once, then each line's quotes are taken off the total
    while walking back, never counted again from the start.
    """
    end = data.rfind(b"\n")
    if end < 0 or b'"' not in data:
        return end
    before = data.count(b'"', 0, end)
    while end >= 0 and before % 2:
        previous = data.rfind(b"\n", 0, end)
        before -= data.count(b'"', previous + 1, end)
        end = previous
    return end


def settle_encoding(block: bytes) -> str:
    """The encoding of a book whose first 64 KB were ASCII, from its first other block:
    UTF-8 if the block is UTF-8, else Windows-1252 if it is that (ASCII is the same in
    both, so the blocks before read the same either way)."""
    for codec in ("utf-8", "cp1252"):
        try:
            block.decode(codec)
            return codec
        except UnicodeDecodeError:
            continue
    return "utf-8"  # neither: its bad lines are rejected as not UTF-8


def csv_header(book: Book) -> bytes:
    """The header polars reads each block under: the book's columns, quoted."""
    return book.separator.join(f'"{c}"' for c in book.columns).encode("utf-8") + b"\n"


def reading_encoding(book: Book, reading: Book, block: bytes) -> Book:
    """The book as its blocks are read: a book whose first 64 KB were ASCII is read as
    UTF-8 until its first other block settles it (:func:`settle_encoding`)."""
    if book.encoding == "ascii" and reading.encoding == "utf-8" and not block.isascii():
        return replace(book, encoding=settle_encoding(block))
    return reading


def block_frame(book: Book, header: bytes, block: bytes, sure: bool, offset: int
                ) -> pl.DataFrame:
    """One block of records as a frame of text (see the module's docstring), its records
    numbered from ``offset`` (the records of the blocks before)."""
    frame = _fast_block(book, header, block) if sure else None
    if frame is None:
        frame = _careful_block(book, block)
    # the record's number as a spreadsheet shows it: the header is 1, a record with a
    # quoted line break counts as one (the same in every kind of book)
    return frame.with_columns(
        pl.int_range(offset, offset + frame.height, dtype=pl.UInt32).alias("__row"),
        pl.int_range(offset + 2, offset + 2 + frame.height, dtype=pl.Int64).alias("__line"))


def _csv_frames(book: Book) -> Iterator[pl.DataFrame]:
    if not book.columns:
        return
    header = csv_header(book)
    offset = 0
    reading = replace(book, encoding="utf-8") if book.encoding == "ascii" else book
    for block, sure in csv_blocks(book.path, book.block_bytes):
        settled = reading_encoding(book, reading, block)
        if settled is not reading:  # settled once: later blocks are read the same way
            reading = book = settled
        frame = block_frame(reading, header, block, sure, offset)
        yield frame
        offset += frame.height


def _fast_block(book: Book, header: bytes, block: bytes) -> pl.DataFrame | None:
    """The block parsed by polars, or None when it needs reading line by line."""
    if b"\x00" in block:
        return None
    if book.encoding != "utf-8":
        try:
            block = block.decode(book.encoding).encode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        frame = pl.read_csv(io.BytesIO(header + block), separator=book.separator,
                            infer_schema=False, quote_char='"', raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None
    if frame.width != len(book.columns):
        return None
    lines = block.count(b"\n")
    # A short row reads as nulls at the end; so does an empty last field. Without quotes,
    # the separators tell them apart; with quotes, the block is read line by line.
    if frame.get_column(frame.columns[-1]).null_count() and (
            b'"' in block
            or block.count(book.separator.encode()) != (len(book.columns) - 1) * lines):
        return None
    frame.columns = list(book.columns)
    return frame.with_columns(pl.lit(None, dtype=pl.String).alias("__read"))


def _careful_block(book: Book, block: bytes) -> pl.DataFrame:
    """The block read line by line: each malformed record becomes a flagged record of its
    first line, and reading goes on at the next line."""
    lines = block.split(b"\n")  # never empty: at least [b""]
    if lines[-1] == b"":
        lines.pop()
    width = len(book.columns)
    values: list[list[str]] = [[] for _ in range(width)]
    flags: list[str | None] = []
    i = 0
    while i < len(lines):
        fields, used, flag = _record(lines, i, book.separator, book.encoding)
        if flag is None and any("\x00" in f for f in fields):
            flag = "nul"
        if flag is not None:
            fields = [f.replace("\x00", "\ufffd") for f in fields]
        if flag is None and len(fields) != width:
            flag = "too_few_fields" if len(fields) < width else "too_many_fields"
        fields = (fields + [""] * width)[:width]
        for column, value in zip(values, fields, strict=True):
            column.append(value)
        flags.append(flag)
        i += used
    frame = pl.DataFrame({c: pl.Series(c, v, dtype=pl.String)
                          for c, v in zip(book.columns, values, strict=True)})
    # polars reads an empty field as null: the same here, so both paths agree
    frame = frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)) for c in book.columns)
    return frame.with_columns(pl.Series("__read", flags, dtype=pl.String))


def _record(lines: list[bytes], i: int, separator: str, encoding: str
            ) -> tuple[list[str], int, str | None]:
    """(fields, lines used, flag) of the record starting at line ``i``."""
    try:
        text = lines[i].decode(encoding)
    except UnicodeDecodeError:
        return _naive(lines[i].decode(encoding, "replace"), separator), 1, "bad_encoding"
    if '"' not in text:
        return _naive(text, separator), 1, None
    used = 0

    def feed() -> Iterator[str]:
        nonlocal used
        for j in range(i, min(len(lines), i + MAX_RECORD_LINES)):
            used += 1
            yield lines[j].decode(encoding) + "\n"

    try:
        fields = next(csv.reader(feed(), delimiter=separator, strict=True))
    except (csv.Error, UnicodeDecodeError, StopIteration):
        return _naive(text, separator), 1, "bad_quoting"
    return fields, used, None


def _naive(text: str, separator: str) -> list[str]:
    return text.rstrip("\r").split(separator)
