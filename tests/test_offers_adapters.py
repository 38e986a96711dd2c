"""Offers from the desk's results: a comparison, a household and a company's group quote.

Figures (seed premium table, lines 1884-1939, priced on 2025-03-01 with KPI 2024-09 /
2023-09 = 414.57 / 408.05, each indexed table premium rounded half-up to whole kronor):
Bas 31-35 908 → 923, Plus 1068 → 1085, Topp 1232 → 1252; Bas 0-15 550 → 559.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from quote.compare import compare
from quote.employees import read_rows
from quote.group import ALIASES, GroupSettings, group_quote
from quote.household import household_quote, member_from, split_spec
from quote.indexation import KpiSeries
from quote.offers.adapters import comparison_offer, group_offer, household_offer
from quote.person import Person
from quote.tariff import Tariff

from .conftest import FIXTURES

ON = date(2025, 3, 1)
MADE = date(2025, 2, 10)


def test_comparison_offer(dkv: Tariff, kpi: KpiSeries) -> None:
    """3 products × självrisk 0, 500, 1000 × without/with remisskrav: 9 priced, 6 not
    offered (remisskrav with a självrisk); Plus − Bas = 1085 − 923 = 162 kr."""
    c = compare(dkv, kpi, Person(34, date(1990, 5, 1), "19900501-****"), ON)
    offer = comparison_offer(c, MADE, "sv", name="Anna")
    assert offer is not None and offer.kind == "compare"
    assert offer.customer is not None and offer.customer.masked_id == "19900501-****"
    assert offer.customer.name == "Anna"
    monthly = [line.monthly for line in offer.lines]
    assert len(monthly) == 18 and monthly.count(None) == 6
    assert offer.lines[0].monthly == Decimal(923) and offer.lines[0].options == (
        "utan självrisk",)
    plus = [line for line in offer.lines if line.product_id == "plus" and
            line.options == ("utan självrisk",)]
    assert [line.monthly for line in plus] == [Decimal(1085)]
    not_offered = next(line for line in offer.lines if line.monthly is None)
    assert not_offered.note == "Remisskrav och självrisk kan inte kombineras enligt villkoren."
    assert [(u.from_name, u.to_name, u.extra_monthly) for u in offer.step_ups] == [
        ("Vårdförsäkring Bas", "Vårdförsäkring Plus", Decimal(162)),
        ("Vårdförsäkring Plus", "Vårdförsäkring Topp", Decimal(167))]
    assert offer.start_date == ON and offer.totals == ()


def test_household_offer(dkv: Tariff, kpi: KpiSeries) -> None:
    """Plus at 34 (1085) and Bas at 9 (559): 1644 kr a month, 19 728 a year."""
    members = [member_from(split_spec(spec), ON, f"person {i}")
               for i, spec in enumerate(["role=vuxen,birth-date=1990-05-01,product=plus",
                                         "role=barn,birth-date=2015-06-01,product=bas"], 1)]
    offer = household_offer(household_quote(dkv, kpi, members, ON), MADE, "sv",
                            policyholder="Familjen Andersson")
    assert offer is not None
    assert [line.monthly for line in offer.lines] == [Decimal(1085), Decimal(559)]
    assert {t.column: t.amount for t in offer.totals} == {
        "monthly": Decimal(1644), "yearly": Decimal(19728)}
    assert [line.person.role for line in offer.lines] == ["vuxen", "barn"]
    assert [line.person.guardian_needed for line in offer.lines] == [False, True]
    assert offer.policyholder == "Familjen Andersson"


def test_group_offer(dkv: Tariff, kpi: KpiSeries) -> None:
    """Twelve rows, Leo is 15 at the start (rejected); eleven priced. Totals as the group
    quote gives them; benefit 60 % and social charges 31.42 % per employee."""
    rows = read_rows(FIXTURES / "group" / "twelve.csv", ALIASES, "employees")
    q = group_quote(dkv, kpi, rows, ON, GroupSettings(), default_product="plus")
    offer = group_offer(q, MADE, "sv", policyholder="Exempel AB")
    assert offer is not None and len(offer.lines) == 11
    totals = {t.column: t.amount for t in offer.totals}
    assert totals["monthly"] == q.totals.premium_monthly == Decimal("19756.00")
    assert totals["Förmånsvärde 60 %"] == q.totals.benefit_monthly
    assert totals["Arbetsgivarens kostnad"] == q.totals.employer_monthly
    anna = offer.lines[0]
    assert anna.person.name == "Anna" and anna.person.masked_id == "19900501-****"
    assert dict(anna.extras)["Förmånsvärde 60 %"] == Decimal("651.00")  # 0.6 × 1085
    assert any("Rad 13 är inte med i offerten" in n for n in offer.notices)


def test_no_group_offer_when_refused(dkv: Tariff, kpi: KpiSeries) -> None:
    rows = read_rows(FIXTURES / "group" / "four.csv", ALIASES, "employees")
    q = group_quote(dkv, kpi, rows, ON, GroupSettings(), default_product="plus")
    assert q.refused and group_offer(q, MADE, "sv") is None
