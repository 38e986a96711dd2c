"""`quote compare`: every product × självrisk × remisskrav for one person, side by side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import choose_tariff, kpi_for
from quote.cli.common import (
    BirthDateOption,
    IdCountryOption,
    IdOption,
    JsonOption,
    KpiOption,
    TariffOption,
    TariffsDirOption,
    age_from,
    date_option,
    print_json,
    stdout,
    user_errors,
)
from quote.cli.offer import NameOption, OfferOption, offer_after_compare
from quote.cli.options import PricingDateOption, SmokerOption
from quote.compare import Comparison, NotOffered, Offered, compare
from quote.i18n import t
from quote.money import plain, sek
from quote.person import Person
from quote.tariff import Tariff


def compare_command(
    age: Annotated[int | None, typer.Option(
        help="Age in whole years on the pricing date (or --birth-date, --id).",
                                            show_default=False)] = None,
    birth_date: BirthDateOption = None,
    id_number: IdOption = None,
    id_country: IdCountryOption = None,
    on: PricingDateOption = None,
    smoker: SmokerOption = False,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
    offer_file: OfferOption = None,
    name: NameOption = None,
) -> None:
    """Every product × självrisk × with/without remisskrav for one person, side by side.

    A combination the terms forbid (remisskrav with självrisk) is shown as not offered,
    with the reason.

    Example: quote compare --birth-date 1990-05-01 --on 2025-03-01
    """
    on_date = date_option(on, "--on") or date.today()
    years, born, identity = age_from(age, birth_date, id_number, id_country, on_date)
    person = (Person.born(born, on_date, identity) if born is not None else Person(years))
    with user_errors():
        chosen = choose_tariff(tariff, tariffs, on_date)
        result = compare(chosen, kpi_for(chosen, kpi), person, on_date, smoker)
    offer_after_compare(offer_file, name, result)
    if as_json:
        print_json(comparison_dict(result))
    else:
        render(result)


def option_dict(option: Offered | NotOffered) -> dict[str, Any]:
    """One combination for JSON: priced, or not offered with its reason."""
    head: dict[str, Any] = {"product": option.product, "deductible": option.deductible,
                            "referral": option.referral}
    if isinstance(option, NotOffered):
        return {**head, "offered": False, "reason": option.reason, "source": option.source,
                "message": t(f"compare.reason.{option.reason}", source=option.source)}
    return {**head, "offered": True, "monthly_premium": plain(option.monthly),
            "yearly": plain(option.yearly), "breakdown": option.breakdown.as_dict()}


def tariff_ref(tariff: Tariff) -> dict[str, Any]:
    """Which tariff file priced a result, for JSON: enough to reproduce it."""
    model = tariff.model
    return {"id": model.id, "version": model.version,
            "effective_from": model.effective_from.isoformat(), "path": str(tariff.path),
            "sha256": tariff.sha256}


def comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "person": c.person.as_dict(),
        "on": c.on.isoformat(),
        "smoker": c.smoker,
        "options": [option_dict(o) for o in c.options],
        "step_ups": [{"from": s.from_product, "to": s.to_product, "adds": list(s.adds),
                      "extra_monthly": plain(s.extra_monthly)} for s in c.step_ups],
        "tariff": tariff_ref(c.tariff),
    }


def person_line(person: Person, on: date, smoker: bool) -> str:
    """``19900501-****, 34 år, född 1990-05-01, prisdatum 2025-03-01``."""
    parts = [person.masked_id] if person.masked_id else []
    parts.append(t("desk.person", age=str(person.age)))
    if person.birth_date is not None and person.masked_id is None:
        parts.append(t("desk.born", born=person.birth_date.isoformat()))
    parts.append(t("desk.on", on=on.isoformat()))
    if smoker:
        parts.append(t("desk.smoker"))
    return ", ".join(parts)


def render(c: Comparison) -> None:
    model = c.tariff.model
    console = stdout()
    console.print(person_line(c.person, c.on, c.smoker), markup=False)
    console.print(t("desk.tariff", id=model.id, version=model.version,
                    start=model.effective_from.isoformat()), markup=False)
    table = Table(show_edge=False, pad_edge=False)
    for key in ("desk.product", "desk.deductible", "desk.referral"):
        table.add_column(t(key))
    table.add_column(t("desk.monthly"), justify="right", no_wrap=True)
    table.add_column(t("desk.yearly"), justify="right", no_wrap=True)
    reasons: dict[str, str] = {}
    previous = None
    for option in c.options:
        if previous is not None and option.product != previous:
            table.add_section()
        previous = option.product
        cells = [escape(model.products[option.product].name),
                 sek_whole(option.deductible) if option.deductible else t("desk.no_deductible"),
                 t("desk.yes") if option.referral else t("desk.no")]
        if isinstance(option, NotOffered):
            mark = reasons.setdefault(option.reason, "*" * (len(reasons) + 1))
            table.add_row(*cells, f"{t('compare.not_offered')}{mark}", "")
        else:
            table.add_row(*cells, sek(option.monthly), sek(option.yearly))
    console.print(table)
    for reason, mark in reasons.items():
        source = next(o.source for o in c.options
                      if isinstance(o, NotOffered) and o.reason == reason)
        console.print(f"{mark} {t(f'compare.reason.{reason}', source=source)}", markup=False,
                      soft_wrap=True)
    frequency = model.payment_frequencies.get("year")
    if frequency is not None:
        surcharge = f" + {frequency.surcharge_pct} %" if frequency.surcharge_pct else ""
        console.print(t("compare.yearly_note", months=str(frequency.months),
                        surcharge=surcharge), markup=False)
    if c.step_ups:
        console.print(f"\n[bold]{t('compare.steps')}[/]")
        for step in c.step_ups:
            console.print(t("compare.step", lower=model.products[step.from_product].name,
                            higher=model.products[step.to_product].name,
                            extra=sek(step.extra_monthly)), markup=False)
            for moment in step.adds:
                console.print(f"  + {model.moments.get(moment, moment)}", markup=False,
                              soft_wrap=True)


def sek_whole(amount: int) -> str:
    """A whole-krona option amount: ``1 000 kr``."""
    return sek(Decimal(amount)).replace(",00 kr", " kr")
