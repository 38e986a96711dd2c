"""A household in one quote: each person priced by the one pricing engine, and the
household's monthly and yearly total.

Children are priced by the table like anyone else; a person under the rule book's
``guardian_below_age`` (18) is marked as needing a guardian's signature on the
application (seed 003 line 2422).

A person is given as ``key=value`` pairs (``role=barn,birth-date=2015-06-01,
product=bas``), from a ``--person`` option or a row of a YAML or CSV file; parsing them
is here so both ways read the same. Messages name the person and the field, never an
identity number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from quote.compare import yearly_cost, yearly_frequency
from quote.dates import MAX_AGE, age_on, parse_date
from quote.employees import CONTROL, read_rows, yes_no
from quote.errors import DataFileError, InputError
from quote.i18n import t
from quote.identity import parse_identity
from quote.indexation import KpiSeries
from quote.person import Person
from quote.pricing import Breakdown, PriceRequest, price
from quote.tariff import Tariff
from quote.yamlfile import load_yaml, read_bytes

KEYS = {"role", "birth_date", "id", "product", "deductible", "smoker", "referral"}


@dataclass(frozen=True)
class Member:
    """One person of the household as asked for."""

    role: str
    person: Person
    product: str
    deductible: int = 0
    smoker: bool = False
    referral: bool = False


@dataclass(frozen=True)
class PricedMember:
    member: Member
    breakdown: Breakdown
    yearly: Decimal
    guardian_signature: bool
    too_old_to_apply: bool = False

    @property
    def monthly(self) -> Decimal:
        return self.breakdown.monthly_premium


@dataclass(frozen=True)
class Household:
    """Everything a household quote shows (and a customer document needs)."""

    on: date
    tariff: Tariff
    kpi: KpiSeries
    members: tuple[PricedMember, ...]
    guardian_below_age: int
    individual_max_age: int = 66

    @property
    def monthly_total(self) -> Decimal:
        return sum((m.monthly for m in self.members), Decimal(0))

    @property
    def yearly_total(self) -> Decimal:
        return sum((m.yearly for m in self.members), Decimal(0))


def split_spec(text: str) -> dict[str, str]:
    """``role=barn,birth-date=2015-06-01`` -> ``{"role": "barn", "birth_date": ...}``."""
    if CONTROL.search(text):
        raise InputError("person", t("person.control"))
    values: dict[str, str] = {}
    for n, part in enumerate(text.split(","), start=1):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        name = key.strip().lower().replace("-", "_")
        if not sep:
            raise InputError("person", t("person.not_key_value", n=n))
        values[name] = value.strip()
    return values


def _flag(values: Mapping[str, str], key: str, where: str, field: str) -> bool:
    value = yes_no(values.get(key, ""))
    if value is None:
        raise InputError(field, t("person.flag", where=where, name=key))
    return value


def member_from(values: Mapping[str, str], on: date, where: str,
                default_product: str | None = None, default_deductible: int = 0,
                field: str = "person") -> Member:
    """A :class:`Member` from key=value pairs; ``where`` names it in messages
    (``person 2``, ``family.csv:3``) and ``field`` is the option it came from."""
    unknown = sorted(set(values) - KEYS)
    if unknown:
        raise InputError(field, t("person.unknown_key", where=where, keys=", ".join(unknown),
                                  known=", ".join(sorted(KEYS))))
    id_text, birth_text = values.get("id", ""), values.get("birth_date", "")
    if bool(id_text) == bool(birth_text):
        raise InputError(field, t("person.birth_date_or_id", where=where))
    masked = None
    if id_text:
        try:
            identity = parse_identity(id_text, on, prefer="SE")
        except InputError as exc:
            raise InputError(field, t("person.field", where=where, name="id",
                                      message=exc.message)) from None
        born, masked = identity.birth_date, identity.masked
    else:
        try:
            born = parse_date(birth_text)
        except ValueError as exc:
            raise InputError(field, t("person.field", where=where, name="birth-date",
                                      message=str(exc))) from None
    if born > on:
        raise InputError(field, t("person.born_after", where=where, on=on.isoformat()))
    if age_on(born, on) > MAX_AGE:
        raise InputError(field, t("person.field", where=where, name="id" if id_text else
                                  "birth-date", message=t("hostile.range.born", limit=MAX_AGE)))
    product = (values.get("product") or default_product or "").lower()
    if not product:
        raise InputError(field, t("person.no_product", where=where))
    deductible_text = values.get("deductible", "")
    try:
        deductible = int(deductible_text) if deductible_text else default_deductible
    except ValueError:
        raise InputError(field, t("person.deductible", where=where)) from None
    person = Person.born(born, on)
    return Member(role=values.get("role") or where, person=Person(person.age, born, masked),
                  product=product, deductible=deductible,
                  smoker=_flag(values, "smoker", where, field),
                  referral=_flag(values, "referral", where, field))


def household_quote(tariff: Tariff, kpi: KpiSeries, members: list[Member], on: date,
                    guardian_below_age: int = 18, individual_max_age: int = 66) -> Household:
    """Price every member on ``on``; InputError names the member that cannot be priced.

    Someone older than ``individual_max_age`` is priced (the table goes on for renewals)
    and marked: a new individual application is no longer possible (003 lines 269, 612-620).
    """
    if not members:
        raise InputError("person", t("person.none"))
    frequency = yearly_frequency(tariff)
    priced = []
    for member in members:
        try:
            breakdown = price(tariff, kpi, PriceRequest(
                product=member.product, age=member.person.age, on=on,
                deductible=member.deductible, smoker=member.smoker, referral=member.referral,
                frequency=frequency))
        except InputError as exc:
            raise InputError("person", f"{member.role}: {exc.field}: {exc.message}") from None
        priced.append(PricedMember(member, breakdown, yearly_cost(breakdown),
                                   member.person.age < guardian_below_age,
                                   member.person.age > individual_max_age))
    return Household(on, tariff, kpi, tuple(priced), guardian_below_age, individual_max_age)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def read_members(path: Path, on: date, default_product: str | None = None,
                 default_deductible: int = 0) -> list[Member]:
    """The persons of a YAML file (a list, or ``persons:`` holding one) or a CSV file
    (columns role, birth_date or id, product, deductible, smoker); messages name
    ``file:line``."""
    if path.suffix.lower() == ".csv":
        rows = read_rows(path, {"birth-date": "birth_date"}, "file")
        return [member_from({k: v.strip() for k, v in row.cells.items()}, on,
                            f"{path}:{row.line}", default_product, default_deductible, "file")
                for row in rows]
    doc = load_yaml(path, read_bytes(path, "household", DataFileError))
    if doc.problems:
        raise DataFileError(path, doc.problems)
    data = doc.data
    base: tuple[str | int, ...] = ()
    if isinstance(data, dict) and "persons" in data:
        data, base = data["persons"], ("persons",)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError("file", t("person.not_list", path=str(path)))
    return [member_from({str(k).replace("-", "_"): _cell(v) for k, v in item.items()}, on,
                        f"{path}:{doc.line_of((*base, i))}", default_product,
                        default_deductible, "file")
            for i, item in enumerate(data)]
