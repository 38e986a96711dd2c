"""The yearly KPI upkeep as one call each: add a figure by hand, fetch missing ones from SCB,
and a data directory of one's own. The command line only reads options and renders.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from quote.catalog import is_installed_copy
from quote.dates import Month
from quote.errors import InputError, KpiError, QuoteError
from quote.files import clean_stale_temporaries, temp_name, write_text_atomic
from quote.i18n import t
from quote.indexation import (
    Addition,
    KpiSeries,
    convert,
    errors_only,
    parse_kpi,
    sane_kpi,
    with_months,
)
from quote.scb import Transport, fetch_figures, http_post
from quote.yamlfile import read_bytes

# Months already in the series asked again, to show that SCB still agrees with them.
CHECK_MONTHS = 3


def installed_copy_guard(path: Path) -> None:
    """The series inside an installed package is not the user's to edit."""
    if is_installed_copy(path):
        raise QuoteError(t("kpi.add.installed", path=str(path)))


def _read_series(path: Path) -> tuple[bytes, KpiSeries]:
    raw = read_bytes(path, "KPI", KpiError)
    series, problems = parse_kpi(path, raw)
    if errors_only(problems):
        raise KpiError(path, problems)
    return raw, series


@dataclass(frozen=True)
class Added:
    """What ``quote kpi add`` stored, and the series' gaps after it."""

    path: Path
    addition: Addition
    base: str | None
    gaps: list[Month]


def add_figure(path: Path, month: Month, value: Decimal, base: str | None) -> Added:
    """Store ``value`` (published on ``base``, default the series' own) for ``month``,
    converted by the series' link when needed; anywhere a month is missing (a gap or the
    end), never over a figure that is there. Written atomically."""
    installed_copy_guard(path)
    raw, series = _read_series(path)
    addition = convert(series, month, value, base)
    text = with_months(path, raw, [addition])
    write_text_atomic(path, text)
    after, _ = parse_kpi(path, text.encode())
    return Added(path, addition, series.base, after.gaps())


Status = Literal["added", "agreed", "disagrees", "unpublished"]


@dataclass(frozen=True)
class Fetched:
    """One month asked of SCB: its figure as published and as stored, and what was done."""

    month: Month
    status: Status
    scb: Decimal | None
    stored: Decimal | None
    table: str
    note: str | None = None


@dataclass
class FetchReport:
    """What ``quote kpi fetch`` did; exit 1 when a figure disagrees."""

    path: Path
    until: Month
    tables: list[str] = field(default_factory=list)
    months: list[Fetched] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for m in self.months if m.status == status)

    @property
    def disagreements(self) -> list[Fetched]:
        return [m for m in self.months if m.status == "disagrees"]


def months_to_ask(series: KpiSeries, until: Month) -> list[Month]:
    """Every gap, every month after the last up to ``until``, and the last few stored months
    (to check them); nothing after ``until``."""
    wanted = [m for m in series.gaps() if m <= until]
    last = series.last
    if last is None:
        return wanted
    month = last.next()
    while month <= until:
        wanted.append(month)
        month = month.next()
    check: list[Month] = []
    month = last
    while len(check) < CHECK_MONTHS and series.first is not None and month >= series.first:
        if month in series.values and month <= until:
            check.append(month)
        month = month.previous()
    return sorted({*wanted, *check})


def fetch_missing(path: Path, until: Month, api: str,
                  transport: Transport = http_post) -> FetchReport:
    """Fetch the series' missing months up to ``until`` from SCB, add the published ones
    atomically (converted by the series' link where SCB's table has another base), and
    report the months already stored: agreeing, or disagreeing (never overwritten)."""
    installed_copy_guard(path)
    raw, series = _read_series(path)
    report = FetchReport(path=path, until=until)
    asked = months_to_ask(series, until)
    if not asked:
        return report
    found, report.tables = fetch_figures(asked, series.base, api, transport)
    additions: list[Addition] = []
    for month in asked:
        published, table = found[month]
        stored = series.values.get(month)
        if published is None:
            report.months.append(Fetched(month, "unpublished", None, stored, table.table))
            continue
        if not published.is_finite() or not sane_kpi(published):
            raise QuoteError(t("kpi.fetch.bad_figure", month=str(month), got=str(published)[:20]))
        try:
            addition = convert(series, month, published, table.base)
        except InputError as exc:
            raise QuoteError(f"{path}: {exc.message}") from None
        if stored is None:
            additions.append(addition)
            report.months.append(Fetched(month, "added", published, addition.value,
                                         table.table, addition.note))
        else:
            status: Status = "agreed" if stored == addition.value else "disagrees"
            report.months.append(Fetched(month, status, addition.value, stored, table.table))
    if additions:
        write_text_atomic(path, with_months(path, raw, additions))
    return report


def init_data_dir(source: Path, target: Path) -> list[Path]:
    """Copy the data directory ``source`` (the bundled tariffs, rule book, KPI series and
    what lies beside them) into the new directory ``target``; all or nothing."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("dir", t("data.exists", path=str(target)))
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temporaries(target)  # a killed run's staging directory
        staging = temp_name(target)
        staging.mkdir(mode=0o700)
    except OSError as exc:
        raise QuoteError(t("data.cannot", path=str(target), reason=exc.strerror)) from None
    try:
        shutil.copytree(source, staging, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())
