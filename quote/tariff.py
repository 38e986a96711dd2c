"""The tariff file: pydantic models, loading with ``file:line`` errors, semantic checks.

A tariff file is YAML with ``kind: tariff``. Pydantic checks the shape of every field
(unknown fields are errors); :func:`semantic_problems` then checks what only the whole
file can tell (brackets without gaps, a premium for every bracket, discounts that keep
every premium above zero). All problems of a file are reported together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import (
    Field,
)

from quote.errors import Problem, TariffError
from quote.fields import (  # noqa: F401 - re-exported for older imports
    MAX_KRONOR,
    MAX_PCT,
    PCT_DECIMALS,
    BracketLabel,
    DateField,
    Kronor,
    Model,
    MonthField,
    Percentage,
    PositiveKronor,
    Slug,
    SourceRef,
    percentage_in_range,
)
from quote.i18n import t
from quote.money import RoundingMode, RoundingUnit
from quote.yamlfile import Loaded, YamlDocument, load_document, validate_document

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


TERMS_TEXT_MAX = 4000
"""Longest text of a terms item (an exclusion, the withdrawal right) a tariff may hold."""


class TermsItem(Model):
    """One numbered item of the insurance terms, as written there, and its source line."""

    number: int = Field(ge=1, le=999)
    text: str = Field(min_length=1, max_length=TERMS_TEXT_MAX)
    line: int = Field(ge=1, le=1_000_000, description="Line of the item in the source.")


class Withdrawal(Model):
    """The customer's right to withdraw (ångerrätt) from a signed agreement."""

    days: int = Field(ge=1, le=365)
    text: str = Field(min_length=1, max_length=TERMS_TEXT_MAX)
    line: int = Field(ge=1, le=1_000_000)


class PremiumStart(Model):
    """When the premium is charged from, as the terms say (shown on an offer)."""

    rule: Literal["first_of_next_month"]
    text: str = Field(min_length=1, max_length=TERMS_TEXT_MAX)
    line: int = Field(ge=1, le=1_000_000)


class OfferSettings(Model):
    """What an offer to a customer states beside the price."""

    valid_days: int = Field(ge=1, le=365, description="The offer is valid this many days "
                                                      "from the day it is made.")
    withdrawal: Withdrawal | None = None
    premium_start: PremiumStart | None = None


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
    general_exclusions: list[TermsItem] = Field(default_factory=list, max_length=500)
    offer: OfferSettings | None = None


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
            problems.append(doc.problem(loc, t("tariffcheck.ends_before_start", label=label)))
        if previous is None:
            if bracket.low != 0:
                problems.append(doc.problem(loc, t("tariffcheck.first_not_zero", label=label,
                                                   low=str(bracket.low))))
        elif previous.high is None:
            problems.append(doc.problem(loc, t("tariffcheck.open_not_last",
                                               previous=previous.label, label=label)))
        elif bracket.low > previous.high + 1:
            problems.append(doc.problem(loc, t("tariffcheck.gap", previous=previous.label,
                                               label=label, first=str(previous.high + 1),
                                               last=str(bracket.low - 1))))
        elif bracket.low <= previous.high:
            problems.append(doc.problem(loc, t("tariffcheck.overlap", label=label,
                                               previous=previous.label)))
        previous = bracket
    if previous is not None and previous.high is not None:
        problems.append(doc.problem(("brackets", len(labels) - 1),
                                    t("tariffcheck.last_not_open",
                                      example=f"{previous.high + 1}-", label=previous.label)))
    return problems


def semantic_problems(doc: YamlDocument, model: TariffModel) -> list[Problem]:
    """What the field types cannot see: the file taken as a whole."""
    problems = bracket_problems(doc, model.brackets)
    seen: set[str] = set()
    for i, label in enumerate(model.brackets):
        if label in seen:
            problems.append(doc.problem(("brackets", i),
                                        t("tariffcheck.bracket_twice", label=label)))
        seen.add(label)
    for pid, product in model.products.items():
        base: tuple[str | int, ...] = ("products", pid)
        for label in model.brackets:
            if label not in product.premiums:
                problems.append(doc.problem((*base, "premiums"), t(
                    "tariffcheck.no_premium", field=f"products.{pid}.premiums", label=label)))
        for label in product.premiums:
            if label not in seen:
                problems.append(doc.problem((*base, "premiums", label), t(
                    "tariffcheck.not_a_bracket", field=f"products.{pid}.premiums.{label}",
                    label=label)))
        for j, moment in enumerate(product.moments):
            if moment not in model.moments:
                problems.append(doc.problem((*base, "moments", j), t(
                    "tariffcheck.unknown_moment", field=f"products.{pid}.moments",
                    moment=moment)))
    for moment in model.contents:
        if moment not in model.moments:
            problems.append(doc.problem(("contents", moment), t(
                "tariffcheck.unknown_moment", field=f"contents.{moment}", moment=moment)))
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
            problems.append(doc.problem((*loc, "amount"), t("tariffcheck.deductible_twice",
                                                            amount=str(option.amount))))
        amounts.add(option.amount)
        if lowest is not None and option.monthly_discount > 0 and \
                lowest[0] - option.monthly_discount <= floor:
            premium, pid, label = lowest
            problems.append(doc.problem(
                (*loc, "monthly_discount"),
                t("tariffcheck.discount_too_big", discount=str(option.monthly_discount),
                  amount=str(option.amount), product=pid, label=label, premium=str(premium),
                  floor=str(floor))))
    problems.extend(terms_problems(doc, model))
    if "month" not in model.payment_frequencies:
        problems.append(doc.problem(("payment_frequencies",),
                                    t("tariffcheck.no_month")))
    return problems


def terms_problems(doc: YamlDocument, model: TariffModel) -> list[Problem]:
    """General exclusions are numbered 1, 2, 3 … in the order of their source lines."""
    problems = []
    for i, item in enumerate(model.general_exclusions):
        loc: tuple[str | int, ...] = ("general_exclusions", i)
        if item.number != i + 1:
            problems.append(doc.problem((*loc, "number"), t(
                "tariffcheck.exclusion_number", n=str(i + 1), number=str(item.number))))
        if i and item.line <= model.general_exclusions[i - 1].line:
            problems.append(doc.problem((*loc, "line"), t(
                "tariffcheck.exclusion_order", number=str(item.number), line=str(item.line))))
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
                    t("tariffcheck.premium_falls", field=f"products.{pid}.premiums.{label}",
                      premium=str(premium), before=str(before[1]), younger=before[0]),
                    "warning"))
            before = (label, premium)
    return warnings


def parse_tariff(doc: YamlDocument) -> tuple[TariffModel | None, list[Problem]]:
    """Validate a parsed document; return the model (if valid) and every problem found."""
    return validate_document(doc, TariffModel, "tariff",
                             lambda d, m: semantic_problems(d, m) + premium_warnings(d, m))


def load_tariff(path: Path, doc: YamlDocument | None = None) -> Tariff:
    """Load and validate a tariff file; raise TariffError listing every error in it."""
    model, sha256 = load_document(path, "tariff", TariffError, parse_tariff, doc)
    return Tariff(model=model, path=path, sha256=sha256)
