"""The pricing engine: (tariff, KPI series, request) -> Breakdown of named steps.

Pure: no printing, no clock, no files. The broker's quote, a renewal row and the offer
after underwriting all go through :func:`price`, so they can never disagree.

Order of steps (the tariff's settings choose between the documented conventions)::

    table premium for the bracket
    -> × KPI(reference month) / KPI(base month), rounded to whole kronor (indexed)
    -> + loadings: smoker % and underwriting %, of the indexed table premium
    -> - självrisk discount (flat kronor), - referral discount if any
    -> never below the tariff's minimum
    -> rounded to öre = monthly premium
    -> instalment = monthly × months in the payment period (+ surcharge %)

Each step's ``amount`` is the change it makes and ``subtotal`` the running monthly
amount, both shown to the öre, so every line of a breakdown adds up exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from quote.dates import MAX_AGE
from quote.errors import InputError
from quote.i18n import number, percent, t
from quote.indexation import IndexFactor, KpiSeries, index_factor
from quote.money import pct, plain, round_to, sek, to_ore
from quote.tariff import Bracket, Frequency, Tariff

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PriceRequest:
    """What is priced. ``on`` is the pricing date; ``age`` whole years completed on it."""

    product: str
    age: int
    on: date
    deductible: int = 0
    smoker: bool = False
    loading_pct: Decimal = Decimal(0)
    referral: bool = False
    frequency: str = "month"


@dataclass(frozen=True)
class Step:
    """One line of a breakdown: the change it makes and the monthly amount after it. Its
    label is written when it is read (a renewal prices thousands of keys and shows none of
    their labels: writing them was half the engine's time)."""

    step: str
    text: Callable[[], str] = field(repr=False, compare=False)
    amount: Decimal
    subtotal: Decimal

    @property
    def label(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Breakdown:
    """A priced request, every step named."""

    request: PriceRequest
    tariff: Tariff
    kpi: KpiSeries
    bracket: Bracket
    table_premium: int
    factor: IndexFactor
    indexed_table_premium: Decimal
    steps: tuple[Step, ...]
    monthly_premium: Decimal
    frequency: Frequency
    instalment: Decimal

    @property
    def index_factor(self) -> Decimal:
        return self.factor.ratio

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape: money as strings with two decimals, dates ISO."""
        req = self.request
        model = self.tariff.model
        return {
            "product": req.product,
            "product_name": model.products[req.product].name,
            "age": req.age,
            "bracket": self.bracket.label,
            "on": req.on.isoformat(),
            "deductible": req.deductible,
            "smoker": req.smoker,
            "loading_pct": pct(req.loading_pct),
            "referral": req.referral,
            "table_premium": plain(Decimal(self.table_premium)),
            "index_factor": f"{self.index_factor:.6f}",
            "kpi": {
                "base_month": str(self.factor.base_month),
                "base": f"{self.factor.base}",
                "reference_month": str(self.factor.reference_month),
                "reference": f"{self.factor.reference}",
                "series_base": self.factor.series_base,
                "reference_conversion": self.factor.reference_note,
                "series": self.kpi.path.name,
                "sha256": self.kpi.sha256,
            },
            "indexed_table_premium": plain(self.indexed_table_premium),
            "monthly_premium": plain(self.monthly_premium),
            "frequency": req.frequency,
            "months": self.frequency.months,
            "instalment": plain(self.instalment),
            "steps": [
                {"step": s.step, "label": s.label, "amount": plain(s.amount),
                 "subtotal": plain(s.subtotal)}
                for s in self.steps
            ],
            "tariff": {**self.tariff.reference(), "name": model.name},
        }


@dataclass
class _Ledger:
    """Collects steps from exact running values; shows each at öre so lines add up."""

    value: Decimal
    steps: list[Step] = field(default_factory=list)

    def move(self, step: str, label: Callable[[], str], new_value: Decimal, *,
             always: bool = False) -> None:
        amount = to_ore(new_value) - to_ore(self.value)
        self.value = new_value
        if amount or always:
            self.steps.append(Step(step, label, amount, to_ore(new_value)))


def check_request(tariff: Tariff, req: PriceRequest) -> None:
    """Raise InputError naming the field if the tariff cannot price ``req``."""
    model = tariff.model
    if req.product not in model.products:
        offered = ", ".join(model.products)
        raise InputError("product", t("pricing.unknown_product", product=req.product,
                                      tariff=model.id, offered=offered))
    if req.age < 0:
        raise InputError("age", t("pricing.negative_age", age=req.age))
    if req.age > MAX_AGE:
        raise InputError("age", t("hostile.range.age", limit=MAX_AGE))
    if req.on < model.effective_from:
        raise InputError("on", t("pricing.before_tariff", on=req.on.isoformat(), tariff=model.id,
                                 version=model.version, start=model.effective_from.isoformat()))
    if tariff.deductible_discount(req.deductible) is None:
        offered = ", ".join(str(d.amount) for d in model.deductibles)
        raise InputError("deductible", t("pricing.deductible_not_offered",
                                         deductible=str(req.deductible), tariff=model.id,
                                         offered=offered))
    if req.loading_pct < 0:
        raise InputError("loading_pct", t("pricing.negative_loading",
                                          loading=req.loading_pct))
    if req.referral:
        if not model.referral.offered:
            raise InputError("referral", t("pricing.no_referral", tariff=model.id))
        if req.deductible and not model.referral.combinable_with_deductible:
            raise InputError("referral", t("pricing.referral_with_deductible",
                                           deductible=str(req.deductible)))
    if req.frequency not in model.payment_frequencies:
        offered = ", ".join(model.payment_frequencies)
        raise InputError("frequency", t("pricing.unknown_frequency", frequency=req.frequency,
                                        offered=offered))


def indexation_label(factor: IndexFactor) -> str:
    """The indexation step's label: the KPI months and figures, and the ratio."""
    return t("pricing.step.indexation",
             base_label=f" ({factor.series_base})" if factor.series_base else "",
             reference_month=str(factor.reference_month), base_month=str(factor.base_month),
             reference=number(factor.reference, 2),
             converted=f" [{factor.reference_note}]" if factor.reference_note else "",
             base=number(factor.base, 2), ratio=number(factor.ratio, 6))


def factor_on(tariff: Tariff, kpi: KpiSeries, on: date) -> IndexFactor:
    """The tariff's KPI factor for pricing on ``on``."""
    rule = tariff.model.indexation
    return index_factor(kpi, rule.base_month, on, rule.reference_month, rule.reference_year_offset)


def indexed_premium(tariff: Tariff, factor: IndexFactor, table: int) -> tuple[Decimal, Decimal]:
    """A table premium indexed: (exact value, value rounded by the tariff's rule)."""
    exact = factor.apply(Decimal(table))
    rounding = tariff.model.rounding
    return exact, round_to(exact, rounding.indexed_table_premium, rounding.mode)


def price_list(tariff: Tariff, kpi: KpiSeries, on: date
               ) -> tuple[IndexFactor, dict[str, dict[str, Decimal]]]:
    """Every indexed table premium on ``on``, by product and bracket (as ``price`` uses them)."""
    factor = factor_on(tariff, kpi, on)
    table = {
        pid: {label: indexed_premium(tariff, factor, premium)[1]
              for label, premium in product.premiums.items()}
        for pid, product in tariff.model.products.items()
    }
    return factor, table


def instalment_for(tariff: Tariff, monthly: Decimal, frequency: Frequency) -> Decimal:
    """What is paid per period: the monthly premium × months (+ surcharge %), rounded by
    the tariff's instalment rule."""
    rounding = tariff.model.rounding
    gross = monthly * frequency.months * (1 + frequency.surcharge_pct / HUNDRED)
    return round_to(gross, rounding.instalment, rounding.mode)


def price(tariff: Tariff, kpi: KpiSeries, req: PriceRequest) -> Breakdown:
    """Price ``req`` with ``tariff``; raise InputError or KpiMissingError if it cannot."""
    check_request(tariff, req)
    model = tariff.model
    rounding = model.rounding
    product = model.products[req.product]
    bracket = tariff.bracket_for(req.age)
    table = product.premiums[bracket.label]
    factor = factor_on(tariff, kpi, req.on)

    ledger = _Ledger(Decimal(0))
    ledger.move("table_premium", lambda: t("pricing.step.table_premium", product=product.name,
                                           bracket=bracket.label), Decimal(table), always=True)
    exact, indexed = indexed_premium(tariff, factor, table)
    ledger.move("indexation", lambda: indexation_label(factor), exact, always=True)
    ledger.move("rounding_indexed",
                lambda: t(f"pricing.step.rounding_{rounding.indexed_table_premium}",
                          exact=number(exact, 4)), indexed)

    loadings: list[tuple[str, Callable[[], str], Decimal]] = []
    if req.smoker:
        rate = model.smoker.loading_pct
        loadings.append(("smoker_loading",
                         lambda: t("pricing.step.smoker_loading", pct=percent(rate)), rate))
    if req.loading_pct:
        loadings.append(("underwriting_loading",
                         lambda: t("pricing.step.underwriting_loading",
                                   pct=percent(req.loading_pct)), req.loading_pct))
    discounts: list[tuple[str, Callable[[], str], int]] = []
    deductible_discount = tariff.deductible_discount(req.deductible) or 0
    if deductible_discount:
        discounts.append(("deductible_discount",
                          lambda: t("pricing.step.deductible_discount",
                                    deductible=req.deductible), deductible_discount))
    if req.referral and model.referral.monthly_discount:
        discounts.append(("referral_discount", lambda: t("pricing.step.referral_discount"),
                          model.referral.monthly_discount))

    def take_discounts() -> None:
        for step, label, amount in discounts:
            ledger.move(step, label, ledger.value - amount)

    def add_loadings() -> None:
        base = ledger.value
        for step, label, rate in loadings:
            of = base if model.pricing.loadings_combine == "add" else ledger.value
            ledger.move(step, label, ledger.value + of * rate / HUNDRED)

    if model.pricing.deductible_discount == "after_loadings":
        add_loadings()
        take_discounts()
    else:
        take_discounts()
        add_loadings()

    minimum = Decimal(model.pricing.minimum_monthly_premium)
    if ledger.value < minimum:
        ledger.move("minimum_premium",
                    lambda: t("pricing.step.minimum_premium", amount=sek(minimum)), minimum)
    monthly = round_to(ledger.value, rounding.monthly_premium, rounding.mode)
    ledger.move("rounding_monthly", lambda: t("pricing.step.rounding_monthly"), monthly)

    frequency = model.payment_frequencies[req.frequency]
    instalment = instalment_for(tariff, monthly, frequency)
    return Breakdown(
        request=req, tariff=tariff, kpi=kpi, bracket=bracket, table_premium=table,
        factor=factor, indexed_table_premium=indexed, steps=tuple(ledger.steps),
        monthly_premium=monthly, frequency=frequency, instalment=instalment,
    )
