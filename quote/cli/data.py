"""`quote data init`: a data directory of one's own (tariffs, rule book, KPI series)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quote.catalog import bundled_data_dir
from quote.cli.common import JsonOption, print_json, user_errors
from quote.i18n import t
from quote.upkeep import init_data_dir

app = typer.Typer(help="Keep a data directory of your own (tariffs, rule book, KPI series).",
                  no_args_is_help=True)


@app.command("init")
def init(
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="A new (or empty) directory to write the bundled data into.",
        file_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Write the bundled tariffs, rule book and KPI series into DIR, ready to be a git
    repository; then use it with --tariffs DIR or QUOTE_TARIFFS=DIR.

    Example: quote data init my-data
    """
    with user_errors():
        files = init_data_dir(bundled_data_dir(), directory)
    if as_json:
        print_json({"path": str(directory), "files": [str(f) for f in files]})
        return
    typer.echo(t("data.done", n=len(files), path=str(directory)))
    for name in files:
        typer.echo(f"  {name}")
    typer.echo(t("data.next", path=str(directory)))
