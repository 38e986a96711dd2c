"""`quote tariff ...`: look at tariffs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import bundled_data_dir, choose_tariff, kpi_for
from quote.check import check_files, expand
from quote.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    JsonOption,
    KpiOption,
    TariffOption,
    TariffsDirOption,
    book_errors,
    date_option,
    fail,
    prepare_polars,
    print_json,
    stdout,
    user_errors,
)
from quote.cli.renew import (
    BlockBytesOption,
    BookEncodingOption,
    BookIdCountryOption,
    ReportOption,
    SheetOption,
    check_report_path,
    options_for,
    render_summary,
    write_report,
)
from quote.diff import diff_tariffs
from quote.errors import InputError, QuoteError
from quote.files import clean_stale_temporaries, real_target, write_text_atomic
from quote.i18n import number, percent, t
from quote.money import pct, plain, sek
from quote.pricing import price_list
from quote.reindex import reindex
from quote.schema import SCHEMA_MODELS, schema_for
from quote.tariff import load_tariff

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

    Examples:

    \b
      quote tariff show
      quote tariff show --on 2024-09-01
      quote tariff show --on 2024-09-01 --json
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
                raise InputError("on", t("pricing.before_tariff", on=on_date.isoformat(),
                                         tariff=model.id, version=model.version,
                                         start=model.effective_from.isoformat()))
            factor, premiums = price_list(chosen, kpi_for(chosen, kpi), on_date)
    if as_json:
        data: dict[str, Any] = {
            "tariff": {**chosen.reference(), "name": model.name},
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
    console.print(t("tariff.heading", name=escape(model.name), version=escape(model.version),
                    tariff=model.id, start=model.effective_from.isoformat()))
    if factor is not None:
        console.print(t("tariff.indexed", on=str(on_date), ratio=number(factor.ratio, 6),
                        reference_month=str(factor.reference_month),
                        reference=number(factor.reference, 2),
                        base_month=str(factor.base_month), base=number(factor.base, 2)))
    else:
        console.print(t("tariff.table_premiums", base_month=str(model.indexation.base_month)))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("tariff.column.age"))
    for product in model.products.values():
        table.add_column(escape(product.name), justify="right", no_wrap=True)
    for label in model.brackets:
        table.add_row(label, *(sek(premiums[pid][label]) for pid in model.products))
    console.print(table)
    discounts = ", ".join(t("tariff.deductible", amount=d.amount, discount=d.monthly_discount)
                          for d in model.deductibles if d.amount)
    console.print(t("tariff.deductibles_smoker", discounts=discounts,
                    smoker=percent(model.smoker.loading_pct)))
    console.print(t("tariff.payment", frequencies=", ".join(
        t("tariff.frequency", label=escape(f.label), months=f.months)
        for f in model.payment_frequencies.values())))
    if model.moments:
        contents = Table(show_edge=False, pad_edge=False, title=t("tariff.contents"))
        contents.add_column(t("tariff.column.moment"))
        for product in model.products.values():
            contents.add_column(escape(product.name), justify="center")
        for mid, text in model.moments.items():
            contents.add_row(escape(text), *("✓" if mid in p.moments else "" for p in
                                     model.products.values()))
        console.print(contents)


class CheckFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


@app.command("check")
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Tariff, rule-book and KPI files, or directories of them "
             "[default: the data directory].", show_default=False)] = None,
    fmt: Annotated[CheckFormat, typer.Option(
        "--format", help="text: path:line: message; github: GitHub Actions annotations "
                         "(json: use --json).")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Fail on warnings too (e.g. a premium that falls with age).")] = False,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Validate tariffs, rule books and KPI series; report every problem with file:line.

    Exit 0 when clean, 1 when problems were found, 2 on a usage error.

    Examples:

    \b
      quote tariff check
      quote tariff check --strict --format github
      quote tariff check --json
    """
    if fmt is CheckFormat.json:
        typer.echo(t("usage.renamed", old="--format json", new="--json"), err=True)
        as_json = True
    with user_errors():
        targets = paths or [tariffs or bundled_data_dir()]
        try:
            files = expand(targets)
        except FileNotFoundError as exc:
            raise QuoteError(str(exc)) from None
    report = check_files(files)
    failed = report.failed(strict)
    if as_json:
        print_json({
            "files": [str(f) for f in report.files],
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "strict": strict,
            "ok": not failed,
            "problems": [{"path": str(p.path), "line": p.line, "severity": p.severity,
                          "message": p.message} for p in report.problems],
        })
    else:
        for p in report.problems:
            if fmt is CheckFormat.github:
                level = "error" if p.severity == "error" or strict else "warning"
                where = f"file={_github_escape(str(p.path), True)}"
                if p.line is not None:
                    where += f",line={p.line}"
                typer.echo(f"::{level} {where}::{_github_escape(p.message)}")
            else:
                typer.echo(str(p))
        typer.echo(report.summary())
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(help="The current tariff file.", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The proposed tariff file.", dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Show what changes from OLD to NEW: premiums, settings, products and brackets.

    Examples:

    \b
      quote tariff diff dkv-2024.yaml dkv-2025.yaml
      quote tariff diff dkv-2024.yaml dkv-2025.yaml --json
    """
    with user_errors():
        result = diff_tariffs(load_tariff(old), load_tariff(new))
    if as_json:
        print_json({
            "old": result.old.reference(), "new": result.new.reference(),
            "premiums": [{"product": c.product, "bracket": c.bracket, "old": plain(Decimal(c.old)),
                          "new": plain(Decimal(c.new)), "change": plain(Decimal(c.change)),
                          "change_pct": f"{c.change_pct:.2f}"} for c in result.premiums],
            "settings": [{"setting": s.setting, "old": s.old, "new": s.new}
                         for s in result.settings],
            "products_added": list(result.products_added),
            "products_removed": list(result.products_removed),
            "brackets_added": list(result.brackets_added),
            "brackets_removed": list(result.brackets_removed),
        })
        return
    console = stdout()
    o, n = result.old.model, result.new.model
    console.print(t("diff.heading", old=o.id, old_version=escape(o.version),
                    old_start=o.effective_from.isoformat(), new=n.id,
                    new_version=escape(n.version), new_start=n.effective_from.isoformat()))
    if result.unchanged:
        console.print(t("diff.unchanged"))
        return
    for key, items in (("diff.products_added", result.products_added),
                       ("diff.products_removed", result.products_removed),
                       ("diff.brackets_added", result.brackets_added),
                       ("diff.brackets_removed", result.brackets_removed)):
        if items:
            console.print(t(key, items=escape(", ".join(items))))
    if result.premiums:
        table = Table(title=t("diff.premiums", n=len(result.premiums)), show_edge=False,
                      pad_edge=False)
        for column in ("diff.column.product", "diff.column.age"):
            table.add_column(t(column))
        for column in ("diff.column.old", "diff.column.new", "diff.column.change"):
            table.add_column(t(column), justify="right", no_wrap=True)
        table.add_column("%", justify="right", no_wrap=True)
        for c in result.premiums:
            table.add_row(c.product, c.bracket, sek(Decimal(c.old)), sek(Decimal(c.new)),
                          f"{'+' if c.change >= 0 else ''}{sek(Decimal(c.change))}",
                          f"{'+' if c.change_pct >= 0 else ''}{number(c.change_pct, 2)}")
        console.print(table)
    if result.settings:
        table = Table(title=t("diff.settings", n=len(result.settings)),
                      show_edge=False, pad_edge=False)
        for column in ("diff.column.setting", "diff.column.old", "diff.column.new"):
            table.add_column(t(column))
        for s in result.settings:
            table.add_row(escape(s.setting), escape(s.old) if s.old is not None else "—",
                          escape(s.new) if s.new is not None else "—")
        console.print(table)


@app.command("index")
def index(
    tariff: Annotated[Path, typer.Argument(help="The tariff version to index.",
                                           dir_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the new "
                                         "version (YAML).", dir_okay=False,
                                         show_default=False)],
    year: Annotated[int | None, typer.Option(
        help="Index for this year: the new version is in force from 1 January (or --from).",
        metavar="YEAR", show_default=False)] = None,
    from_: Annotated[str | None, typer.Option(
        "--from", help="Date YYYY-MM-DD the new version is in force from (or --year).",
        show_default=False)] = None,
    version: Annotated[str | None, typer.Option(
        help="Version text of the new tariff [default: the old one plus the KPI month].",
        show_default=False)] = None,
    kpi: KpiOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Write a new tariff version with every table premium indexed by KPI and rounded.

    The new file keeps the old one's comments and layout, with a comment naming the
    source version, the KPI figures and the factor.

    Examples:

    \b
      quote tariff index dkv-2024.yaml --year 2025 -o dkv-2025.yaml
      quote tariff index dkv-2024.yaml --from 2025-04-01 -o april.yaml --json
    """
    start = date_option(from_, "--from")
    if start is None:
        if year is None:
            fail(t("index.year_or_from"))
        if not 1900 <= year <= 9999:
            fail(t("index.not_a_year", year=str(year)))
        start = date(year, 1, 1)
    clean_stale_temporaries(real_target(output))
    if output.exists() and not force:
        fail(t("index.exists", output=str(output)))
    with user_errors():
        source = load_tariff(tariff)
        result = reindex(source, kpi_for(source, kpi), start, output, version)
        write_text_atomic(output, result.text)
    changes = [new - old for row in result.premiums.values() for old, new in row.values()]
    f = result.factor
    if as_json:
        print_json({"output": str(output), "source": source.reference(),
                    "version": result.version, "effective_from": result.effective_from.isoformat(),
                    "premiums": len(changes), "index_factor": f"{f.ratio:.6f}",
                    "kpi": {"base_month": str(f.base_month), "base": str(f.base),
                            "reference_month": str(f.reference_month),
                            "reference": str(f.reference)},
                    "change_min": min(changes), "change_max": max(changes)})
        return
    typer.echo(t("index.wrote", output=str(output), version=result.version,
                 start=result.effective_from.isoformat(), n=len(changes),
                 reference_month=str(f.reference_month), reference=number(f.reference, 2),
                 base_month=str(f.base_month), base=number(f.base, 2),
                 ratio=number(f.ratio, 6), low=f"{min(changes):+d}", high=f"{max(changes):+d}"))
    typer.echo(t("index.review", old=str(tariff), new=str(output)))


@app.command("schema")
def schema(
    kind: Annotated[str, typer.Option(help="Which kind of file.",
                                      metavar="|".join(SCHEMA_MODELS))] = "tariff",
) -> None:
    """Print the JSON Schema of tariff (or rule-book) files, for editors to validate while typing.

    Examples:

    \b
      quote tariff schema > tariff.schema.json
      quote tariff schema --kind rulebook > rulebook.schema.json
    """
    if kind not in SCHEMA_MODELS:
        fail(t("usage.choice", name="--kind", choices=", ".join(SCHEMA_MODELS)))
    print_json(schema_for(kind))


@app.command("impact")
def impact(
    book: Annotated[Path, typer.Argument(help="The book of policies (CSV, Excel or Parquet).",
                                         dir_okay=False)],
    old: Annotated[Path, typer.Argument(help="The current tariff file.", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The proposed tariff file.", dir_okay=False)],
    on: Annotated[str | None, typer.Option(
        help="Renewal date YYYY-MM-DD for every row (default: each row's renewal_date).",
        show_default=False)] = None,
    sheet: SheetOption = None,
    encoding: BookEncodingOption = None,
    id_country: BookIdCountryOption = None,
    report: ReportOption = None,
    kpi: KpiOption = None,
    as_json: JsonOption = False,
    block_bytes: BlockBytesOption = None,
) -> None:
    """What a proposed tariff does to a book, against the current one, before approval.

    The renewal summary with "before" priced by OLD and "after" by NEW. (The options
    --book, --old and --new of 0.1 still work for a release.)

    Examples:

    \b
      quote tariff impact book.csv dkv-2024.yaml dkv-2025.yaml
      quote tariff impact book.csv dkv-2024.yaml dkv-2025.yaml --json
    """
    prepare_polars()

    from quote.renewal import BLOCK_BYTES, Pricer, open_book, run_impact

    on_date = date_option(on, "--on")
    options = options_for(on_date, id_country)
    if report is not None and report.resolve() == book.resolve():
        fail(t("cli.impact_distinct"))
    check_report_path(report)
    with user_errors():
        opened = open_book(book, on_date, encoding=encoding, sheet=sheet,
                           block_bytes=block_bytes or BLOCK_BYTES)
        old_t, new_t = load_tariff(old), load_tariff(new)
        with book_errors(book):
            summary = run_impact(opened, on_date, Pricer([old_t], lambda t: kpi_for(t, kpi)),
                                 Pricer([new_t], lambda t: kpi_for(t, kpi)), options=options)
        if report is not None:
            from quote.renewal.report import ReportTitles, report_html

            write_report(report, opened, report_html(summary, ReportTitles(
                title=t("report.impact.title"), book=book.name,
                tariff=f"{old_t.model.version} → {new_t.model.version}",
                before=t("report.now"), after=t("report.proposal"))))
    if as_json:
        print_json({**summary.as_dict(), "old": old_t.reference(), "new": new_t.reference(),
                    "report": str(report) if report else None})
    else:
        render_summary(summary, t("impact.title", new=new_t.model.version,
                                  old=old_t.model.version, book=str(book)),
                       t("impact.before"), t("impact.after"))
