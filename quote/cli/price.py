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
    JsonOption,
    KpiOption,
    TariffOption,
    TariffsDirOption,
    date_option,
    fail,
    percentage_option,
    print_json,
    stdout,
    user_errors,
)
from quote.dates import age_on
from quote.errors import QuoteError
from quote.i18n import t
from quote.money import pct, sek
from quote.pricing import Breakdown, PriceRequest
from quote.pricing import price as price_request

MAX_AGE = 150


def price(
    product: Annotated[str, typer.Option(help="Product id in the tariff: bas, plus or topp.",
                                         show_default=False)],
    age: Annotated[int | None, typer.Option(help="Age in whole years on the pricing date.",
                                            show_default=False)] = None,
    birth_date: Annotated[str | None, typer.Option(
        "--birth-date", help="Birth date YYYY-MM-DD; the age is taken on --on.",
        show_default=False)] = None,
    on: Annotated[str | None, typer.Option(
        help="Pricing date YYYY-MM-DD [default: today].", show_default=False)] = None,
    deductible: Annotated[int, typer.Option(
        help="Självrisk in kronor per claim (0, 500 or 1000 in the DKV tariff).")] = 0,
    smoker: Annotated[bool, typer.Option("--smoker", help="Add the smoker loading.")] = False,
    loading: Annotated[str, typer.Option(
        help="Underwriting loading in percent of the indexed table premium, e.g. 25.")] = "0",
    referral: Annotated[bool, typer.Option(
        "--referral", help="With remisskrav (cannot be combined with a självrisk).")] = False,
    frequency: Annotated[str, typer.Option(
        help="Payment frequency: month, quarter, half-year or year; the instalment is the "
             "monthly premium × months.")] = "month",
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
) -> None:
    """Price a product for one person on a date, with each step of the calculation.

    Example: quote price --product plus --age 34 --on 2024-09-01 --smoker --deductible 500
    """
    on_date = date_option(on, "--on") or date.today()
    born = date_option(birth_date, "--birth-date")
    if (age is None) == (born is None):
        fail("give either --age or --birth-date (one of them)")
    if born is not None:
        if born > on_date:
            fail(f"--birth-date: {born} is after the pricing date {on_date}")
        years = age_on(born, on_date)
    else:
        assert age is not None
        if age < 0:
            fail(f"--age: must be 0 or more, got {age}")
        if age > MAX_AGE:
            fail(f"--age: {t('hostile.range.age', limit=MAX_AGE)}")
        years = age
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
        if last_age is not None:
            data["renewal_only"] = True
        print_json(data)
    else:
        render(breakdown)
        if last_age is not None:
            stdout().print(t("price.renewal_only", turns=last_age + 1, age=years), markup=False)


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


def render(b: Breakdown) -> None:
    """The breakdown as a Rich table with Swedish amounts."""
    model = b.tariff.model
    req = b.request
    product = model.products[req.product]
    options = [f"självrisk {req.deductible} kr" if req.deductible else "utan självrisk"]
    if req.referral:
        options.append("med remisskrav")
    if req.smoker:
        options.append("rökare")
    if req.loading_pct:
        options.append(f"tillägg {pct(req.loading_pct)} %")
    console = stdout()
    console.print(f"[bold]{escape(product.name)}[/], {req.age} år (intervall {b.bracket.label}), "
                  f"prisdatum {req.on}")
    console.print(" · ".join(options))
    console.print(f"Tariff {model.id} {model.version}, gäller från {model.effective_from}",
                  markup=False)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Steg")
    table.add_column("Belopp", justify="right", no_wrap=True)
    table.add_column("Månadspremie", justify="right", no_wrap=True)
    for step in b.steps:
        amount = sek(step.amount) if step.step == "table_premium" else _signed(step.amount)
        table.add_row(escape(step.label), amount, sek(step.subtotal))
    table.add_section()
    table.add_row("[bold]Månadspremie[/]", "", f"[bold]{sek(b.monthly_premium)}[/]")
    if b.frequency.months != 1 or b.instalment != b.monthly_premium:
        table.add_row(f"{b.frequency.label}: {b.frequency.months} × {sek(b.monthly_premium)}",
                      "", f"[bold]{sek(b.instalment)}[/]")
    console.print(table)


def _signed(amount: Decimal) -> str:
    text = sek(amount)
    return text if text.startswith("-") else f"+{text}"
