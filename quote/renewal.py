"""Batch repricing of a book of policies: every row priced by `quote price`'s engine, or
rejected with its line and a reason; rows in = rows out + rows rejected.

The book is streamed in blocks (polars), so memory stays nearly flat as the book grows.
Dates, ages and the tariff version in force are derived column-wise; each distinct
combination of (tariff version, year, age, product, självrisk, smoker, loading) is priced
once by :func:`quote.pricing.price` (once per age bracket, in fact) and joined back, so a
million rows cost a few hundred calls of the same code that prices a broker's quote.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import polars as pl

from quote.errors import InputError, KpiMissingError, QuoteError
from quote.files import atomic_paths
from quote.identity import parse_identity
from quote.indexation import KpiSeries
from quote.money import plain
from quote.pricing import PriceRequest, price
from quote.tariff import Tariff

REQUIRED = ("policy_id", "product", "deductible", "smoker")
ADDED = ("age", "bracket", "index_factor", "new_premium", "change_pct", "tariff_id")
REJECT_ADDED = ("line", "reason", "message")
TRUE = {"true", "1", "yes", "ja", "y", "j", "t"}
FALSE = {"false", "0", "no", "nej", "n", "f"}
BANDS = ("below 0 %", "0-2 %", "2-5 %", "5-10 %", "10-20 %", "20 % and over")
BAND_EDGES = (0, 200, 500, 1000, 2000)  # in hundredths of a per cent

# The engine's field of an InputError -> the reject reason code.
FIELD_REASONS = {"product": "unknown_product", "deductible": "deductible_not_offered",
                 "loading_pct": "negative_loading", "on": "before_tariff",
                 "age": "bad_age", "referral": "referral", "frequency": "frequency"}


class BookError(QuoteError):
    """The book as a whole cannot be read (not CSV, a missing column …); the message
    starts with the file's name."""


@dataclass(frozen=True)
class Book:
    """An opened book: where it is, how it is delimited and which columns it has."""

    path: Path
    separator: str
    columns: tuple[str, ...]
    parquet: bool = False


    def has(self, column: str) -> bool:
        return column in self.columns

    def batches(self, rows: int, block_bytes: int | None = None) -> Iterator[pl.DataFrame]:
        """The book in frames of about ``rows`` rows (Parquet) or one read block of
        ``block_bytes`` (CSV, default :data:`BLOCK_BYTES`), all text, with ``__row``
        numbering the records from 0. Memory is bounded by one block, however long the book."""
        if self.parquet:
            lf = pl.scan_parquet(self.path).select(pl.all().cast(pl.String))
            yield from lf.with_row_index("__row").collect_batches(chunk_size=rows,
                                                                  maintain_order=True)
            return
        offset = 0
        for block, header in _csv_blocks(self.path, block_bytes or BLOCK_BYTES):
            frame = pl.read_csv(io.BytesIO(header + block), separator=self.separator,
                                infer_schema=False, quote_char='"')
            yield frame.with_row_index("__row", offset=offset)
            offset += frame.height


BLOCK_BYTES = 3 << 20


def _csv_blocks(path: Path, size: int) -> Iterator[tuple[bytes, bytes]]:
    """(block, header) pairs: whole records only, cut at a newline outside quotes."""
    with path.open("rb") as handle:
        header = handle.readline()
        if header.startswith(b"\xef\xbb\xbf"):
            header = header[3:]
        rest = b""
        while True:
            data = handle.read(size)
            if not data:
                break
            data = rest + data
            cut = _last_record_end(data)
            if cut < 0:  # one record longer than a block: read on
                rest = data
                continue
            block, rest = data[: cut + 1], data[cut + 1:]
            yield block, header
        if rest.strip():
            yield rest if rest.endswith(b"\n") else rest + b"\n", header


def _last_record_end(data: bytes) -> int:
    """Index of the last newline that ends a record (an even number of quotes before it)."""
    end = data.rfind(b"\n")
    if b'"' not in data:
        return end
    while end >= 0 and data.count(b'"', 0, end) % 2:
        end = data.rfind(b"\n", 0, end)
    return end


def open_book(path: Path, on: date | None) -> Book:
    """Check the book's header before any work: delimiter, encoding, required columns."""
    if not path.is_file():
        raise BookError(f"{path}: file not found")
    if path.suffix.lower() == ".parquet":
        try:
            columns = tuple(pl.scan_parquet(path).collect_schema().names())
        except Exception as exc:  # polars raises several kinds for a broken file
            raise BookError(f"{path}: not a readable Parquet file ({type(exc).__name__})"
                            ) from None
        book = Book(path, ",", columns, parquet=True)
    else:
        with path.open("rb") as handle:
            head = handle.read(65536)
        if b"\x00" in head:
            raise BookError(f"{path}: not a CSV file (binary content)")
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if len(head) < 65536 or exc.start < len(head) - 4:  # not a character cut short
                raise BookError(f"{path}: not a UTF-8 CSV file (byte {exc.start})") from None
            text = head[: exc.start].decode("utf-8-sig")
        header = text.splitlines()[0] if text.strip() else ""
        if not header:
            return Book(path, ",", ())  # an empty file: zero rows
        separator = ";" if header.count(";") > header.count(",") else ","
        columns = tuple(c.strip().strip('"') for c in header.split(separator))
        book = Book(path, separator, columns)
    missing = [c for c in REQUIRED if not book.has(c)]
    if not book.has("birth_date") and not book.has("id"):
        missing.append("birth_date (or id)")
    if on is None and not book.has("renewal_date"):
        missing.append("renewal_date (or --on)")
    if book.columns and missing:
        raise BookError(f"{path}: missing column(s) {', '.join(missing)}; the header has "
                        f"{', '.join(book.columns)}")
    clash = [c for c in (*ADDED, *REJECT_ADDED) if book.has(c)]
    if clash:
        raise BookError(f"{path}: the column(s) {', '.join(clash)} would be overwritten by "
                        "the output; rename them")
    if len(set(book.columns)) != len(book.columns):
        raise BookError(f"{path}: a column name appears twice in the header")
    return book


@dataclass(frozen=True)
class Priced:
    """One distinct key priced: either a result or a reject reason."""

    reason: str | None
    message: str | None
    bracket: str | None = None
    index_factor: str | None = None
    new_premium: str | None = None
    new_ore: int | None = None
    tariff_id: str | None = None
    moved: bool = False


def parse_bool(text: str) -> bool | None:
    value = text.strip().lower()
    return True if value in TRUE else False if value in FALSE else None


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class Pricer:
    """Prices distinct keys with one set of tariff versions, caching each result."""

    def __init__(self, versions: list[Tariff], kpi_of: Callable[[Tariff], KpiSeries]) -> None:
        self.versions = sorted(versions, key=lambda t: t.effective_from)
        self.kpis = [kpi_of(t) for t in self.versions]
        self.cache: dict[tuple[Any, ...], Priced] = {}

    def version_index(self, renewal: pl.Expr) -> pl.Expr:
        """Index of the version in force on each date (null before the first)."""
        expr: pl.Expr = pl.lit(None, dtype=pl.Int16)
        for i, tariff in enumerate(self.versions):
            expr = pl.when(renewal >= pl.lit(tariff.effective_from)).then(
                pl.lit(i, dtype=pl.Int16)).otherwise(expr)
        return expr

    def price_key(self, key: tuple[Any, ...]) -> Priced:
        """A key (version, year, age, product, självrisk, smoker, loading) priced."""
        idx, year, age, *rest = key
        tariff = self.versions[idx]
        bracket = tariff.bracket_for(age)
        moved = age > 0 and tariff.bracket_for(age - 1).label != bracket.label
        # The premium depends on the age only through its bracket: the engine is called
        # once per bracket, with the bracket's lowest age standing for every age in it.
        inner = (idx, year, bracket.low, *rest)
        result = self.cache.get(inner)
        if result is None:
            result = self._price(*inner)
            self.cache[inner] = result
        return replace(result, moved=moved) if result.reason is None else result

    def _price(self, idx: int, year: int, age: int, product: str, deductible: str,
               smoker: str, loading: str) -> Priced:
        """One request priced by the engine, or the reason it cannot be."""
        tariff, kpi = self.versions[idx], self.kpis[idx]
        ded = _number(deductible)
        if ded is None or ded != ded.to_integral_value():
            return Priced("bad_number", f"deductible: {deductible!r} is not a whole number "
                                        "of kronor")
        is_smoker = parse_bool(smoker)
        if is_smoker is None:
            return Priced("bad_boolean", f"smoker: {smoker!r} is not true/false, 1/0, "
                                         "yes/no or ja/nej")
        load = _number(loading) if loading.strip() else Decimal(0)
        if load is None:
            return Priced("bad_number", f"loading_pct: {loading!r} is not a number")
        on = max(date(year, 1, 1), tariff.effective_from)  # same version, same KPI year
        request = PriceRequest(product=product.strip().lower(), age=age, on=on,
                               deductible=int(ded), smoker=is_smoker, loading_pct=load)
        try:
            b = price(tariff, kpi, request)
        except InputError as exc:
            return Priced(FIELD_REASONS.get(exc.field, exc.field), f"{exc.field}: "
                                                                    f"{exc.message}")
        except KpiMissingError as exc:
            return Priced("kpi_missing", str(exc))
        return Priced(None, None, bracket=b.bracket.label,
                      index_factor=f"{b.index_factor:.6f}", new_premium=plain(b.monthly_premium),
                      new_ore=int(b.monthly_premium * 100), tariff_id=tariff.id)


KEY = ("__idx", "__year", "age", "__product", "__deductible", "__smoker", "__loading")
SEP = "\x1f"  # joins the key's parts into one string; a field containing it is rejected
CHUNK_ROWS = 100_000


def _text(book: Book, column: str) -> pl.Expr:
    return pl.col(column).fill_null("") if book.has(column) else pl.lit("")


def _date(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().str.to_date("%Y-%m-%d", strict=False)


def _birth_from_id(on: date | None) -> pl.Expr:
    """Birth dates from identity numbers: row by row, slower than a birth_date column."""

    def one(row: dict[str, Any]) -> date | None:
        text, when = row["id"] or "", row["__renewal"]
        if not text or when is None:
            return None
        try:
            return parse_identity(text, when).birth_date
        except InputError:
            return None

    return pl.struct(pl.col("id"), pl.col("__renewal")).map_elements(one, return_dtype=pl.Date)


def derive(book: Book, lf: pl.LazyFrame, on: date | None, pricer: Pricer) -> pl.LazyFrame:
    """Rows with dates, age, version, the pricing key and the row-level check (``__check``,
    the index of the first failing check in :func:`row_checks`, null when none fails)."""
    lf = lf.with_columns(
        (pl.lit(on, dtype=pl.Date) if on is not None else _date("renewal_date"))
        .alias("__renewal"))
    birth = _date("birth_date") if book.has("birth_date") else _birth_from_id(on)
    lf = lf.with_columns(birth.alias("__birth"))
    b, r = pl.col("__birth"), pl.col("__renewal")
    lf = lf.with_columns(
        (r.dt.year().cast(pl.Int32) - b.dt.year().cast(pl.Int32)
         - ((r.dt.month().cast(pl.Int32) * 100 + r.dt.day().cast(pl.Int32))
            < (b.dt.month().cast(pl.Int32) * 100 + b.dt.day().cast(pl.Int32))).cast(pl.Int32)
         ).alias("age"),
        pricer.version_index(r).alias("__idx"),
        r.dt.year().cast(pl.Int32).alias("__year"),
        _text(book, "product").alias("__product"),
        _text(book, "deductible").alias("__deductible"),
        _text(book, "smoker").alias("__smoker"),
        _text(book, "loading_pct").alias("__loading"),
    )
    if book.has("current_premium"):
        current = (pl.col("current_premium").fill_null("").str.strip_chars()
                   .str.replace(",", ".", literal=True))
        lf = lf.with_columns(
            (current.cast(pl.Decimal(20, 2), strict=False) * 100).cast(pl.Int64, strict=False)
            .alias("__current_ore"), (current == "").alias("__current_blank"))
    else:
        lf = lf.with_columns(pl.lit(None, dtype=pl.Int64).alias("__current_ore"))
    checks = row_checks(book, pricer)
    check: Any = pl
    for i, (condition, _code, _message) in enumerate(checks):
        check = check.when(condition).then(pl.lit(i, dtype=pl.Int8))
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in KEY], separator=SEP)
    return lf.with_columns(check.otherwise(None).alias("__check"), key.alias("__k"))


def row_checks(book: Book, pricer: Pricer) -> list[tuple[pl.Expr, str, str]]:
    """What makes a row unpriceable before the engine sees it: (condition, code, message)."""
    b, r = pl.col("__birth"), pl.col("__renewal")
    if book.has("current_premium"):
        bad_current = pl.col("__current_ore").is_null() & ~pl.col("__current_blank")
    else:
        bad_current = pl.lit(False)
    field_name = "birth_date" if book.has("birth_date") else "id"
    first = pricer.versions[0]
    return [
        (b.is_null() & r.is_not_null(), "bad_date" if field_name == "birth_date" else "bad_id",
         f"{field_name}: not a valid " + ("date YYYY-MM-DD" if field_name == "birth_date"
                                          else "identity number")),
        (r.is_null(), "bad_date", "renewal_date: not a valid date YYYY-MM-DD"),
        (b > r, "birth_after_renewal", "birth_date: after the renewal date"),
        (pl.col("__idx").is_null(), "before_tariff",
         f"renewal_date: before any tariff is in force (the first, {first.id}, starts "
         f"{first.effective_from})"),
        (bad_current, "bad_number", "current_premium: not a number"),
        (pl.any_horizontal(pl.col(k).str.contains(SEP, literal=True) for k in KEY[3:]),
         "bad_text", "a field holds the control character U+001F"),
    ]


def lookup_frame(pricer: Pricer, keys: pl.DataFrame, tag: str) -> pl.DataFrame:
    """Each distinct key priced once by the engine, as a frame to join on ``__k``."""
    rows = [pricer.price_key(k) for k in keys.select(KEY).iter_rows()]
    return keys.select("__k").with_columns(
        pl.Series(f"{tag}reason", [p.reason for p in rows], dtype=pl.String),
        pl.Series(f"{tag}message", [p.message for p in rows], dtype=pl.String),
        pl.Series(f"{tag}bracket", [p.bracket for p in rows], dtype=pl.String),
        pl.Series(f"{tag}factor", [p.index_factor for p in rows], dtype=pl.String),
        pl.Series(f"{tag}premium", [p.new_premium for p in rows], dtype=pl.String),
        pl.Series(f"{tag}ore", [p.new_ore for p in rows], dtype=pl.Int64),
        pl.Series(f"{tag}tariff", [p.tariff_id for p in rows], dtype=pl.String),
        pl.Series(f"{tag}moved", [p.moved for p in rows], dtype=pl.Boolean),
    )


class Lookup:
    """The priced keys seen so far, grown chunk by chunk: only new keys reach Python."""

    def __init__(self, pricer: Pricer, tag: str) -> None:
        self.pricer, self.tag = pricer, tag
        self.table: pl.DataFrame | None = None
        self.lock = threading.Lock()

    def covering(self, keys: pl.DataFrame) -> pl.DataFrame:
        with self.lock:
            return self._covering(keys)

    def _covering(self, keys: pl.DataFrame) -> pl.DataFrame:
        if self.table is None:  # the first chunk: even no keys give the table its columns
            self.table = lookup_frame(self.pricer, keys, self.tag)
            return self.table
        new = keys.join(self.table.select("__k"), on="__k", how="anti")
        if new.height:
            self.table = pl.concat([self.table, lookup_frame(self.pricer, new, self.tag)])
        return self.table


def price_rows(df: pl.DataFrame, lookups: list[Lookup]) -> pl.DataFrame:
    """Join each pricer's results onto derived rows; ``__ok`` marks the priced ones."""
    keys = (df.filter(pl.col("__check").is_null()).select("__k", *KEY)
            .unique(subset="__k", keep="first"))
    ok = pl.col("__check").is_null()
    for lookup in lookups:
        df = df.join(lookup.covering(keys), on="__k", how="left", maintain_order="left")
        ok = ok & pl.col(f"{lookup.tag}reason").is_null()
    return df.with_columns(ok.alias("__ok"))


def reject_reasons(checks: list[tuple[pl.Expr, str, str]], tags: list[str]
                   ) -> tuple[pl.Expr, pl.Expr]:
    """(reason, message) of a rejected row: its row check, else the first pricer's reason."""
    codes = {i: code for i, (_c, code, _m) in enumerate(checks)}
    texts = {i: text for i, (_c, _code, text) in enumerate(checks)}
    check = pl.col("__check")
    reason = pl.coalesce(check.replace_strict(codes, default=None, return_dtype=pl.String),
                         *(pl.col(f"{t}reason") for t in tags))
    message = pl.coalesce(check.replace_strict(texts, default=None, return_dtype=pl.String),
                          *(pl.col(f"{t}message") for t in tags))
    return reason, message


def change_hundredths(new: pl.Expr, old: pl.Expr) -> pl.Expr:
    """(new - old) / old in hundredths of a per cent, rounded half-up (away from zero)."""
    diff = new - old
    magnitude = (diff.abs() * 20000 + old) // (old * 2)
    return pl.when(old > 0).then(pl.when(diff < 0).then(-magnitude).otherwise(magnitude))


def output_columns(book: Book, tag: str = "__0") -> list[pl.Expr]:
    change = change_hundredths(pl.col(f"{tag}ore"), pl.col("__current_ore"))
    return [*(pl.col(c) for c in book.columns),
            pl.col("age").cast(pl.String), pl.col(f"{tag}bracket").alias("bracket"),
            pl.col(f"{tag}factor").alias("index_factor"),
            pl.col(f"{tag}premium").alias("new_premium"),
            (change.cast(pl.Decimal(20, 2)) / 100).alias("change_pct"),
            pl.col(f"{tag}tariff").alias("tariff_id")]


def reject_columns(book: Book, reason: pl.Expr, message: pl.Expr) -> list[pl.Expr]:
    return [*(pl.col(c) for c in book.columns),
            (pl.col("__row") + 2).cast(pl.Int64).alias("line"),
            reason.alias("reason"), message.alias("message")]


def _band(change: pl.Expr) -> list[pl.Expr]:
    """One count per band of the change (hundredths of a per cent)."""
    bounds = [None, *BAND_EDGES, None]
    counts = []
    for name, low, high in zip(BANDS, bounds[:-1], bounds[1:], strict=True):
        condition = change.is_not_null()
        if low is not None:
            condition = condition & (change >= low)
        if high is not None:
            condition = condition & (change < high)
        counts.append(condition.sum().alias(name))
    return counts


def chunk_stats(lf: pl.LazyFrame, before: pl.Expr, after: pl.Expr, moved: pl.Expr
                ) -> pl.LazyFrame:
    """One chunk's contribution to the summary, as a one-row frame."""
    ok = pl.col("__ok")
    both = ok & before.is_not_null()
    change = pl.when(both).then(change_hundredths(after, before))
    return lf.with_columns(change.alias("__change")).select(
        pl.len().alias("rows_in"), ok.sum().alias("rows_out"),
        pl.when(both).then(before).sum().alias("before"),
        pl.when(both).then(after).sum().alias("after"),
        pl.when(ok).then(after).sum().alias("after_all"),
        both.sum().alias("with_current"),
        (ok & moved).sum().alias("moved"),
        *_band(pl.col("__change")),
    )


@dataclass
class Summary:
    """What a run did, for people and for scripts."""

    rows_in: int = 0
    rows_out: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    before_ore: int = 0  # current premiums of the priced rows that have one
    after_ore: int = 0  # new premiums of those same rows
    after_all_ore: int = 0  # new premiums of every priced row
    with_current: int = 0
    bands: dict[str, int] = field(default_factory=dict)
    moved_bracket: int = 0

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    def add(self, stats: pl.DataFrame, rejected: pl.DataFrame) -> None:
        row = stats.row(0, named=True)
        row["reasons"] = dict(rejected.get_column("reason").value_counts().iter_rows())
        self.rows_in += int(row["rows_in"])
        self.rows_out += int(row["rows_out"] or 0)
        for reason, count in row["reasons"].items():
            self.rejected[str(reason)] = self.rejected.get(str(reason), 0) + int(count)
        self.before_ore += int(row["before"] or 0)
        self.after_ore += int(row["after"] or 0)
        self.after_all_ore += int(row["after_all"] or 0)
        self.with_current += int(row["with_current"] or 0)
        self.moved_bracket += int(row["moved"] or 0)
        for band in BANDS:
            self.bands[band] = self.bands.get(band, 0) + int(row[band] or 0)

    def as_dict(self) -> dict[str, Any]:
        def kr(ore: int) -> str:
            return plain(Decimal(ore) / 100)

        return {
            "rows_in": self.rows_in, "rows_out": self.rows_out,
            "rows_rejected": self.rows_rejected,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "premium_before": kr(self.before_ore), "premium_after": kr(self.after_ore),
            "premium_after_all": kr(self.after_all_ore),
            "rows_with_current_premium": self.with_current,
            "change_bands": {band: self.bands.get(band, 0) for band in BANDS},
            "moved_bracket": self.moved_bracket,
        }


Progress = Callable[[int], None]


def chunks(book: Book, on: date | None, pricers: list[Pricer], block_bytes: int | None = None
           ) -> Iterator[pl.DataFrame]:
    """The book streamed in chunks, each derived and priced, in input order.

    Two chunks are in flight at a time (polars releases the GIL, so the second core has
    work while Python prices keys or glues steps); memory holds at most those two.
    """
    lookups = [Lookup(pricer, f"__{i}") for i, pricer in enumerate(pricers)]

    def work(chunk: pl.DataFrame) -> pl.DataFrame:
        return price_rows(derive(book, chunk.lazy(), on, pricers[0]).collect(), lookups)

    with ThreadPoolExecutor(max_workers=2) as pool:
        window: list[Future[pl.DataFrame]] = []
        for chunk in book.batches(CHUNK_ROWS, block_bytes):
            window.append(pool.submit(work, chunk))
            if len(window) == 2:
                yield window.pop(0).result()
        for future in window:
            yield future.result()


def _new_summary() -> Summary:
    return Summary(bands={band: 0 for band in BANDS})


def split_chunk(book: Book, df: pl.DataFrame, checks: list[tuple[pl.Expr, str, str]],
                tags: list[str], before: pl.Expr, after: pl.Expr, moved: pl.Expr
                ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """A priced chunk as (output rows, rejected rows, summary row), in one collect."""
    lf = df.lazy()
    ok = pl.col("__ok")
    reason, message = reject_reasons(checks, tags)
    out, bad, stats = pl.collect_all([
        lf.filter(ok).select(output_columns(book)),
        lf.filter(~ok).select(reject_columns(book, reason, message)),
        chunk_stats(lf, before, after, moved)])
    return out, bad, stats


def run_renewal(book: Book, on: date | None, pricer: Pricer, out_path: Path,
                rejects_path: Path, progress: Progress | None = None,
                block_bytes: int | None = None) -> Summary:
    """Reprice the book into ``out_path`` and ``rejects_path`` (CSV, or Parquet by suffix),
    each written whole or not at all: temporary files, renamed when both are complete.
    ``block_bytes`` sets the CSV read block (tests use small ones to cross many blocks)."""
    summary = _new_summary()
    with atomic_paths(out_path, rejects_path) as (out_tmp, rejects_tmp), \
            _Writer(out_tmp, out_path, book) as out, \
            _Writer(rejects_tmp, rejects_path, book) as rejects:
        if not book.columns:
            out.header([*ADDED])
            rejects.header([*REJECT_ADDED])
        else:
            with ThreadPoolExecutor(max_workers=1) as writer:
                pending: Future[None] | None = None
                checks = row_checks(book, pricer)
                for df in chunks(book, on, [pricer], block_bytes):
                    rows, bad, stats = split_chunk(book, df, checks, ["__0"],
                                                   pl.col("__current_ore"), pl.col("__0ore"),
                                                   pl.col("__0moved"))
                    summary.add(stats, bad)
                    if pending is not None:
                        pending.result()  # at most one chunk waits: memory stays flat
                    pending = writer.submit(_write_both, out, rows, rejects, bad)
                    if progress is not None:
                        progress(df.height)
                if pending is not None:
                    pending.result()
    return summary


def _write_both(out: _Writer, rows: pl.DataFrame, rejects: _Writer, bad: pl.DataFrame) -> None:
    out.write(rows)
    rejects.write(bad)


class _Writer:
    """Appends chunks to one CSV (header once) or one Parquet file (gathered in memory and
    written at the end: Parquet output does not keep memory flat)."""

    def __init__(self, tmp: Path, target: Path, book: Book) -> None:
        self.tmp, self.book = tmp, book
        self.parquet = target.suffix.lower() == ".parquet"
        self.first = True
        self.handle: Any = None
        self.frames: list[pl.DataFrame] = []

    def __enter__(self) -> _Writer:
        if not self.parquet:
            self.handle = self.tmp.open("wb")
        return self

    def header(self, columns: list[str]) -> None:
        if self.parquet:
            self.frames.append(pl.DataFrame({c: [] for c in columns}, schema={
                c: pl.String for c in columns}))
        else:
            self.handle.write((self.book.separator.join(columns) + "\n").encode())

    def write(self, frame: pl.DataFrame) -> None:
        if self.parquet:
            self.frames.append(frame)
        else:
            frame.write_csv(self.handle, include_header=self.first,
                            separator=self.book.separator)
        self.first = False

    def __exit__(self, *exc: object) -> None:
        if self.parquet:
            frames = self.frames or [pl.DataFrame()]
            pl.concat(frames).write_parquet(self.tmp)
        else:
            self.handle.close()


def run_impact(book: Book, on: date | None, old: Pricer, new: Pricer,
               progress: Progress | None = None, block_bytes: int | None = None) -> Summary:
    """The renewal summary of ``new`` against ``old`` on the same book (nothing written)."""
    summary = _new_summary()
    if not book.columns:
        return summary
    checks = row_checks(book, old)
    for df in chunks(book, on, [old, new], block_bytes):
        _rows, bad, stats = split_chunk(book, df, checks, ["__0", "__1"], pl.col("__0ore"),
                                        pl.col("__1ore"), pl.col("__1moved"))
        summary.add(stats, bad)
        if progress is not None:
            progress(df.height)
    return summary
