"""Offers of every kind for tests, built from the bundled tariff and KPI series.

Figures (seed premium table, lines 1884-1939; priced on 2025-03-01 with KPI 2024-09 /
2023-09 = 414.57 / 408.05, each indexed table premium rounded half-up to whole kronor):
Bas 31-35 908 → 923, Plus 31-35 1068 → 1085, Topp 31-35 1232 → 1252, Plus 36-40 1250 →
1270, Bas 0-15 550 → 559.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from quote.indexation import KpiSeries
from quote.offers.build import (
    line_from_breakdown,
    offer_for_lines,
    person_of,
    price_offer,
    sources_of,
    underwriting_offer,
)
from quote.offers.model import Line, Offer, StepUp
from quote.pricing import Breakdown, PriceRequest, price
from quote.tariff import Tariff
from quote.underwriting.decision import Decision, Exclusion, Finding
from quote.underwriting.rulebook import load_rulebook

from .conftest import BUNDLED

ON = date(2025, 3, 1)
MADE = date(2025, 2, 10)
BOOK = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml")


def priced(dkv: Tariff, kpi: KpiSeries, product: str = "plus", age: int = 34,
           **options: Any) -> Breakdown:
    return price(dkv, kpi, PriceRequest(product=product, age=age, on=ON, **options))


def decision_with_terms() -> Decision:
    """Smoker, +50 % for diabetes, the back and left knee and physiotherapy excluded."""
    back = Exclusion("body_part", "back", "q17", "Rygg", "Back")
    knee = Exclusion("body_part", "knee", "q17", "Knä (vänster)", "Knee (left)", "left")
    physio = Exclusion("moment", "physiotherapy", "q18", "physiotherapy", "physiotherapy")
    return Decision(
        outcome="terms", smoker=True, loading_pct=Decimal(50), bmi=Decimal("25.9"), age=34,
        exclusions=(back, knee, physio),
        findings=(
            Finding("q1", "ja", "SMOKER", "smoker", "Rökartillägg enligt tariffen"),
            Finding("q2", "Diabetes", "Q2-DIABETES", "load", "Diabetes ger premietillägg 50 %.",
                    load_pct=Decimal(50)),
            Finding("q17", "Rygg, Knä", "Q17-BODY-PART", "exclude",
                    "Besvär i den kroppsdel som uppgetts undantas.", exclusions=(back, knee)),
            Finding("q18", "ja", "Q18-PHYSIO", "exclude", "Behandlingar undantas.",
                    exclusions=(physio,)),
            Finding("q7", "Eksem", "Q7-SKIN", "accept", "Psoriasis/eksem undantas.",
                    note="karens: symtomfri i 39 månader"),
        ))


def household_lines(dkv: Tariff, kpi: KpiSeries) -> list[Line]:
    """Two adults on Plus (1085 and 1270 kr) and a child of 8 on Bas (559 kr)."""
    return [
        line_from_breakdown(priced(dkv, kpi, age=34), person_of(34, role="Sökande"), "sv"),
        line_from_breakdown(priced(dkv, kpi, age=37), person_of(37, role="Partner"), "sv"),
        line_from_breakdown(priced(dkv, kpi, "bas", age=8), person_of(8, role="Barn"), "sv"),
    ]


def group_lines(dkv: Tariff, kpi: KpiSeries) -> list[Line]:
    """Anna 34 (1085 kr, benefit 60 % = 651) and Bo 37 (1270 kr, benefit 762)."""
    return [line_from_breakdown(priced(dkv, kpi, age=age), person_of(age, name=name), "sv",
                                extras=(("Förmånsvärde", Decimal(benefit)),))
            for age, name, benefit in ((34, "Anna", 651), (37, "Bo", 762))]


def compare_lines(dkv: Tariff, kpi: KpiSeries) -> list[Line]:
    """Bas, Plus, Topp at 34 (923, 1085, 1252 kr) and one combination not offered."""
    lines = [line_from_breakdown(priced(dkv, kpi, product), person_of(34), "sv")
             for product in ("bas", "plus", "topp")]
    not_offered = Line(person_of(34), "plus", "Vårdförsäkring Plus",
                       ("självrisk 500 kr", "med remisskrav"), None, None,
                       note="Remisskrav kan inte kombineras med självrisk")
    return [*lines, not_offered]


def every_kind(dkv: Tariff, kpi: KpiSeries) -> dict[str, Offer]:
    """One offer of each kind, with the amount each must show."""
    base = priced(dkv, kpi)
    sources = sources_of(base, "sv")
    return {
        "price": price_offer(priced(dkv, kpi, smoker=True, deductible=500),
                             person_of(34, birth_date=date(1990, 5, 1), name="Anna Andersson",
                                       masked_id="19900501-****"), MADE, "sv"),
        "apply": underwriting_offer(decision_with_terms(),
                                   priced(dkv, kpi, smoker=True, loading_pct=Decimal(50)),
                                   person_of(34, masked_id="19900501-****"), BOOK, MADE, ON,
                                   "sv"),
        "household": offer_for_lines("household", dkv, household_lines(dkv, kpi), made_on=MADE,
                                     start=ON, lang="sv", sources=sources),
        "group": offer_for_lines("group", dkv, group_lines(dkv, kpi), made_on=MADE, start=ON,
                                 lang="sv", sources=sources, policyholder="Exempel AB"),
        "compare": replace(
            offer_for_lines("compare", dkv, compare_lines(dkv, kpi), made_on=MADE, start=ON,
                            lang="sv", sources=sources,
                            customer=person_of(34, birth_date=date(1990, 5, 1))),
            step_ups=step_ups(dkv)),
    }


def step_ups(dkv: Tariff) -> tuple[StepUp, ...]:
    """Plus − Bas at 34: 1085 − 923 = 162 kr; Topp − Plus: 1252 − 1085 = 167 kr."""
    moments = dkv.model.moments
    return (StepUp("Vårdförsäkring Bas", "Vårdförsäkring Plus", (moments["physiotherapy"],),
                   Decimal(162)),
            StepUp("Vårdförsäkring Plus", "Vårdförsäkring Topp",
                   (moments["psychology"], moments["personal_support"]), Decimal(167)))


# The amount each kind of offer must show: 1085 × 1.25 − 210 = 1146.25 (price);
# 1085 × 1.75 = 1898.75 (apply); 1085 + 1270 + 559 = 2914 (household);
# 1085 + 1270 = 2355 (group); Plus at 1085 among the compared (compare).
SHOWN = {"price": "1 146,25 kr", "apply": "1 898,75 kr", "household": "2 914,00 kr",
         "group": "2 355,00 kr", "compare": "1 085,00 kr"}


# Tags that fetch or run something; a self-contained offer has none of them.
FETCHING = {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source",
            "base", "form"}


class Page(HTMLParser):
    """The parts of a page the tests look at: tags, attributes, section ids, text, CSS."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.sections: list[str] = []
        self.text: list[str] = []
        self.css: list[str] = []
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)
        if tag == "section":
            self.sections.extend(value or "" for name, value in attrs if name == "id")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.css if self._in_style else self.text).append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def assert_self_contained(html: str) -> Page:
    page = Page(html)
    assert not FETCHING & set(page.tags), FETCHING & set(page.tags)
    assert not [a for a in page.attrs if a[0] in ("src", "href", "srcset", "action")]
    assert "http://" not in html and "https://" not in html
    css = "".join(page.css)
    assert "@import" not in css and "url(" not in css
    assert page.tags.count("style") == 1
    return page
