"""The renewal report: structure of the HTML (self-contained, every section, the totals)
and the page as headless chromium draws and prints it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quote.catalog import kpi_for
from quote.i18n import set_lang
from quote.renewal import Pricer, open_book, run_renewal
from quote.renewal.report import ReportTitles, change_pct, report_html
from quote.renewal.stats import Summary
from quote.tariff import load_tariff

from .browser import pdf_has_pages, png_is_blank, print_pdf, rendered_text, screenshot
from .conftest import DKV_PATH
from .test_renewal import BAD, GOOD, write_book

TITLES = ReportTitles("Förnyelse av bestånd", "book.csv", "dkv-vardforsakring 2024-06",
                      "Före", "Efter")


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    tmp = tmp_path_factory.mktemp("report")
    book = write_book(tmp / "book.csv", [*GOOD, *(row for row, _ in BAD)])
    tariff = load_tariff(DKV_PATH)
    return run_renewal(open_book(book, None), None, Pricer([tariff], lambda t: kpi_for(t, None)),
                       tmp / "out.csv", tmp / "rej.csv")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_the_page_is_self_contained(summary: Summary) -> None:
    html = report_html(summary, TITLES)
    tags = parsed(html)
    names = [tag for tag, _ in tags.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert not re.search(r"(src|href)\s*=|url\(|@import|https?://(?!www\.w3\.org)", html)
    assert names.count("svg") == 2
    assert {attrs.get("id") for tag, attrs in tags.tags if tag == "section"} == {
        "summary", "bands", "by-age", "by-product", "rejects"}


def test_the_totals_and_the_rejects_are_on_the_page(summary: Summary) -> None:
    set_lang("sv")
    text = " ".join(parsed(report_html(summary, TITLES)).text)
    # before 1068 + 2600 + 1400 = 5068; after 1085 + 2713.75 + 1456.25 = 5255 (+3.69 %)
    assert "5 068,00 kr" in text and "5 255,00 kr" in text and "+3,69 %" in text
    assert "6 561,50 kr" in text  # every priced row, P3 (1306.50) included
    assert "unknown_product" in text and "kpi_missing" in text
    assert change_pct(0, 100) == "–"


def test_english_report(summary: Summary) -> None:
    set_lang("en")
    try:
        text = " ".join(parsed(report_html(summary, TITLES)).text)
    finally:
        set_lang("sv")
    assert "5,068.00 kr" in text and "Rejected rows by reason" in text


def test_an_empty_book_gives_a_page_too() -> None:
    set_lang("sv")
    html = report_html(Summary(), TITLES)
    assert "Inga rader att visa." in html and "Inga avvisade rader." in html


def test_chromium_draws_and_prints_the_report(summary: Summary, tmp_path: Path) -> None:
    set_lang("sv")
    page = tmp_path / "report.html"
    page.write_text(report_html(summary, TITLES), encoding="utf-8")
    assert not png_is_blank(screenshot(page, tmp_path / "report.png"))
    shown = rendered_text(page)
    assert "5 068,00 kr" in shown and "6 561,50 kr" in shown
    assert pdf_has_pages(print_pdf(page, tmp_path / "report.pdf"))
