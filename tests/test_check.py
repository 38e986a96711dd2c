"""`quote tariff check`: one broken fixture per check, exact file:line message, exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quote.check import check_files, expand

from .conftest import BUNDLED, FIXTURES, Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

T = FIXTURES / "tariffs"
K = FIXTURES / "kpi"
RB = FIXTURES / "rulebooks"

# (fixture, line, message): every check named in issue 4, one broken file each.
CASES = [
    (T / "syntax-error.yaml", 24, "YAML syntax error: expected ',' or ']', but got ':' "
                                  "(while parsing a flow sequence started on line 23)"),
    (T / "duplicate-key.yaml", 20, "duplicate key '16-40' (first defined on line 19)"),
    (T / "unknown-field.yaml", 9, "unknown field 'colour'"),
    (T / "missing-field.yaml", 2, "missing field 'insurer'"),
    (T / "unknown-kind.yaml", 2, "unknown kind 'price-list' (expected tariff"),
    (T / "premium-fraction.yaml", 19, "products.bas.premiums.16-40: premium must be a positive "
                                      "whole number of kronor, got 800.5"),
    (T / "premium-zero.yaml", 26, "products.plus.premiums.0-15: premium must be a positive "
                                  "whole number of kronor, got 0"),
    (T / "bracket-gap.yaml", 9, "brackets: gap between 0-15 and 17-40 (ages 16-16 have no "
                                "bracket)"),
    (T / "bracket-overlap.yaml", 9, "brackets: 15-40 overlaps 0-15"),
    (T / "bracket-start.yaml", 9, "brackets: the first bracket must start at age 0, 1-15 "
                                  "starts at 1"),
    (T / "bracket-closed.yaml", 9, "brackets: the last bracket must be open-ended (e.g. "
                                   "100-), not 67-99"),
    (T / "product-missing-bracket.yaml", 25, "products.plus.premiums: no premium for bracket "
                                             "41-66"),
    (T / "discount-too-large.yaml", 34, "deductibles: the discount 500 for självrisk 500 would "
                                        "push bas 0-15 (500 kr) to 0 or below"),
    (T / "base-month-not-in-series.yaml", 52, "indexation.base_month: the base month 2020-01 "
                                              "is not in valid.csv (2023-09..2024-09)"),
    (T / "reference-month-not-in-series.yaml", 53,
     "indexation.reference_month: the reference month 2025-09 (for pricing from 2026-01-01) "
     "is not in valid.csv (2023-09..2024-09)"),
    (T / "series-not-found.yaml", 51, "indexation.series: KPI file "),
    (FIXTURES / "dirs" / "same-date" / "mini-b.yaml", 7,
     "effective_from: tariff mini already has a version in force from 2024-06-01 ("),
    (K / "duplicate-month.csv", 8, "2024-01: duplicate month (first on line 7)"),
    (K / "non-positive.csv", 11, "2024-05: KPI must be a number from 1 to 10 000 with at most "
                                 "4 decimals"),
    (K / "bad-header.csv", 2, "the header must be 'month,kpi' (or 'month,kpi,note')"),
    # rule books: a rule naming a question or follow-up that does not exist, and a
    # follow-up that can never be reached
    (RB / "rule-unknown-question.yaml", 90, "rules[3] PAIN: question 'q9' does not exist"),
    (RB / "rule-unknown-followup.yaml", 79, "rules[1] DIABETES: 'diagnosis' is not a follow-up "
                                            "of question q2"),
    (RB / "followup-unreachable-order.yaml", 45, "questions.q2.followups.frequency: can never be "
                                                 "reached"),
    (RB / "followup-unreachable-value.yaml", 45, "questions.q2.followups.frequency: can never be "
                                                 "reached: condition has no answer headache"),
]


@pytest.mark.parametrize(("path", "line", "message"), CASES,
                         ids=[c[0].stem for c in CASES])
def test_each_check_reports_file_line_and_fails(run: Invoke, path: Path, line: int,
                                                message: str) -> None:
    target = path.parent if path.parent.name == "same-date" else path
    result = run("tariff", "check", str(target), env={"QUOTE_LANG": "en"})
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line}: {message}"), first
    assert result.stdout.splitlines()[-1].startswith("checked ")


def test_bundled_data_directory_passes_with_one_warning(run: Invoke) -> None:
    """The bundled series lacks 2024-12 (not in our sources): a warning, so --strict fails
    until `quote kpi fetch` (or `quote kpi add 2024-12 VALUE`) fills it."""
    result = run("tariff", "check", env={"QUOTE_LANG": "en"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].endswith("kpi-1980.csv:240: warning: 2024-12 missing (between 2024-11 and "
                             "2025-01); a quote that needs such a month fails (fill it with "
                             "quote kpi fetch or quote kpi add)")
    assert lines[-1].startswith("checked ") and lines[-1].endswith("0 errors, 1 warning")
    assert run("tariff", "check", "--strict", str(BUNDLED)).exit_code == 1


def test_a_warning_fails_only_when_strict(run: Invoke) -> None:
    path = str(T / "falling-premium.yaml")
    result = run("tariff", "check", "--lang", "en", path)
    assert result.exit_code == 0
    assert (f"{path}:21: warning: products.bas.premiums.67-: premium 1100 is lower than 1200 "
            "for the younger bracket 41-66") in result.stdout
    assert "0 errors, 1 warning" in result.stdout
    assert run("tariff", "check", "--lang", "en", "--strict", path).exit_code == 1


def test_every_problem_is_reported(run: Invoke) -> None:
    result = run("tariff", "check", "--lang", "en", str(T / "many-errors.yaml"), str(K / "gap.csv"))
    assert result.exit_code == 1
    assert result.stdout.count("many-errors.yaml:") == 4
    assert "gap.csv:9:" in result.stdout
    assert "checked 2 files: 4 errors, 1 warning" in result.stdout  # the gap only warns


def test_github_format(run: Invoke) -> None:
    result = run("tariff", "check", "--lang", "en", "--format", "github",
                 str(T / "premium-zero.yaml"), str(T / "falling-premium.yaml"))
    lines = result.stdout.splitlines()
    assert (f"::warning file={T / 'falling-premium.yaml'},line=21::products.bas.premiums.67-: "
            "premium 1100 is lower than 1200 for the younger bracket 41-66") in lines
    assert any(line.startswith(f"::error file={T / 'premium-zero.yaml'},line=26::")
               for line in lines)
    strict = run("tariff", "check", "--lang", "en", "--strict", "--format", "github",
                 str(T / "falling-premium.yaml"))
    assert strict.stdout.startswith("::error ") and strict.exit_code == 1


def test_json_format(run: Invoke) -> None:
    result = run("tariff", "check", "--lang", "en", "--json", str(T / "premium-zero.yaml"))
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (data["errors"], data["warnings"], data["ok"]) == (1, 0, False)
    assert data["problems"][0]["line"] == 26
    assert data["problems"][0]["severity"] == "error"


def test_usage_errors_exit_2(run: Invoke) -> None:
    result = run("tariff", "check", "--lang", "en", "no/such/dir")
    assert result.exit_code == 2 and "no/such/dir: no such file or directory" in result.stderr
    assert run("tariff", "check", "--lang", "en", "--format", "xml").exit_code == 2


def test_expand_lists_data_files_once() -> None:
    files = expand([T / "valid.yaml", T / "valid.yaml", K])
    assert files.count(T / "valid.yaml") == 1
    assert all(f.suffix == ".csv" for f in files[1:])


def test_check_files_on_a_clean_set() -> None:
    report = check_files([T / "valid.yaml", K / "valid.csv"])
    assert report.problems == [] and not report.failed(strict=True)


def test_github_format_escapes_properties_and_messages(run: Invoke, tmp_path: Path) -> None:
    """GitHub's workflow-command syntax: % CR LF escaped everywhere, and : , in properties
    too, or a file name like this one would end the property early."""
    name = "tariff 50%,v1:beta.yaml"
    text = (T / "valid.yaml").read_text(encoding="utf-8")
    (tmp_path / name).write_text(text + "'a%b,c:d': 1\n", encoding="utf-8")
    result = run("tariff", "check", "--format", "github", str(tmp_path / name), env=EN)
    assert result.exit_code == 1
    where = str(tmp_path / name).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    line = text.count("\n") + 1
    assert f"::error file={where},line={line}::unknown field 'a%25b,c:d'" in \
        result.stdout.splitlines()


@pytest.mark.parametrize(("text", "prop", "expected"), [
    ("50% off", False, "50%25 off"),
    ("line one\nline two\r\n", False, "line one%0Aline two%0D%0A"),
    ("a:b,c", False, "a:b,c"),  # a message keeps : and ,
    ("a:b,c%\n", True, "a%3Ab%2Cc%25%0A"),  # a property escapes them
    ("%3A", True, "%253A"),  # % first, so an escape is never read twice
])
def test_github_escape(text: str, prop: bool, expected: str) -> None:
    from quote.cli.tariff import _github_escape

    assert _github_escape(text, prop) == expected
