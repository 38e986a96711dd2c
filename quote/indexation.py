"""KPI series and the indexation factor for a pricing date.

A series file is CSV with the header ``month,kpi``, one line per month in order
(``2023-09,408.05``), and optional ``#`` comment lines; ``# base: 1980=100`` records the
index base. Every problem is reported with its line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from quote.dates import Month
from quote.errors import InputError, KpiError, KpiMissingError, Problem
from quote.i18n import t
from quote.yamlfile import read_bytes

HEADER = "month,kpi"
KPI_MIN = Decimal("0.01")
KPI_MAX = Decimal(100_000)
KPI_DECIMALS = 6


def kpi_in_range(value: Decimal) -> bool:
    """A KPI figure any index factor can be computed from exactly: :data:`KPI_MIN` to
    :data:`KPI_MAX` with at most :data:`KPI_DECIMALS` decimals (SCB publishes two)."""
    return value.is_finite() and KPI_MIN <= value <= KPI_MAX and \
        int(value.as_tuple().exponent) >= -KPI_DECIMALS


def kpi_range_message() -> str:
    return t("range.kpi", low=KPI_MIN, high=KPI_MAX, places=KPI_DECIMALS)


@dataclass(frozen=True)
class KpiSeries:
    """Monthly index figures, from one file."""

    path: Path
    sha256: str
    base: str | None
    values: dict[Month, Decimal]

    @property
    def first(self) -> Month | None:
        return min(self.values) if self.values else None

    @property
    def last(self) -> Month | None:
        return max(self.values) if self.values else None

    def value(self, month: Month, needed_for: str) -> Decimal:
        try:
            return self.values[month]
        except KeyError:
            last = self.last
            raise KpiMissingError(self.path, str(month), needed_for,
                                  str(last) if last else None) from None


def parse_kpi(path: Path, raw: bytes) -> tuple[KpiSeries, list[Problem]]:
    """Parse a series; return it with every problem found (duplicates, gaps, bad values)."""
    problems: list[Problem] = []
    values: dict[Month, Decimal] = {}
    lines_of: dict[Month, int] = {}
    base: str | None = None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, None, f"not UTF-8 text (byte {exc.start})"))
        text = ""
    header_seen = False
    previous: Month | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            key, _, rest = stripped.lstrip("#").strip().partition(":")
            if key.strip().lower() == "base" and rest.strip():
                base = rest.strip()
            continue
        if not header_seen:
            header_seen = True
            if stripped.replace(" ", "").lower() != HEADER:
                problems.append(Problem(path, number, f"the header must be '{HEADER}', "
                                                      f"got {stripped!r}"))
            continue
        cells = [cell.strip() for cell in stripped.split(",")]
        if len(cells) != 2:
            problems.append(Problem(path, number, f"expected 'YYYY-MM,value', got {stripped!r}"))
            continue
        try:
            month = Month.parse(cells[0])
        except ValueError as exc:
            problems.append(Problem(path, number, str(exc)))
            previous = previous.next() if previous is not None else None  # no cascade
            continue
        try:
            value = Decimal(cells[1])
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value <= 0:
            problems.append(Problem(path, number, f"{month}: KPI must be a positive number, "
                                                  f"got {cells[1]!r}"))
            previous = month
            continue
        if not kpi_in_range(value):
            problems.append(Problem(path, number, f"{month}: {kpi_range_message()}"))
            previous = month
            continue
        if month in values:
            problems.append(Problem(path, number, f"{month}: duplicate month (first on line "
                                                  f"{lines_of[month]})"))
            continue
        if previous is not None:
            if month < previous:
                problems.append(Problem(path, number, f"{month}: out of order (after "
                                                      f"{previous}); keep the file sorted"))
            elif month != previous.next():
                problems.append(Problem(path, number, f"{month}: months missing between "
                                                      f"{previous} and {month}"))
        values[month] = value
        lines_of[month] = number
        previous = month if previous is None or month > previous else previous
    if not header_seen and not problems:
        problems.append(Problem(path, 1, f"empty KPI file: expected the header '{HEADER}'"))
    series = KpiSeries(path=path, sha256=hashlib.sha256(raw).hexdigest(), base=base,
                       values=values)
    return series, problems


def load_kpi(path: Path) -> KpiSeries:
    """Load a KPI series; raise KpiError listing every problem in it."""
    series, problems = parse_kpi(path, read_bytes(path, "KPI", KpiError))
    if problems:
        raise KpiError(path, problems)
    return series


@dataclass(frozen=True)
class IndexFactor:
    """KPI of the reference month divided by KPI of the base month."""

    base_month: Month
    base: Decimal
    reference_month: Month
    reference: Decimal

    @property
    def ratio(self) -> Decimal:
        return self.reference / self.base

    def apply(self, amount: Decimal) -> Decimal:
        """``amount`` × reference ÷ base, multiplied first so the result is as exact as can be."""
        return amount * self.reference / self.base


def reference_month(on: date, month: int, year_offset: int) -> Month:
    """The KPI month that sets the price on ``on``: e.g. September of the year before."""
    return Month(on.year + year_offset, month)


def index_factor(series: KpiSeries, base_month: Month, on: date, month: int,
                 year_offset: int) -> IndexFactor:
    """The factor for pricing on ``on``; a missing figure is an error naming the month."""
    ref = reference_month(on, month, year_offset)
    base = series.value(base_month, "the tariff's KPI base month")
    reference = series.value(ref, f"the KPI reference month for pricing on {on}")
    return IndexFactor(base_month=base_month, base=base, reference_month=ref,
                       reference=reference)


def parse_kpi_value(text: str) -> Decimal:
    """A KPI figure as typed: a positive number, decimal point or comma."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise InputError("value", f"{text!r} is not a number") from None
    if not value.is_finite() or value <= 0:
        raise InputError("value", f"KPI must be a positive number, got {text}")
    if not kpi_in_range(value):
        raise InputError("value", kpi_range_message())
    return value


def with_month_added(path: Path, raw: bytes, month: Month, value: Decimal) -> str:
    """The series text with ``month,value`` appended; refuses a duplicate or a gap."""
    series, problems = parse_kpi(path, raw)
    if problems:
        raise KpiError(path, problems)
    if month in series.values:
        raise InputError("month", f"{month} is already in {path} "
                                  f"({series.values[month]}); nothing was changed")
    last = series.last
    if last is not None and month != last.next():
        if month < last:
            raise InputError("month", f"{month} is before the end of {path} ({last}); "
                                      "the series only grows at its end")
        raise InputError("month", f"adding {month} would leave a gap: {path} ends at {last}, "
                                  f"add {last.next()} first")
    text = raw.decode("utf-8-sig")
    if text and not text.endswith("\n"):
        text += "\n"
    if not series.values and HEADER not in text.replace(" ", "").lower():
        text += HEADER + "\n"
    return f"{text}{month},{value}\n"
