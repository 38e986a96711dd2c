"""`--offer FILE.html` and `--name` for the commands that price: the options and the writer.

The offer modules are imported only when an offer is written, so `quote price` without
``--offer`` does not load the group, household and underwriting code behind them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quote.cli.common import fail, user_errors
from quote.i18n import Lang, get_lang, t

if TYPE_CHECKING:
    from quote.compare import Comparison
    from quote.group import GroupQuote
    from quote.household import Household
    from quote.offers.model import Offer
    from quote.pricing import Breakdown
    from quote.underwriting.application import Application

NAME_MAX = 200

# An offer may name the customer and the exclusions underwriting set: readable by you only.
OFFER_MODE = 0o600


def _offer_path(value: Path | None) -> Path | None:
    """--offer is checked while the options are read, before anything is priced or asked."""
    if value is None:
        return None
    directory = value.parent if str(value.parent) else Path(".")
    if not directory.is_dir():
        fail(t("offer.err.no_directory", directory=str(directory)))
    if value.is_dir():
        fail(t("offer.err.is_directory", path=str(value)))
    return value


def _customer_name(ctx: typer.Context, value: str | None) -> str | None:
    """--name: one line of at most 200 characters, and only with --offer (read first)."""
    if value is None:
        return None
    if ctx.params.get("offer_file") is None:  # commands name the --offer parameter so
        fail(t("offer.err.name_without_offer"))
    cleaned = " ".join(value.split())
    if not cleaned:
        fail(t("offer.err.name_empty"))
    if len(cleaned) > NAME_MAX:
        fail(t("offer.err.name_long", limit=NAME_MAX, length=len(cleaned)))
    return cleaned


OfferOption = Annotated[
    Path | None,
    typer.Option("--offer", help="Also write the offer for the customer to this HTML file "
                                 "(self-contained, printable to PDF; permissions 0600) "
                                 "(default: none).",
                 dir_okay=False, show_default=False, is_eager=True, callback=_offer_path),
]
NameOption = Annotated[
    str | None,
    typer.Option("--name", help="The customer's name, shown on the offer (with --offer) "
                                "(default: none).",
                 show_default=False, callback=_customer_name),
]


def write_offer(path: Path, offer: Offer) -> None:
    """Write the offer atomically (0600) and say where, on stderr."""
    from quote.files import write_text_atomic
    from quote.offers.html import render

    with user_errors():
        write_text_atomic(path, render(offer), mode=OFFER_MODE)
    typer.echo(t("offer.written", offer.lang, path=str(path)), err=True)
    if offer.start_date < offer.made_on:
        typer.echo(t("offer.start_passed", offer.lang, start=offer.start_date.isoformat(),
                     made=offer.made_on.isoformat()), err=True)


def offer_after_price(path: Path | None, name: str | None, breakdown: Breakdown,
                      born: date | None = None, masked_id: str | None = None) -> None:
    """`quote price --offer`: write the priced person's offer (made today)."""
    if path is None:
        return
    from quote.offers.build import person_of, price_offer

    person = person_of(breakdown.request.age, birth_date=born, name=name, masked_id=masked_id)
    write_offer(path, price_offer(breakdown, person, date.today(), get_lang()))


def offer_after_application(path: Path | None, name: str | None, result: Application,
                            masked_id: str | None, lang: Lang) -> None:
    """`quote apply --offer`: the offer after underwriting (made today); none when the
    application is declined (or the applicant may not apply)."""
    if path is None:
        return
    from quote.offers.build import application_offer
    from quote.underwriting.application import Offered, Referred

    if not isinstance(result, Offered | Referred):
        typer.echo(t("offer.not_written_declined", lang), err=True)
        return
    write_offer(path, application_offer(result, name, masked_id, date.today(), lang))


def write_if_any(path: Path, offer: Offer | None, lang: Lang) -> None:
    """Write ``offer``, or say on stderr that there is nothing to offer."""
    if offer is None:
        typer.echo(t("offer.not_written_nothing", lang), err=True)
        return
    write_offer(path, offer)


def offer_after_compare(path: Path | None, name: str | None, result: Comparison) -> None:
    """`quote compare --offer`: the comparison for the customer (made today)."""
    if path is not None:
        from quote.offers.adapters import comparison_offer

        lang = get_lang()
        write_if_any(path, comparison_offer(result, date.today(), lang, name), lang)


def offer_after_household(path: Path | None, name: str | None, result: Household) -> None:
    """`quote household --offer`: the household's offer; ``name`` is the policyholder."""
    if path is not None:
        from quote.offers.adapters import household_offer

        lang = get_lang()
        write_if_any(path, household_offer(result, date.today(), lang, name), lang)


def offer_after_group(path: Path | None, name: str | None, result: GroupQuote) -> None:
    """`quote group --offer`: the company's offer; ``name`` is the company. None when the
    group is refused."""
    if path is None:
        return
    lang = get_lang()
    if result.refused:
        typer.echo(t("offer.not_written_refused", lang), err=True)
        return
    from quote.offers.adapters import group_offer

    write_if_any(path, group_offer(result, date.today(), lang, name), lang)
