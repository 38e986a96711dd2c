"""The offer as a typed document: what a customer reads, independent of how it is drawn.

Built from results (a priced breakdown, an underwriting decision, a list of priced
persons) by :mod:`quote.offers.build`, drawn by :mod:`quote.offers.html`. Everything here
is already chosen for the customer: identity numbers are masked, and nothing of the health
declaration is kept but the exclusions and loadings it led to, with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from quote.i18n import Lang

OfferKind = Literal["price", "apply", "compare", "household", "group"]
TermKind = Literal["exclusion", "loading", "smoker"]


@dataclass(frozen=True)
class Person:
    """Who is insured. ``masked_id`` is the masked identity number, never the full one."""

    age: int
    birth_date: date | None = None
    name: str | None = None
    masked_id: str | None = None
    role: str | None = None
    guardian_needed: bool = False


@dataclass(frozen=True)
class PriceRow:
    """One step of the premium: the change it makes and the monthly amount after it."""

    label: str
    amount: Decimal
    subtotal: Decimal
    first: bool = False


@dataclass(frozen=True)
class Instalment:
    """What is paid per period at one payment frequency (and per year)."""

    code: str
    label: str
    months: int
    methods: tuple[str, ...]
    amount: Decimal
    yearly: Decimal
    chosen: bool


@dataclass(frozen=True)
class CoverItem:
    """A moment of the cover, its text with its limits, and whether an exclusion removes it."""

    moment: str
    text: str
    excluded: bool = False
    limit: str | None = None


@dataclass(frozen=True)
class Term:
    """An exclusion (förbehåll) or loading from underwriting, with the rule book's reason."""

    kind: TermKind
    text: str
    reason: str
    load_pct: Decimal = Decimal(0)


@dataclass(frozen=True)
class Line:
    """One priced person, product and set of options; ``monthly`` None: not offered."""

    person: Person
    product_id: str
    product_name: str
    options: tuple[str, ...]
    monthly: Decimal | None
    yearly: Decimal | None
    steps: tuple[PriceRow, ...] = ()
    instalments: tuple[Instalment, ...] = ()
    cover: tuple[CoverItem, ...] = ()
    terms: tuple[Term, ...] = ()
    extras: tuple[tuple[str, Decimal], ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class StepUp:
    """From one product to the next (a comparison): what it adds and costs more a month."""

    from_name: str
    to_name: str
    adds: tuple[str, ...]
    extra_monthly: Decimal


@dataclass(frozen=True)
class Total:
    """A sum under a column of the overview: ``monthly``, ``yearly`` or an extra's label."""

    column: str
    amount: Decimal


@dataclass(frozen=True)
class TermsText:
    """A numbered item of the terms (a general exclusion), with its source line."""

    number: int
    text: str
    line: int


@dataclass(frozen=True)
class Source:
    """A data file the offer was computed from, with its version and sha256."""

    what: str
    id: str
    version: str
    effective_from: date | None
    sha256: str
    file: str


@dataclass(frozen=True)
class Offer:
    """A whole offer document: one renderer draws every kind from this."""

    kind: OfferKind
    lang: Lang
    title: str
    insurer: str
    made_on: date
    valid_until: date
    valid_days: int
    start_date: date
    lines: tuple[Line, ...]
    subtitle: str | None = None
    customer: Person | None = None
    policyholder: str | None = None
    totals: tuple[Total, ...] = ()
    step_ups: tuple[StepUp, ...] = ()
    details: bool = True
    outcome: str | None = None
    provisional: bool = False
    karens_text: str | None = None
    general_exclusions: tuple[TermsText, ...] = ()
    withdrawal_days: int | None = None
    withdrawal_text: str | None = None
    premium_start_text: str | None = None
    sources: tuple[Source, ...] = ()
    notices: tuple[str, ...] = ()
    generator: str = ""

    @property
    def premium(self) -> Decimal | None:
        """The headline monthly premium: the only line's, or the total of all lines."""
        if len(self.lines) == 1:
            return self.lines[0].monthly
        monthly = [line.monthly for line in self.lines if line.monthly is not None]
        return sum(monthly, Decimal(0)) if monthly and self.kind != "compare" else None
