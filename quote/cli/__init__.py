"""The `quote` command line. Only this package imports typer and rich."""

from __future__ import annotations

from typing import Annotated

import typer

from quote import __version__
from quote.cli import apply as apply_cmd
from quote.cli import compare as compare_cmd
from quote.cli import data as data_cmd
from quote.cli import declaration as declaration_cmd
from quote.cli import eligibility as eligibility_cmd
from quote.cli import group as group_cmd
from quote.cli import household as household_cmd
from quote.cli import kpi as kpi_cmd
from quote.cli import price as price_cmd
from quote.cli import products as products_cmd
from quote.cli import renew as renew_cmd
from quote.cli import rulebook as rulebook_cmd
from quote.cli import tariff as tariff_cmd
from quote.cli.usage import QuoteGroup

app = typer.Typer(
    name="quote",
    help="Quote premiums for Swedish private health insurance (vårdförsäkring).",
    no_args_is_help=True,
    add_completion=False,
    # Every command under the root gets --lang, plain help and one-line usage errors
    # (quote.cli.usage); plain help (no Rich markup) keeps "[default: …]" visible.
    cls=QuoteGroup,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
app.command("price")(price_cmd.price)
app.command("compare")(compare_cmd.compare_command)
app.command("group")(group_cmd.group)
app.command("household")(household_cmd.household)
app.command("eligibility")(eligibility_cmd.eligibility)
app.command("apply")(apply_cmd.apply)
app.command("renew")(renew_cmd.renew)
app.add_typer(declaration_cmd.app, name="declaration")
app.add_typer(tariff_cmd.app, name="tariff")
app.add_typer(kpi_cmd.app, name="kpi")
app.add_typer(products_cmd.app, name="products")
app.add_typer(rulebook_cmd.app, name="rulebook")
app.add_typer(data_cmd.app, name="data")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quote {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Quote premiums for Swedish private health insurance (vårdförsäkring).

    Exit codes: 0 done, 1 a reported finding, 2 bad input.
    """


def main() -> None:
    app()
