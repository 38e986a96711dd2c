"""`quote price`: one premium, every step shown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import choose_rulebook, choose_tariff, kpi_for
from quote.cli.common import (
    DeductibleOption,
    FrequencyOption,
    IdCountryOption,
    IdOption,
    JsonOption,
    KpiOption,
    ProductOption,
    ReferralOption,
    TariffOption,
    TariffsDirOption,
    age_from,
    date_option,
    percentage_option,
    print_json,
    stdout,
    user_errors,
)
from quote.cli.offer import NameOption, OfferOption, offer_after_price
from quote.cli.options import PricingDateOption, SmokerOption
from quote.errors import QuoteError
from quote.i18n import percent, t
from quote.identity import Identity
from quote.money import sek
from quote.pricing import Breakdown, PriceRequest
from quote.pricing import price as price_request


def price(
    product: ProductOption,
    age: Annotated[int | None, typer.Option(
        help="Age in whole years on the pricing date (or --birth-date).",
        show_default=False)] = None,
    birth_date: Annotated[str | None, typer.Option(
        "--birth-date", help="Birth date YYYY-MM-DD; the age is taken on --on (or --age, --id).",
        show_default=False)] = None,
    on: PricingDateOption = None,
    id_number: IdOption = None,
    id_country: IdCountryOption = None,
    deductible: DeductibleOption = 0,
    smoker: SmokerOption = False,
    loading: Annotated[str, typer.Option(
        help="Underwriting loading in percent of the indexed table premium, e.g. 25.")] = "0",
    referral: ReferralOption = False,
    frequency: FrequencyOption = "month",
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
    offer_file: OfferOption = None,
    name: NameOption = None,
) -> None:
    """Price a product for one person on a date, with each step of the calculation.

    Examples:

    \b
      quote price --product plus --age 34 --on 2024-09-01 --smoker --deductible 500
      quote price --product bas --birth-date 1990-05-01 --on 2024-09-01 --frequency year
      quote price --product topp --age 70 --on 2024-09-01 --loading 25 --json
    """
    on_date = date_option(on, "--on") or date.today()
    years, born, identity = age_from(age, birth_date, id_number, id_country, on_date)
    loading_pct = percentage_option(loading, "--loading")
    with user_errors():
        chosen = choose_tariff(tariff, tariffs, on_date)
        series = kpi_for(chosen, kpi)
        breakdown = price_request(chosen, series, PriceRequest(
            product=product.lower(), age=years, on=on_date, deductible=deductible,
            smoker=smoker, loading_pct=loading_pct, referral=referral,
            frequency=frequency.lower()))
    last_age = _last_application_age(years, tariffs, on_date)
    if as_json:
        data = breakdown.as_dict()
        if born is not None:
            data["birth_date"] = born.isoformat()
        if identity is not None:
            data["id"] = identity.masked
        if last_age is not None:
            data["renewal_only"] = True
        print_json(data)
    else:
        render(breakdown, identity)
        if last_age is not None:
            stdout().print(t("price.renewal_only", turns=last_age + 1, age=years), markup=False)
    offer_after_price(offer_file, name, breakdown, born,
                      identity.masked if identity is not None else None)


def _last_application_age(age: int, tariffs: Path | None, on: date) -> int | None:
    """The rule book's last age for a new individual application, when ``age`` is past it
    (then the price is for renewals only); None otherwise. The rule book is read only for
    ages from 60, so ordinary quotes never parse it; without one there is no note."""
    if age < 60:
        return None
    try:
        book = choose_rulebook(None, tariffs, on)
    except QuoteError:
        return None
    limit = book.model.eligibility.individual_max_age
    return limit if age > limit else None


def render(b: Breakdown, identity: Identity | None = None) -> None:
    """The breakdown as a Rich table, amounts in Swedish kronor, text in the current
    language; an identity number masked."""
    model = b.tariff.model
    req = b.request
    product = model.products[req.product]
    options = [t("price.deductible", deductible=req.deductible) if req.deductible
               else t("price.no_deductible")]
    if req.referral:
        options.append(t("price.referral"))
    if req.smoker:
        options.append(t("price.smoker"))
    if req.loading_pct:
        options.append(t("price.loading", pct=percent(req.loading_pct)))
    console = stdout()
    if identity is not None:
        console.print(t("desk.person_id", id=identity.masked), markup=False)
    console.print(t("price.heading", product=escape(product.name), age=req.age,
                    bracket=b.bracket.label, on=req.on.isoformat()))
    console.print(" · ".join(options))
    console.print(t("price.tariff", tariff=model.id, version=model.version,
                    start=model.effective_from.isoformat()), markup=False)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("price.column.step"))
    table.add_column(t("price.column.amount"), justify="right", no_wrap=True)
    table.add_column(t("price.column.monthly"), justify="right", no_wrap=True)
    for step in b.steps:
        amount = sek(step.amount) if step.step == "table_premium" else _signed(step.amount)
        table.add_row(escape(step.label), amount, sek(step.subtotal))
    table.add_section()
    table.add_row(f"[bold]{t('price.column.monthly')}[/]", "",
                  f"[bold]{sek(b.monthly_premium)}[/]")
    if b.frequency.months != 1 or b.instalment != b.monthly_premium:
        table.add_row(t("price.instalment", frequency=escape(b.frequency.label),
                        months=b.frequency.months, monthly=sek(b.monthly_premium)),
                      "", f"[bold]{sek(b.instalment)}[/]")
    console.print(table)


def _signed(amount: Decimal) -> str:
    text = sek(amount)
    return text if text.startswith("-") else f"+{text}"
