"""Nordic personal identity numbers -> birth date, never echoed back whole.

python-stdnum checks formats and check digits. Its gaps are filled here: Swedish
samordningsnummer (day + 60, which stdnum rejects), the birth date of a Finnish HETU
(stdnum has none), and a reference date instead of the clock for the century of a
10-digit personnummer (stdnum reads today's date).

An :class:`Identity` prints as its masked form; messages about a bad number never
contain the number. python-stdnum loads when a number is first read (its import costs a
command that reads none, such as a renewal of a book with birth dates, 10 ms).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from quote.errors import InputError
from quote.i18n import t

COUNTRIES = ("SE", "NO", "DK", "FI")


@dataclass(frozen=True)
class Identity:
    """A parsed identity number. ``number`` is kept for the archive record only."""

    country: str
    kind: str
    birth_date: date
    masked: str
    number: str = field(repr=False)

    def __str__(self) -> str:
        return self.masked


def _mask(birth_part: str, rest: str) -> str:
    return birth_part + "*" * len(rest)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _swedish(text: str, on: date) -> Identity | None:
    """Personnummer or samordningsnummer, 10 or 12 digits, '-' or '+' (100 years or older)."""
    from stdnum import luhn
    from stdnum.exceptions import ValidationError
    from stdnum.se import personnummer

    match = re.fullmatch(r"(\d{2})?(\d{6})([-+]?)(\d{4})", text)
    if not match:
        return None
    century, yymmdd, sign, serial = match.groups()
    if century and sign == "+":
        return None
    if not luhn.is_valid(yymmdd + serial):
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    kind = "personnummer"
    if dd > 60:
        kind, dd = "samordningsnummer", dd - 60
    if century:
        year = int(century) * 100 + yy
    else:
        # The latest year ending in yy that is not after the reference date; '+' = 100 more.
        year = on.year - (on.year - yy) % 100
        if sign == "+":
            year -= 100
    born = _date(year, mm, dd)
    if born is None or born > on:
        return None
    if kind == "personnummer":
        try:
            personnummer.validate(f"{year:04d}{yymmdd[2:]}{serial}")
        except ValidationError:
            return None
    return Identity("SE", kind, born, _mask(f"{year:04d}{mm:02d}{dd:02d}-", serial),
                    f"{century or ''}{yymmdd}{sign or '-'}{serial}")


def _norwegian(text: str, on: date) -> Identity | None:
    """Fødselsnummer or D-number (day + 40): 11 digits."""
    from stdnum.exceptions import ValidationError
    from stdnum.no import fodselsnummer

    if not re.fullmatch(r"\d{11}", text):
        return None
    number = text
    try:
        fodselsnummer.validate(number)
        born = fodselsnummer.get_birth_date(number)
    except ValidationError:
        return None
    if born > on:
        return None
    kind = "d-nummer" if int(number[0]) >= 4 else "fødselsnummer"
    return Identity("NO", kind, born, _mask(number[:6], number[6:]), number)


def _danish(text: str, on: date) -> Identity | None:
    """CPR: DDMMYY-SSSS; the century follows from the 7th digit (stdnum's rule)."""
    from stdnum.dk import cpr
    from stdnum.exceptions import ValidationError

    if not re.fullmatch(r"\d{6}-?\d{4}", text):
        return None
    number = text.replace("-", "")
    try:
        born = cpr.get_birth_date(number)
    except ValidationError:
        return None
    if born > on:
        return None
    return Identity("DK", "cpr", born, _mask(number[:6] + "-", number[6:]), number)


_HETU_CENTURY = {**dict.fromkeys("+", 1800), **dict.fromkeys("-YXWVU", 1900),
                 **dict.fromkeys("ABCDEF", 2000)}


def _finnish(text: str, on: date) -> Identity | None:
    """HETU: DDMMYY, century sign, 3 digits, check character."""
    from stdnum.fi import hetu

    upper = text.upper()
    match = re.fullmatch(r"(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])", upper)
    if not match or not hetu.is_valid(upper):
        return None
    dd, mm, yy, sign = int(match[1]), int(match[2]), int(match[3]), match[4]
    born = _date(_HETU_CENTURY[sign] + yy, mm, dd)
    if born is None or born > on:
        return None
    return Identity("FI", "hetu", born, _mask(upper[:7], upper[7:]), upper)


PARSERS: dict[str, Callable[[str, date], Identity | None]] = {
    "SE": _swedish, "NO": _norwegian, "DK": _danish, "FI": _finnish}


def parse_identity(text: str, on: date, country: str | None = None,
                   prefer: str | None = None) -> Identity:
    """Parse a Nordic identity number; ``on`` is the reference date (no clock is read).

    A 10-digit number can be valid both as a Swedish personnummer (YYMMDD) and a Danish
    CPR (DDMMYY). Then ``prefer`` (the country of residence) decides if it is one of them,
    else ``country`` must say which. Errors never repeat the number.
    """
    cleaned = re.sub(r"\s", "", text)
    if country is not None and country.upper() not in PARSERS:
        raise InputError("id_country", t("identity.country", countries=", ".join(COUNTRIES)))
    wanted = [country.upper()] if country else list(PARSERS)
    found = [identity for c in wanted if (identity := PARSERS[c](cleaned, on)) is not None]
    if not found:
        where = country.upper() if country else t("identity.any_country")
        raise InputError("id", t("identity.invalid", where=where))
    if len(found) > 1 and prefer is not None:
        found = [i for i in found if i.country == prefer.upper()] or found
    if len(found) > 1:
        countries = ", ".join(i.country for i in found)
        raise InputError("id", t("identity.ambiguous", countries=countries))
    return found[0]
