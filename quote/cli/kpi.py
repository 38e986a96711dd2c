"""`quote kpi ...`: the yearly upkeep of the KPI series."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import bundled_data_dir, default_series
from quote.cli.common import (
    EXIT_FINDINGS,
    JsonOption,
    KpiOption,
    TariffsDirOption,
    fail,
    print_json,
    stderr,
    stdout,
    user_errors,
)
from quote.dates import Month
from quote.files import clean_stale_temporaries, real_target
from quote.i18n import number, t
from quote.indexation import KpiSeries, latest_published, load_kpi, normalize_base, parse_kpi_value
from quote.scb import DEFAULT_API
from quote.upkeep import FetchReport, add_figure, fetch_missing

app = typer.Typer(help="Show, extend and fetch the KPI series used for indexation.",
                  no_args_is_help=True)


def _series_path(kpi: Path | None, tariffs: Path | None) -> Path:
    return kpi if kpi is not None else default_series(tariffs or bundled_data_dir())


def _month(text: str, option: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def _months(months: list[Month]) -> str:
    """Months as runs: ``2024-12, 2026-01..2026-07``."""
    runs: list[list[Month]] = []
    for month in sorted(months):
        if runs and runs[-1][-1].next() == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}..{r[-1]}" for r in runs)


def staleness(series: KpiSeries, today: date) -> Month | None:
    """The latest month SCB will have published by ``today``, when the series ends before it."""
    published = latest_published(today)
    return published if series.last is not None and series.last < published else None


@app.command("show")
def show(
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="MONTH",
        help="First month to show, YYYY-MM [default: the last 13 months].",
        show_default=False)] = None,
    kpi: KpiOption = None,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the KPI series, with the change from the same month a year before.

    Warns (on stderr) when the series is older than what SCB will have published (a month's
    figure appears around the 15th of the next month) and when it lacks months.

    Example: quote kpi show --from 2025-01
    """
    start = _month(from_, "--from") if from_ else None
    with user_errors():
        series = load_kpi(_series_path(kpi, tariffs))
    months = sorted(series.values)
    if start is not None:
        months = [m for m in months if m >= start]
    elif len(months) > 13:
        months = months[-13:]
    stale = staleness(series, date.today())
    gaps = series.gaps()

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
            "links": {source: {"factor": str(link.factor), "places": link.places,
                               "mode": link.mode} for source, link in series.links.items()},
            "gaps": [str(m) for m in gaps],
            "stale": {"latest_published": str(stale)} if stale else None,
            "months": [{"month": str(m), "kpi": str(series.values[m]),
                        "yearly_change_pct": str(c) if (c := yearly(m)) is not None else None,
                        "note": series.notes.get(m)}
                       for m in months],
        })
        return
    if not series.values:
        fail(t("kpi.show.empty", path=str(series.path)))
    console = stdout()
    console.print(t("kpi.show.title", path=str(series.path),
                    base=series.base or t("kpi.show.base_unknown"), first=str(series.first),
                    last=str(series.last)), markup=False)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("kpi.show.month"))
    table.add_column("KPI", justify="right")
    table.add_column(t("kpi.show.change"), justify="right")
    noted = any(m in series.notes for m in months)
    if noted:
        table.add_column(t("kpi.show.note"))
    for m in months:
        change = yearly(m)
        row = [str(m), number(series.values[m], 2),
               f"{number(change, 1)} %" if change is not None else ""]
        table.add_row(*row, *([escape(series.notes.get(m, ""))] if noted else []))
    console.print(table)
    if stale is not None:
        stderr().print(t("kpi.stale", last=str(series.last), published=str(stale)),
                       markup=False)
    if gaps:
        stderr().print(t("kpi.gaps", months=_months(gaps)), markup=False)


BaseOption = Annotated[str | None, typer.Option(
    "--base", metavar="YEAR",
    help="The base the figure is published on: 1980 or 2020 (1980=100 or 2020=100) "
         "[default: the series' own base]. A figure on another base is converted with the "
         "series' link (# link 2020=100: factor …).", show_default=False)]


@app.command("add")
def add(
    month: Annotated[str, typer.Argument(metavar="MONTH",
                                         help="The month, YYYY-MM (at the end or in a gap).")],
    value: Annotated[str, typer.Argument(metavar="VALUE",
                                         help="SCB's KPI figure for that month, e.g. 417.96.")],
    base: BaseOption = None,
    kpi: KpiOption = None,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add one month's KPI figure to your series (atomically; never over a stored figure).

    Example: quote kpi add 2026-08 124.85 --base 2020 --tariffs my-data
    """
    when = _month(month, "MONTH")
    chosen_base = normalize_base(base) if base is not None else None
    if base is not None and chosen_base is None:
        fail(f"--base: {t('kpi.bad_base', got=base)}")
    with user_errors():
        path = _series_path(kpi, tariffs)
        clean_stale_temporaries(real_target(path))  # a killed run's, even if this one refuses
        figure = parse_kpi_value(value)
        added = add_figure(path, when, figure, chosen_base)
    stored = added.addition
    if as_json:
        print_json({"path": str(added.path), "month": str(stored.month),
                    "kpi": str(stored.value), "base": added.base,
                    "given": {"value": str(figure), "base": chosen_base or added.base},
                    "conversion": stored.note, "gaps": [str(m) for m in added.gaps]})
        return
    typer.echo(t("kpi.add.done", month=str(stored.month), value=str(stored.value),
                 base=added.base or "?", path=str(added.path)))
    if stored.note:
        typer.echo(t("kpi.add.converted", conversion=stored.note))
    if added.gaps:
        typer.echo(t("kpi.add.gap_left", months=_months(added.gaps)), err=True)


@app.command("fetch")
def fetch(
    until: Annotated[str | None, typer.Option(
        metavar="MONTH", help="Fetch up to this month, YYYY-MM [default: the latest month SCB "
                              "will have published today].", show_default=False)] = None,
    kpi: KpiOption = None,
    tariffs: TariffsDirOption = None,
    api: Annotated[str, typer.Option(
        envvar="QUOTE_SCB_API", metavar="URL", hidden=True,
        help="PxWebApi 2.0 root (for tests and mirrors).")] = DEFAULT_API,
    as_json: JsonOption = False,
) -> None:
    """Fetch the series' missing months from SCB's open API and add them (atomically).

    Months already stored are asked again and compared: a figure that disagrees is reported
    (exit 1) and never overwritten. No network: exit 2 and nothing is written.

    Example: quote kpi fetch --tariffs my-data
    """
    last = _month(until, "--until") if until else latest_published(date.today())
    with user_errors():
        report = fetch_missing(_series_path(kpi, tariffs), last, api)
    if as_json:
        print_json(_fetch_json(report))
    else:
        _render_fetch(report)
    if report.disagreements:
        for item in report.disagreements:
            typer.echo(t("kpi.fetch.disagreement", month=str(item.month), stored=str(item.stored),
                         scb=str(item.scb)), err=True)
        raise typer.Exit(EXIT_FINDINGS)


def _fetch_json(report: FetchReport) -> dict[str, object]:
    return {"path": str(report.path), "until": str(report.until), "tables": report.tables,
            "months": [{"month": str(m.month), "status": m.status,
                        "scb": str(m.scb) if m.scb is not None else None,
                        "stored": str(m.stored) if m.stored is not None else None,
                        "table": m.table, "conversion": m.note} for m in report.months],
            "added": report.count("added"), "agreed": report.count("agreed"),
            "disagreed": report.count("disagrees"), "unpublished": report.count("unpublished")}


def _render_fetch(report: FetchReport) -> None:
    console = stdout()
    if not report.months:
        console.print(t("kpi.fetch.nothing", path=str(report.path), until=str(report.until)),
                      markup=False)
        return
    console.print(t("kpi.fetch.title", tables=", ".join(report.tables)), markup=False)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("kpi.show.month"))
    table.add_column("KPI", justify="right")
    table.add_column(t("kpi.fetch.status"))
    for m in report.months:
        value = m.stored if m.status in ("added", "agreed", "disagrees") else None
        status = (t("kpi.fetch.disagrees", scb=str(m.scb)) if m.status == "disagrees"
                  else t(f"kpi.fetch.{m.status}"))
        if m.note:
            status += f" ({m.note})"
        table.add_row(str(m.month), number(value, 2) if value is not None else "",
                      escape(status))
    console.print(table)
    console.print(t("kpi.fetch.summary", added=report.count("added"),
                    agreed=report.count("agreed"), disagreed=report.count("disagrees"),
                    unpublished=report.count("unpublished"), path=str(report.path)),
                  markup=False)


