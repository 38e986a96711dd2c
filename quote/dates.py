"""Dates, months and ages. Nothing here reads the clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from quote.i18n import t

# The oldest age anything is priced at: the oldest person on record lived to 122 (Sweden's
# to 112), so an older age is a typo in a birth date (0001-01-01, 1026 for 2026).
MAX_AGE = 120

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, e.g. the KPI figure of ``2023-09``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(t("dates.bad_month_number", month=f"{self.month:02d}"))

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``; raise ValueError with a readable message otherwise."""
        match = _MONTH.match(text.strip())
        if not match:
            raise ValueError(t("dates.not_month", text=text))
        return cls(int(match.group(1)), int(match.group(2)))

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def parse_date(text: str) -> date:
    """Parse an ISO ``YYYY-MM-DD`` date; the ValueError says what is wrong."""
    stripped = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        raise ValueError(t("dates.not_date", text=text))
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        raise ValueError(t("dates.not_real", text=text)) from None


def age_on(birth_date: date, on: date) -> int:
    """Whole years completed on ``on``.

    Someone born on 29 February completes a year on 1 March in years without that day.
    """
    if birth_date > on:
        raise ValueError(t("dates.born_after", born=birth_date.isoformat(), on=on.isoformat()))
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)
