"""What every command shares: consoles, option parsing, and turning errors into exit codes.

Exit codes: 0 done; 1 a finding the command reports (not eligible, problems in a
checked file); 2 bad input (usage, an option value, a data file). Nothing here prints a
traceback for bad input.
"""

from __future__ import annotations

import json
import os
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
from quote.i18n import t
from quote.identity import Identity, parse_identity
from quote.tariff import MAX_PCT, PCT_DECIMALS, percentage_in_range

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

# Domain field -> the option a user typed, for messages.
OPTION_NAMES = {
    "product": "--product",
    "age": "--age",
    "birth_date": "--birth-date",
    "on": "--on",
    "start": "--start",
    "deductible": "--deductible",
    "loading_pct": "--loading",
    "referral": "--referral",
    "frequency": "--frequency",
    "tariff": "--tariff",
    "rulebook": "--rulebook",
    "id": "--id",
    "id_country": "--id-country",
    "residence": "--residence",
    "book": "BOOK",
    "from": "--from",
    "month": "MONTH",
    "value": "VALUE",
    "base": "--base",
    "dir": "DIR",
}


def prepare_polars() -> None:
    """Before polars loads: let its allocator (jemalloc) hand freed memory back within
    0.2 s, so a long book's peak memory stays flat (measured: README, Performance)."""
    os.environ.setdefault("_RJEM_MALLOC_CONF",
                          "background_thread:true,dirty_decay_ms:200,muzzy_decay_ms:200")


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
    if not percentage_in_range(result):
        fail(f"{option}: {t('hostile.range.percentage', limit=MAX_PCT, places=PCT_DECIMALS)}")
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
RulebookOption = Annotated[
    Path | None,
    typer.Option("--rulebook", help="Rule-book file [default: the one in force in the data "
                                    "directory].", dir_okay=False, show_default=False),
]
IdOption = Annotated[
    str | None,
    typer.Option("--id", help="Identity number: SE personnummer/samordningsnummer, NO "
                              "fødselsnummer/D-nummer, DK CPR or FI HETU; gives the birth date.",
                 show_default=False),
]
IdCountryOption = Annotated[
    str | None,
    typer.Option("--id-country", help="SE, NO, DK or FI, when an --id fits more than one "
                                      "country's format and --residence does not settle it.",
                 show_default=False),
]
BirthDateOption = Annotated[
    str | None,
    typer.Option("--birth-date", help="Birth date YYYY-MM-DD (or give --id).",
                 show_default=False),
]
ResidenceOption = Annotated[
    str, typer.Option(help="Country of residence, ISO 3166 code (SE, NO, DK, FI, AX …).",
                      show_default=False),
]
NotFitOption = Annotated[
    bool, typer.Option("--not-fit-for-work", help="The applicant is not fully fit for work "
                                                  "(fullt arbetsför).")]
NoSocialInsuranceOption = Annotated[
    bool, typer.Option("--no-social-insurance", help="The applicant is not covered by a Nordic "
                                                     "social insurance office (försäkringskassa).")]


def birth_date_from(birth_date: str | None, id_number: str | None, id_country: str | None,
                    on: date, residence: str | None = None) -> tuple[date, Identity | None]:
    """The birth date from --birth-date or --id (and the parsed identity, if one was given)."""
    if (birth_date is None) == (id_number is None):
        fail("give either --birth-date or --id (one of them)")
    if id_number is not None:
        with user_errors():
            identity = parse_identity(id_number, on, id_country, prefer=residence)
        return identity.birth_date, identity
    born = date_option(birth_date, "--birth-date")
    assert born is not None
    if born > on:
        fail(f"--birth-date: {born} is after {on}")
    return born, None


@contextmanager
def book_errors(book: Path) -> Iterator[None]:
    """A book polars cannot read becomes one line naming the file, never a traceback.
    polars' own message is not shown: it may quote a field (``could not parse `"9005…```),
    and a book may hold identity numbers. (Malformed records are rejects of their own,
    quote.renewal.reading; this is for what is left.)"""
    import polars as pl

    try:
        yield
    except pl.exceptions.PolarsError as exc:
        raise QuoteError(f"{book}: not a valid book ({type(exc).__name__}); nothing was "
                         "written") from None
