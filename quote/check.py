"""`quote tariff check`: every problem in a set of data files, for people and for CI.

Checks each file on its own (YAML syntax, duplicate keys, fields, premiums, brackets,
KPI months) and the files together (two versions of one tariff from the same date, a
tariff whose KPI months are not in its series). A valid rule book's scenarios (the
``<name>.scenarios/`` directory beside it) are run too: a failing scenario is an error.
Warnings (e.g. a premium that falls with age) do not fail a check unless it is strict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from quote.dates import Month
from quote.errors import DataFileError, Problem
from quote.indexation import KpiSeries, errors_only, parse_kpi, reference_month
from quote.tariff import TariffModel, parse_tariff
from quote.underwriting.rulebook import check_rulebook
from quote.underwriting.scenarios import check_scenarios, scenario_problems
from quote.yamlfile import YamlDocument, by_line, load_yaml, read_bytes, top_level_kind

YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, ".csv")

# kind -> checker of one parsed document; returns problems. Rule books register here too.
KindChecker = Callable[[YamlDocument], list[Problem]]
KIND_CHECKERS: dict[str, KindChecker] = {"rulebook": check_rulebook,
                                         "rulebook-scenarios": check_scenarios}


@dataclass
class CheckReport:
    """What a check found."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (f"checked {plural(len(self.files), 'file')}: {plural(len(self.errors), 'error')}, "
                f"{plural(len(self.warnings), 'warning')}")


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to check: each file given, and the data files directly inside each directory."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix in DATA_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return list(dict.fromkeys(files))


@dataclass
class _TariffSeen:
    path: Path
    doc: YamlDocument
    model: TariffModel


def check_files(files: list[Path]) -> CheckReport:
    """Check every file, then what only the files together can show."""
    report = CheckReport(files=list(files))
    tariffs: list[_TariffSeen] = []
    series: dict[Path, KpiSeries | None] = {}
    for path in files:
        try:
            raw = read_bytes(path, "data", DataFileError)
        except DataFileError as exc:
            report.problems.extend(exc.problems)
            continue
        if path.suffix == ".csv":
            parsed, problems = parse_kpi(path, raw)
            report.problems.extend(problems)
            series[path.resolve()] = None if errors_only(problems) else parsed
            continue
        doc = load_yaml(path, raw)
        if doc.problems:
            report.problems.extend(doc.problems)
            continue
        kind = top_level_kind(doc.data)
        if kind == "tariff":
            model, problems = parse_tariff(doc)
            report.problems.extend(problems)
            if model is not None:
                tariffs.append(_TariffSeen(path, doc, model))
        elif kind in KIND_CHECKERS:
            found = KIND_CHECKERS[kind](doc)
            report.problems.extend(found)
            if kind == "rulebook" and not any(p.severity == "error" for p in found):
                scenario_files, failures = scenario_problems(path)
                report.files.extend(scenario_files)
                report.problems.extend(failures)
        else:
            known = ", ".join(["tariff", *KIND_CHECKERS])
            what = f"unknown kind {kind!r}" if kind else "missing field 'kind'"
            report.problems.append(doc.problem(("kind",), f"{what} (expected {known})"))
    report.problems.extend(_duplicate_versions(tariffs))
    for seen in tariffs:
        report.problems.extend(_series_problems(seen, series))
    report.problems = by_line(report.problems)
    return report


def _duplicate_versions(tariffs: list[_TariffSeen]) -> list[Problem]:
    problems = []
    first: dict[tuple[str, date], _TariffSeen] = {}
    for seen in tariffs:
        key = (seen.model.id, seen.model.effective_from)
        if key in first:
            other = first[key]
            problems.append(seen.doc.problem(
                ("effective_from",),
                f"effective_from: tariff {seen.model.id} already has a version in force from "
                f"{seen.model.effective_from} ({other.path}:"
                f"{other.doc.line_of(('effective_from',))})"))
        else:
            first[key] = seen
    return problems


def _series_problems(seen: _TariffSeen, cache: dict[Path, KpiSeries | None]) -> list[Problem]:
    """The tariff's KPI series exists and holds its base month and first reference month."""
    rule = seen.model.indexation
    path = seen.path.parent / rule.series
    key = path.resolve()
    if key not in cache:
        if not path.is_file():
            return [seen.doc.problem(("indexation", "series"),
                                     f"indexation.series: KPI file {path} not found")]
        try:
            parsed, problems = parse_kpi(path, read_bytes(path, "KPI", DataFileError))
        except DataFileError as exc:
            return [seen.doc.problem(("indexation", "series"),
                                     f"indexation.series: {exc.problems[0].message}")]
        cache[key] = None if errors_only(problems) else parsed
    kpi = cache[key]
    if kpi is None:
        return []  # its own problems are reported once, with the series file
    first_reference = reference_month(seen.model.effective_from, rule.reference_month,
                                      rule.reference_year_offset)
    needed: list[tuple[tuple[str, ...], Month, str]] = [
        (("indexation", "base_month"), rule.base_month, "base month {}"),
        (("indexation", "reference_month"), first_reference,
         f"reference month {{}} (for pricing from {seen.model.effective_from})"),
    ]
    problems = []
    span = f"{kpi.first}..{kpi.last}" if kpi.values else "empty"
    for loc, month, what in needed:
        if month not in kpi.values:
            problems.append(seen.doc.problem(
                loc, f"{'.'.join(loc)}: the {what.format(month)} is not in {path.name} "
                     f"({span})"))
    return problems
