"""The run: frames from the reader, parsed, priced, split into priced and rejected rows,
summed, and written. :func:`run_renewal` and :func:`run_impact` are what the commands
call; :func:`renew_rows` prices a few rows in memory and answers with typed results
(:class:`PricedRow` or :class:`RejectedRow`), the same path as a whole book.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.renewal import kernel as kernel_path
from quote.renewal.frames import Frames as Frames
from quote.renewal.frames import Options as Options
from quote.renewal.frames import Progress as Progress
from quote.renewal.frames import chunks, context_of, split_chunk, split_priced
from quote.renewal.lookup import Pricer
from quote.renewal.reading import Book, check_header
from quote.renewal.reasons import Context
from quote.renewal.stats import Summary
from quote.renewal.writing import Pair, output_pair


def run_renewal(book: Book, on: date | None, pricer: Pricer, out_path: Path,
                rejects_path: Path, progress: Progress | None = None, *,
                options: Options | None = None, excel_sv: bool = False,
                published: list[Pair] | None = None, block_bytes: int | None = None,
                kernel: bool = True) -> Summary:
    """Reprice the book into ``out_path`` and ``rejects_path`` (format by suffix, see
    :mod:`quote.spreadsheet`), published together or not at all (see
    :mod:`quote.renewal.writing`). ``published`` receives the pair, for its run id;
    ``block_bytes`` sets the CSV read block (tests use small ones to cross many blocks).

    A CSV book written as CSV goes through the C kernel (:mod:`quote.renewal.kernel`)
    where it is built, block by block, any block it cannot read exactly going the polars
    way; ``kernel=False`` reads the whole book the polars way (the two give the same
    bytes: tests/test_renewal_kernel.py)."""
    options = options or Options(on=on)
    if block_bytes is not None:
        book = replace(book, block_bytes=block_bytes)
    context = context_of(book, pricer, options)
    summary = Summary()
    with output_pair(book, out_path, rejects_path, excel_sv) as pair:
        if book.columns:
            if kernel and kernel_path.suits(book, pair):
                kernel_path.run_book(book, pricer, options, context, pair, summary, progress)
            else:
                _run_frames(book, pricer, options, context, pair, summary, progress)
    if published is not None:
        published.append(pair)
    return summary


def _run_frames(book: Book, pricer: Pricer, options: Options, context: Context, pair: Pair,
                summary: Summary, progress: Progress | None) -> None:
    """The whole book the polars way, frame by frame."""
    frames = Frames(options, [pricer], context)
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: Future[None] | None = None
        for df in chunks(book, frames):
            rows, bad, stats = split_priced(book, df, frames)
            summary.add(stats, bad)
            if pending is not None:
                pending.result()  # at most one chunk waits: memory stays flat
            pending = writer.submit(_write_both, pair, rows, bad)
            if progress is not None:
                progress(df.height)
        if pending is not None:
            pending.result()


def _write_both(pair: Pair, rows: pl.DataFrame, bad: pl.DataFrame) -> None:
    pair.output.write(rows)
    pair.rejects.write(bad)


def run_impact(book: Book, on: date | None, old: Pricer, new: Pricer,
               progress: Progress | None = None, block_bytes: int | None = None, *,
               options: Options | None = None) -> Summary:
    """The renewal summary of ``new`` against ``old`` on the same book (nothing written)."""
    options = options or Options(on=on)
    if block_bytes is not None:
        book = replace(book, block_bytes=block_bytes)
    context = context_of(book, old, options)
    summary = Summary()
    if not book.columns:
        return summary
    frames = Frames(options, [old, new], context)
    for df in chunks(book, frames):
        _rows, bad, stats = split_chunk(book, df, context, frames.tuples, ["__0", "__1"],
                                        pl.col("__0ore"),
                                        pl.col("__1ore"), pl.col("__1moved"))
        summary.add(stats, bad)
        if progress is not None:
            progress(df.height)
    return summary


# --- typed results: a few rows priced in memory ---------------------------------------------

@dataclass(frozen=True)
class PricedRow:
    """A row priced: the engine's figures beside the row's own fields."""

    line: int
    fields: Mapping[str, str | None]
    age: int
    bracket: str
    index_factor: Decimal
    new_premium: Decimal
    change_pct: Decimal | None
    tariff_id: str


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be priced: its line, the reason's code and the message."""

    line: int
    fields: Mapping[str, str | None]
    reason: str
    message: str


def renew_rows(columns: Sequence[str], rows: Sequence[Sequence[str]], pricer: Pricer,
               options: Options | None = None) -> list[PricedRow | RejectedRow]:
    """Rows given in memory (line 2 onwards, as under a header), each priced or rejected
    exactly as in a book: the same checks, the same pricing, the same reasons."""
    options = options or Options()
    book = Book(Path("<rows>"), ",", tuple(columns))
    check_header(book, options.on)
    context = context_of(book, pricer, options)
    width = len(columns)
    frame = pl.DataFrame({c: pl.Series(c, [r[i] if i < len(r) else None for r in rows],
                                       dtype=pl.String) for i, c in enumerate(columns)})
    flags = [None if len(r) == width else
             "too_few_fields" if len(r) < width else "too_many_fields" for r in rows]
    frame = frame.with_columns(
        pl.int_range(0, len(rows), dtype=pl.UInt32).alias("__row"),
        pl.int_range(2, 2 + len(rows), dtype=pl.Int64).alias("__line"),
        pl.Series("__read", flags, dtype=pl.String))
    frames = Frames(options, [pricer], context)
    df = frames.price(frame)
    out, bad, _stats = split_priced(book, df, frames)
    results: dict[int, PricedRow | RejectedRow] = {}
    lines = df.filter(pl.col("__ok")).get_column("__line").to_list()
    for line, row in zip(lines, out.iter_rows(named=True), strict=True):
        results[line] = PricedRow(
            line, {c: row[c] for c in columns}, int(row["age"]), row["bracket"],
            Decimal(row["index_factor"]), Decimal(row["new_premium"]),
            Decimal(row["change_pct"]) if row["change_pct"] is not None else None,
            row["tariff_id"])
    for row in bad.iter_rows(named=True):
        results[int(row["line"])] = RejectedRow(int(row["line"]), {c: row[c] for c in columns},
                                                row["reason"], row["message"])
    return [results[line] for line in sorted(results)]
