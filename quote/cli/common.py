"""What every command shares: consoles, option parsing, and turning errors into exit codes.

Exit codes: 0 done; 1 a finding the command reports (not eligible, problems in a
checked file); 2 bad input (usage, an option value, a data file). Nothing here prints a
traceback for bad input.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from quote.dates import parse_date
from quote.errors import DataFileError, InputError, QuoteError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

# Domain field -> the option a user typed, for messages.
OPTION_NAMES = {
    "product": "--product",
    "age": "--age",
    "birth_date": "--birth-date",
    "on": "--on",
    "deductible": "--deductible",
    "loading_pct": "--loading",
    "referral": "--referral",
    "frequency": "--frequency",
    "tariff": "--tariff",
    "from": "--from",
    "month": "MONTH",
    "value": "VALUE",
}


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit 2."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's QuoteErrors into a message and exit code 2, never a traceback."""
    try:
        yield
    except InputError as exc:
        fail(f"{OPTION_NAMES.get(exc.field, exc.field)}: {exc.message}")
    except DataFileError as exc:
        for problem in exc.problems:
            if problem.severity == "error":
                typer.echo(str(problem), err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except QuoteError as exc:
        fail(str(exc))


def date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def percentage_option(value: str, option: str) -> Decimal:
    try:
        result = Decimal(value.replace(",", "."))
    except InvalidOperation:
        fail(f"{option}: {value!r} is not a number (a percentage such as 25 or 12.5)")
    if not result.is_finite():
        fail(f"{option}: {value!r} is not a number (a percentage such as 25 or 12.5)")
    if result < 0:
        fail(f"{option}: must be 0 or more, got {value}")
    return result


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


# Options shared by every command that reads tariffs.
TariffOption = Annotated[
    Path | None,
    typer.Option("--tariff", help="Use this tariff file, whatever its dates.",
                 dir_okay=False, show_default=False),
]
TariffsDirOption = Annotated[
    Path | None,
    typer.Option("--tariffs", envvar="QUOTE_TARIFFS",
                 help="Data directory of tariff versions and KPI series "
                      "[default: the bundled one].",
                 file_okay=False, show_default=False),
]
KpiOption = Annotated[
    Path | None,
    typer.Option("--kpi", help="KPI series CSV [default: the one the tariff names].",
                 dir_okay=False, show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
