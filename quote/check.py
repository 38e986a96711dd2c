"""`quote tariff check`: every problem in a set of data files, for people and for CI.

Checks each file on its own (YAML syntax, duplicate keys, fields, premiums, brackets,
KPI months) and the files together (two versions of one tariff from the same date, a
tariff whose KPI months are not in its series). A valid rule book's scenarios (the
``<name>.scenarios/`` directory beside it) are run too: a failing scenario is an error.
Warnings (e.g. a premium that falls with age) do not fail a check unless it is strict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from quote.contents import check_contents
from quote.dates import Month
from quote.errors import DataFileError, Problem
from quote.i18n import plural, t
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
                                         "rulebook-scenarios": check_scenarios,
                                         "contents": check_contents}


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
        return t("check.summary", files=plural("check.files", len(self.files)),
                 errors=plural("check.errors", len(self.errors)),
                 warnings=plural("check.warnings", len(self.warnings)))


_KIND_LINE = re.compile(r"^kind:\s*[\"']?(?P<kind>[A-Za-z_-]+)")
_SNIFF_BYTES = 1 << 16
_KINDS = ("tariff", "rulebook", "declaration", "kpi", "book", "yaml")


def _content_lines(path: Path) -> list[tuple[int, str]]:
    """The first lines of a regular file that are not blank or comments, with their line
    numbers (nothing for a FIFO or device: reading one could block)."""
    if not path.is_file():
        return []
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return []
    return [(number, line) for number, line in enumerate(head.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def header_line(path: Path) -> int | None:
    """The line number of a data file's first line that is not blank or a comment."""
    lines = _content_lines(path)
    return lines[0][0] if lines else None


def sniff_kind(path: Path) -> str | None:
    """What a data file looks like from its first lines: ``kpi`` (a ``month,kpi`` header),
    ``book`` (a CSV header naming policy columns), a YAML ``kind:`` (``tariff``,
    ``rulebook``), ``declaration`` (``answers:``), ``yaml``, or None (unreadable, empty or
    unknown)."""
    lines = [line for _, line in _content_lines(path)]
    if not lines:
        return None
    first = lines[0].strip().lower().replace(" ", "")
    if first.startswith("month,kpi"):
        return "kpi"
    if re.fullmatch(r"[\w;,\"]+", first) and ("birth_date" in first or "product" in first):
        return "book"
    for line in lines:
        match = _KIND_LINE.match(line)
        if match:
            return match.group("kind").lower()
    if any(line.startswith("answers:") for line in lines):
        return "declaration"
    return "yaml" if re.match(r"^[\w-]+:(\s|$)", lines[0]) else None


def wrong_kind(path: Path, expected: str) -> str | None:
    """One line naming the file as the other kind it is, or None if it may be ``expected``
    (``yaml``: any YAML data file, as `tariff check` takes them)."""
    found = sniff_kind(path)
    if found is None or found == expected or expected == "data":
        return None
    yaml_kinds = ("tariff", "rulebook", "declaration", "yaml")
    if found in yaml_kinds and "yaml" in (found, expected) and expected in yaml_kinds:
        return None
    if found not in _KINDS or expected not in _KINDS:
        return None  # an unknown kind: the file's own check says what is wrong
    return t("common.wrong_kind", path=str(path), found=t(f"kind.{found}"),
             expected=t(f"kind.{expected}"))


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
            raise FileNotFoundError(t("check.no_such_path", path=str(path)))
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
            report.problems.extend(_one_if_wrong_kind(path, "kpi", problems))
            series[path.resolve()] = None if errors_only(problems) else parsed
            continue
        doc = load_yaml(path, raw)
        if doc.problems:
            report.problems.extend(_one_if_wrong_kind(path, "yaml", doc.problems))
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
            message = (t("check.unknown_kind", kind=kind, known=known) if kind else
                       t("check.no_kind", known=known))
            report.problems.extend(_one_if_wrong_kind(path, "yaml", [
                doc.problem(("kind",), message)]))
    report.problems.extend(_duplicate_versions(tariffs))
    for seen in tariffs:
        report.problems.extend(_series_problems(seen, series))
    report.problems = by_line(report.problems)
    return report


def _one_if_wrong_kind(path: Path, expected: str, problems: list[Problem]) -> list[Problem]:
    """A file of another kind is one problem saying so, not one per line."""
    if problems:
        message = wrong_kind(path, expected)
        if message is not None:
            return [Problem(path, None, message.removeprefix(f"{path}: "))]
    return problems


def _duplicate_versions(tariffs: list[_TariffSeen]) -> list[Problem]:
    problems = []
    first: dict[tuple[str, date], _TariffSeen] = {}
    for seen in tariffs:
        key = (seen.model.id, seen.model.effective_from)
        if key in first:
            other = first[key]
            problems.append(seen.doc.problem(
                ("effective_from",),
                t("check.duplicate_version", tariff=seen.model.id,
                  start=seen.model.effective_from.isoformat(),
                  where=f"{other.path}:{other.doc.line_of(('effective_from',))}")))
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
                                     t("check.series_missing", path=str(path)))]
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
        (("indexation", "base_month"), rule.base_month, "check.base_month"),
        (("indexation", "reference_month"), first_reference, "check.reference_month"),
    ]
    problems = []
    span = f"{kpi.first}..{kpi.last}" if kpi.values else t("check.empty")
    for loc, month, message in needed:
        if month not in kpi.values:
            problems.append(seen.doc.problem(loc, t(
                message, field=".".join(loc), month=str(month), series=path.name, span=span,
                start=seen.model.effective_from.isoformat())))
    return problems
