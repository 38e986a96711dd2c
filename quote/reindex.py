"""`quote tariff index`: a new tariff version with every table premium indexed by KPI.

The new file is the old one with its premiums, dates, version and KPI base month
rewritten in place, so comments and layout survive and a review diff shows only what
changed. The result is parsed again and compared with what was meant before it is
returned; pricing it on a date in its first year gives the same amounts as pricing the
old version with indexation.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from quote.errors import InputError, QuoteError, TariffError
from quote.i18n import t
from quote.indexation import IndexFactor, KpiSeries, index_factor
from quote.pricing import indexed_premium
from quote.tariff import Tariff, parse_tariff
from quote.yamlfile import YamlDocument, load_yaml, read_bytes


@dataclass(frozen=True)
class Reindexed:
    text: str
    factor: IndexFactor
    effective_from: date
    version: str
    premiums: dict[str, dict[str, tuple[int, int]]]  # product -> bracket -> (old, new)


def _replace_on_line(lines: list[str], line: int | None, pattern: str, value: str,
                     what: str) -> None:
    if line is None:
        raise QuoteError(t("reindex.not_found", what=what))
    text = lines[line - 1]
    new, count = re.subn(pattern, lambda m: f"{m.group(1)}{value}", text, count=1)
    if count != 1:
        raise QuoteError(t("reindex.not_in_place", what=what, line=str(line)))
    lines[line - 1] = new


def reindex(tariff: Tariff, kpi: KpiSeries, effective_from: date, out_path: Path,
            version: str | None = None) -> Reindexed:
    """Index ``tariff`` to a new version in force from ``effective_from``."""
    model = tariff.model
    if effective_from <= model.effective_from:
        raise InputError("from", t("reindex.not_after", start=effective_from.isoformat(),
                                   old=model.effective_from.isoformat()))
    rule = model.indexation
    factor = index_factor(kpi, rule.base_month, effective_from, rule.reference_month,
                          rule.reference_year_offset)
    new_version = version or f"{model.version}, KPI {factor.reference_month}"
    raw = read_bytes(tariff.path, "tariff", TariffError)
    doc: YamlDocument = load_yaml(tariff.path, raw)
    lines = raw.decode("utf-8-sig").splitlines(keepends=True)
    premiums: dict[str, dict[str, tuple[int, int]]] = {}
    for pid, product in model.products.items():
        premiums[pid] = {}
        for label, old in product.premiums.items():
            new = int(indexed_premium(tariff, factor, old)[1])
            premiums[pid][label] = (old, new)
            _replace_on_line(lines, doc.lines.get(("products", pid, "premiums", label)),
                             rf"^(\s*['\"]?{re.escape(label)}['\"]?\s*:\s*)\d+",
                             str(new), f"products.{pid}.premiums.{label}")
    _replace_on_line(lines, doc.lines.get(("effective_from",)),
                     r"^(effective_from\s*:\s*)\S+", effective_from.isoformat(), "effective_from")
    _replace_on_line(lines, doc.lines.get(("version",)), r"^(version\s*:\s*)[^#\n]*?(?=\s*(#|$))",
                     _quoted(new_version), "version")
    _replace_on_line(lines, doc.lines.get(("indexation", "base_month")),
                     r"^(\s*base_month\s*:\s*)\S+", str(factor.reference_month),
                     "indexation.base_month")
    series = tariff.series_path
    relative = os.path.relpath(series.resolve(), out_path.resolve().parent)
    if Path(relative).as_posix() != rule.series:
        _replace_on_line(lines, doc.lines.get(("indexation", "series")),
                         r"^(\s*series\s*:\s*)\S+", Path(relative).as_posix(),
                         "indexation.series")
    header = (
        f"# Indexed by `quote tariff index` from {tariff.path.name} (version {model.version}, "
        f"in force from {model.effective_from}):\n"
        f"# every table premium × KPI {factor.reference_month} {factor.reference} / KPI "
        f"{factor.base_month} {factor.base} = {factor.ratio:.6f}, rounded "
        f"{model.rounding.mode.replace('_', '-')} to whole "
        f"{'kronor' if model.rounding.indexed_table_premium == 'krona' else 'öre'}.\n"
    )
    text = header + "".join(lines)
    _verify(out_path, text, effective_from, premiums)
    return Reindexed(text=text, factor=factor, effective_from=effective_from,
                     version=new_version, premiums=premiums)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _verify(out_path: Path, text: str, effective_from: date,
            premiums: dict[str, dict[str, tuple[int, int]]]) -> None:
    doc = load_yaml(out_path, text.encode("utf-8"))
    model, problems = parse_tariff(doc)
    errors = [p for p in problems if p.severity == "error"]
    if model is None or errors:
        raise TariffError(out_path, errors)
    got = {pid: dict(p.premiums) for pid, p in model.products.items()}
    meant = {pid: {label: new for label, (_old, new) in row.items()}
             for pid, row in premiums.items()}
    if got != meant or model.effective_from != effective_from:
        raise QuoteError(t("reindex.not_verified"))

