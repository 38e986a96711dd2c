"""`quote household`: several persons in one quote, each priced, with the total."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import choose_rulebook, choose_tariff, kpi_for
from quote.cli.common import (
    JsonOption,
    KpiOption,
    RulebookOption,
    TariffOption,
    TariffsDirOption,
    date_option,
    fail,
    print_json,
    stdout,
    user_errors,
    wide_stdout,
)
from quote.cli.compare import sek_whole, tariff_ref
from quote.cli.offer import NameOption, OfferOption, offer_after_household
from quote.cli.options import PricingDateOption
from quote.household import Household, household_quote, member_from, read_members, split_spec
from quote.i18n import plural, t
from quote.money import plain, sek


def household(
    person: Annotated[list[str] | None, typer.Option(
        "--person", metavar="PERSON",
        help="One person: role=…,birth-date=YYYY-MM-DD|id=…,product=…,deductible=…,"
             "smoker=yes|no; repeat for each (or --file).",
        show_default=False)] = None,
    file: Annotated[Path | None, typer.Option(
        "--file",
        help="Persons from a YAML list or a CSV file (or --person): role, birth_date or id, "
             "product, deductible, smoker.", dir_okay=False, show_default=False)
    ] = None,
    product: Annotated[str | None, typer.Option(
        help="Product for persons who do not name one [default: none: each must name one].",
        show_default=False)] = None,
    deductible: Annotated[int, typer.Option(
        help="Självrisk for persons who do not name one.")] = 0,
    on: PricingDateOption = None,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    rulebook: RulebookOption = None,
    as_json: JsonOption = False,
    offer_file: OfferOption = None,
    name: NameOption = None,
) -> None:
    """Price a household: each person, and the household's monthly and yearly total.

    Example: quote household --person role=vuxen,birth-date=1990-05-01,product=plus
    --person role=barn,birth-date=2015-06-01,product=bas
    """
    on_date = date_option(on, "--on") or date.today()
    if not person and file is None:
        fail(t("person.none_given"))
    default = product.lower() if product else None
    with user_errors():
        members = [member_from(split_spec(spec), on_date, f"person {i}", default, deductible)
                   for i, spec in enumerate(person or [], start=1)]
        if file is not None:
            members += read_members(file, on_date, default, deductible)
        chosen = choose_tariff(tariff, tariffs, on_date)
        rules = choose_rulebook(rulebook, tariffs, on_date).model.eligibility
        result = household_quote(chosen, kpi_for(chosen, kpi), members, on_date,
                                 rules.guardian_below_age, rules.individual_max_age)
    offer_after_household(offer_file, name, result)
    if as_json:
        print_json(household_dict(result))
    else:
        render(result)


def household_dict(h: Household) -> dict[str, Any]:
    return {
        "on": h.on.isoformat(),
        "persons": [{"role": m.member.role, **m.member.person.as_dict(),
                     "guardian_signature": m.guardian_signature,
                     "too_old_to_apply": m.too_old_to_apply,
                     "monthly_premium": plain(m.monthly), "yearly": plain(m.yearly),
                     "breakdown": m.breakdown.as_dict()} for m in h.members],
        "monthly_total": plain(h.monthly_total),
        "yearly_total": plain(h.yearly_total),
        "tariff": tariff_ref(h.tariff),
    }


def render(h: Household) -> None:
    model = h.tariff.model
    console = stdout()
    console.print(plural("household.title", len(h.members), on=h.on.isoformat()),
                  markup=False)
    console.print(t("desk.tariff", id=model.id, version=model.version,
                    start=model.effective_from.isoformat()), markup=False)
    table = Table(show_edge=False, pad_edge=False)
    for key in ("role", "person", "age"):
        table.add_column(t(f"household.col.{key}"))
    table.add_column(t("desk.product"))
    table.add_column(t("household.col.options"))
    table.add_column(t("desk.monthly"), justify="right", no_wrap=True)
    table.add_column(t("desk.yearly"), justify="right", no_wrap=True)
    table.add_column(t("household.col.note"))
    for m in h.members:
        member, person = m.member, m.member.person
        options = [sek_whole(member.deductible) if member.deductible
                   else t("desk.no_deductible")]
        if member.referral:
            options.append(f"{t('desk.yes')} {t('desk.referral').lower()}")
        if member.smoker:
            options.append(t("desk.smoker"))
        note = (t("household.guardian") if m.guardian_signature
                else t("household.too_old", age=str(h.individual_max_age))
                if m.too_old_to_apply else "")
        who = person.masked_id or (person.birth_date.isoformat() if person.birth_date else "")
        table.add_row(escape(member.role), who, str(person.age),
                      escape(model.products[member.product].name), ", ".join(options),
                      sek(m.monthly), sek(m.yearly), note)
    table.add_section()
    table.add_row(t("desk.total"), "", "", "", "", sek(h.monthly_total), sek(h.yearly_total),
                  "")
    wide_stdout(130).print(table)
    console.print(t("household.total", monthly=sek(h.monthly_total),
                    yearly=sek(h.yearly_total)), markup=False)
    if any(m.guardian_signature for m in h.members):
        console.print(t("household.guardian_note", age=str(h.guardian_below_age)),
                      markup=False, soft_wrap=True)
