"""`quote rulebook test`: run a rule book's scenario files and report what fails."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quote.cli.common import EXIT_FINDINGS, EXIT_OK, TariffsDirOption, print_json, user_errors
from quote.cli.tariff import CheckFormat, _github_escape
from quote.errors import QuoteError
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
        "--format", help="text: path:line: message; github: GitHub Actions annotations; "
                         "json: a report for scripts.")] = CheckFormat.text,
    tariffs: TariffsDirOption = None,
) -> None:
    """Run scenario files (an applicant, a declaration, the expected outcome, rules,
    loading, exclusions and premium) through the same decision and pricing as `quote apply`.

    Premiums use the tariffs of --tariffs (default: the rule book's directory).
    Exit 0 when every scenario passes, 1 when one fails, 2 for bad input.
    Example: quote rulebook test tariffs/rulebook-dkv-example-2024-06-01.yaml
    """
    with user_errors():
        book = load_rulebook(rulebook)
        files = scenario_files(rulebook, scenarios or [])
        if not files:
            raise QuoteError(f"{rulebook}: no scenario files given and no "
                             f"{scenario_dir(rulebook).name}/ directory beside it")
        missing = [p for p in files if not p.exists()]
        if missing:
            raise QuoteError(f"{missing[0]}: scenario file not found")
        report = run_scenarios(book, files, directory_tariffs(tariffs or rulebook.parent))
    summary = (f"{report.run} scenario(s) in {len(report.files)} file(s): {report.passed} "
               f"passed, {report.run - report.passed} failed")
    if fmt is CheckFormat.json:
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
