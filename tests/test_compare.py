"""The side-by-side comparison: the core over the one pricing engine, and `quote compare`.

Golden figures from the seed's premium table (003 lines 1884-1939) indexed by KPI
2024-09 / 2023-09 = 414.57 / 408.05 (pricing on 2025-03-01), rounded half-up to whole
kronor, then the flat självrisk discounts of lines 1936-1937 (500 kr: -210, 1000 kr: -340).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from quote.compare import NotOffered, Offered, compare
from quote.indexation import KpiSeries
from quote.person import Person
from quote.tariff import Tariff

from .conftest import Invoke

ON = date(2025, 3, 1)


def test_every_product_deductible_and_referral(dkv: Tariff, kpi: KpiSeries) -> None:
    result = compare(dkv, kpi, Person(34), ON)
    # 3 products × (3 självrisk without remisskrav + 3 with) = 18 combinations.
    assert len(result.options) == 18
    not_offered = [o for o in result.options if isinstance(o, NotOffered)]
    # remisskrav with självrisk 500 or 1000, for each product: forbidden (seed 003:254).
    assert {(o.product, o.deductible) for o in not_offered} == {
        (p, d) for p in ("bas", "plus", "topp") for d in (500, 1000)}
    assert all(o.referral and o.reason == "referral_with_deductible"
               and o.source.endswith(":254") for o in not_offered)


def test_plus_without_deductible_is_1085(dkv: Tariff, kpi: KpiSeries) -> None:
    # Age 34, bracket 31-35: Plus 1068 × 414.57 / 408.05 = 1085.06… -> 1085 whole kronor.
    result = compare(dkv, kpi, Person(34), ON)
    plus = result.offered("plus")
    assert plus.monthly == Decimal("1085.00")
    assert plus.yearly == Decimal("13020.00")  # 12 × 1085
    # självrisk 500: 1085 - 210 = 875; 1000: 1085 - 340 = 745.
    assert result.offered("plus", 500).monthly == Decimal("875.00")
    assert result.offered("plus", 1000).monthly == Decimal("745.00")
    # remisskrav has no price of its own in the DKV tariff: the same 1085.
    assert result.offered("plus", 0, referral=True).monthly == Decimal("1085.00")


def test_step_ups_name_added_moments_and_extra_cost(dkv: Tariff, kpi: KpiSeries) -> None:
    result = compare(dkv, kpi, Person(34), ON)
    bas_plus, plus_topp = result.step_ups
    # Bas 908 × 414.57 / 408.05 = 922.50… -> 923; Plus 1085: +162.
    assert (bas_plus.adds, bas_plus.extra_monthly) == (("physiotherapy",), Decimal("162.00"))
    # Topp 1232 × 414.57 / 408.05 = 1251.69… -> 1252; 1252 - 1085 = +167.
    assert plus_topp.adds == ("psychology", "personal_support")
    assert plus_topp.extra_monthly == Decimal("167.00")


def test_smoker_loads_every_option(dkv: Tariff, kpi: KpiSeries) -> None:
    # Plus 1085 × 1.25 = 1356.25; with självrisk 500: 1356.25 - 210 = 1146.25.
    result = compare(dkv, kpi, Person(34), ON, smoker=True)
    assert result.offered("plus").monthly == Decimal("1356.25")
    assert result.offered("plus", 500).monthly == Decimal("1146.25")
    assert all(o.breakdown.request.smoker for o in result.options if isinstance(o, Offered))


def test_cli_done_when_figure(run: Invoke) -> None:
    result = run("compare", "--birth-date", "1990-05-01", "--on", "2025-03-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "34 år, född 1990-05-01, prisdatum 2025-03-01" in out
    for name in ("Vårdförsäkring Bas", "Vårdförsäkring Plus", "Vårdförsäkring Topp"):
        assert out.count(name) >= 6
    plus_row = next(line for line in out.splitlines()
                    if "Vårdförsäkring Plus" in line and "ingen" in line and "utan" in line)
    assert "1 085,00 kr" in plus_row and "13 020,00 kr" in plus_row
    assert out.count("erbjuds inte") == 6
    assert "Remisskrav och självrisk kan inte kombineras" in out and ":254" in out
    assert "+162,00 kr per månad" in out and "Fysioterapeut" in out


def test_cli_json(run: Invoke) -> None:
    result = run("compare", "--age", "34", "--on", "2025-03-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    plus = next(o for o in data["options"]
                if (o["product"], o["deductible"], o["referral"]) == ("plus", 0, False))
    assert plus["monthly_premium"] == "1085.00" and plus["yearly"] == "13020.00"
    refused = [o for o in data["options"] if not o["offered"]]
    assert len(refused) == 6 and refused[0]["reason"] == "referral_with_deductible"
    assert data["step_ups"][0] == {"from": "bas", "to": "plus", "adds": ["physiotherapy"],
                                   "extra_monthly": "162.00"}


def test_cli_id_is_masked(run: Invoke) -> None:
    result = run("compare", "--id", "199005011235", "--on", "2025-03-01", "--json")
    assert result.exit_code == 0, result.output
    assert "1235" not in result.stdout
    assert json.loads(result.stdout)["person"] == {"age": 34, "birth_date": "1990-05-01",
                                                    "id": "19900501-****"}


def test_cli_bad_input(run: Invoke) -> None:
    result = run("compare", "--on", "2025-03-01")
    assert result.exit_code == 2 and "ange en av --age, --birth-date eller --id" in result.stderr
    result = run("compare", "--age", "34", "--on", "2020-01-01")
    assert result.exit_code == 2 and "--on" in result.stderr


@settings(max_examples=30, deadline=None)
@given(age=st.integers(min_value=0, max_value=110), smoker=st.booleans())
def test_every_combination_is_priced_or_refused(dkv: Tariff, kpi: KpiSeries, age: int,
                                                smoker: bool) -> None:
    result = compare(dkv, kpi, Person(age), ON, smoker)
    assert len(result.options) == 3 * 3 * 2
    assert sum(isinstance(o, NotOffered) for o in result.options) == 3 * 2
    for product in ("bas", "plus", "topp"):
        # A larger självrisk never costs more; remisskrav alone costs what none does.
        monthly = [result.offered(product, d).monthly for d in (0, 500, 1000)]
        assert monthly == sorted(monthly, reverse=True)
        assert result.offered(product, 0, referral=True).monthly == monthly[0]
    for step in result.step_ups:
        assert step.extra_monthly == (result.offered(step.to_product).monthly
                                      - result.offered(step.from_product).monthly) > 0
