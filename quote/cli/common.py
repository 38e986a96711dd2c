"""What every command shares: consoles, option parsing, and turning errors into exit codes.

Exit codes: 0 done; 1 a finding the command reports (not eligible, problems in a
checked file); 2 bad input (usage, an option value, a data file). Nothing here prints a
traceback for bad input.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

# The shared options (quote.cli.options), which the commands import from here too.
from quote.cli.options import BirthDateOption as BirthDateOption
from quote.cli.options import DeductibleOption as DeductibleOption
from quote.cli.options import FrequencyOption as FrequencyOption
from quote.cli.options import IdCountryOption as IdCountryOption
from quote.cli.options import IdOption as IdOption
from quote.cli.options import JsonOption as JsonOption
from quote.cli.options import KpiOption as KpiOption
from quote.cli.options import NoSocialInsuranceOption as NoSocialInsuranceOption
from quote.cli.options import NotFitOption as NotFitOption
from quote.cli.options import ProductOption as ProductOption
from quote.cli.options import ReferralOption as ReferralOption
from quote.cli.options import ResidenceOption as ResidenceOption
from quote.cli.options import RulebookOption as RulebookOption
from quote.cli.options import TariffOption as TariffOption
from quote.cli.options import TariffsDirOption as TariffsDirOption
from quote.dates import MAX_AGE, age_on, parse_date
from quote.errors import DataFileError, InputError, QuoteError
from quote.fields import MAX_PCT, PCT_DECIMALS, percentage_in_range
from quote.i18n import t
from quote.identity import Identity, parse_identity

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
    "person": "--person",
    "file": "--file",
    "employees": "EMPLOYEES",
    "output": "--output",
    "base": "--base",
    "dir": "DIR",
}


def prepare_polars() -> None:
    """Before polars loads: let its allocator (jemalloc) hand freed memory back within
    0.2 s, so a long book's peak memory stays flat (measured: README, Performance)."""
    os.environ.setdefault("_RJEM_MALLOC_CONF",
                          "background_thread:true,dirty_decay_ms:200,muzzy_decay_ms:200")


@functools.cache
def _console_class() -> type[Console]:
    """Rich's console, loaded when something is printed with it (``--json`` prints none)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader closed the pipe (``quote ... | head``): not an error; the command
            line ends quietly with exit 0 (quote.cli.usage), where Rich would exit 1."""
            raise BrokenPipeError

    return _Console


def stdout() -> Console:
    return _console_class()(highlight=False, soft_wrap=False)


def wide_stdout(width: int = 150) -> Console:
    """Stdout for a wide table: at least ``width`` columns, so no amount is cut off."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=max(Console().width, width))


def stderr() -> Console:
    return _console_class()(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str) -> NoReturn:
    """Print one line to stderr (``Fel: …`` / ``Error: …``) and exit 2."""
    typer.echo(t("common.error", message=message), err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def option_name(field: str) -> str:
    """The option a user typed for a domain field (``loading_pct`` -> ``--loading``)."""
    return OPTION_NAMES.get(field, field)


def data_file_message(exc: DataFileError) -> str:
    """A bad data file in one line: the file's kind when it is another kind of file than
    the one expected, else its first problem (one on its header, the first line that is not
    a comment, before any other: it explains the rest) and how many more there are."""
    from quote.check import header_line, wrong_kind  # the file checks: only on this path

    errors = [p for p in exc.problems if p.severity == "error"] or exc.problems
    if errors:
        other = wrong_kind(exc.path, exc.kind)
        if other is not None:
            return other
    if not errors:
        return str(exc)
    header = header_line(exc.path)
    first = str(next((p for p in errors if p.line == header), errors[0]))
    if len(errors) > 1:
        first += t("common.more_problems", n=len(errors) - 1, path=str(exc.path))
    return first


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's QuoteErrors into one line and exit code 2, never a traceback."""
    try:
        yield
    except InputError as exc:
        fail(f"{option_name(exc.field)}: {exc.message}")
    except DataFileError as exc:
        fail(data_file_message(exc))
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
        fail(t("common.not_percentage", option=option, value=value))
    if not result.is_finite():
        fail(t("common.not_percentage", option=option, value=value))
    if result < 0:
        fail(t("common.negative", option=option, value=value))
    if not percentage_in_range(result):
        fail(f"{option}: {t('hostile.range.percentage', limit=MAX_PCT, places=PCT_DECIMALS)}")
    return result


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def birth_date_from(birth_date: str | None, id_number: str | None, id_country: str | None,
                    on: date, residence: str | None = None) -> tuple[date, Identity | None]:
    """The birth date from --birth-date or --id (and the parsed identity, if one was given)."""
    if (birth_date is None) == (id_number is None):
        fail(t("common.birth_date_or_id"))
    if id_number is not None:
        with user_errors():
            identity = parse_identity(id_number, on, id_country, prefer=residence)
        _plausible(identity.birth_date, on, "--id")
        return identity.birth_date, identity
    born = date_option(birth_date, "--birth-date")
    assert born is not None
    if born > on:
        fail(t("common.born_after", option="--birth-date", born=born.isoformat(),
               on=on.isoformat()))
    _plausible(born, on, "--birth-date")
    return born, None


def _plausible(born: date, on: date, option: str) -> None:
    """An age over MAX_AGE on ``on`` is a typo in the year (0001-01-01), not a person."""
    if age_on(born, on) > MAX_AGE:
        fail(f"{option}: {t('hostile.range.born', limit=MAX_AGE)}")


def age_from(age: int | None, birth_date: str | None, id_number: str | None,
             id_country: str | None, on: date) -> tuple[int, date | None, Identity | None]:
    """Whole years on ``on`` from exactly one of --age, --birth-date and --id, with the
    birth date and the parsed identity when given."""
    if sum(value is not None for value in (age, birth_date, id_number)) != 1:
        fail(t("desk.age_birth_date_or_id"))
    if age is not None:
        if age < 0:
            fail(f"--age: {t('pricing.negative_age', age=age)}")
        if age > MAX_AGE:
            fail(f"--age: {t('hostile.range.age', limit=MAX_AGE)}")
        return age, None, None
    born, identity = birth_date_from(birth_date, id_number, id_country, on)
    return age_on(born, on), born, identity


@contextmanager
def book_errors(book: Path) -> Iterator[None]:
    """A book polars cannot read becomes one line naming the file, never a traceback.
    polars' own message is not shown: it may quote a field (``could not parse `"9005…```),
    and a book may hold identity numbers. (Malformed records are rejects of their own,
    quote.renewal.reading; this is for what is left.) polars is not loaded for this: a
    run that never loaded it raised none of its errors."""
    try:
        yield
    except Exception as exc:
        polars = sys.modules.get("polars")
        if polars is None or not isinstance(exc, polars.exceptions.PolarsError):
            raise
        raise QuoteError(t("book.invalid", path=str(book), error=type(exc).__name__)
                         ) from None
