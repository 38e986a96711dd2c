"""The tariff file: pydantic models, loading with ``file:line`` errors, semantic checks.

A tariff file is YAML with ``kind: tariff``. Pydantic checks the shape of every field
(unknown fields are errors); :func:`semantic_problems` then checks what only the whole
file can tell (brackets without gaps, a premium for every bracket, discounts that keep
every premium above zero). All problems of a file are reported together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from quote.dates import Month, parse_date
from quote.errors import Problem, TariffError
from quote.i18n import t
from quote.money import RoundingMode, RoundingUnit
from quote.yamlfile import Loaded, YamlDocument, load_document, validate_document

MAX_KRONOR = 1_000_000
"""Largest amount in kronor a tariff may hold (premium, discount, minimum): per month."""
MAX_PCT = Decimal(1000)
"""Largest percentage (loading, surcharge) a data file may hold."""
PCT_DECIMALS = 4


def _shown(value: Any) -> str:
    """A value as the user wrote it: numbers plain, text quoted."""
    return repr(value) if isinstance(value, str) else str(value)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date", t("hostile.range.timestamp"))
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise PydanticCustomError("date", str(exc)) from None


def _whole_kronor(value: Any, *, positive: bool) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if isinstance(value, Decimal) and value.is_finite() and abs(value) > MAX_KRONOR:
        raise PydanticCustomError("kronor_range", t("hostile.range.kronor", limit=MAX_KRONOR))
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value, ok = int(value), True
    if ok and value > MAX_KRONOR:
        raise PydanticCustomError("kronor_range", t("hostile.range.kronor", limit=MAX_KRONOR))
    if not ok or (value <= 0 if positive else value < 0):
        shown = _shown(value) if len(_shown(value)) <= 40 else "?"
        if positive:
            raise PydanticCustomError(
                "positive_kronor",
                "premium must be a positive whole number of kronor, got {value}",
                {"value": shown},
            )
        raise PydanticCustomError(
            "kronor",
            "must be a whole number of kronor, 0 or more, got {value}",
            {"value": shown},
        )
    return int(value)


def _percentage(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise PydanticCustomError("pct", "must be a percentage such as 25 or 12.5")
    try:
        result = Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise PydanticCustomError("pct", "must be a percentage such as 25 or 12.5") from None
    if not result.is_finite() or result < 0:
        raise PydanticCustomError("pct", "must be a percentage of 0 or more, got {value}",
                                  {"value": _shown(value)})
    if not percentage_in_range(result):
        raise PydanticCustomError("pct_range", t("hostile.range.percentage", limit=MAX_PCT,
                                                 places=PCT_DECIMALS))
    return result


def percentage_in_range(value: Decimal) -> bool:
    """0 to :data:`MAX_PCT` with at most :data:`PCT_DECIMALS` decimals: a loading or
    surcharge any calculation can carry exactly."""
    return value.is_finite() and 0 <= value <= MAX_PCT and \
        int(value.as_tuple().exponent) >= -PCT_DECIMALS


def _month(value: Any) -> Month:
    if isinstance(value, Month):
        return value
    try:
        return Month.parse(str(value))
    except ValueError as exc:
        raise PydanticCustomError("month", str(exc)) from None


PositiveKronor = Annotated[
    int, BeforeValidator(lambda v: _whole_kronor(v, positive=True)), Field(gt=0, le=MAX_KRONOR)
]
Kronor = Annotated[int, BeforeValidator(lambda v: _whole_kronor(v, positive=False)),
                   Field(ge=0, le=MAX_KRONOR)]
Percentage = Annotated[
    Decimal,
    PlainValidator(_percentage),
    PlainSerializer(lambda d: format(d, "f")),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_PCT)}),
]
MonthField = Annotated[
    Month,
    PlainValidator(_month),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
]
DateField = Annotated[date, BeforeValidator(_date)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]
BracketLabel = Annotated[str, StringConstraints(pattern=r"^\d{1,3}-(\d{1,3})?$")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


SourceRef = Annotated[str, StringConstraints(pattern=r"^[^:\s]+:\d+(-\d+)?$")]
DeductibleRule = Literal["applies", "never", "not_stated"]
ReferralRule = Literal["required", "not_required", "by_option", "may_be_required",
                       "only_without", "not_stated"]


class ContentItem(Model):
    """One moment of a product's contents: its limit as the source states it, the source
    lines (``file:line`` or ``file:first-last``), and whether a självrisk and a referral
    requirement apply to it."""

    limit: str | None = None
    sources: list[SourceRef] = Field(min_length=1)
    deductible: DeductibleRule = "not_stated"
    referral: ReferralRule = "not_stated"
    note: str | None = None


class Product(Model):
    name: str
    moments: list[Slug] = Field(default_factory=list)
    premiums: dict[BracketLabel, PositiveKronor]


class Deductible(Model):
    amount: Kronor
    monthly_discount: Kronor


class Smoker(Model):
    loading_pct: Percentage


class Referral(Model):
    offered: bool
    monthly_discount: Kronor = 0
    combinable_with_deductible: bool


class Pricing(Model):
    loadings_combine: Literal["add", "multiply"]
    deductible_discount: Literal["after_loadings", "before_loadings"]
    minimum_monthly_premium: Kronor = 0


class Rounding(Model):
    mode: RoundingMode
    indexed_table_premium: RoundingUnit
    monthly_premium: RoundingUnit
    instalment: RoundingUnit


class Indexation(Model):
    series: str
    base_month: MonthField
    reference_month: int = Field(ge=1, le=12)
    reference_year_offset: int = Field(ge=-10, le=0)


class Frequency(Model):
    label: str
    months: int = Field(ge=1, le=12)
    methods: list[str] = Field(default_factory=list)
    surcharge_pct: Percentage = Decimal(0)


class TariffModel(Model):
    """Everything a ``kind: tariff`` file holds."""

    kind: Literal["tariff"]
    id: Slug
    name: str
    insurer: str
    version: str
    effective_from: DateField
    currency: Literal["SEK"]
    source: str | None = None
    assumptions: list[str] = Field(default_factory=list)
    brackets: list[BracketLabel] = Field(min_length=1)
    moments: dict[Slug, str] = Field(default_factory=dict)
    # Limits and source lines of the moments (the products list which moments they hold).
    contents: dict[Slug, ContentItem] = Field(default_factory=dict)
    products: dict[Slug, Product] = Field(min_length=1)
    deductibles: list[Deductible] = Field(min_length=1)
    smoker: Smoker
    referral: Referral
    pricing: Pricing
    rounding: Rounding
    indexation: Indexation
    payment_frequencies: dict[Slug, Frequency] = Field(min_length=1)


@dataclass(frozen=True)
class Bracket:
    """An age bracket: whole years ``low`` to ``high`` inclusive; ``high`` None is open."""

    label: str
    low: int
    high: int | None

    def contains(self, age: int) -> bool:
        return self.low <= age and (self.high is None or age <= self.high)

    @classmethod
    def parse(cls, label: str) -> Bracket:
        match = re.fullmatch(r"(\d+)-(\d+)?", label)
        if not match:
            raise ValueError(f"bracket {label!r} is not of the form 31-35 or 71-")
        high = int(match.group(2)) if match.group(2) is not None else None
        return cls(label, int(match.group(1)), high)


@dataclass(frozen=True)
class Tariff(Loaded[TariffModel]):
    """A validated tariff with where it came from."""

    @cached_property
    def brackets(self) -> tuple[Bracket, ...]:
        return tuple(Bracket.parse(label) for label in self.model.brackets)

    @property
    def series_path(self) -> Path:
        return self.path.parent / self.model.indexation.series

    def bracket_for(self, age: int) -> Bracket:
        for bracket in self.brackets:
            if bracket.contains(age):
                return bracket
        raise ValueError(f"no bracket for age {age}")  # unreachable after validation

    def deductible_discount(self, amount: int) -> int | None:
        for option in self.model.deductibles:
            if option.amount == amount:
                return option.monthly_discount
        return None


def bracket_problems(doc: YamlDocument, labels: list[str]) -> list[Problem]:
    """Brackets must start at 0, follow on without gap or overlap, and end open."""
    problems = []
    previous: Bracket | None = None
    for i, label in enumerate(labels):
        loc = ("brackets", i)
        bracket = Bracket.parse(label)
        if bracket.high is not None and bracket.high < bracket.low:
            problems.append(doc.problem(loc, f"brackets: {label} ends before it starts"))
        if previous is None:
            if bracket.low != 0:
                problems.append(doc.problem(loc, f"brackets: the first bracket must start at "
                                                 f"age 0, {label} starts at {bracket.low}"))
        elif previous.high is None:
            problems.append(doc.problem(loc, f"brackets: {previous.label} is open-ended but "
                                             f"is followed by {label}"))
        elif bracket.low > previous.high + 1:
            problems.append(doc.problem(loc, f"brackets: gap between {previous.label} and "
                                             f"{label} (ages {previous.high + 1}-"
                                             f"{bracket.low - 1} have no bracket)"))
        elif bracket.low <= previous.high:
            problems.append(doc.problem(loc, f"brackets: {label} overlaps {previous.label}"))
        previous = bracket
    if previous is not None and previous.high is not None:
        problems.append(doc.problem(("brackets", len(labels) - 1),
                                    f"brackets: the last bracket must be open-ended "
                                    f"(e.g. {previous.high + 1}-), not {previous.label}"))
    return problems


def semantic_problems(doc: YamlDocument, model: TariffModel) -> list[Problem]:
    """What the field types cannot see: the file taken as a whole."""
    problems = bracket_problems(doc, model.brackets)
    seen: set[str] = set()
    for i, label in enumerate(model.brackets):
        if label in seen:
            problems.append(doc.problem(("brackets", i), f"brackets: {label} is listed twice"))
        seen.add(label)
    for pid, product in model.products.items():
        base: tuple[str | int, ...] = ("products", pid)
        for label in model.brackets:
            if label not in product.premiums:
                problems.append(doc.problem((*base, "premiums"),
                                            f"products.{pid}.premiums: no premium for bracket "
                                            f"{label}"))
        for label in product.premiums:
            if label not in seen:
                problems.append(doc.problem((*base, "premiums", label),
                                            f"products.{pid}.premiums.{label}: {label} is not "
                                            "one of the brackets"))
        for j, moment in enumerate(product.moments):
            if moment not in model.moments:
                problems.append(doc.problem((*base, "moments", j),
                                            f"products.{pid}.moments: unknown moment "
                                            f"{moment!r} (not under moments:)"))
    for moment in model.contents:
        if moment not in model.moments:
            problems.append(doc.problem(("contents", moment),
                                        f"contents.{moment}: unknown moment {moment!r} (not "
                                        "under moments:)"))
    lowest = min(
        ((premium, pid, label) for pid, product in model.products.items()
         for label, premium in product.premiums.items()),
        default=None,
    )
    floor = model.pricing.minimum_monthly_premium
    amounts: set[int] = set()
    for i, option in enumerate(model.deductibles):
        loc: tuple[str | int, ...] = ("deductibles", i)
        if option.amount in amounts:
            problems.append(doc.problem((*loc, "amount"),
                                        f"deductibles: självrisk {option.amount} is listed twice"))
        amounts.add(option.amount)
        if lowest is not None and option.monthly_discount > 0 and \
                lowest[0] - option.monthly_discount <= floor:
            premium, pid, label = lowest
            problems.append(doc.problem(
                (*loc, "monthly_discount"),
                f"deductibles: the discount {option.monthly_discount} for självrisk "
                f"{option.amount} would push {pid} {label} ({premium} kr) to {floor} or below"))
    if "month" not in model.payment_frequencies:
        problems.append(doc.problem(("payment_frequencies",),
                                    "payment_frequencies: a 'month' frequency is required"))
    return problems


def premium_warnings(doc: YamlDocument, model: TariffModel) -> list[Problem]:
    """Things that are allowed but usually a typo, e.g. a premium that falls with age."""
    warnings = []
    for pid, product in model.products.items():
        before: tuple[str, int] | None = None
        for label in model.brackets:
            premium = product.premiums.get(label)
            if premium is None:
                continue
            if before is not None and premium < before[1]:
                warnings.append(doc.problem(
                    ("products", pid, "premiums", label),
                    f"products.{pid}.premiums.{label}: premium {premium} is lower than "
                    f"{before[1]} for the younger bracket {before[0]}", "warning"))
            before = (label, premium)
    return warnings


def parse_tariff(doc: YamlDocument) -> tuple[TariffModel | None, list[Problem]]:
    """Validate a parsed document; return the model (if valid) and every problem found."""
    return validate_document(doc, TariffModel, "tariff",
                             lambda d, m: semantic_problems(d, m) + premium_warnings(d, m))


def load_tariff(path: Path) -> Tariff:
    """Load and validate a tariff file; raise TariffError listing every error in it."""
    model, sha256 = load_document(path, "tariff", TariffError, parse_tariff)
    return Tariff(model=model, path=path, sha256=sha256)
