"""The pricing engine against the source document's own numbers.

Fidelity: DKV Hälsa "Premietabell Vårdförsäkring - För kunder med individuella villkor -
priser per månad", shared/seeds/003_644d41b70766cb4e.txt lines 1884-1939, with the
conventions of shared/DOMAIN.md. Rounding: indexed table premium half-up to whole
kronor; monthly premium half-up to öre.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quote.errors import InputError, KpiMissingError
from quote.pricing import PriceRequest, price, price_list
from quote.tariff import Tariff

D = Decimal

# Copied by hand from the seed (lines 1887-1933; the seed lists Plus, Topp, then Bas).
#          bracket   Bas    Plus   Topp
SEED_TABLE = {
    "0-15": (550, 649, 811),
    "16-20": (807, 952, 1114),
    "21-25": (849, 995, 1162),
    "26-30": (849, 995, 1162),
    "31-35": (908, 1068, 1232),
    "36-40": (1061, 1250, 1414),
    "41-45": (1173, 1383, 1546),
    "46-50": (1405, 1651, 1815),
    "51-55": (1722, 2027, 2191),
    "56-60": (2137, 2514, 2677),
    "61-65": (2571, 3027, 3189),
    "66-70": (3315, 3898, 4058),
    "71-": (4155, 4895, 5054),
}
PRODUCTS = ("bas", "plus", "topp")
IN_FORCE = date(2024, 9, 1)  # KPI reference 2023-09 = the base month: factor exactly 1


def ages_of(label: str) -> list[int]:
    low, _, high = label.partition("-")
    return [int(low), int(high)] if high else [int(low), 99]


CELLS = [(label, i, product, age) for label, row in SEED_TABLE.items()
         for i, product in enumerate(PRODUCTS) for age in ages_of(label)]


@pytest.mark.parametrize(("label", "col", "product", "age"), CELLS)
def test_every_cell_of_the_table(dkv: Tariff, kpi, label: str, col: int, product: str,  # type: ignore[no-untyped-def]
                                 age: int) -> None:
    """Both ends of every bracket, every product, factor 1: monthly premium = table cell."""
    b = price(dkv, kpi, PriceRequest(product=product, age=age, on=IN_FORCE))
    assert b.bracket.label == label
    assert b.monthly_premium == SEED_TABLE[label][col]
    assert b.index_factor == 1


def test_example_plain(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """Plus, born 1990-05-01, on 2024-09-01: age 34, bracket 31-35, factor 1, 1068.00."""
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=IN_FORCE))
    assert (b.bracket.label, b.index_factor, b.monthly_premium) == ("31-35", 1, D("1068.00"))


def test_example_smoker_with_deductible(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """1068 × 1.25 − 210 = 1335 − 210 = 1125.00; quarterly 3 × 1125.00 = 3375.00."""
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=IN_FORCE, smoker=True,
                                     deductible=500, frequency="quarter"))
    assert b.monthly_premium == D("1125.00")
    assert b.instalment == D("3375.00")
    assert [(s.step, s.amount) for s in b.steps] == [
        ("table_premium", D("1068.00")),
        ("indexation", D("0.00")),
        ("smoker_loading", D("267.00")),  # 25 % of 1068
        ("deductible_discount", D("-210.00")),
    ]


def test_example_indexed_2025(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """On 2025-03-01: 1068 × 414.57 / 408.05 = 442760.76 / 408.05 = 1085.0649… → 1085.00."""
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=date(2025, 3, 1)))
    assert b.factor.reference == D("414.57") and b.factor.base == D("408.05")
    assert b.indexed_table_premium == D("1085")
    assert b.monthly_premium == D("1085.00")
    steps = {s.step: s for s in b.steps}
    assert steps["indexation"].amount == D("17.06")  # 1085.06 − 1068.00, shown to the öre
    assert steps["rounding_indexed"].amount == D("-0.06")  # 1085.00 − 1085.06
    assert steps["rounding_indexed"].label == "Rounding 1,085.0650 to whole kronor"
    # The KPI figures as SCB publishes them (two decimals), the factor to six:
    # 414.57 / 408.05 = 1 + 6.52 / 408.05 = 1.0159784… → 1.015978.
    assert steps["indexation"].label == ("KPI (1980=100) 2024-09/2023-09: 414.57 / 408.05 "
                                         "= × 1.015978")


@pytest.mark.parametrize(
    ("product", "age", "expected"),
    [
        # 550 × 414.57 = 228013.50; / 408.05 = 558.788… → 559
        ("bas", 3, D("559")),
        # 952 × 414.57 = 394670.64; / 408.05 = 967.211… → 967
        ("plus", 18, D("967")),
        # 3898 × 414.57 = 1615993.86; / 408.05 = 3960.283… → 3960
        ("plus", 70, D("3960")),
        # 5054 × 414.57 = 2095236.78; / 408.05 = 5134.755… → 5135
        ("topp", 80, D("5135")),
    ],
)
def test_indexed_cells_2025(dkv, kpi, product: str, age: int, expected: Decimal) -> None:  # type: ignore[no-untyped-def]
    b = price(dkv, kpi, PriceRequest(product=product, age=age, on=date(2025, 1, 1)))
    assert b.monthly_premium == expected


def test_indexed_smoker_deductible_quarter_2025(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """1085 × 1.25 = 1356.25; − 210 = 1146.25; × 3 = 3438.75."""
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=date(2025, 3, 1), smoker=True,
                                     deductible=500, frequency="quarter"))
    assert (b.monthly_premium, b.instalment) == (D("1146.25"), D("3438.75"))


def test_loadings_add_as_percentages_of_indexed_premium(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """Smoker 25 % + underwriting 50 % = 75 % of 1068 = 801; 1068 + 801 − 340 = 1529.00."""
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=IN_FORCE, smoker=True,
                                     loading_pct=D(50), deductible=1000))
    assert b.monthly_premium == D("1529.00")


def test_fractional_loading_rounds_half_up_to_ore(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """Bas 16-20: 807 × 12.5 % = 100.875; 807 + 100.875 = 907.875 → 907.88."""
    b = price(dkv, kpi, PriceRequest(product="bas", age=18, on=IN_FORCE, loading_pct=D("12.5")))
    assert b.monthly_premium == D("907.88")


@pytest.mark.parametrize(("frequency", "months"), [("month", 1), ("quarter", 3),
                                                    ("half-year", 6), ("year", 12)])
def test_instalment_is_monthly_times_months(dkv, kpi, frequency: str, months: int) -> None:  # type: ignore[no-untyped-def]
    b = price(dkv, kpi, PriceRequest(product="topp", age=40, on=IN_FORCE, frequency=frequency))
    assert b.instalment == D(1414) * months


# --- conventions, on the small test tariff (KPI 2023-09 = 400, 2024-09 = 410) ---------------

def _with(tariff: Tariff, **settings: object) -> Tariff:
    """The tariff with some pricing/rounding settings changed (no file needed)."""
    model = tariff.model
    pricing = model.pricing.model_copy(update={k: v for k, v in settings.items()
                                               if k in type(model.pricing).model_fields})
    rounding = model.rounding.model_copy(update={k: v for k, v in settings.items()
                                                 if k in type(model.rounding).model_fields})
    return replace(tariff, model=model.model_copy(update={"pricing": pricing,
                                                          "rounding": rounding}))


ON_2025 = date(2025, 1, 1)


def test_mini_after_loadings_and_surcharge(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """800 × 410/400 = 820; + 25 % = 1025; − 200 = 825.00; yearly 825 × 12 × 1.02 = 10098.00."""
    b = price(mini, mini_kpi, PriceRequest(product="bas", age=30, on=ON_2025, smoker=True,
                                           deductible=500, frequency="year"))
    assert (b.monthly_premium, b.instalment) == (D("825.00"), D("10098.00"))


def test_mini_before_loadings(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """(820 − 200) × 1.25 = 775.00: the discount is loaded too."""
    tariff = _with(mini, deductible_discount="before_loadings")
    b = price(tariff, mini_kpi, PriceRequest(product="bas", age=30, on=ON_2025, smoker=True,
                                             deductible=500))
    assert b.monthly_premium == D("775.00")
    assert [s.step for s in b.steps][-2:] == ["deductible_discount", "smoker_loading"]


def test_mini_loadings_add_or_multiply(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """add: 820 × (1 + 0.25 + 0.50) = 1435.00; multiply: 820 × 1.25 × 1.50 = 1537.50."""
    req = PriceRequest(product="bas", age=30, on=ON_2025, smoker=True, loading_pct=D(50))
    assert price(mini, mini_kpi, req).monthly_premium == D("1435.00")
    multiplied = _with(mini, loadings_combine="multiply")
    assert price(multiplied, mini_kpi, req).monthly_premium == D("1537.50")


def test_mini_half_up_at_both_roundings(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """Plus 16-40: 900 × 410/400 = 922.5 → 923 (half-even: 922).
    + 1.5 % of 923 = 13.845 → 936.845 → 936.85 (half-even: 936.84)."""
    req = PriceRequest(product="plus", age=30, on=ON_2025, loading_pct=D("1.5"))
    assert price(mini, mini_kpi, req).monthly_premium == D("936.85")
    even = _with(mini, mode="half_even")
    # 922 + 1.5 % of 922 = 922 + 13.83 = 935.83
    assert price(even, mini_kpi, req).monthly_premium == D("935.83")


def test_mini_minimum_premium(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """Bas 0-15 = 500 on 2024-09-01; a minimum of 550 lifts it to 550.00."""
    tariff = _with(mini, minimum_monthly_premium=550)
    b = price(tariff, mini_kpi, PriceRequest(product="bas", age=5, on=date(2024, 9, 1)))
    assert b.monthly_premium == D("550.00")
    assert b.steps[-1].step == "minimum_premium"


# --- requests the tariff cannot price --------------------------------------------------------

@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"product": "gold"}, "product", "unknown product 'gold'; dkv-vardforsakring offers "
                                         "bas, plus, topp"),
        ({"age": -1}, "age", "must be 0 or more"),
        ({"on": date(2024, 5, 31)}, "on", "2024-05-31 is before tariff dkv-vardforsakring"),
        ({"deductible": 700}, "deductible", "självrisk 700 is not offered by dkv-vardforsakring; "
                                            "choose 0, 500, 1000"),
        ({"loading_pct": D(-1)}, "loading_pct", "loading must be 0 % or more"),
        ({"age": 121}, "age", "expected an age from 0 to 120 years"),  # dates.MAX_AGE
        ({"referral": True, "deductible": 500}, "referral", "cannot be combined with självrisk"),
        ({"frequency": "week"}, "frequency", "unknown payment frequency 'week'"),
    ],
)
def test_bad_requests(dkv, kpi, change: dict[str, object], field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    req = replace(PriceRequest(product="plus", age=34, on=IN_FORCE), **change)  # type: ignore[arg-type]
    with pytest.raises(InputError) as info:
        price(dkv, kpi, req)
    assert info.value.field == field
    assert message in info.value.message


def test_the_oldest_age_is_priced_in_the_last_bracket(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    """120 (MAX_AGE) is priced, in the open-ended last bracket like 71; 121 is refused."""
    at = [price(dkv, kpi, PriceRequest(product="plus", age=a, on=IN_FORCE)) for a in (71, 120)]
    assert at[0].monthly_premium == at[1].monthly_premium


def test_referral_without_deductible_is_fine(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=IN_FORCE, referral=True))
    assert b.monthly_premium == D("1068.00")


def test_missing_kpi_month_is_never_a_factor_of_one(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KpiMissingError, match="2026-09"):
        price(dkv, kpi, PriceRequest(product="plus", age=34, on=date(2027, 1, 1)))


def test_price_list_matches_price(dkv, kpi) -> None:  # type: ignore[no-untyped-def]
    _factor, table = price_list(dkv, kpi, date(2025, 3, 1))
    assert table["plus"]["31-35"] == D("1085")
    for label in SEED_TABLE:
        for product in PRODUCTS:
            age = ages_of(label)[0]
            b = price(dkv, kpi, PriceRequest(product=product, age=age, on=date(2025, 3, 1)))
            assert b.monthly_premium == table[product][label]


# --- what must always hold ---------------------------------------------------------------------

requests = st.builds(
    PriceRequest,
    product=st.sampled_from(PRODUCTS),
    age=st.integers(min_value=0, max_value=110),
    on=st.dates(min_value=date(2024, 6, 1), max_value=date(2025, 12, 31)),
    deductible=st.sampled_from([0, 500, 1000]),
    smoker=st.booleans(),
    loading_pct=st.decimals(min_value=0, max_value=300, places=2),
    referral=st.just(False),
    frequency=st.sampled_from(["month", "quarter", "half-year", "year"]),
)


@settings(max_examples=300, deadline=None)
@given(req=requests)
def test_steps_add_up_to_the_monthly_premium(dkv, kpi, req: PriceRequest) -> None:  # type: ignore[no-untyped-def]
    b = price(dkv, kpi, req)
    assert sum(s.amount for s in b.steps) == b.monthly_premium
    assert b.steps[-1].subtotal == b.monthly_premium
    assert b.monthly_premium == b.monthly_premium.quantize(D("0.01"))
    assert b.monthly_premium >= 0
    assert b.instalment == b.monthly_premium * b.frequency.months


@settings(max_examples=200, deadline=None)
@given(req=requests)
def test_a_smoker_never_pays_less(dkv, kpi, req: PriceRequest) -> None:  # type: ignore[no-untyped-def]
    non = price(dkv, kpi, replace(req, smoker=False)).monthly_premium
    smoker = price(dkv, kpi, replace(req, smoker=True)).monthly_premium
    assert smoker >= non


@settings(max_examples=200, deadline=None)
@given(req=requests)
def test_a_larger_deductible_never_costs_more(dkv, kpi, req: PriceRequest) -> None:  # type: ignore[no-untyped-def]
    premiums = [price(dkv, kpi, replace(req, deductible=d)).monthly_premium
                for d in (0, 500, 1000)]
    assert premiums == sorted(premiums, reverse=True)


@settings(max_examples=200, deadline=None)
@given(req=requests, extra=st.decimals(min_value=0, max_value=100, places=1))
def test_a_larger_loading_never_costs_less(dkv, kpi, req: PriceRequest, extra: Decimal) -> None:  # type: ignore[no-untyped-def]
    base = price(dkv, kpi, req).monthly_premium
    more = price(dkv, kpi, replace(req, loading_pct=req.loading_pct + extra)).monthly_premium
    assert more >= base


# --- the referral discount (a tariff setting; DKV's is 0) -------------------------------------

def _referral(tariff: Tariff, discount: int, combinable: bool) -> Tariff:
    referral = tariff.model.referral.model_copy(update={
        "monthly_discount": discount, "combinable_with_deductible": combinable})
    return replace(tariff, model=tariff.model.model_copy(update={"referral": referral}))


def test_referral_discount_comes_off_after_the_loadings(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """Bas 16-40 on 2025-01-01: 800 × 410/400 = 820; referral discount 40: 780.00;
    smoker: 820 × 1.25 − 40 = 985.00; with självrisk 500 too: 820 − 200 − 40 = 580.00."""
    tariff = _referral(mini, 40, combinable=True)
    req = PriceRequest(product="bas", age=30, on=ON_2025, referral=True)
    b = price(tariff, mini_kpi, req)
    assert b.monthly_premium == D("780.00")
    assert [(s.step, s.amount) for s in b.steps][-1] == ("referral_discount", D("-40.00"))
    assert price(tariff, mini_kpi, replace(req, smoker=True)).monthly_premium == D("985.00")
    assert price(tariff, mini_kpi, replace(req, deductible=500)).monthly_premium == D("580.00")
    assert price(tariff, mini_kpi, replace(req, referral=False)).monthly_premium == D("820.00")


def test_referral_discount_before_loadings_is_loaded(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """(820 − 40) × 1.25 = 975.00."""
    tariff = _with(_referral(mini, 40, combinable=False), deductible_discount="before_loadings")
    b = price(tariff, mini_kpi, PriceRequest(product="bas", age=30, on=ON_2025, referral=True,
                                             smoker=True))
    assert b.monthly_premium == D("975.00")


def test_a_tariff_without_remisskrav_refuses_it(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    referral = mini.model.referral.model_copy(update={"offered": False})
    tariff = replace(mini, model=mini.model.model_copy(update={"referral": referral}))
    with pytest.raises(InputError, match="does not offer remisskrav"):
        price(tariff, mini_kpi, PriceRequest(product="bas", age=30, on=ON_2025, referral=True))


@pytest.mark.parametrize(("loading", "expected"), [
    # Plus 31-35 on 2024-09-01 (factor 1): 1068 × 0.125 % = 1.335 → 1069.335 → 1069.34
    (D("0.125"), D("1069.34")),
    # 1068 × 0.375 % = 4.005 → 1072.005 → 1072.01 (half-up at the öre)
    (D("0.375"), D("1072.01")),
    # 1068 × 0.0625 % = 0.6675 → 1068.6675 → 1068.67
    (D("0.0625"), D("1068.67")),
])
def test_monthly_premium_rounds_half_up_to_the_ore(dkv, kpi, loading: Decimal,  # type: ignore[no-untyped-def]
                                                   expected: Decimal) -> None:
    b = price(dkv, kpi, PriceRequest(product="plus", age=34, on=IN_FORCE, loading_pct=loading))
    assert b.monthly_premium == expected
    assert b.instalment == expected
    year = price(dkv, kpi, PriceRequest(product="plus", age=34, on=IN_FORCE,
                                        loading_pct=loading, frequency="year"))
    assert year.instalment == expected * 12  # the rounded monthly premium × 12


def test_monthly_premium_to_whole_kronor_when_the_tariff_says_so(mini, mini_kpi) -> None:  # type: ignore[no-untyped-def]
    """Bas 16-40 on 2025-01-01: 820 × 1.125 = 922.50 → 923 (half-up) or 922 (half-even)."""
    req = PriceRequest(product="bas", age=30, on=ON_2025, loading_pct=D("12.5"))
    assert price(_with(mini, monthly_premium="krona"), mini_kpi, req).monthly_premium == 923
    even = _with(mini, monthly_premium="krona", mode="half_even")
    assert price(even, mini_kpi, req).monthly_premium == 922
