"""The renewal report: structure of the HTML (self-contained, every section, the totals)
and the page as headless chromium draws and prints it."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quote.catalog import kpi_for
from quote.i18n import set_lang
from quote.renewal import Pricer, open_book, run_renewal
from quote.renewal.report import ReportTitles, change_pct, nice_step, report_html
from quote.renewal.stats import BANDS, Summary
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


# --- the charts' geometry: what the picture says, figure by figure -----------------------------

def nice_numbers() -> list[Decimal]:
    return sorted(Decimal(m) * Decimal(10) ** k for m in ("1", "2", "2.5", "5")
                  for k in range(0, 12))


@given(st.decimals(min_value=-10, max_value=10**10, places=2, allow_nan=False),
       st.integers(min_value=1, max_value=8))
def test_a_nice_step_is_the_smallest_round_one_that_reaches_the_top(top: Decimal,
                                                                    steps: int) -> None:
    """1, 2, 2.5 or 5 times a power of ten (never below 1): the smallest whose ``steps``
    multiples reach ``top``."""
    expected = min(n for n in nice_numbers() if n * steps >= top)
    assert nice_step(top, steps) == expected
    assert nice_step(top) == min(n for n in nice_numbers() if n * 4 >= top)


def test_nice_steps_at_their_edges() -> None:
    tops = ("0", "-5", "2", "0.04", "4", "4.01", "8", "10", "20", "36", "40", "41", "400",
            "401", "9999", "40000")
    assert [nice_step(Decimal(v)) for v in tops] == [
        1, 1, 1, 1, 1, 2, 2, Decimal("2.5"), 5, 10, 10, 20, 100, 200, 2500, 10000]


def svg_of(html: str, section: str) -> str:
    match = re.search(rf'<section id="{section}">.*?</section>', html, re.S)
    assert match is not None
    return match.group(0)


def test_the_bars_stand_in_proportion_to_their_counts() -> None:
    """Six bands in a 720 × 260 picture: the axis at y = 220, bars in 670 / 6 wide slots
    from x = 50 with 18 between them, the tallest (10) 190 high, the rest to scale."""
    summary = Summary(bands=dict(zip(BANDS, [3, 10, 0, 5, 1, 7], strict=True)))
    svg = svg_of(report_html(summary, TITLES), "bands")
    rects = [tuple(float(v) for v in m) for m in re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)]
    slot = Decimal(670) / 6
    expected = [(float(round(50 + i * slot + 9, 1)), round(220 - 19.0 * count, 1),
                 float(round(slot - 18, 1)), round(19.0 * count, 1))
                for i, count in enumerate([3, 10, 0, 5, 1, 7])]
    assert rects == expected
    assert '<line x1="50" y1="220" x2="720" y2="220"' in svg
    fills = re.findall(r'<rect [^>]*fill="([^"]+)"', svg)
    assert fills == ["var(--neg)"] + ["var(--bar)"] * 5  # a fall in premium stands apart
    labels = re.findall(r'font-size="13">([^<]+)</text>', svg)
    assert labels[0::2] == ["3", "10", "0", "5", "1", "7"]


def test_the_age_lines_go_through_the_mean_premiums() -> None:
    """Mean premium by age before and after, on a grid of four nice steps: ages 30, 40, 50
    with means 1 000 → 1 100, 1 500 → 1 600 and 2 000 → 2 300 kr; the top 2 300 needs
    steps of 1 000 (4 × 500 = 2 000 is short), so the grid reads 0 … 4 000, and a value v
    sits at y = 260 − 240 × v / 4 000 (a 300 high picture, 20 above and 40 below the
    grid), an age at x = 70 + 630 × (age − 30) / 20."""
    summary = Summary(by_age={30: [2, 2, 200000, 220000, 220000],
                              40: [1, 1, 150000, 160000, 160000],
                              50: [4, 4, 800000, 920000, 920000],
                              60: [3, 0, 0, 0, 500000]})  # no premium before: not drawn
    svg = svg_of(report_html(summary, TITLES), "by-age")
    lines = re.findall(r'<polyline points="([^"]+)"', svg)

    def point(age: int, kr: int) -> str:
        return f"{70 + 630 * (age - 30) / 20:.1f},{260 - 240 * kr / 4000:.1f}"

    assert lines == [" ".join(point(a, v) for a, v in ((30, 1000), (40, 1500), (50, 2000))),
                     " ".join(point(a, v) for a, v in ((30, 1100), (40, 1600), (50, 2300)))]
    ticks = re.findall(r'text-anchor="end" font-size="12">([^<]+)</text>', svg)
    assert ticks == ["0", "1,000", "2,000", "3,000", "4,000"]  # (core tests speak English)
    ages = re.findall(r'text-anchor="middle" font-size="12">(\d+)</text>', svg)
    assert ages == [str(a) for a in range(30, 51, 2)]


def test_the_product_table_adds_up_in_its_footer() -> None:
    summary = Summary(by_product={("plus", "0"): [3, 2, 200000, 220000, 330000],
                                  ("bas", "500"): [2, 2, 100000, 90000, 90000]})
    table = svg_of(report_html(summary, TITLES), "by-product")
    cells = re.findall(r'<td class="n">([^<]*)</td>', table.split("<tfoot>")[1])
    # 5 rows; before 3 000 kr, after 3 100 kr (+3.33 %), all priced rows 4 200 kr
    assert cells == ["5", "3,000.00 kr", "3,100.00 kr", "+3.33 %", "4,200.00 kr"]
    rows = re.findall(r"<tr><td>(\w+)</td>", table.split("<tfoot>")[0])
    assert rows == ["bas", "plus"]  # by product, then by självrisk


def test_ages_close_together_are_each_marked() -> None:
    """Under twenty years from the youngest to the oldest: every age gets its mark."""
    summary = Summary(by_age={a: [1, 1, 100000, 110000, 110000] for a in range(30, 36)})
    svg = svg_of(report_html(summary, TITLES), "by-age")
    ages = re.findall(r'text-anchor="middle" font-size="12">(\d+)</text>', svg)
    assert ages == [str(a) for a in range(30, 36)]


def test_a_change_of_nothing_has_no_sign() -> None:
    assert [change_pct(100, 100), change_pct(100, 101), change_pct(100, 99)] == [
        "0.00 %", "+1.00 %", "-1.00 %"]


def test_one_age_alone_is_drawn() -> None:
    summary = Summary(by_age={40: [1, 1, 100000, 110000, 110000]})
    svg = svg_of(report_html(summary, TITLES), "by-age")
    # 1 000 → 1 100 kr: steps of 500 (4 × 250 = 1 000 is short), grid 0 … 2 000, so
    # y = 260 − 240 × v / 2 000: 140 and 128; the one age at the left edge
    assert re.findall(r'<polyline points="([^"]+)"', svg) == ["70.0,140.0", "70.0,128.0"]
    ages = re.findall(r'text-anchor="middle" font-size="12">(\d+)</text>', svg)
    assert ages == ["40", "41"]  # the axis runs one year past the one age


def test_wide_age_ranges_are_marked_at_round_steps() -> None:
    """23 to 70 years: marks every 4 years, on multiples of 4 (24, 28 … 68)."""
    summary = Summary(by_age={a: [1, 1, 100000, 110000, 110000] for a in (23, 45, 70)})
    svg = svg_of(report_html(summary, TITLES), "by-age")
    ages = re.findall(r'text-anchor="middle" font-size="12">(\d+)</text>', svg)
    assert ages == [str(a) for a in range(24, 71, 4)]


def test_marks_every_two_years_fall_on_even_ages() -> None:
    summary = Summary(by_age={a: [1, 1, 100000, 110000, 110000] for a in (31, 40, 55)})
    svg = svg_of(report_html(summary, TITLES), "by-age")
    ages = re.findall(r'text-anchor="middle" font-size="12">(\d+)</text>', svg)
    assert ages == [str(a) for a in range(32, 56, 2)]


def test_tables_are_sorted_and_means_use_the_rows_with_a_premium_before() -> None:
    summary = Summary(
        by_product={("plus", "500"): [1, 1, 100, 100, 100], ("bas", "0"): [9, 9, 900, 900, 900],
                    ("plus", "0"): [5, 5, 500, 500, 500]},
        by_age={30: [2, 1, 0, 50000, 150000], 40: [1, 1, 100000, 120000, 120000]},
        rejected={"bad_date": 2, "bad_id": 5, "bad_boolean": 2})
    html = report_html(summary, TITLES)
    rows = re.findall(r"<tr><td>(\w+)</td><td class=\"n\">([^<]+)</td>",
                      svg_of(html, "by-product").split("<tfoot>")[0])
    assert rows == [("bas", "0.00 kr"), ("plus", "0.00 kr"), ("plus", "500.00 kr")]
    codes = re.findall(r"<code>(\w+)</code>", svg_of(html, "rejects"))
    assert codes == ["bad_id", "bad_boolean", "bad_date"]  # most first, then by name
    # age 30: one row with a premium before (0 kr) → mean before 0, after 500 kr (not the
    # 1 500 kr of all its priced rows); drawn although its premium before was 0 kr
    lines = re.findall(r'<polyline points="([^"]+)"', svg_of(html, "by-age"))
    assert [len(line.split()) for line in lines] == [2, 2]
    assert lines[1].split()[0] == "70.0,200.0"  # 500 kr on a 0 … 2 000 grid
