"""A company in one quote: the collective agreement 13.00.02 (seed 003).

Pure: rows in, a :class:`GroupQuote` out; the date is an argument. The rules of the
collective agreement and where they come from:

- offered to companies with five or more employees (lines 2004-2005);
- ages 16-66 at entry (627-629; the rule book's ``collective_min_age``/``max_age``);
- cover ends in the insurance year the insured turns 72 (627-629; line 1220 says "when
  turning 72": :attr:`GroupSettings.cover_end` chooses);
- sports clubs and teams cannot take a group policy (631-633);
- spouse, partner and children may be co-insured, only with karens (641-647);
- the employee is taxed on a benefit of 60 % of the premium (297).

Every employee is priced by the one pricing engine with the group tariff (by default the
individual table: group tables are not public). Employer's social charges on the benefit
are a setting (:attr:`GroupSettings.social_charges_pct`). Co-insured family members are
priced by the same table and, by convention, paid by the employee: they are not part of
the employer's cost or the taxable benefit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from quote.dates import MAX_AGE, age_on, parse_date
from quote.eligibility import birthday
from quote.employees import Row, yes_no
from quote.errors import InputError
from quote.identity import Identity, parse_identity
from quote.indexation import KpiSeries
from quote.money import to_ore
from quote.person import Person
from quote.pricing import Breakdown, PriceRequest, price
from quote.tariff import Tariff

HUNDRED = Decimal(100)

# Column names as Excel exports write them (lower case) -> the canonical column.
ALIASES = {
    "id": "id", "personnummer": "id", "pnr": "id", "identity": "id",
    "birth_date": "birth_date", "födelsedatum": "birth_date", "fodelsedatum": "birth_date",
    "name": "name", "namn": "name",
    "product": "product", "produkt": "product",
    "smoker": "smoker", "rökare": "smoker", "rokare": "smoker",
    "spouse": "spouse", "make": "spouse", "make_maka": "spouse", "sambo": "spouse",
    "partner": "spouse",
    "children": "children", "barn": "children",
}

PolicyholderKind = Literal["company", "sports_club"]
CoverEnd = Literal["insurance_year", "birthday"]


@dataclass(frozen=True)
class GroupSettings:
    """The collective agreement's rules and the employer's tax settings."""

    min_employees: int = 5                       # 003:2004-2005
    min_age: int = 16                            # 003:627-629 (rule book)
    max_age: int = 66                            # 003:627-629 (rule book)
    co_insured_max_age: int = 66                 # individual limit, 003:269 (rule book)
    cover_end_age: int = 72                      # 003:627-629
    cover_end: CoverEnd = "insurance_year"       # 627-629; "birthday" follows 1220
    benefit_pct: Decimal = Decimal(60)           # 003:297
    social_charges_pct: Decimal = Decimal("31.42")  # arbetsgivaravgifter 2025-2026
    policyholder: PolicyholderKind = "company"


@dataclass(frozen=True)
class CoInsured:
    """A spouse or child insured through the employee, with karens (641-647)."""

    role: Literal["spouse", "child"]
    person: Person
    breakdown: Breakdown
    karens: bool = True

    @property
    def monthly(self) -> Decimal:
        return self.breakdown.monthly_premium


@dataclass(frozen=True)
class PricedEmployee:
    """One accepted employee: premium, taxable benefit and the employer's cost."""

    line: int
    name: str
    person: Person
    breakdown: Breakdown
    benefit_monthly: Decimal
    social_charges_monthly: Decimal
    cover_ends: date
    co_insured: tuple[CoInsured, ...] = ()

    @property
    def premium_monthly(self) -> Decimal:
        return self.breakdown.monthly_premium

    @property
    def employer_monthly(self) -> Decimal:
        return self.premium_monthly + self.social_charges_monthly

    @property
    def employer_yearly(self) -> Decimal:
        return self.employer_monthly * 12

    @property
    def benefit_yearly(self) -> Decimal:
        return self.benefit_monthly * 12

    @property
    def co_insured_monthly(self) -> Decimal:
        return sum((c.monthly for c in self.co_insured), Decimal(0))


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be quoted: its line, a stable code, the values for the message
    (never an identity number) and the masked id when one was read."""

    line: int
    code: str
    values: dict[str, str] = field(default_factory=dict)
    masked_id: str | None = None


@dataclass(frozen=True)
class Refusal:
    """Why the group as a whole cannot take the collective agreement, with the source."""

    code: str
    source: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupTotals:
    employees: int
    co_insured: int
    premium_monthly: Decimal
    benefit_monthly: Decimal
    social_charges_monthly: Decimal
    employer_monthly: Decimal
    co_insured_monthly: Decimal

    @property
    def employer_yearly(self) -> Decimal:
        return self.employer_monthly * 12

    @property
    def premium_yearly(self) -> Decimal:
        return self.premium_monthly * 12

    @property
    def benefit_yearly(self) -> Decimal:
        return self.benefit_monthly * 12


@dataclass(frozen=True)
class GroupQuote:
    """Everything a group quote shows (and a customer document needs)."""

    on: date
    settings: GroupSettings
    tariff: Tariff
    kpi: KpiSeries
    individual_table: bool
    employees: tuple[PricedEmployee, ...]
    rejected: tuple[RejectedRow, ...]
    refusals: tuple[Refusal, ...]
    rows: int

    @property
    def refused(self) -> bool:
        return bool(self.refusals)

    @property
    def totals(self) -> GroupTotals:
        people = self.employees
        return GroupTotals(
            employees=len(people),
            co_insured=sum(len(e.co_insured) for e in people),
            premium_monthly=sum((e.premium_monthly for e in people), Decimal(0)),
            benefit_monthly=sum((e.benefit_monthly for e in people), Decimal(0)),
            social_charges_monthly=sum((e.social_charges_monthly for e in people), Decimal(0)),
            employer_monthly=sum((e.employer_monthly for e in people), Decimal(0)),
            co_insured_monthly=sum((e.co_insured_monthly for e in people), Decimal(0)),
        )


def benefit(premium: Decimal, settings: GroupSettings) -> Decimal:
    """The taxable benefit (förmånsvärde): 60 % of the premium, half-up to öre (297)."""
    return to_ore(premium * settings.benefit_pct / HUNDRED)


def social_charges(benefit_value: Decimal, settings: GroupSettings) -> Decimal:
    """The employer's social charges on the benefit, half-up to öre."""
    return to_ore(benefit_value * settings.social_charges_pct / HUNDRED)


def cover_ends(birth_date: date, start: date, settings: GroupSettings) -> date:
    """The last day of cover: the end of the insurance year (counted from ``start``) in
    which the insured turns ``cover_end_age``, or the day before that birthday."""
    turns = birthday(birth_date, settings.cover_end_age)
    if settings.cover_end == "birthday":
        return turns - timedelta(days=1)
    years = 0
    while birthday(start, years + 1) <= turns:
        years += 1
    return birthday(start, years + 1) - timedelta(days=1)


class _RowError(Exception):
    def __init__(self, code: str, masked: str | None = None, **values: str) -> None:
        super().__init__(code)
        self.code = code
        self.masked = masked
        self.values = values


def _birth(text: str, on: date, column: str) -> tuple[date, Identity | None]:
    """A birth date or identity number in one cell."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            born = parse_date(text)
        except ValueError:
            raise _RowError("bad_date", column=column) from None
        if born > on:
            raise _RowError("born_after_start", column=column)
        _plausible(born, on, column)
        return born, None
    try:
        identity = parse_identity(text, on, prefer="SE")
    except InputError:
        raise _RowError("bad_id", column=column) from None
    _plausible(identity.birth_date, on, column)
    return identity.birth_date, identity


def _plausible(born: date, on: date, column: str) -> None:
    """An age over MAX_AGE is a typo in the year, not a person too old for the group."""
    if age_on(born, on) > MAX_AGE:
        raise _RowError("bad_age", column=column, limit=str(MAX_AGE))


def _employee_birth(row: Row, on: date) -> tuple[date, Identity | None]:
    id_text, birth_text = row.get("id"), row.get("birth_date")
    if not id_text and not birth_text:
        raise _RowError("missing_birth_date")
    if id_text:
        born, identity = _birth(id_text, on, "id")
        if birth_text and _birth(birth_text, on, "birth_date")[0] != born:
            raise _RowError("id_mismatch", identity.masked if identity else None)
        return born, identity
    return _birth(birth_text, on, "birth_date")


def _flag(text: str, column: str) -> bool:
    value = yes_no(text)
    if value is None:
        raise _RowError("bad_boolean", column=column)
    return value


def group_quote(tariff: Tariff, kpi: KpiSeries, rows: list[Row], on: date,
                settings: GroupSettings, default_product: str | None = None,
                deductible: int = 0, individual_table: bool = True) -> GroupQuote:
    """Quote every row on the start date ``on``; reject what cannot be quoted; refuse the
    group when the collective agreement's rules say so."""
    priced: list[PricedEmployee] = []
    rejected: list[RejectedRow] = []
    first_line: dict[str, int] = {}  # identity number -> the line it first appeared on
    for row in rows:
        try:
            employee, number = _employee(tariff, kpi, row, on, settings, default_product,
                                         deductible)
            if number is not None and number in first_line:
                raise _RowError("duplicate_id", employee.person.masked_id,
                                first=str(first_line[number]))
            if number is not None:
                first_line[number] = row.line
            priced.append(employee)
        except _RowError as exc:
            rejected.append(RejectedRow(row.line, exc.code, exc.values, exc.masked))
    refusals = []
    if settings.policyholder == "sports_club":
        refusals.append(Refusal("sports_club", "003_644d41b70766cb4e.txt:631-633"))
    if len(priced) < settings.min_employees:
        refusals.append(Refusal("too_few_employees", "003_644d41b70766cb4e.txt:2004-2005",
                                {"count": str(len(priced)),
                                 "minimum": str(settings.min_employees)}))
    return GroupQuote(on, settings, tariff, kpi, individual_table,
                      () if refusals else tuple(priced), tuple(rejected), tuple(refusals),
                      len(rows))


def _employee(tariff: Tariff, kpi: KpiSeries, row: Row, on: date, settings: GroupSettings,
              default_product: str | None, deductible: int
              ) -> tuple[PricedEmployee, str | None]:
    """The priced employee and the identity number (for finding a person listed twice)."""
    born, identity = _employee_birth(row, on)
    masked = identity.masked if identity else None
    age = age_on(born, on)
    if age < settings.min_age:
        raise _RowError("too_young", masked, age=str(age), minimum=str(settings.min_age))
    if age > settings.max_age:
        raise _RowError("too_old", masked, age=str(age), maximum=str(settings.max_age))
    product = (row.get("product") or default_product or "").lower()
    if not product:
        raise _RowError("missing_product", masked)
    if product not in tariff.model.products:
        raise _RowError("unknown_product", masked, product=product,
                        offered=", ".join(tariff.model.products))
    smoker = _flag(row.get("smoker"), "smoker")

    def priced(age_then: int, smokes: bool) -> Breakdown:
        try:
            return price(tariff, kpi, PriceRequest(product=product, age=age_then, on=on,
                                                   deductible=deductible, smoker=smokes))
        except InputError as exc:
            raise _RowError("not_priced", masked, field=exc.field) from None

    breakdown = priced(age, smoker)
    family = []
    for role, column in (("spouse", "spouse"), ("child", "children")):
        for text in re.split(r"[\s|]+", row.get(column)):
            if not text:
                continue
            try:
                member_born, member_id = _birth(text, on, column)
            except _RowError as exc:
                raise _RowError(exc.code, masked, **exc.values) from None
            member_age = age_on(member_born, on)
            if member_age > settings.co_insured_max_age:
                raise _RowError("co_insured_too_old", masked, column=column,
                                age=str(member_age),
                                maximum=str(settings.co_insured_max_age))
            family.append(CoInsured(
                "spouse" if role == "spouse" else "child",
                Person(member_age, member_born, member_id.masked if member_id else None),
                priced(member_age, False)))
    value = benefit(breakdown.monthly_premium, settings)
    return PricedEmployee(
        line=row.line, name=row.get("name"),
        person=Person(age, born, masked), breakdown=breakdown,
        benefit_monthly=value, social_charges_monthly=social_charges(value, settings),
        cover_ends=cover_ends(born, on, settings), co_insured=tuple(family)), (
        identity.number if identity else None)
