"""The HTML offer: self-contained (nothing fetched), every section present, everything
escaped; and each kind rendered in headless Chromium, on screen and printed to PDF."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from quote.i18n import set_lang
from quote.indexation import KpiSeries
from quote.offers.html import money, render
from quote.offers.model import Offer
from quote.tariff import Tariff

from .browser import pdf_has_pages, png_is_blank, print_pdf, rendered_text, screenshot
from .offers import SHOWN, Page, assert_self_contained, every_kind

KINDS = list(SHOWN)
@pytest.fixture(scope="module")
def offers(dkv: Tariff, kpi: KpiSeries) -> dict[str, Offer]:
    """Swedish offers: the pricing steps are labelled in the current language too."""
    set_lang("sv")
    try:
        return every_kind(dkv, kpi)
    finally:
        set_lang("en")


SECTIONS = {
    "price": ["premium", "customer", "breakdown", "payment", "cover", "validity", "withdrawal",
              "general-exclusions", "sources"],
    "apply": ["premium", "customer", "breakdown", "payment", "cover", "terms", "validity",
              "withdrawal", "general-exclusions", "sources"],
    "household": ["premium", "summary", "breakdown", "cover", "validity", "withdrawal",
                  "general-exclusions", "sources"],
    "group": ["premium", "customer", "summary", "cover", "validity", "withdrawal",
              "general-exclusions", "sources"],
    "compare": ["customer", "summary", "cover", "validity", "withdrawal", "general-exclusions",
                "sources"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_self_contained_with_every_section(offers: dict[str, Offer],
                                                       kind: str) -> None:
    page = assert_self_contained(render(offers[kind]))
    assert page.sections == SECTIONS[kind]
    words = page.words
    assert SHOWN[kind] in words
    assert "Ångerrätt" in words and "inom 30 dagar" in words
    assert "Offerten gäller till och med 2025-03-12 (30 dagar från offertdatum 2025-02-10)." \
        in words
    assert "Dialysbehandling." in words  # general exclusion 8
    assert offers[kind].sources[0].sha256 in words


def test_price_offer_shows_the_steps_the_customer_and_the_masked_id(
        offers: dict[str, Offer]) -> None:
    words = Page(render(offers["price"])).words
    assert "Anna Andersson" in words and "19900501-****" in words
    assert "Rökartillägg 25 % +271,25 kr 1 356,25 kr" in words
    assert "Avdrag för självrisk 500 kr -210,00 kr 1 146,25 kr" in words
    assert "Kvartal autogiro, faktura 3 438,75 kr 13 755,00 kr" in words  # 3 × 1146.25
    assert "Månadspremie 1 146,25 kr per månad" in words
    assert "Fysioterapeut, kiropraktor, naprapat, upp till 24 behandlingar per kalenderår" \
        in words


def test_apply_offer_shows_terms_with_reasons_and_no_answers(offers: dict[str, Offer]) -> None:
    words = Page(render(offers["apply"])).words
    assert "Beslut: Beviljas med villkor" in words
    assert "Premietillägg 50 % Diabetes ger premietillägg 50 %." in words
    assert "Förbehåll: Knä (vänster) undantas Besvär i den kroppsdel som uppgetts undantas." \
        in words
    assert "undantas (förbehåll)" in words  # physiotherapy struck out of the cover
    assert "exempel" in words
    for answer in ("karens", "39 månader", "25,9", "Eksem", "Q2-DIABETES", "q17"):
        assert answer not in words


def test_multi_line_offers_show_a_total_row(offers: dict[str, Offer]) -> None:
    household = Page(render(offers["household"])).words
    assert "Summa 2 914,00 kr 34 968,00 kr" in household
    group = Page(render(offers["group"])).words
    assert "Summa 2 355,00 kr 28 260,00 kr 1 413,00 kr" in group
    assert "Förmånsvärde" in group and "Exempel AB" in group
    compare = Page(render(offers["compare"])).words
    assert "Summa" not in compare
    assert "Vad varje steg lägger till Vårdförsäkring Plus jämfört med Vårdförsäkring Bas: " \
           "162,00 kr mer i månaden Fysioterapeut" in compare
    assert "Remisskrav kan inte kombineras med självrisk" in compare


def test_everything_is_escaped(offers: dict[str, Offer]) -> None:
    offer = offers["price"]
    hostile = '<script src="https://x.example/a.js"></script> & "Co" <b>'
    line = replace(offer.lines[0], person=replace(offer.lines[0].person, name=hostile))
    assert offer.customer is not None
    html = render(replace(offer, customer=replace(offer.customer, name=hostile),
                          lines=(line,), insurer=hostile))
    page = Page(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert hostile in page.words
    assert "&lt;script src=&quot;https://x.example/a.js&quot;&gt;" in html


def test_english(offers: dict[str, Offer], dkv: Tariff, kpi: KpiSeries) -> None:
    html = render(replace(offers["price"], lang="en"))
    words = Page(html).words
    assert '<html lang="en">' in html
    assert "Monthly premium 1,146.25 kr per month" in words
    assert "Right of withdrawal" in words and "General exclusions" in words


def test_money() -> None:
    assert money(Decimal("1068"), "sv") == "1 068,00 kr"
    assert money(Decimal("17.06"), "sv", signed=True) == "+17,06 kr"
    assert money(Decimal("-210"), "sv", signed=True) == "-210,00 kr"
    assert money(Decimal("13755"), "en") == "13,755.00 kr"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_renders_in_chromium(offers: dict[str, Offer], kind: str,
                                       tmp_path: Path) -> None:
    page = tmp_path / f"{kind}.html"
    page.write_text(render(offers[kind]), encoding="utf-8")
    assert not png_is_blank(screenshot(page, tmp_path / f"{kind}.png", 900, 1200))
    assert SHOWN[kind] in " ".join(rendered_text(page).split())
    assert pdf_has_pages(print_pdf(page, tmp_path / f"{kind}.pdf"))
