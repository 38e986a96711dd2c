"""`quote kpi ...`: the yearly upkeep of the KPI series."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from quote.catalog import bundled_data_dir, default_series, is_installed_copy
from quote.cli.common import (
    JsonOption,
    KpiOption,
    TariffsDirOption,
    fail,
    print_json,
    stdout,
    user_errors,
)
from quote.dates import Month
from quote.errors import KpiError, QuoteError
from quote.files import clean_stale_temporaries, real_target, write_text_atomic
from quote.i18n import t
from quote.indexation import load_kpi, parse_kpi_value, with_month_added
from quote.money import decimal_sv
from quote.yamlfile import read_bytes

app = typer.Typer(help="Show and extend the KPI series used for indexation.",
                  no_args_is_help=True)


def _series_path(kpi: Path | None, tariffs: Path | None) -> Path:
    return kpi if kpi is not None else default_series(tariffs or bundled_data_dir())


def _month(text: str, option: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        fail(f"{option}: {exc}")


@app.command("show")
def show(
    from_: Annotated[str | None, typer.Option(
        "--from", help="First month to show, YYYY-MM [default: the last 13 months].",
        show_default=False)] = None,
    kpi: KpiOption = None,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the KPI series, with the change from the same month a year before.

    Example: quote kpi show --from 2023-09
    """
    start = _month(from_, "--from") if from_ else None
    with user_errors():
        series = load_kpi(_series_path(kpi, tariffs))
    if not series.values:
        fail(t("kpi.empty", path=series.path))
    months = sorted(series.values)
    if start is not None:
        months = [m for m in months if m >= start]
    elif len(months) > 13:
        months = months[-13:]

    def yearly(m: Month) -> Decimal | None:
        before = series.values.get(Month(m.year - 1, m.month))
        if before is None:
            return None
        return ((series.values[m] / before - 1) * 100).quantize(Decimal("0.1"))

    if as_json:
        print_json({
            "path": str(series.path), "base": series.base, "sha256": series.sha256,
            "first": str(series.first) if series.first else None,
            "last": str(series.last) if series.last else None,
            "months": [{"month": str(m), "kpi": str(series.values[m]),
                        "yearly_change_pct": str(c) if (c := yearly(m)) is not None else None}
                       for m in months],
        })
        return
    console = stdout()
    console.print(f"{series.path} (KPI {series.base or 'bas okänd'}), "
                  f"{series.first}–{series.last}")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Månad")
    table.add_column("KPI", justify="right")
    table.add_column("12 mån", justify="right")
    for m in months:
        change = yearly(m)
        table.add_row(str(m), decimal_sv(series.values[m], 2),
                      f"{decimal_sv(change, 1)} %" if change is not None else "")
    console.print(table)


@app.command("add")
def add(
    month: Annotated[str, typer.Argument(help="The month, YYYY-MM: the one after the last.")],
    value: Annotated[str, typer.Argument(help="SCB's KPI figure for that month, e.g. 417.25.")],
    kpi: KpiOption = None,
    tariffs: TariffsDirOption = None,
) -> None:
    """Add the next month's KPI figure to the series (atomically; refuses duplicates and gaps).

    Example: quote kpi add 2025-09 417.25 --kpi tariffs/kpi-1980.csv
    """
    when = _month(month, "MONTH")
    with user_errors():
        path = _series_path(kpi, tariffs)
        if is_installed_copy(path):
            raise QuoteError(f"{path} is the series bundled inside the installed quote; keep "
                             "your own data directory and pass --tariffs DIR or --kpi FILE")
        clean_stale_temporaries(real_target(path))
        figure = parse_kpi_value(value)
        text = with_month_added(path, read_bytes(path, "KPI", KpiError), when, figure)
        write_text_atomic(path, text)
    typer.echo(f"Added {when},{figure} to {path}.")
