"""`quote group EMPLOYEES.csv`: a company's employees under the collective agreement."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import choose_rulebook, choose_tariff, kpi_for
from quote.cli.common import (
    EXIT_FINDINGS,
    JsonOption,
    KpiOption,
    RulebookOption,
    TariffsDirOption,
    date_option,
    fail,
    percentage_option,
    print_json,
    stdout,
    user_errors,
    wide_stdout,
)
from quote.cli.compare import tariff_ref
from quote.cli.offer import NameOption, OfferOption, offer_after_group
from quote.employees import read_rows
from quote.group import (
    ALIASES,
    GroupQuote,
    GroupSettings,
    PricedEmployee,
    Refusal,
    RejectedRow,
    group_quote,
)
from quote.i18n import get_lang, percent, t
from quote.money import plain, sek
from quote.tabular import Cell, check_format, write_table

KINDS = {"company": "company", "sports-club": "sports_club"}
COVER_ENDS = {"insurance-year": "insurance_year", "birthday": "birthday"}


def group(
    employees: Annotated[Path, typer.Argument(
        help="CSV of employees (`,` or `;`, UTF-8 with or without BOM): id or birth_date; "
             "name, product, smoker, spouse, children optional.", dir_okay=False,
        show_default=False)],
    on: Annotated[str | None, typer.Option(
        help="Start date of the group policy YYYY-MM-DD; ages and prices on it "
             "(default: today).", show_default=False)] = None,
    product: Annotated[str | None, typer.Option(
        help="Product for rows without a product column value [default: none: such a row is "
             "rejected].", show_default=False)] = None,
    deductible: Annotated[int, typer.Option(help="Självrisk in kronor for everyone.")] = 0,
    policyholder_kind: Annotated[str, typer.Option(
        "--policyholder-kind", help="company, or sports-club (a sports club or team cannot "
                                    "take a group policy: refused).")] = "company",
    social_charges: Annotated[str, typer.Option(
        "--social-charges", help="Employer's social charges in percent of the taxable "
                                 "benefit.")] = "31.42",
    cover_end_age: Annotated[int, typer.Option(
        "--cover-end-age", help="Cover ends in the insurance year the insured turns this "
                                "age.")] = 72,
    cover_end: Annotated[str, typer.Option(
        "--cover-end", help="insurance-year (terms 627-629) or birthday (terms 1220).")
    ] = "insurance-year",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output",
        help="Also write the rows to FILE.csv, FILE.xlsx or FILE.parquet [default: none].",
        dir_okay=False, show_default=False)] = None,
    excel_sv: Annotated[bool, typer.Option(
        "--excel-sv", help="-o CSV for Swedish Excel: ';', decimal commas, a BOM, formulas "
                           "escaped.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when any row is rejected.")] = False,
    tariff: Annotated[Path | None, typer.Option(
        "--tariff", help="The insurer's group tariff file (default: the individual table in "
                         "force).", dir_okay=False, show_default=False)] = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    rulebook: RulebookOption = None,
    as_json: JsonOption = False,
    offer_file: OfferOption = None,
    name: NameOption = None,
) -> None:
    """Quote a company's employees under the collective agreement (13.00.02).

    Per employee: premium, taxable benefit (60 % of the premium) and the employer's cost
    with social charges on the benefit. Exit 1 when the group is refused (fewer than five
    employees, or a sports club).

    Example: quote group anstallda.csv --product plus --on 2025-03-01
    """
    on_date = date_option(on, "--on") or date.today()
    if policyholder_kind not in KINDS:
        fail(t("cli.choose", option="--policyholder-kind", choices=t("cli.or").join(KINDS)))
    if cover_end not in COVER_ENDS:
        fail(t("cli.choose", option="--cover-end", choices=t("cli.or").join(COVER_ENDS)))
    if not 16 <= cover_end_age <= 120:
        fail(t("cli.between", option="--cover-end-age", low="16", high="120",
               value=str(cover_end_age)))
    charges = percentage_option(social_charges, "--social-charges")
    if charges > 100:
        fail(t("cli.between", option="--social-charges", low="0", high="100",
               value=social_charges))
    with user_errors():
        if output is not None:
            check_format(output, "output")
        rows = read_rows(employees, ALIASES, "employees")
        columns = set(rows[0].cells) if rows else set()
        if rows and not columns & {"id", "birth_date"}:
            fail(t("cli.needs_id_column", path=str(employees)))
        chosen = choose_tariff(tariff, tariffs, on_date)
        rules = choose_rulebook(rulebook, tariffs, on_date).model.eligibility
        settings = GroupSettings(
            min_age=rules.collective_min_age, max_age=rules.collective_max_age,
            co_insured_max_age=rules.individual_max_age, cover_end_age=cover_end_age,
            cover_end=COVER_ENDS[cover_end],  # type: ignore[arg-type]
            social_charges_pct=charges,
            policyholder=KINDS[policyholder_kind])  # type: ignore[arg-type]
        result = group_quote(chosen, kpi_for(chosen, kpi), rows, on_date, settings,
                             default_product=product.lower() if product else None,
                             deductible=deductible, individual_table=tariff is None)
        if output is not None:
            write_table(output, OUTPUT_COLUMNS, output_rows(result), excel_sv)
    offer_after_group(offer_file, name, result)
    if as_json:
        print_json(group_dict(result))
    else:
        render(result)
    if result.refused or (strict and result.rejected):
        raise typer.Exit(EXIT_FINDINGS)


def reject_message(row: RejectedRow) -> str:
    return t(f"group.reject.{row.code}", get_lang(), **row.values)


def refusal_message(refusal: Refusal) -> str:
    return t(f"group.refusal.{refusal.code}", get_lang(), source=refusal.source,
             **refusal.values)


OUTPUT_COLUMNS = ["line", "role", "name", "id", "birth_date", "age", "product",
                  "premium_monthly", "benefit_monthly", "social_charges_monthly",
                  "employer_monthly", "employer_yearly", "cover_ends", "karens", "reason",
                  "message"]


def output_rows(q: GroupQuote) -> list[list[Cell]]:
    """One row per employee and co-insured, then one per rejected row."""
    rows: list[list[Cell]] = []
    for e in q.employees:
        p = e.person
        rows.append([e.line, "employee", e.name, p.masked_id,
                     p.birth_date.isoformat() if p.birth_date else None, p.age,
                     e.breakdown.request.product, e.premium_monthly, e.benefit_monthly,
                     e.social_charges_monthly, e.employer_monthly, e.employer_yearly,
                     e.cover_ends.isoformat(), "no", None, None])
        for c in e.co_insured:
            m = c.person
            rows.append([e.line, c.role, None, m.masked_id,
                         m.birth_date.isoformat() if m.birth_date else None, m.age,
                         c.breakdown.request.product, c.monthly, None, None, None, None,
                         None, "yes", None, None])
    for r in q.rejected:
        rows.append([r.line, "employee", None, r.masked_id, None, None, None, None, None,
                     None, None, None, None, None, r.code, reject_message(r)])
    return rows


def _employee_dict(e: PricedEmployee) -> dict[str, Any]:
    return {
        "line": e.line, "name": e.name, **e.person.as_dict(),
        "product": e.breakdown.request.product,
        "premium_monthly": plain(e.premium_monthly),
        "benefit_monthly": plain(e.benefit_monthly),
        "benefit_yearly": plain(e.benefit_yearly),
        "social_charges_monthly": plain(e.social_charges_monthly),
        "employer_monthly": plain(e.employer_monthly),
        "employer_yearly": plain(e.employer_yearly),
        "cover_ends": e.cover_ends.isoformat(),
        "co_insured": [{"role": c.role, **c.person.as_dict(), "karens": c.karens,
                        "premium_monthly": plain(c.monthly)} for c in e.co_insured],
    }


def group_dict(q: GroupQuote) -> dict[str, Any]:
    totals = q.totals
    s = q.settings
    return {
        "on": q.on.isoformat(),
        "rows": q.rows,
        "refused": q.refused,
        "refusals": [{"code": r.code, "source": r.source,
                      "message": refusal_message(r)}
                     for r in q.refusals],
        "settings": {"min_employees": s.min_employees, "min_age": s.min_age,
                     "max_age": s.max_age, "cover_end_age": s.cover_end_age,
                     "cover_end": s.cover_end, "benefit_pct": f"{s.benefit_pct}",
                     "social_charges_pct": f"{s.social_charges_pct}",
                     "policyholder": s.policyholder},
        "tariff": {**tariff_ref(q.tariff), "individual_table": q.individual_table},
        "employees": [_employee_dict(e) for e in q.employees],
        "rejected": [{"line": r.line, "reason": r.code, "message": reject_message(r),
                      "id": r.masked_id} for r in q.rejected],
        "totals": {
            "employees": totals.employees, "co_insured": totals.co_insured,
            "premium_monthly": plain(totals.premium_monthly),
            "premium_yearly": plain(totals.premium_yearly),
            "benefit_monthly": plain(totals.benefit_monthly),
            "benefit_yearly": plain(totals.benefit_yearly),
            "social_charges_monthly": plain(totals.social_charges_monthly),
            "employer_monthly": plain(totals.employer_monthly),
            "employer_yearly": plain(totals.employer_yearly),
            "co_insured_monthly": plain(totals.co_insured_monthly),
        },
    }


def render(q: GroupQuote) -> None:
    console = stdout()
    model = q.tariff.model
    s = q.settings

    def say(text: str) -> None:
        console.print(text, markup=False, soft_wrap=True)

    say(t("group.title", on=q.on.isoformat(), employees=str(len(q.employees)),
          rows=str(q.rows)))
    if q.individual_table:
        say(t("group.individual_table", id=model.id, version=model.version))
    else:
        say(t("group.own_tariff", path=str(q.tariff.path), id=model.id,
              version=model.version))
    if q.refused:
        console.print(f"[bold]{t('group.refused')}[/]")
        for refusal in q.refusals:
            say(f"- {refusal_message(refusal)}")
    else:
        say(t("group.tax", benefit=percent(s.benefit_pct), charges=percent(s.social_charges_pct)))
        say(t(f"group.cover_end.{s.cover_end}", age=str(s.cover_end_age)))
        _employee_table(q)
        totals = q.totals
        say(t("group.employer_total", monthly=sek(totals.employer_monthly),
              yearly=sek(totals.employer_yearly), premium=sek(totals.premium_monthly),
              charges=sek(totals.social_charges_monthly), benefit=sek(totals.benefit_monthly),
              benefit_yearly=sek(totals.benefit_yearly)))
        if totals.co_insured:
            say(t("group.co_insured_total", count=str(totals.co_insured),
                  monthly=sek(totals.co_insured_monthly),
                  yearly=sek(totals.co_insured_monthly * 12)))
            say(t("group.family_note"))
    if q.rejected:
        console.print(f"[bold]{t('group.rejected', count=str(len(q.rejected)))}[/]")
        for row in q.rejected:
            say(f"- {t('group.col.line').lower()} {row.line}: {reject_message(row)}")


def _employee_table(q: GroupQuote) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for key in ("line", "name", "person", "age"):
        table.add_column(t(f"group.col.{key}"), no_wrap=True)
    table.add_column(t("desk.product"))
    for key in ("premium", "benefit", "charges", "employer_monthly", "employer_yearly"):
        table.add_column(t(f"group.col.{key}"), justify="right", no_wrap=True)
    table.add_column(t("group.col.cover_ends"))
    for e in q.employees:
        p = e.person
        who = p.masked_id or (p.birth_date.isoformat() if p.birth_date else "")
        table.add_row(str(e.line), escape(e.name), who, str(p.age),
                      e.breakdown.request.product,
                      sek(e.premium_monthly), sek(e.benefit_monthly),
                      sek(e.social_charges_monthly), sek(e.employer_monthly),
                      sek(e.employer_yearly), e.cover_ends.isoformat())
        for c in e.co_insured:
            m = c.person
            table.add_row("", f"  {t(f'group.role.{c.role}')}",
                          m.masked_id or (m.birth_date.isoformat() if m.birth_date else ""),
                          str(m.age), "", sek(c.monthly), "", "", "", "", "")
    totals = q.totals
    table.add_section()
    table.add_row("", t("desk.total"), "", "", "",
                  sek(totals.premium_monthly), sek(totals.benefit_monthly),
                  sek(totals.social_charges_monthly), sek(totals.employer_monthly),
                  sek(totals.employer_yearly), "")
    wide_stdout().print(table)


