"""`quote rulebook test` and the scenario files shipped beside the example rule book."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import BUNDLED, Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

RULEBOOK = BUNDLED / "rulebook-dkv-example-2024-06-01.yaml"


def test_cli_passes(run: Invoke) -> None:
    result = run("rulebook", "test", str(RULEBOOK))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("godkända, 0 underkända")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the rule book whose BMI-30 loading is 30 % instead of 25 %: the scenarios
    beside it (copied too) must catch the change."""
    book = tmp_path / RULEBOOK.name
    book.write_text(RULEBOOK.read_text().replace("effect: load, load_pct: 25,\n     reason: "
                                                 "{sv: \"BMI 30-35",
                                                 "effect: load, load_pct: 30,\n     reason: "
                                                 "{sv: \"BMI 30-35"))
    shutil.copytree(RULEBOOK.with_name(RULEBOOK.stem + ".scenarios"),
                    tmp_path / (RULEBOOK.stem + ".scenarios"))
    for name in ("dkv-vardforsakring-2024-06-01.yaml", "kpi-1980.csv"):
        shutil.copy(BUNDLED / name, tmp_path / name)
    return book


def _line_of(path: Path, text: str, after: str) -> int:
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if text in lines[i]) + 1


def test_a_changed_rule_fails_with_file_and_line(run: Invoke, broken: Path) -> None:
    rules = broken.with_name(broken.stem + ".scenarios") / "rules.yaml"
    line = _line_of(rules, "loading_pct: 25", "BMI-30")
    result = run("rulebook", "test", str(broken), env=EN)
    assert result.exit_code == 1
    assert f"{rules}:{line}: BMI-30: BMI 30-35 gives a 25 % loading.: expected loading 25 %, " \
           "got 30 %" in result.stdout
    github = run("rulebook", "test", str(broken), "--format", "github")
    assert github.exit_code == 1
    assert f"::error file={rules},line={line}::BMI-30" in github.stdout
    data = json.loads(run("rulebook", "test", str(broken), "--format", "json", env=EN).stdout)
    assert data["ok"] is False
    assert {(f["line"], f["message"]) for f in data["failures"]} >= {
        (line, "expected loading 25 %, got 30 %")}
    check = run("tariff", "check", str(broken.parent), env=EN)
    assert check.exit_code == 1 and "expected loading 25 %, got 30 %" in check.stdout


def test_a_scenario_file_given_explicitly(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text("kind: rulebook-scenarios\nrulebook: dkv-example\nscenarios:\n"
                    "  - name: wrong premium\n"
                    "    applicant: {product: plus, birth_date: 1990-05-01, \"on\": 2024-09-01}\n"
                    "    expect: {outcome: accept, monthly_premium: \"1000.00\"}\n")
    result = run("rulebook", "test", str(RULEBOOK), str(path), env=EN)
    assert result.exit_code == 1
    assert f"{path}:6: wrong premium: expected monthly premium 1000.00, got 1068.00" in \
        result.stdout


@pytest.mark.parametrize(("text", "message"), [
    ("kind: rulebook-scenarios\nrulebook: dkv-example\nscenarios: []\n", "scenarios"),
    ("kind: rulebook-scenarios\nrulebook: dkv-example\nscenarios:\n  - name: x\n"
     "    expect: {outcome: maybe}\n", "scenarios.0.expect.outcome"),
    ("kind: rulebook-scenarios\nrulebook: dkv-example\nscenarios:\n  - name: x\n"
     "    colour: red\n    expect: {}\n", "unknown field 'colour'"),
])
def test_an_invalid_scenario_file_is_bad_input(run: Invoke, tmp_path: Path, text: str,
                                               message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = run("rulebook", "test", str(RULEBOOK), str(path), env=EN)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_a_scenario_with_an_invalid_declaration_fails_at_its_line(run: Invoke,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "decl.yaml"
    path.write_text("kind: rulebook-scenarios\nrulebook: dkv-example\nscenarios:\n"
                    "  - name: bad answer\n"
                    "    applicant: {product: plus, birth_date: 1990-05-01, \"on\": 2024-09-01}\n"
                    "    declaration: {answers: {q2: maybe}}\n"
                    "    expect: {outcome: accept}\n")
    result = run("rulebook", "test", str(RULEBOOK), str(path), env=EN)
    assert result.exit_code == 1
    assert f"{path}:6: bad answer: the declaration is not valid: q2: the answer must be yes " \
           "or no" in result.stdout


def test_scenarios_for_another_rule_book_fail(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("kind: rulebook-scenarios\nrulebook: other-book\nscenarios:\n"
                    "  - name: x\n    expect: {outcome: accept}\n")
    result = run("rulebook", "test", str(RULEBOOK), str(path), env=EN)
    assert result.exit_code == 1
    assert f"{path}:2: file: written for rule book other-book, not dkv-example" in result.stdout


def test_no_scenarios_is_bad_input(run: Invoke, tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    shutil.copy(RULEBOOK, book)
    result = run("rulebook", "test", str(book))
    assert result.exit_code == 2 and "ingen katalog book.scenarios/ bredvid" in result.stderr
