"""The offer document built from results: one priced person, an underwriting decision, and
the adapters for several lines (comparison, household, group).

Figures from the seed's premium table (lines 1884-1939) and KPI 1980=100: priced on
2025-03-01, KPI 2024-09 / 2023-09 = 414.57 / 408.05; Plus 31-35 is 1068 kr in the table,
× 414.57 / 408.05 = 1085.0649… (shown 1085.06) → 1085 kr (whole kronor,
half-up).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from quote.indexation import KpiSeries
from quote.offers.build import (
    offer_for_lines,
    person_of,
    price_offer,
    sources_of,
    terms_from_decision,
    underwriting_offer,
)
from quote.tariff import Tariff
from quote.underwriting.decision import Decision

from .offers import (
    BOOK,
    MADE,
    ON,
    compare_lines,
    decision_with_terms,
    group_lines,
    household_lines,
    priced,
)


def test_price_offer(dkv: Tariff, kpi: KpiSeries) -> None:
    """Plus, 34, smoker, självrisk 500, quarterly: 1085 × 1.25 − 210 = 1146.25 kr a month;
    a quarter 3 × 1146.25 = 3438.75; a year 12 × 1146.25 = 13755.00."""
    b = priced(dkv, kpi, smoker=True, deductible=500, frequency="quarter")
    offer = price_offer(b, person_of(34, birth_date=date(1990, 5, 1), name="Anna"), MADE, "sv")
    assert offer.kind == "price" and offer.title == "Offert: Vårdförsäkring Plus"
    assert offer.premium == Decimal("1146.25")
    assert offer.valid_until == date(2025, 3, 12) and offer.valid_days == 30  # 10 Feb + 30
    assert offer.start_date == ON
    (line,) = offer.lines
    assert line.options == ("självrisk 500 kr", "rökare")
    assert [(r.amount, r.subtotal) for r in line.steps] == [
        (Decimal("1068.00"), Decimal("1068.00")), (Decimal("17.06"), Decimal("1085.06")),
        (Decimal("-0.06"), Decimal("1085.00")), (Decimal("271.25"), Decimal("1356.25")),
        (Decimal("-210.00"), Decimal("1146.25"))]
    assert {i.code: (i.amount, i.yearly, i.chosen) for i in line.instalments} == {
        "month": (Decimal("1146.25"), Decimal("13755.00"), False),
        "quarter": (Decimal("3438.75"), Decimal("13755.00"), True),
        "half-year": (Decimal("6877.50"), Decimal("13755.00"), False),
        "year": (Decimal("13755.00"), Decimal("13755.00"), False)}
    assert line.yearly == Decimal("13755.00")
    assert [c.moment for c in line.cover] == list(dkv.model.products["plus"].moments)
    assert len(offer.general_exclusions) == 24
    assert offer.withdrawal_days == 30
    assert offer.premium_start_text is not None
    assert [s.sha256 for s in offer.sources] == [dkv.sha256, kpi.sha256]


def test_a_child_needs_a_guardian() -> None:
    assert person_of(17).guardian_needed
    assert not person_of(18).guardian_needed


def test_english_options_and_titles(dkv: Tariff, kpi: KpiSeries) -> None:
    b = priced(dkv, kpi, referral=True)
    offer = price_offer(b, person_of(34), MADE, "en")
    assert offer.title == "Offer: Vårdförsäkring Plus"
    assert offer.lines[0].options == ("no deductible", "with referral requirement")
    assert [i.label for i in offer.lines[0].instalments] == [
        "Monthly", "Quarterly", "Half-yearly", "Yearly"]


def test_terms_from_a_decision_keep_reasons_not_answers(dkv: Tariff) -> None:
    terms = terms_from_decision(decision_with_terms(), dkv, "sv")
    assert [(term.kind, term.text, term.reason) for term in terms] == [
        ("smoker", "Rökartillägg 25 %", "Rökartillägg enligt tariffen"),
        ("loading", "Premietillägg 50 %", "Diabetes ger premietillägg 50 %."),
        ("exclusion", "Förbehåll: Rygg undantas", "Besvär i den kroppsdel som uppgetts undantas."),
        ("exclusion", "Förbehåll: Knä (vänster) undantas",
         "Besvär i den kroppsdel som uppgetts undantas."),
        ("exclusion", f"Förbehåll: {dkv.model.moments['physiotherapy']} undantas",
         "Behandlingar undantas."),
    ]


def test_underwriting_offer(dkv: Tariff, kpi: KpiSeries) -> None:
    """1085 × (1 + 0.25 + 0.50) = 1898.75 kr a month."""
    decision = decision_with_terms()
    b = priced(dkv, kpi, smoker=True, loading_pct=Decimal(50))
    offer = underwriting_offer(decision, b, person_of(34, masked_id="19900501-****"), BOOK,
                              MADE, date(2025, 4, 1), "sv")
    assert offer.premium == Decimal("1898.75")
    assert offer.outcome == "terms" and not offer.provisional
    assert offer.start_date == date(2025, 4, 1)
    (line,) = offer.lines
    assert [c.moment for c in line.cover if c.excluded] == ["physiotherapy"]
    assert len(line.terms) == 5
    assert [s.what for s in offer.sources] == ["Tariff", "KPI-serie", "Riskbedömningsregler"]
    assert any("exempel" in n for n in offer.notices)


def test_a_referred_application_is_provisional(dkv: Tariff, kpi: KpiSeries) -> None:
    decision = Decision("refer", False, Decimal(0), (), (), Decimal("23"), 34)
    offer = underwriting_offer(decision, priced(dkv, kpi), person_of(34), BOOK, MADE, ON, "sv")
    assert offer.provisional and offer.outcome == "refer"


def test_household_offer_totals(dkv: Tariff, kpi: KpiSeries) -> None:
    """1085 + 1270 + 559 = 2914 kr a month; 12 × 2914 = 34968 a year."""
    lines = household_lines(dkv, kpi)
    offer = offer_for_lines("household", dkv, lines, made_on=MADE, start=ON, lang="sv",
                            sources=sources_of(priced(dkv, kpi), "sv"))
    assert [line.monthly for line in offer.lines] == [Decimal(1085), Decimal(1270), Decimal(559)]
    assert {t.column: t.amount for t in offer.totals} == {
        "monthly": Decimal(2914), "yearly": Decimal(34968)}
    assert offer.premium == Decimal(2914)
    assert offer.details  # three lines: each breakdown is shown
    assert offer.lines[2].person.guardian_needed
    assert offer.title == "Offert för hushållet"


def test_group_offer_sums_the_extras(dkv: Tariff, kpi: KpiSeries) -> None:
    """Extras (a taxable benefit of 60 % of the premium, seed 297) are summed like premiums:
    0.6 × 1085 = 651, 0.6 × 1270 = 762."""
    lines = group_lines(dkv, kpi)
    offer = offer_for_lines("group", dkv, lines, made_on=MADE, start=ON, lang="sv",
                            sources=(), policyholder="Exempel AB")
    assert {t.column: t.amount for t in offer.totals} == {
        "monthly": Decimal(2355), "yearly": Decimal(28260), "Förmånsvärde": Decimal(1413)}
    assert offer.policyholder == "Exempel AB"


def test_comparison_has_no_total_and_no_details(dkv: Tariff, kpi: KpiSeries) -> None:
    offer = offer_for_lines("compare", dkv, compare_lines(dkv, kpi), made_on=MADE, start=ON,
                            lang="sv", sources=(), customer=person_of(34))
    assert offer.totals == () and not offer.details and offer.premium is None
    assert [line.monthly for line in offer.lines] == [
        Decimal(923), Decimal(1085), Decimal(1252), None]


def test_cover_items_carry_their_limits_from_the_contents() -> None:
    """Högkostnadsskydd: 1 150 kr per 12 months (seed 004 line 40), shown under the item."""
    from datetime import date

    from quote.catalog import choose_tariff
    from quote.offers.build import cover_for

    items = {c.moment: c for c in cover_for(choose_tariff(None, None, date(2025, 3, 1)),
                                             "plus")}
    assert "1 150 kr per 12 månader" in (items["patient_fees_drugs"].limit or "")
    assert "14 arbetsdagar" in (items["treatment_guarantee"].limit or "")
