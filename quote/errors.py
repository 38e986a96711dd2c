"""One base exception per boundary.

Every error a user can fix derives from :class:`QuoteError`; the command line turns it
into a message and exit code 2. Messages never carry identity numbers or health answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in a data file, located by file and line."""

    path: Path
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class QuoteError(Exception):
    """A problem the user can fix (bad input or a bad data file)."""


class InputError(QuoteError):
    """A request value is wrong. ``field`` is the domain name (product, on, deductible...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DataFileError(QuoteError):
    """A data file (tariff, KPI series, rule book) is missing, unreadable or invalid.

    ``kind`` names what the file should have been (a key of the ``kind.*`` messages), so
    a file of another kind can be named as such in one line."""

    kind: ClassVar[str] = "data"

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors)
        if not lines:
            from quote.i18n import t

            lines = t("file.invalid", path=str(path))
        super().__init__(lines)


class TariffError(DataFileError):
    """A tariff file cannot be used."""

    kind = "tariff"


class KpiError(DataFileError):
    """A KPI series file cannot be used."""

    kind = "kpi"


class RuleBookError(DataFileError):
    """A rule-book file cannot be used."""

    kind = "rulebook"


class DeclarationError(DataFileError):
    """A declaration is incomplete or invalid; every problem is listed by question."""

    kind = "declaration"


class BookError(QuoteError):
    """The book as a whole cannot be read (not CSV, a missing column …); the message
    starts with the file's name and never quotes a row."""


class OutputError(QuoteError):
    """An output file cannot be written (missing directory, no permission, full disk)."""


class KpiMissingError(QuoteError):
    """The KPI figure a calculation needs is not in the series. The message names the month,
    commands that work from any install (``quote kpi fetch``, ``quote kpi add``, with
    ``quote data init`` when the series is the installed copy), and ``--on``."""

    def __init__(self, path: Path, month: str, needed_for: str, last: str | None,
                 in_gap: bool = False) -> None:
        from quote.i18n import t

        where = (t("kpi.missing.empty") if last is None else
                 t("kpi.missing.gap", last=last) if in_gap else t("kpi.missing.ends", last=last))
        installed = (Path(__file__).resolve().parent / "_bundled") in path.resolve().parents
        super().__init__(t("kpi.missing", path=str(path), month=month, needed_for=needed_for,
                           where=where, own=t("kpi.missing.own") if installed else ""))
        self.path = path
        self.month = month


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in the current language (``Åtkomst nekas`` /
    ``Permission denied``); a reason without a message of its own as the OS says it."""
    import errno

    from quote.i18n import t

    name = errno.errorcode.get(exc.errno or 0, "")
    try:
        return t(f"os.{name}")
    except KeyError:
        return exc.strerror or type(exc).__name__
