"""`quote products compare`: what each insurer's products cover, side by side."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import bundled_data_dir, load_catalog
from quote.cli.common import (
    JsonOption,
    TariffsDirOption,
    date_option,
    print_json,
    stdout,
    user_errors,
    wide_stdout,
)
from quote.contents import ProductComparison, offerings, select
from quote.i18n import t
from quote.tariff import ContentItem

app = typer.Typer(help="Products of several insurers: what they cover.", no_args_is_help=True)


@app.command("compare")
def compare_products_command(
    insurer: Annotated[list[str] | None, typer.Option(
        "--insurer", metavar="INSURER",
        help="Only this insurer (id or name, part of it is enough: dkv, dss, skandia); repeat "
             "for several [default: every insurer].", show_default=False)] = None,
    product: Annotated[list[str] | None, typer.Option(
        "--product", metavar="PRODUCT",
        help="Only this product id (plus) or insurer:product (dkv-vardforsakring:plus); repeat "
             "for several [default: every product].", show_default=False)] = None,
    on: Annotated[str | None, typer.Option(
        help="Which tariff version: the one in force on this date (default: today).",
        show_default=False)] = None,
    exclusions: Annotated[bool, typer.Option(
        "--exclusions", help="Also list each insurer's exclusions with their sources.")
    ] = False,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Moments side by side (care guarantee, physiotherapy, psychology, travel …), with —
    where a product does not cover a moment. Insurers without public prices say so.

    Example: quote products compare --product plus
    """
    on_date = date_option(on, "--on") or date.today()
    with user_errors():
        catalog = load_catalog(tariffs or bundled_data_dir(), kinds=("tariff", "contents"))
        in_force = [catalog.in_force(on_date, tid)
                    for tid in sorted({t.id for t in catalog.tariffs})]
        result = select(offerings(in_force, list(catalog.contents)), insurer or [],
                        product or [])
    if as_json:
        print_json(comparison_dict(result))
    else:
        render(result, exclusions)


def _item_dict(item: ContentItem) -> dict[str, Any]:
    return item.model_dump(mode="json")


def moment_label(result: ProductComparison, moment: str) -> str:
    try:
        return t(f"moment.{moment}")
    except KeyError:
        return result.label(moment)


def comparison_dict(result: ProductComparison) -> dict[str, Any]:
    return {
        "moments": [{"id": m, "label": moment_label(result, m)} for m in result.moments],
        "products": [{
            "key": o.key, "insurer_id": o.insurer_id, "insurer": o.insurer,
            "product_id": o.product_id, "product": o.product, "priced": o.priced,
            "prices": o.prices_note, "file": o.path.name, "sha256": o.sha256,
            "items": {m: _item_dict(i) for m, i in o.items.items()},
            "exclusions": [{"text": text, "source": source} for text, source in o.exclusions],
        } for o in result.offerings],
    }


def cell(item: ContentItem | None) -> str:
    """A moment's limit with what governs it, or — when it is not covered."""
    if item is None:
        return "—"
    parts = [item.limit or t("products.included")]
    if item.referral in ("required", "may_be_required", "only_without", "not_required"):
        parts.append(t(f"products.tag.{item.referral}"))
    if item.deductible == "never":
        parts.append(t("products.tag.never"))
    return "; ".join(parts)


def render(result: ProductComparison, exclusions: bool = False) -> None:
    width = 36 + 36 * len(result.offerings)
    table = Table(show_edge=False, pad_edge=False, show_lines=True)
    table.add_column(t("products.moment"), no_wrap=True)
    for o in result.offerings:
        table.add_column(f"{escape(o.insurer)}\n{escape(o.product)}", overflow="fold",
                         min_width=14)
    for moment in result.moments:
        table.add_row(escape(moment_label(result, moment)),
                      *(escape(cell(o.items.get(moment))) for o in result.offerings))
    wide_stdout(max(120, width)).print(table)
    console = stdout()
    console.print(t("products.not_covered"), markup=False, soft_wrap=True)
    notes: dict[str, str] = {}
    for o in result.offerings:
        if not o.priced and o.prices_note:
            notes.setdefault(o.insurer, o.prices_note)
    for insurer, note in notes.items():
        console.print(t("products.no_prices", insurer=insurer, note=note), markup=False,
                      soft_wrap=True)
    if exclusions:
        _render_exclusions(result)


def _render_exclusions(result: ProductComparison) -> None:
    """Each offering's exclusions, once per insurer when its products share them."""
    console = stdout()
    shown: dict[tuple[str, tuple[tuple[str, str], ...]], list[str]] = {}
    for o in result.offerings:
        shown.setdefault((o.insurer, o.exclusions), []).append(o.product)
    for (insurer, items), products in shown.items():
        title = t("products.exclusions", insurer=insurer, products=", ".join(products))
        console.print(f"\n[bold]{escape(title)}[/]")
        if not items:
            console.print(t("products.no_exclusions"), markup=False)
        for text, source in items:
            console.print(f"- {text} ({source})", markup=False, soft_wrap=True)
