"""Rule-book tests as data: scenario files run through the same call as `quote apply`.

A scenario file (``kind: rulebook-scenarios``) lives beside its rule book, in the
directory ``<rule-book file name without .yaml>.scenarios/``. Each scenario is an
applicant, a declaration (answers not given are "no"; height 180 cm and weight 75 kg
unless given; signed and received on the applicant's ``on`` date) and what is expected:
the outcome, the rules that fire, the loading, the exclusions and the monthly premium.
Every expectation is optional; a scenario names at least one.

The format follows DMN's test scenarios (``.scesim`` files in Drools/Kogito): one row per
case, the *given* facts, then the *expected* results, run against the decision tables
as they are, with a failure pointing at the row. Ours are YAML, so a failure points at
the file and line of the expectation that did not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from quote.errors import DataFileError, Problem, QuoteError
from quote.fields import DateField, Model, Percentage, Slug
from quote.i18n import percent, t
from quote.indexation import KpiSeries
from quote.tariff import Tariff
from quote.underwriting.application import (
    Application,
    ApplicationRequest,
    Declined,
    NotEligible,
    RawDeclaration,
    apply_for,
    received_of,
    start_date,
)
from quote.underwriting.rulebook import RuleBook
from quote.yamlfile import YamlDocument, load_yaml, read_bytes, validate_document

KIND = "rulebook-scenarios"
SUFFIX = ".scenarios"
ExpectedOutcome = Literal["accept", "terms", "refer", "decline", "not_eligible"]


class ScenarioFileError(DataFileError):
    """A scenario file cannot be read or is not valid."""


class Applicant(Model):
    product: Slug | None = None
    birth_date: DateField | None = None
    residence: str | None = None
    on: DateField | None = None
    start: DateField | None = None
    deductible: int | None = Field(default=None, ge=0, le=100_000)
    referral: bool | None = None
    frequency: str | None = None
    fit_for_work: bool | None = None
    social_insurance: bool | None = None


class Expect(Model):
    outcome: ExpectedOutcome | None = None
    rules: list[str] | None = None
    loading_pct: Percentage | None = None
    exclusions: list[str] | None = None
    monthly_premium: Decimal | None = Field(default=None, ge=0, le=1_000_000)


class Scenario(Model):
    name: str = Field(min_length=1)
    applicant: Applicant = Field(default_factory=Applicant)
    declaration: dict[str, Any] = Field(default_factory=dict)
    expect: Expect


class ScenarioFile(Model):
    kind: Literal["rulebook-scenarios"]
    rulebook: Slug
    defaults: Applicant = Field(default_factory=Applicant)
    scenarios: list[Scenario] = Field(min_length=1)


@dataclass(frozen=True)
class Failure:
    """An expectation that did not hold, at ``path:line``."""

    path: Path
    line: int | None
    scenario: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.scenario}: {self.message}"


@dataclass
class ScenarioReport:
    files: list[Path] = field(default_factory=list)
    run: int = 0
    failures: list[Failure] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)

    @property
    def passed(self) -> int:
        return self.run - len({(f.path, f.scenario) for f in self.failures})


# (tariffs for a date) -> the tariff in force and its KPI series.
TariffFor = Callable[[date], tuple[Tariff, KpiSeries]]


def scenario_dir(rulebook_path: Path) -> Path:
    """Where a rule book's scenarios are: ``<stem>.scenarios/`` beside it."""
    return rulebook_path.with_name(rulebook_path.stem + SUFFIX)


def scenario_files(rulebook_path: Path, given: Iterable[Path] = ()) -> list[Path]:
    """The files given (directories expanded), else those beside the rule book."""
    paths = list(given) or ([scenario_dir(rulebook_path)]
                            if scenario_dir(rulebook_path).is_dir() else [])
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def parse_scenarios(doc: YamlDocument) -> tuple[ScenarioFile | None, list[Problem]]:
    return validate_document(doc, ScenarioFile, "scenario", lambda _doc, _model: [])


def check_scenarios(doc: YamlDocument) -> list[Problem]:
    """The problems of a scenario file on its own (its fields; running needs the rule book)."""
    return parse_scenarios(doc)[1]


def load_scenarios(path: Path) -> tuple[YamlDocument, ScenarioFile]:
    doc = load_yaml(path, read_bytes(path, "scenario", ScenarioFileError))
    model, problems = parse_scenarios(doc)
    if model is None or problems:
        raise ScenarioFileError(path, problems)
    return doc, model


def _merged(defaults: Applicant, own: Applicant) -> dict[str, Any]:
    data = defaults.model_dump(exclude_none=True)
    data.update(own.model_dump(exclude_none=True))
    return data


def _request(applicant: dict[str, Any]) -> ApplicationRequest:
    missing = [k for k in ("product", "birth_date", "on") if k not in applicant]
    if missing:
        raise QuoteError(t("scenario.missing", missing=", ".join(missing)))
    return ApplicationRequest(
        product=applicant["product"], birth_date=applicant["birth_date"],
        residence=applicant.get("residence", "SE"), decided=applicant["on"],
        start=applicant.get("start"), deductible=applicant.get("deductible", 0),
        referral=applicant.get("referral", False),
        frequency=applicant.get("frequency", "month"),
        fit_for_work=applicant.get("fit_for_work", True),
        social_insurance=applicant.get("social_insurance", True))


def _declaration(book: RuleBook, given: dict[str, Any], on: date) -> dict[str, Any]:
    answers = {qid: "no" for qid in book.model.questions}
    own = given.get("answers")
    if isinstance(own, dict):
        answers.update(own)
    return {"signed": on.isoformat(), "received": on.isoformat(), "height_cm": 180,
            "weight_kg": 75, **given, "answers": answers}


def _exclusion_ids(result: Application) -> list[str]:
    if isinstance(result, NotEligible | Declined):
        return []
    return [f"{e.id}:{e.side}" if e.side else e.id for e in result.decision.exclusions]


def _listed(items: list[str]) -> str:
    return ", ".join(items) or t("scenario.none")


def _compare(result: Application, expect: Expect) -> list[tuple[str, str]]:
    """(expectation, message) for each that does not hold."""
    wrong: list[tuple[str, str]] = []
    outcome = "not_eligible" if isinstance(result, NotEligible) else result.decision.outcome
    if expect.outcome is not None and expect.outcome != outcome:
        wrong.append(("outcome", t("scenario.outcome", expected=expect.outcome, got=outcome)))
    if isinstance(result, NotEligible):
        return wrong
    decision = result.decision
    if expect.rules is not None:
        got = sorted(f.rule for f in decision.findings)
        if sorted(expect.rules) != got:
            wrong.append(("rules", t("scenario.rules", expected=_listed(sorted(expect.rules)),
                                     got=_listed(got))))
    if expect.loading_pct is not None and expect.loading_pct != decision.loading_pct:
        wrong.append(("loading_pct", t("scenario.loading", expected=percent(expect.loading_pct),
                                       got=percent(decision.loading_pct))))
    if expect.exclusions is not None:
        got = sorted(_exclusion_ids(result))
        if sorted(expect.exclusions) != got:
            wrong.append(("exclusions", t("scenario.exclusions",
                                          expected=_listed(sorted(expect.exclusions)),
                                          got=_listed(got))))
    if expect.monthly_premium is not None:
        premium = None if isinstance(result, Declined) else result.breakdown.monthly_premium
        if premium is None or premium != expect.monthly_premium:
            wrong.append(("monthly_premium", t(
                "scenario.premium", expected=f"{expect.monthly_premium:.2f}",
                got=t("scenario.none") if premium is None else f"{premium:.2f}")))
    return wrong


def run_scenario(book: RuleBook, tariff_for: TariffFor, defaults: Applicant,
                 scenario: Scenario) -> Application:
    """One scenario through :func:`apply_for` (QuoteError if it cannot run)."""
    request = _request(_merged(defaults, scenario.applicant))
    data = _declaration(book, scenario.declaration, request.decided)
    received = received_of(data, request.decided)
    tariff, kpi = tariff_for(request.start or start_date(request.decided))
    return apply_for(request, received, tariff, kpi, book, lambda: RawDeclaration(data))


def run_file(path: Path, book: RuleBook, tariff_for: TariffFor, report: ScenarioReport
             ) -> None:
    """Run every scenario of one file, adding failures (file:line) to ``report``."""
    doc, model = load_scenarios(path)
    report.files.append(path)
    if model.rulebook != book.model.id:
        report.failures.append(Failure(path, doc.line_of(("rulebook",)), "file",
                                       t("scenario.other_book", written=model.rulebook,
                                         book=book.model.id)))
        return
    for i, scenario in enumerate(model.scenarios):
        report.run += 1
        at = ("scenarios", i)
        try:
            result = run_scenario(book, tariff_for, model.defaults, scenario)
        except DataFileError as exc:
            first = exc.problems[0].message if exc.problems else str(exc)
            report.failures.append(Failure(path, doc.line_of((*at, "declaration")) or
                                           doc.line_of(at), scenario.name,
                                           t("scenario.bad_declaration", problem=first)))
            continue
        except QuoteError as exc:
            report.failures.append(Failure(path, doc.line_of(at), scenario.name, str(exc)))
            continue
        if not isinstance(result, NotEligible):
            report.fired.update(f.rule for f in result.decision.findings)
        for key, message in _compare(result, scenario.expect):
            report.failures.append(Failure(path, doc.line_of((*at, "expect", key)),
                                           scenario.name, message))


def run_scenarios(book: RuleBook, files: list[Path], tariff_for: TariffFor) -> ScenarioReport:
    """Run every file; ScenarioFileError for a file that is not a valid scenario file."""
    report = ScenarioReport()
    for path in files:
        run_file(path, book, tariff_for, report)
    return report


def directory_tariffs(directory: Path) -> TariffFor:
    """The tariff in force on a date in ``directory`` and the KPI series it names."""
    from quote.catalog import kpi_for, load_catalog

    catalog = load_catalog(directory, kinds=("tariff",))
    series: dict[Path, KpiSeries] = {}

    def tariff_for(day: date) -> tuple[Tariff, KpiSeries]:
        tariff = catalog.in_force(day)
        if tariff.path not in series:
            series[tariff.path] = kpi_for(tariff, None)
        return tariff, series[tariff.path]

    return tariff_for


def scenario_problems(rulebook_path: Path) -> tuple[list[Path], list[Problem]]:
    """For `quote tariff check`: run the scenarios beside a rule book (priced with the
    tariffs of its directory); each failure is a problem at its file and line."""
    from quote.underwriting.rulebook import load_rulebook

    files = scenario_files(rulebook_path)
    if not files:
        return [], []
    try:
        report = run_scenarios(load_rulebook(rulebook_path), files,
                               directory_tariffs(rulebook_path.parent))
    except DataFileError as exc:
        return files, list(exc.problems)
    except QuoteError as exc:
        return files, [Problem(files[0], None, str(exc))]
    return files, [Problem(f.path, f.line, f"{f.scenario}: {f.message}")
                   for f in report.failures]
