"""The polars path: frames of text parsed, priced and split column-wise (Excel and
Parquet books, other encodings, and any CSV block the C kernel does not read; every book
with ``QUOTE_RENEW_KERNEL=off``), and what a run is read with (:class:`Options`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.renewal.columns import DEFAULT_ID_COUNTRY, Tuples, derive
from quote.renewal.lookup import Lookup, Pricer, price_rows
from quote.renewal.reading import Book
from quote.renewal.reasons import Context, codes, messages
from quote.renewal.stats import by_product, chunk_stats
from quote.renewal.writing import output_columns, reject_columns

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Options:
    """How a book is read beyond its own columns."""

    on: date | None = None  # one renewal date for every row (else each row's)
    id_country: str | None = None  # --id-country: the country of every id
    prefer: str = DEFAULT_ID_COUNTRY  # the country an id valid in two is read as


def context_of(book: Book, pricer: Pricer, options: Options) -> Context:
    return Context(book.columns, pricer.first.id, pricer.first.effective_from,
                   book.encoding, options.id_country or options.prefer)


class Frames:
    """The polars path of one run: frames of text parsed and priced column-wise, the
    distinct tuples and keys kept from frame to frame (safe from two threads)."""

    def __init__(self, options: Options, pricers: list[Pricer], context: Context) -> None:
        self.options, self.context = options, context
        self.tuples = Tuples()
        self.lookups = [Lookup(pricer, f"__{i}", context, self.tuples)
                        for i, pricer in enumerate(pricers)]
        self.version = pricers[0].version_index(pl.col("__renewal"))

    def price(self, frame: pl.DataFrame) -> pl.DataFrame:
        options = self.options
        derived = derive(frame, self.context, options.on, self.version, self.tuples,
                         options.id_country, options.prefer)
        return price_rows(derived, self.lookups)


def chunks(book: Book, frames: Frames) -> Iterator[pl.DataFrame]:
    """The book's frames, each parsed and priced, in input order.

    Two frames are in flight at a time (polars releases the GIL, so the second core has
    work while Python prices keys or glues steps); memory holds at most those two.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        window: list[Future[pl.DataFrame]] = []
        for frame in book.frames():
            window.append(pool.submit(frames.price, frame))
            if len(window) == 2:
                yield window.pop(0).result()
        for future in window:
            yield future.result()


def reject_reasons(context: Context, tags: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """(reason code, message) of a rejected row: its row check, else the first pricer's
    reason. Both are looked up by the reason's id, never by a position."""
    check = pl.col("__check")
    code_of = codes()
    reason = pl.coalesce(check, *(pl.col(f"{t}reason") for t in tags)).replace_strict(
        code_of, default=None, return_dtype=pl.String)
    message = pl.coalesce(check.replace_strict(messages(context), default=None,
                                               return_dtype=pl.String),
                          *(pl.col(f"{t}message") for t in tags))
    return reason, message


def split_chunk(book: Book, df: pl.DataFrame, context: Context, tuples: Tuples,
                tags: list[str], before: pl.Expr, after: pl.Expr, moved: pl.Expr
                ) -> tuple[pl.DataFrame, pl.DataFrame, list[pl.DataFrame]]:
    """A priced chunk as (output rows, rejected rows, summary frames), in one collect."""
    lf = df.lazy()
    ok = pl.col("__ok")
    reason, message = reject_reasons(context, tags)
    out, bad, totals, by_age, by_tuple = pl.collect_all([
        lf.filter(ok).select(output_columns(book, tags[-1])),
        lf.filter(~ok).select(reject_columns(book, reason, message)),
        *chunk_stats(lf, before, after, moved)])
    return out, bad, [totals, by_age, by_product(by_tuple, tuples)]


def split_priced(book: Book, df: pl.DataFrame, frames: Frames
                 ) -> tuple[pl.DataFrame, pl.DataFrame, list[pl.DataFrame]]:
    """A frame priced by one pricer, as (output rows, rejected rows, summary frames)."""
    return split_chunk(book, df, frames.context, frames.tuples, ["__0"],
                       pl.col("__current_ore"), pl.col("__0ore"), pl.col("__0moved"))
