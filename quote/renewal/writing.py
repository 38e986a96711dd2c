"""Writing a run: the priced rows and the rejects, each in its format (CSV, Swedish-Excel
CSV, .xlsx or Parquet, see :mod:`quote.spreadsheet`), published together.

Both files are written to temporaries beside their targets; when both are complete the
previous run's manifest is removed, the two are renamed into place, and a new manifest
(``OUTPUT.manifest.json``, e.g. ``out.csv.manifest.json``) names both with their SHA-256
and row counts. A run
killed between the renames leaves no manifest, so a new output is never silently paired
with an old rejects file: the manifest is there, and its hashes match, only for a pair
that belongs together.

A book with an ``id`` column gives outputs no more readable than the book (a 0600 book
gives 0600 files); in the rejects file the identity number is masked (its birth-date
digits kept, the rest ``*``), as it is never needed to find the row again (the line is).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.files import atomic_paths, write_text_atomic
from quote.renewal.reading import ADDED, REJECT_ADDED, Book
from quote.renewal.stats import change_hundredths
from quote.spreadsheet import Format, TableWriter, format_for

# Excel number formats of the columns that hold numbers (book columns and added ones).
NUMERIC = {"age": "0", "index_factor": "0.000000", "new_premium": "0.00",
           "change_pct": "0.00", "line": "0", "current_premium": "0.00",
           "deductible": "0", "loading_pct": "0.##"}


def hundredths_text(value: pl.Expr) -> pl.Expr:
    """An integer count of hundredths as a decimal with two places (``-5`` -> ``-0.05``)."""
    size = value.abs()
    return pl.concat_str(pl.when(value < 0).then(pl.lit("-")).otherwise(pl.lit("")),
                         (size // 100).cast(pl.String), pl.lit("."),
                         (size % 100).cast(pl.String).str.zfill(2))


@functools.cache
def _ages() -> pl.Series:
    """Ages as text, by age (made once, when polars writes its first frame)."""
    return pl.Series("age", [str(a) for a in range(1000)], dtype=pl.String)


def output_columns(book: Book, tag: str = "__0") -> list[pl.Expr]:
    change = change_hundredths(pl.col(f"{tag}ore"), pl.col("__current_ore"))
    # an age as text: picked from a list (ages of priced rows are 0 to a few hundred)
    ages = _ages()
    age = pl.when(pl.col("age") < ages.len()).then(pl.lit(ages).gather(
        pl.col("age").clip(0, ages.len() - 1))).otherwise(pl.col("age").cast(pl.String))
    return [*(pl.col(c) for c in book.columns),
            age.alias("age"), pl.col(f"{tag}bracket").alias("bracket"),
            pl.col(f"{tag}factor").alias("index_factor"),
            pl.col(f"{tag}premium").alias("new_premium"),
            hundredths_text(change).alias("change_pct"),
            pl.col(f"{tag}tariff").alias("tariff_id")]


def mask_id(expr: pl.Expr) -> pl.Expr:
    """An identity number with only its birth-date digits left: the first six characters
    (eight for a 12-digit number), every later letter or digit ``*``."""
    compact = expr.str.replace_all(r"[^0-9A-Za-z]", "")
    keep = pl.when(compact.str.len_chars() >= 12).then(8).otherwise(6)
    return (expr.str.slice(0, keep)
            + expr.str.slice(keep).str.replace_all(r"[0-9A-Za-z]", "*"))


def reject_columns(book: Book, reason: pl.Expr, message: pl.Expr) -> list[pl.Expr]:
    return [*((mask_id(pl.col(c)).alias(c) if c == "id" else pl.col(c))
              for c in book.columns),
            pl.col("__line").cast(pl.String).alias("line"),
            reason.alias("reason"), message.alias("message")]


def output_names(book: Book) -> tuple[list[str], list[str]]:
    """The column names of the output and of the rejects file."""
    return [*book.columns, *ADDED], [*book.columns, *REJECT_ADDED]


def manifest_path(output: Path) -> Path:
    return output.with_name(f"{output.name}.manifest.json")


@dataclass
class Pair:
    """The two writers of a run; ``run`` and ``manifest`` are set once both are published."""

    output: TableWriter
    rejects: TableWriter
    run: str | None = None
    manifest: Path | None = None


@contextlib.contextmanager
def output_pair(book: Book, output: Path, rejects: Path, excel_sv: bool = False
                ) -> Iterator[Pair]:
    """Two writers (priced rows, rejects); on success both files are published together
    with a manifest, on any error (or interrupt) neither target is touched."""
    out_columns, reject_names = output_names(book)
    formats: tuple[Format, Format] = (format_for(output, excel_sv),
                                      format_for(rejects, excel_sv))
    with atomic_paths(rejects, output) as (rejects_tmp, out_tmp):
        _no_more_readable_than(book, rejects_tmp, out_tmp)
        pair = Pair(TableWriter(out_tmp, formats[0], out_columns, NUMERIC, book.separator),
                    TableWriter(rejects_tmp, formats[1], reject_names, NUMERIC,
                                book.separator))
        try:
            yield pair
        except BaseException:
            pair.output.abort()
            pair.rejects.abort()
            raise
        pair.output.close()
        pair.rejects.close()
        with contextlib.suppress(FileNotFoundError):
            manifest_path(output).unlink()  # the old pair is being replaced
    # renamed by now: the rejects first, then the output; the manifest last
    pair.run, pair.manifest = write_manifest(book, output, rejects, pair.output,
                                             pair.rejects)


def write_manifest(book: Book, output: Path, rejects: Path, out: TableWriter,
                   rej: TableWriter) -> tuple[str, Path]:
    out_sha, rej_sha = out.sha256(), rej.sha256()
    run = hashlib.sha256(f"{out_sha}:{rej_sha}".encode()).hexdigest()[:16]
    data = {"run": run, "book": book.path.name,
            "output": {"file": output.name, "sha256": out_sha, "rows": out.rows},
            "rejects": {"file": rejects.name, "sha256": rej_sha, "rows": rej.rows}}
    path = manifest_path(output)
    mode = _mode_for(book, path)
    write_text_atomic(path, json.dumps(data, indent=2) + "\n", mode=mode)
    return run, path


def _mode_for(book: Book, target: Path) -> int | None:
    if not book.has("id"):
        return None
    umask = os.umask(0)
    os.umask(umask)
    base = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask
    return base & book.path.stat().st_mode & 0o666


def _no_more_readable_than(book: Book, *temps: Path) -> None:
    """Outputs of a book with identity numbers get at most the book's permissions."""
    if not book.has("id"):
        return
    limit = book.path.stat().st_mode & 0o666
    for temp in temps:
        os.chmod(temp, temp.stat().st_mode & limit)


def read_manifest(output: Path) -> dict[str, object] | None:
    path = manifest_path(output)
    try:
        data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data
