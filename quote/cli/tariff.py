"""`quote tariff ...`: look at tariffs."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from quote.catalog import choose_tariff, kpi_for
from quote.cli.common import (
    JsonOption,
    KpiOption,
    TariffOption,
    TariffsDirOption,
    date_option,
    print_json,
    stdout,
    user_errors,
)
from quote.money import decimal_sv, pct, plain, sek
from quote.pricing import price_list

app = typer.Typer(help="Show tariffs (price lists, settings, product contents).",
                  no_args_is_help=True)


@app.command("show")
def show(
    on: Annotated[str | None, typer.Option(
        help="Show the version in force on this date (YYYY-MM-DD), indexed by KPI "
             "[default: the newest version, as written in the file].",
        show_default=False)] = None,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the price list: monthly premium by age bracket and product.

    Example: quote tariff show --on 2025-03-01
    """
    on_date = date_option(on, "--on")
    with user_errors():
        chosen = choose_tariff(tariff, tariffs, on_date)
        model = chosen.model
        factor = None
        premiums = {pid: {label: Decimal(v) for label, v in product.premiums.items()}
                    for pid, product in model.products.items()}
        if on_date is not None:
            if on_date < model.effective_from:
                from quote.errors import InputError

                raise InputError("on", f"{on_date} is before tariff {model.id} is in force "
                                       f"(from {model.effective_from})")
            factor, premiums = price_list(chosen, kpi_for(chosen, kpi), on_date)
    if as_json:
        data: dict[str, Any] = {
            "tariff": {"id": model.id, "name": model.name, "version": model.version,
                       "effective_from": model.effective_from.isoformat(),
                       "path": str(chosen.path), "sha256": chosen.sha256},
            "on": on_date.isoformat() if on_date else None,
            "index_factor": f"{factor.ratio:.6f}" if factor else None,
            "brackets": list(model.brackets),
            "products": {
                pid: {"name": product.name,
                      "premiums": {label: plain(premiums[pid][label]) for label in model.brackets},
                      "moments": list(product.moments)}
                for pid, product in model.products.items()
            },
            "deductibles": [{"amount": d.amount, "monthly_discount": d.monthly_discount}
                            for d in model.deductibles],
            "smoker_loading_pct": pct(model.smoker.loading_pct),
            "payment_frequencies": {fid: f.months for fid, f in model.payment_frequencies.items()},
        }
        print_json(data)
        return
    console = stdout()
    console.print(f"[bold]{model.name}[/] {model.version} ({model.id}), gäller från "
                  f"{model.effective_from}")
    if factor is not None:
        console.print(f"Indexerad {on_date}: × {decimal_sv(factor.ratio, 6)} (KPI "
                      f"{factor.reference_month} {decimal_sv(factor.reference, 2)} / KPI "
                      f"{factor.base_month} {decimal_sv(factor.base, 2)}), avrundat till "
                      "hela kronor")
    else:
        console.print(f"Tabellpremier per månad (KPI-bas {model.indexation.base_month}); "
                      "--on DATUM visar dem indexerade")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Ålder")
    for product in model.products.values():
        table.add_column(product.name, justify="right", no_wrap=True)
    for label in model.brackets:
        table.add_row(label, *(sek(premiums[pid][label]) for pid in model.products))
    console.print(table)
    discounts = ", ".join(f"{d.amount} kr: -{d.monthly_discount} kr/mån"
                          for d in model.deductibles if d.amount)
    console.print(f"Självrisk {discounts}. Rökartillägg {pct(model.smoker.loading_pct)} %.")
    console.print("Betalning: " + ", ".join(
        f"{f.label} ({f.months} mån)" for f in model.payment_frequencies.values()))
    if model.moments:
        contents = Table(show_edge=False, pad_edge=False, title="Det här ingår")
        contents.add_column("Moment")
        for product in model.products.values():
            contents.add_column(product.name, justify="center")
        for mid, text in model.moments.items():
            contents.add_row(text, *("✓" if mid in p.moments else "" for p in
                                     model.products.values()))
        console.print(contents)
