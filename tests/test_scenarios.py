"""Scenario files run against a rule book (the core of `quote rulebook test`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from quote.underwriting.application import Offered
from quote.underwriting.rulebook import load_rulebook
from quote.underwriting.scenarios import (
    Applicant,
    Expect,
    Scenario,
    directory_tariffs,
    run_scenario,
    run_scenarios,
    scenario_dir,
    scenario_files,
)

from .conftest import BUNDLED

RULEBOOK = BUNDLED / "rulebook-dkv-example-2024-06-01.yaml"


def test_shipped_scenarios_pass_and_cover_every_rule() -> None:
    book = load_rulebook(RULEBOOK)
    report = run_scenarios(book, scenario_files(RULEBOOK), directory_tariffs(BUNDLED))
    assert report.failures == []
    assert report.run >= len(book.model.rules)
    never = [rule.id for rule in book.model.rules if rule.id not in report.fired]
    assert never == [], f"rules no scenario exercises: {never}"



def test_scenarios_live_beside_the_rule_book() -> None:
    assert scenario_dir(Path("x/book-2024.yaml")) == Path("x/book-2024.scenarios")
    assert [p.name for p in scenario_files(RULEBOOK)] == ["cases.yaml", "rules.yaml"]


def test_one_scenario_with_defaults_merged() -> None:
    """Own applicant fields win over the file's defaults; the declaration defaults to
    "no" everywhere, 180 cm, 75 kg, signed and received on the decision date."""
    book = load_rulebook(RULEBOOK)
    defaults = Applicant(product="plus", birth_date=date(1990, 5, 1), on=date(2024, 9, 1))
    scenario = Scenario(name="bas", applicant=Applicant(product="bas"), expect=Expect())
    result = run_scenario(book, directory_tariffs(BUNDLED), defaults, scenario)
    assert isinstance(result, Offered) and result.decision.outcome == "accept"
    assert result.breakdown.monthly_premium == 908  # Bas 31-35
