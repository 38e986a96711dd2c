"""`quote rulebook test`: run a rule book's scenario files and report what fails."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quote.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    JsonOption,
    TariffsDirOption,
    print_json,
    user_errors,
)
from quote.cli.tariff import CheckFormat, _github_escape
from quote.errors import QuoteError
from quote.i18n import plural, t
from quote.underwriting.rulebook import load_rulebook
from quote.underwriting.scenarios import (
    directory_tariffs,
    run_scenarios,
    scenario_dir,
    scenario_files,
)

app = typer.Typer(help="Rule books: test them with scenario files.", no_args_is_help=True)


@app.command("test")
def test(
    rulebook: Annotated[Path, typer.Argument(help="The rule-book file.", dir_okay=False,
                                             show_default=False)],
    scenarios: Annotated[list[Path] | None, typer.Argument(
        help="Scenario files or directories (default: the RULEBOOK.scenarios/ directory "
             "beside the rule book, named after its file).", show_default=False)] = None,
    fmt: Annotated[CheckFormat, typer.Option(
        "--format", help="text: path:line: message; github: GitHub Actions annotations "
                         "(json: use --json).")] = CheckFormat.text,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run scenario files (an applicant, a declaration, the expected outcome, rules,
    loading, exclusions and premium) through the same decision and pricing as `quote apply`.

    Premiums use the tariffs of --tariffs (default: the rule book's directory).
    Exit 0 when every scenario passes, 1 when one fails, 2 for bad input.
    Example: quote rulebook test tariffs/rulebook-dkv-example-2024-06-01.yaml
    """
    if fmt is CheckFormat.json:
        typer.echo(t("usage.renamed", old="--format json", new="--json"), err=True)
        as_json = True
    with user_errors():
        book = load_rulebook(rulebook)
        files = scenario_files(rulebook, scenarios or [])
        if not files:
            raise QuoteError(t("rulebook.no_scenarios", rulebook=str(rulebook),
                               directory=scenario_dir(rulebook).name))
        missing = [p for p in files if not p.exists()]
        if missing:
            raise QuoteError(t("rulebook.scenario_missing", path=str(missing[0])))
        report = run_scenarios(book, files, directory_tariffs(tariffs or rulebook.parent))
    summary = t("rulebook.summary", scenarios=plural("rulebook.scenarios", report.run),
                files=plural("check.files", len(report.files)), passed=report.passed,
                failed=report.run - report.passed)
    if as_json:
        print_json({"rulebook": str(rulebook), "files": [str(f) for f in report.files],
                    "scenarios": report.run, "passed": report.passed,
                    "ok": not report.failures, "rules_fired": sorted(report.fired),
                    "failures": [{"path": str(f.path), "line": f.line, "scenario": f.scenario,
                                  "message": f.message} for f in report.failures]})
    else:
        for f in report.failures:
            if fmt is CheckFormat.github:
                where = f"file={_github_escape(str(f.path), True)}"
                if f.line is not None:
                    where += f",line={f.line}"
                typer.echo(f"::error {where}::{_github_escape(f'{f.scenario}: {f.message}')}")
            else:
                typer.echo(str(f))
        typer.echo(summary)
    raise typer.Exit(EXIT_FINDINGS if report.failures else EXIT_OK)
