"""Every option of a tariff for one person, side by side: a pure function over the one
pricing engine (:func:`quote.pricing.price`).

Options are every product × every självrisk the tariff offers × without and (where the
tariff offers it) with remisskrav. A combination the terms forbid (remisskrav with a
självrisk, seed 003 line 254) is kept as :class:`NotOffered` with its reason, never
dropped. Each step up from one product to the next names the moments it adds and what it
costs more per month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from quote.indexation import KpiSeries
from quote.person import Person
from quote.pricing import Breakdown, PriceRequest, price
from quote.tariff import Tariff

# Where the terms forbid remisskrav with a självrisk (DKV pre-purchase information).
REFERRAL_WITH_DEDUCTIBLE_SOURCE = "003_644d41b70766cb4e.txt:254"


@dataclass(frozen=True)
class Offered:
    """A combination the tariff offers, priced: the monthly premium and the yearly cost."""

    product: str
    deductible: int
    referral: bool
    breakdown: Breakdown
    yearly: Decimal

    @property
    def monthly(self) -> Decimal:
        return self.breakdown.monthly_premium


@dataclass(frozen=True)
class NotOffered:
    """A combination the terms forbid, with the reason's code and its source line."""

    product: str
    deductible: int
    referral: bool
    reason: str
    source: str


Option = Offered | NotOffered


@dataclass(frozen=True)
class StepUp:
    """From one product to the next: the moments it adds and the extra monthly premium
    (both without självrisk and without remisskrav)."""

    from_product: str
    to_product: str
    adds: tuple[str, ...]
    extra_monthly: Decimal


@dataclass(frozen=True)
class Comparison:
    """Everything a side-by-side quote shows (and a customer document needs)."""

    person: Person
    on: date
    smoker: bool
    tariff: Tariff
    kpi: KpiSeries
    options: tuple[Option, ...]
    step_ups: tuple[StepUp, ...]

    def offered(self, product: str, deductible: int = 0, referral: bool = False) -> Offered:
        """The priced option for a combination (KeyError if it is not offered)."""
        return find_offered(self.options, product, deductible, referral)


def find_offered(options: tuple[Option, ...], product: str, deductible: int = 0,
                 referral: bool = False) -> Offered:
    """The priced option for a combination (KeyError if it is not offered)."""
    for option in options:
        if isinstance(option, Offered) and (option.product, option.deductible,
                                            option.referral) == (product, deductible, referral):
            return option
    raise KeyError((product, deductible, referral))


def yearly_frequency(tariff: Tariff) -> str:
    """The frequency a yearly cost is priced at: ``year`` when offered, else ``month``."""
    return "year" if "year" in tariff.model.payment_frequencies else "month"


def yearly_cost(breakdown: Breakdown) -> Decimal:
    """What a year costs: the yearly instalment, or 12 monthly ones."""
    months = breakdown.frequency.months
    return breakdown.instalment * (12 // months)


def referral_choices(tariff: Tariff) -> tuple[bool, ...]:
    """Without remisskrav always; with it when the tariff offers it."""
    return (False, True) if tariff.model.referral.offered else (False,)


def compare(tariff: Tariff, kpi: KpiSeries, person: Person, on: date,
            smoker: bool = False) -> Comparison:
    """Price every product × självrisk × remisskrav for ``person`` on ``on``."""
    model = tariff.model
    frequency = yearly_frequency(tariff)
    options: list[Option] = []
    for product in model.products:
        for referral in referral_choices(tariff):
            for deductible in (d.amount for d in model.deductibles):
                if referral and deductible and not model.referral.combinable_with_deductible:
                    options.append(NotOffered(product, deductible, referral,
                                              "referral_with_deductible",
                                              REFERRAL_WITH_DEDUCTIBLE_SOURCE))
                    continue
                breakdown = price(tariff, kpi, PriceRequest(
                    product=product, age=person.age, on=on, deductible=deductible,
                    smoker=smoker, referral=referral, frequency=frequency))
                options.append(Offered(product, deductible, referral, breakdown,
                                       yearly_cost(breakdown)))
    return Comparison(person, on, smoker, tariff, kpi, tuple(options),
                      step_ups(tariff, tuple(options)))


def step_ups(tariff: Tariff, options: tuple[Option, ...]) -> tuple[StepUp, ...]:
    """Each product against the one before it in the tariff, at the lowest självrisk."""
    products = tariff.model.products
    ids = list(products)
    lowest = min(d.amount for d in tariff.model.deductibles)
    ups = []
    for lower, higher in pairwise(ids):
        had = set(products[lower].moments)
        adds = tuple(m for m in products[higher].moments if m not in had)
        extra = (find_offered(options, higher, lowest).monthly
                 - find_offered(options, lower, lowest).monthly)
        ups.append(StepUp(lower, higher, adds, extra))
    return tuple(ups)
