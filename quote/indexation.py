"""KPI series and the indexation factor for a pricing date.

A series file is CSV with the header ``month,kpi`` (or ``month,kpi,note``), one line per
month in order (``2023-09,408.05``; a third field is a note, e.g. how the figure was
converted), and ``#`` comment lines. Two comments are settings:

- ``# base: 1980=100`` records the index base of the series;
- ``# link 2020=100: factor 3.3592, round half_up to 2 decimals`` says how a figure
  published on another base becomes one on this base (SCB's link since 2026).

A series may lack a month (a gap is a warning); only a quote that needs that very month
fails, naming it. Every problem is reported with its line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from quote.dates import Month
from quote.errors import InputError, KpiError, KpiMissingError, Problem
from quote.i18n import t
from quote.money import MODES, RoundingMode
from quote.yamlfile import read_bytes

HEADER = "month,kpi"
HEADER_WITH_NOTE = "month,kpi,note"
# Every KPI figure read from anywhere lies in this range (1980 = 100 gives about 100-420,
# 2020 = 100 about 30-130), with at most this many decimals.
KPI_MIN, KPI_MAX, KPI_PLACES = Decimal(1), Decimal(10000), 4

_BASE = re.compile(r"^(\d{4})(?:\s*=\s*100)?$")
_LINK = re.compile(r"^factor\s+(\d+(?:\.\d+)?)\s*,\s*round\s+(half_up|half_even)\s+to\s+"
                   r"(\d)\s+decimals?$")


def normalize_base(text: str) -> str | None:
    """``1980`` or ``1980=100`` -> ``1980=100``; None if it is neither."""
    match = _BASE.match(text.strip())
    return f"{match.group(1)}=100" if match else None


def kpi_figure(value: Decimal) -> Decimal:
    """A figure as stored: at least two decimals, as SCB writes them (416.7 -> 416.70)."""
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal("0.01")) if isinstance(exponent, int) and exponent > -2 \
        else value


def sane_kpi(value: Decimal) -> bool:
    """A KPI figure within range: finite, 1 to 10 000, at most four decimals."""
    if not value.is_finite() or not KPI_MIN <= value <= KPI_MAX:
        return False
    exponent = value.normalize().as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -KPI_PLACES


@dataclass(frozen=True)
class Link:
    """How a figure on ``source`` base becomes one on the series' base: × factor, rounded."""

    source: str
    factor: Decimal
    places: int
    mode: RoundingMode

    def convert(self, value: Decimal) -> Decimal:
        return (value * self.factor).quantize(Decimal(1).scaleb(-self.places),
                                              rounding=MODES[self.mode])

    def describe(self, value: Decimal) -> str:
        """The conversion written out, as stored in the series' note column."""
        return (f"{value} ({self.source}) × {self.factor} = {value * self.factor} -> "
                f"{self.convert(value)} ({self.mode} to {self.places} decimals)")


@dataclass(frozen=True)
class KpiSeries:
    """Monthly index figures, from one file."""

    path: Path
    sha256: str
    base: str | None
    values: dict[Month, Decimal]
    notes: dict[Month, str] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)

    @property
    def first(self) -> Month | None:
        return min(self.values) if self.values else None

    @property
    def last(self) -> Month | None:
        return max(self.values) if self.values else None

    def gaps(self) -> list[Month]:
        """The months missing between the first and the last figure."""
        if not self.values:
            return []
        missing, month, last = [], self.first, self.last
        assert month is not None and last is not None
        while month < last:
            if month not in self.values:
                missing.append(month)
            month = month.next()
        return missing

    def value(self, month: Month, needed_for: str | Callable[[], str]) -> Decimal:
        """The figure of ``month``; a missing one is an error saying what it was needed for
        (``needed_for`` written only then, if it is a function)."""
        try:
            return self.values[month]
        except KeyError:
            last = self.last
            raise KpiMissingError(self.path, str(month),
                                  needed_for if isinstance(needed_for, str) else needed_for(),
                                  str(last) if last else None,
                                  in_gap=last is not None and month < last) from None


def _comment(line: str, number: int, path: Path, problems: list[Problem],
             links: dict[str, Link]) -> str | None:
    """A ``#`` line: the base it states (if any); a link is recorded in ``links``."""
    key, _, rest = line.lstrip("#").strip().partition(":")
    key, rest = key.strip(), rest.strip()
    if key.lower() == "base" and rest:
        base = normalize_base(rest)
        if base is None:
            problems.append(Problem(path, number, t("kpi.file.bad_base")))
        return base
    if key.lower().startswith("link "):
        source = normalize_base(key[5:])
        match = _LINK.match(rest)
        if source is None or match is None:
            problems.append(Problem(path, number, t("kpi.bad_link")))
            return None
        mode: RoundingMode = "half_up" if match.group(2) == "half_up" else "half_even"
        links[source] = Link(source, Decimal(match.group(1)), int(match.group(3)), mode)
    return None


def parse_kpi(path: Path, raw: bytes) -> tuple[KpiSeries, list[Problem]]:
    """Parse a series; return it with every problem found (duplicates, gaps, bad values)."""
    problems: list[Problem] = []
    values: dict[Month, Decimal] = {}
    notes: dict[Month, str] = {}
    links: dict[str, Link] = {}
    lines_of: dict[Month, int] = {}
    base: str | None = None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, None, t("kpi.not_utf8", byte=str(exc.start))))
        text = ""
    header_seen = noted = False
    previous: Month | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            base = _comment(stripped, number, path, problems, links) or base
            continue
        if not header_seen:
            header_seen = True
            noted = stripped.replace(" ", "").lower() == HEADER_WITH_NOTE
            if stripped.replace(" ", "").lower() not in (HEADER, HEADER_WITH_NOTE):
                problems.append(Problem(path, number, t("kpi.bad_header", header=HEADER)))
            continue
        cells = [cell.strip() for cell in stripped.split(",", 2 if noted else 1)]
        if len(cells) < 2 or (not noted and "," in cells[1]) or (
                noted and len(cells) == 3 and cells[2].isdigit()):
            # No note column, or a note of digits: a decimal comma (414,57), not a note.
            problems.append(Problem(path, number, t("kpi.bad_line")))
            continue
        try:
            month = Month.parse(cells[0])
        except ValueError:
            problems.append(Problem(path, number, t("kpi.bad_month")))
            previous = previous.next() if previous is not None else None  # no cascade
            continue
        try:
            value = Decimal(cells[1]) if len(cells[1]) <= 20 else Decimal("NaN")
        except InvalidOperation:
            value = Decimal("NaN")
        if not sane_kpi(value):
            problems.append(Problem(path, number, t("kpi.bad_value", month=str(month))))
            previous = month
            continue
        if month in values:
            problems.append(Problem(path, number, t("kpi.duplicate", month=str(month),
                                                    first=str(lines_of[month]))))
            continue
        if previous is not None:
            if month < previous:
                problems.append(Problem(path, number, t("kpi.out_of_order", month=str(month),
                                                        previous=str(previous))))
            elif month > previous.next():  # (== previous: a bad figure corrected below it)
                first_missing, last_missing = previous.next(), month.previous()
                missing = (str(first_missing) if first_missing == last_missing
                           else f"{first_missing}..{last_missing}")
                problems.append(Problem(path, number, t("kpi.gap", missing=missing,
                                                        month=str(month),
                                                        previous=str(previous)),
                                        "warning"))
        values[month] = value
        if len(cells) == 3 and cells[2]:
            notes[month] = cells[2]
        lines_of[month] = number
        previous = month if previous is None or month > previous else previous
    if not header_seen and not problems:
        problems.append(Problem(path, 1, t("kpi.empty", header=HEADER)))
    series = KpiSeries(path=path, sha256=hashlib.sha256(raw).hexdigest(), base=base,
                       values=values, notes=notes, links=links)
    return series, problems


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def load_kpi(path: Path) -> KpiSeries:
    """Load a KPI series; raise KpiError listing every error in it (gaps are no error)."""
    series, problems = parse_kpi(path, read_bytes(path, "KPI", KpiError))
    if errors_only(problems):
        raise KpiError(path, problems)
    return series


@dataclass(frozen=True)
class IndexFactor:
    """KPI of the reference month divided by KPI of the base month."""

    base_month: Month
    base: Decimal
    reference_month: Month
    reference: Decimal
    series_base: str | None = None
    reference_note: str | None = None

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
    base = series.value(base_month, lambda: t("kpi.needed.base_month"))
    reference = series.value(ref, lambda: t("kpi.needed.reference", on=on.isoformat()))
    return IndexFactor(base_month=base_month, base=base, reference_month=ref,
                       reference=reference, series_base=series.base,
                       reference_note=series.notes.get(ref))


def parse_kpi_value(text: str) -> Decimal:
    """A KPI figure as typed: a number from 1 to 10 000, decimal point or comma."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned) if len(cleaned) <= 20 else Decimal("NaN")
    except InvalidOperation:
        raise InputError("value", t("kpi.value.not_number", got=text[:20])) from None
    if not sane_kpi(value):
        raise InputError("value", t("kpi.value.range", got=text[:20]))
    return value


@dataclass(frozen=True)
class Addition:
    """A figure to store: the month, its value on the series' base, and a note (or None)."""

    month: Month
    value: Decimal
    note: str | None = None


def convert(series: KpiSeries, month: Month, value: Decimal, base: str | None) -> Addition:
    """``value`` for ``month``, published on ``base`` (None: the series' own), as the figure
    the series stores, with a note showing the conversion when there is one."""
    value = kpi_figure(value)
    if base is None or base == series.base:
        return Addition(month, value)
    if series.base is None:
        raise InputError("base", t("kpi.add.no_base", path=str(series.path)))
    link = series.links.get(base)
    if link is None:
        raise InputError("base", t("kpi.add.no_link", path=str(series.path), base=series.base,
                                   source=base))
    converted = link.convert(value)
    if not sane_kpi(converted):
        raise InputError("value", t("kpi.value.range", got=str(converted)))
    return Addition(month, converted, f"from {link.describe(value)}")


def with_months(path: Path, raw: bytes, additions: list[Addition]) -> str:
    """The series text with each addition inserted at its place (gaps filled, or after the
    last month); refuses a month already there. Lines already in the file stay as they are.
    """
    series, problems = parse_kpi(path, raw)
    if errors_only(problems):
        raise KpiError(path, problems)
    for item in additions:
        if item.month in series.values:
            raise InputError("month", t("kpi.add.exists", month=str(item.month),
                                        path=str(path), value=str(series.values[item.month])))
    lines = raw.decode("utf-8-sig").splitlines()
    header_at = next((i for i, line in enumerate(lines)
                      if line.strip() and not line.strip().startswith("#")), None)
    if header_at is None:
        lines.append(HEADER_WITH_NOTE if any(a.note for a in additions) else HEADER)
        header_at = len(lines) - 1
    elif any(a.note for a in additions) and lines[header_at].replace(" ", "").lower() == HEADER:
        lines[header_at] = HEADER_WITH_NOTE
    for item in sorted(additions, key=lambda a: a.month):
        text = f"{item.month},{item.value}" + (f",{item.note}" if item.note else "")
        at = len(lines)
        for i in range(header_at + 1, len(lines)):
            head = lines[i].strip().split(",", 1)[0]
            try:
                if Month.parse(head) > item.month:
                    at = i
                    break
            except ValueError:
                continue
        if at == len(lines):
            while at > header_at + 1 and not lines[at - 1].strip():
                at -= 1  # after the last figure, not after trailing blank lines
        lines.insert(at, text)
    return "\n".join(lines) + "\n"


def latest_published(today: date, day: int = 15) -> Month:
    """The latest month whose KPI SCB will have published by ``today``: a month's figure
    appears around the 15th of the next month (``day``)."""
    month = Month(today.year, today.month)
    back = 1 if today.day >= day else 2
    for _ in range(back):
        month = month.previous()
    return month
