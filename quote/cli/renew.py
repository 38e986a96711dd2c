"""`quote renew` and the summary shared with `quote tariff impact`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from quote.catalog import bundled_data_dir, kpi_for, load_catalog
from quote.cli.common import (
    EXIT_FINDINGS,
    BlockBytesOption,
    JsonOption,
    KpiOption,
    TariffOption,
    TariffsDirOption,
    date_option,
    fail,
    prepare_polars,
    print_json,
    stderr,
    stdout,
    user_errors,
)
from quote.errors import InputError, QuoteError
from quote.money import decimal_sv, sek
from quote.tariff import Tariff, load_tariff

if TYPE_CHECKING:  # polars loads only when a book is repriced: other commands start faster
    from quote.renewal import Book, Summary


def versions_of(tariff: Path | None, tariffs: Path | None) -> list[Tariff]:
    """``--tariff`` alone, or every version of the one tariff in the data directory."""
    if tariff is not None:
        return [load_tariff(tariff)]
    catalog = load_catalog(tariffs or bundled_data_dir(), kinds=("tariff",))
    ids = sorted({t.id for t in catalog.tariffs})
    if len(ids) > 1:
        raise InputError("tariff", f"{catalog.directory} holds several tariffs "
                                   f"({', '.join(ids)}); choose one with --tariff")
    return list(catalog.tariffs)


BAND_SV = {"below 0 %": "under 0 %", "0-2 %": "0–2 %", "2-5 %": "2–5 %", "5-10 %": "5–10 %",
           "10-20 %": "10–20 %", "20 % and over": "20 % och mer"}


@contextmanager
def progress_bar(book: Book, show: bool) -> Iterator[Any]:
    """A progress bar on a terminal (stderr), none when piped; it advances by rows."""
    if not show or book.parquet or not book.columns:
        yield None
        return
    size = book.path.stat().st_size
    with book.path.open("rb") as handle:
        sample = handle.read(1 << 20)
    lines = max(1, sample.count(b"\n"))
    estimate = max(1, size * lines // max(1, len(sample)) - 1)
    bar = Progress(TextColumn("Prissätter"), BarColumn(), TextColumn("{task.completed:,} rader"),
                   TimeElapsedColumn(), console=stderr(), transient=True)
    with bar:
        task = bar.add_task("", total=estimate)
        yield lambda rows: bar.advance(task, rows)


def render_summary(summary: Summary, title: str, before_label: str, after_label: str) -> None:
    from quote.renewal import BANDS

    console = stdout()
    data = summary.as_dict()
    console.print(f"[bold]{title}[/]")
    console.print(f"Rader in {summary.rows_in:,} · ut {summary.rows_out:,} · avvisade "
                  f"{summary.rows_rejected:,}".replace(",", " "))
    if summary.rejected:
        console.print("Avvisade per orsak: " + ", ".join(
            f"{reason} {count:,}".replace(",", " ")
            for reason, count in sorted(summary.rejected.items())), markup=False)
    before = Decimal(summary.before_ore) / 100
    after = Decimal(summary.after_ore) / 100
    if summary.with_current:
        change = (after - before) / before * 100 if before else Decimal(0)
        console.print(f"Premiesumma per månad ({summary.with_current} rader): {before_label} "
                      f"{sek(before)} → {after_label} {sek(after)} "
                      f"({'+' if change >= 0 else ''}{decimal_sv(change, 2)} %)")
        table = Table(show_edge=False, pad_edge=False, title="Förändring per försäkring")
        table.add_column("Förändring")
        table.add_column("Antal", justify="right")
        for band in BANDS:
            table.add_row(BAND_SV.get(band, band), str(data["change_bands"][band]))
        console.print(table)
    console.print(f"Ny premiesumma per månad, alla prissatta rader: "
                  f"{sek(Decimal(summary.after_all_ore) / 100)}")
    console.print(f"Bytt åldersintervall: {summary.moved_bracket}")


def renew(
    book: Annotated[Path, typer.Argument(help="The book: CSV (',' or ';', UTF-8 with or "
                                              "without BOM) or Parquet.", dir_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the priced "
                                         "rows (CSV, or Parquet by its .parquet suffix).",
                                         dir_okay=False, show_default=False)],
    rejects: Annotated[Path | None, typer.Option(
        help="Where to write the rejected rows [default: OUTPUT's name + .rejects].",
        dir_okay=False, show_default=False)] = None,
    on: Annotated[str | None, typer.Option(
        help="Renewal date YYYY-MM-DD for every row [default: each row's renewal_date].",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 if any row is rejected (the files are still written).")
    ] = False,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
    block_bytes: BlockBytesOption = None,
) -> None:
    """Reprice a book of policies on their renewal dates, every row accounted for.

    Each row is priced by the same engine as `quote price`; a row that cannot be priced
    goes to the rejects file with its line number and reason. Rows in = rows out + rows
    rejected. Exit 0 done, 1 rows rejected with --strict, 2 bad input.
    Example: quote renew book.csv -o renewed.csv
    """
    prepare_polars()
    import polars as pl

    from quote.renewal import Pricer, open_book, run_renewal

    on_date = date_option(on, "--on")
    rejects_path = rejects or output.with_name(f"{output.stem}.rejects{output.suffix}")
    targets = {book.resolve(), output.resolve(), rejects_path.resolve()}
    if len(targets) < 3:
        fail("BOOK, -o and --rejects must be three different files")
    with user_errors():
        opened = open_book(book, on_date)
        pricer = Pricer(versions_of(tariff, tariffs), lambda t: kpi_for(t, kpi))
        try:
            with progress_bar(opened, sys.stderr.isatty()) as advance:
                summary = run_renewal(opened, on_date, pricer, output, rejects_path, advance,
                                      block_bytes)
        except pl.exceptions.PolarsError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise QuoteError(f"{book}: not a valid CSV file ({first[:200]}); nothing was "
                             "written") from None
    if as_json:
        print_json({**summary.as_dict(), "output": str(output), "rejects": str(rejects_path),
                    "on": on_date.isoformat() if on_date else None})
    else:
        render_summary(summary, f"Förnyelse: {book} → {output} (avvisade: {rejects_path})",
                       "före", "efter")
    if strict and summary.rows_rejected:
        raise typer.Exit(EXIT_FINDINGS)
