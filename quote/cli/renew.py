"""`quote renew` and the summary shared with `quote tariff impact`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quote.catalog import bundled_data_dir, kpi_for, load_catalog
from quote.cli.common import (
    EXIT_FINDINGS,
    JsonOption,
    KpiOption,
    TariffOption,
    TariffsDirOption,
    book_errors,
    date_option,
    fail,
    prepare_polars,
    print_json,
    stderr,
    stdout,
    user_errors,
)
from quote.errors import InputError
from quote.files import write_text_atomic
from quote.i18n import number, plural, t
from quote.money import sek
from quote.tariff import Tariff, load_tariff

if TYPE_CHECKING:  # polars loads only when a book is repriced: other commands start faster
    from quote.renewal import Book, Options, Summary


def versions_of(tariff: Path | None, tariffs: Path | None) -> list[Tariff]:
    """``--tariff`` alone, or every version of the one tariff in the data directory."""
    if tariff is not None:
        return [load_tariff(tariff)]
    catalog = load_catalog(tariffs or bundled_data_dir(), kinds=("tariff",))
    ids = sorted({t.id for t in catalog.tariffs})
    if len(ids) > 1:
        raise InputError("tariff", t("cli.several_tariffs", directory=str(catalog.directory),
                                     ids=", ".join(ids)))
    return list(catalog.tariffs)


@contextmanager
def progress_bar(book: Book, show: bool) -> Iterator[Any]:
    """A progress bar on a terminal (stderr), none when piped; it advances by rows."""
    if not show or book.kind != "csv" or not book.columns:
        yield None
        return
    size = book.path.stat().st_size
    with book.path.open("rb") as handle:
        sample = handle.read(1 << 20)
    lines = max(1, sample.count(b"\n"))
    estimate = max(1, size * lines // max(1, len(sample)) - 1)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(t("renew.pricing")), BarColumn(),
                   TextColumn("{task.description}"), TimeElapsedColumn(), console=stderr(),
                   transient=True)
    with bar:
        task = bar.add_task(t("renew.rows_done", n=0), total=estimate)

        def advance(rows: int) -> None:
            bar.advance(task, rows)
            done = int(bar.tasks[0].completed)
            bar.update(task, description=t("renew.rows_done", n=done))

        yield advance


def render_summary(summary: Summary, title: str, before_label: str, after_label: str) -> None:
    from rich.table import Table

    from quote.renewal import BANDS

    console = stdout()
    data = summary.as_dict()
    console.print(f"[bold]{title}[/]")
    console.print(t("renew.rows", rows_in=summary.rows_in, rows_out=summary.rows_out,
                    rejected=summary.rows_rejected))
    if summary.rejected:
        console.print(t("renew.rejected_by_reason", reasons=", ".join(
            f"{reason} {number(count)}" for reason, count in sorted(summary.rejected.items()))),
            markup=False)
    before = Decimal(summary.before_ore) / 100
    after = Decimal(summary.after_ore) / 100
    if summary.with_current:
        change = (after - before) / before * 100 if before else Decimal(0)
        console.print(t("renew.total", rows=plural("renew.n_rows", summary.with_current),
                        before_label=before_label,
                        before=sek(before), after_label=after_label, after=sek(after),
                        change=f"{'+' if change >= 0 else ''}{number(change, 2)} %"))
        console.print(t("renew.bands"))  # (as the table's title it wraps in a narrow table)
        table = Table(show_edge=False, pad_edge=False)
        table.add_column(t("renew.column.change"))
        table.add_column(t("renew.column.count"), justify="right")
        for band in BANDS:
            table.add_row(t(f"renew.band.{band}"), number(data["change_bands"][band]))
        console.print(table)
    console.print(t("renew.total_all", amount=sek(Decimal(summary.after_all_ore) / 100)))
    console.print(t("renew.moved", n=summary.moved_bracket))


BookEncodingOption = Annotated[str | None, typer.Option(
    "--encoding", help="The CSV book's encoding (default: detected: UTF-8 with or without "
                       "BOM, else Windows-1252).", show_default=False)]
SheetOption = Annotated[str | None, typer.Option(
    "--sheet", help="The sheet of an .xlsx book (default: the first).", show_default=False)]
BookIdCountryOption = Annotated[str | None, typer.Option(
    "--id-country", help="SE, NO, DK or FI: the country of every identity number in the "
                         "book (an id_country column says it per row) (default: numbers "
                         "valid in Sweden are read as Swedish).", show_default=False)]
ReportOption = Annotated[Path | None, typer.Option(
    "--report", help="Also write a report for people: one self-contained HTML page with "
                     "the summary and charts (default: none).", dir_okay=False,
    show_default=False)]
BlockBytesOption = Annotated[int | None, typer.Option(
    "--block-bytes", hidden=True, min=1, help="Bytes per CSV block (for tests).")]


def options_for(on: date | None, id_country: str | None) -> Options:
    """The reading options, ``--id-country`` checked (the default country: a setting)."""
    from quote.identity import COUNTRIES
    from quote.renewal import Options

    if id_country is not None and id_country.upper() not in COUNTRIES:
        fail(f"--id-country: {t('identity.country', countries=', '.join(COUNTRIES))}")
    prefer = os.environ.get("QUOTE_ID_COUNTRY", "SE").upper()
    if prefer not in COUNTRIES:
        fail(f"QUOTE_ID_COUNTRY: {t('identity.country', countries=', '.join(COUNTRIES))}")
    return Options(on=on, id_country=id_country.upper() if id_country else None,
                   prefer=prefer)


def check_report_path(report: Path | None) -> None:
    """The report's directory exists: checked before any work, like the outputs'."""
    if report is not None and not report.resolve().parent.is_dir():
        fail(t("cli.report_directory", path=str(report), directory=str(report.parent)))


def none_priced(summary: Summary) -> str | None:
    """One line saying why no row at all could be priced (None if some were)."""
    if not summary.rows_in or summary.rows_out:
        return None
    reasons = ", ".join(f"{reason} {count}" for reason, count in
                        sorted(summary.rejected.items(), key=lambda kv: -kv[1]))
    return t("renew.none_priced", rows=summary.rows_in, reasons=reasons,
             first=summary.first_reject or "")


def renew(
    book: Annotated[Path, typer.Argument(help="The book: CSV (',' or ';', UTF-8 or "
                                              "Windows-1252), Excel (.xlsx) or Parquet.",
                                         dir_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the priced "
                                         "rows: CSV, or .xlsx or .parquet by suffix.",
                                         dir_okay=False, show_default=False)],
    rejects: Annotated[Path | None, typer.Option(
        help="Where to write the rejected rows (default: OUTPUT's name + .rejects).",
        dir_okay=False, show_default=False)] = None,
    on: Annotated[str | None, typer.Option(
        help="Renewal date YYYY-MM-DD for every row (default: each row's renewal_date).",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 if any row is rejected (the files are still written).")
    ] = False,
    excel_sv: Annotated[bool, typer.Option(
        "--excel-sv", help="CSV outputs for Swedish Excel: ';', decimal commas, a BOM, "
                           "formulas escaped.")] = False,
    sheet: SheetOption = None,
    encoding: BookEncodingOption = None,
    id_country: BookIdCountryOption = None,
    report: ReportOption = None,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
    block_bytes: BlockBytesOption = None,
) -> None:
    """Reprice a book of policies on their renewal dates, every row accounted for.

    Each row is priced by the same engine as `quote price`; a row that cannot be priced
    goes to the rejects file with its line number and reason. Rows in = rows out + rows
    rejected. Exit 0 done, 1 rows rejected with --strict or no row priced, 2 bad input.
    Example: quote renew book.csv -o renewed.xlsx --report renewal.html
    """
    prepare_polars()
    from quote.renewal import BLOCK_BYTES, Pricer, open_book, run_renewal
    from quote.renewal.writing import Pair

    on_date = date_option(on, "--on")
    options = options_for(on_date, id_country)
    rejects_path = rejects or output.with_name(f"{output.stem}.rejects{output.suffix}")
    targets = {book.resolve(), output.resolve(), rejects_path.resolve()}
    if report is not None:
        targets.add(report.resolve())
    if len(targets) < 3 + (report is not None):
        fail(t("cli.renew_distinct"))
    check_report_path(report)
    published: list[Pair] = []
    with user_errors():
        opened = open_book(book, on_date, encoding=encoding, sheet=sheet,
                           block_bytes=block_bytes or BLOCK_BYTES)
        versions = versions_of(tariff, tariffs)
        pricer = Pricer(versions, lambda t: kpi_for(t, kpi))
        with book_errors(book), progress_bar(opened, sys.stderr.isatty()) as advance:
            summary = run_renewal(opened, on_date, pricer, output, rejects_path, advance,
                                  options=options, excel_sv=excel_sv, published=published)
        if report is not None:
            from quote.renewal.report import ReportTitles, report_html

            write_report(report, opened, report_html(summary, ReportTitles(
                title=t("report.renew.title"), book=book.name,
                tariff=", ".join(f"{v.id} {v.model.version}" for v in pricer.versions),
                before=t("report.before"), after=t("report.after"))))
    why = none_priced(summary)
    if why:
        typer.echo(why, err=True)
    pair = published[0] if published else None
    if as_json:
        print_json({**summary.as_dict(), "output": str(output), "rejects": str(rejects_path),
                    "on": on_date.isoformat() if on_date else None,
                    "run": pair.run if pair else None,
                    "manifest": str(pair.manifest) if pair and pair.manifest else None,
                    "report": str(report) if report else None})
    else:
        render_summary(summary, t("renew.title", book=str(book), output=str(output),
                                  rejects=str(rejects_path)), t("renew.before"), t("renew.after"))
    if why or (strict and summary.rows_rejected):
        raise typer.Exit(EXIT_FINDINGS)


def write_report(path: Path, book: Book, html: str) -> None:
    """The report, atomically; no more readable than a book with identity numbers."""
    mode = None
    if book.has("id"):
        mode = 0o600 & book.path.stat().st_mode
    write_text_atomic(path, html, mode=mode)
