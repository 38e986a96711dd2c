"""`quote price`, `quote compare` and `quote group`, through the core and the CLI, against
tests/oracle.py (`quote renew`: tests/test_renewal_oracle.py).

The oracle is a second implementation written from shared/DOMAIN.md and the seed, with
its own age derivation, exact fractions and its own reading of the tariff and KPI files;
it also says which requests are invalid, and the engine must refuse exactly those.
Dates are drawn from 2024-05 to 2026-12: dates before the tariff, and renewal years whose
September KPI is not in the series, must be refused (the oracle reads the same series, so
the expectation follows the file as months are added).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quote.dates import age_on
from quote.errors import InputError, KpiMissingError
from quote.indexation import KpiSeries, load_kpi
from quote.pricing import PriceRequest, price
from quote.tariff import Tariff, load_tariff

from . import oracle
from .conftest import DKV_PATH, KPI_PATH, MINI_KPI_PATH, MINI_PATH, Invoke

DKV = oracle.seed_settings(KPI_PATH)
SLOW_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


def slow(examples: int) -> settings:
    """Settings for tests that run the CLI or write files: few examples, no deadline."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=SLOW_CHECKS)


# --- the oracle itself, on the source's own numbers --------------------------------------------

def test_the_bundled_tariff_is_the_seed_table() -> None:
    """The shipped YAML, read independently, holds exactly what the seed says."""
    shipped = oracle.yaml_settings(DKV_PATH)
    assert shipped.premiums == DKV.premiums
    assert shipped.brackets == DKV.brackets
    assert shipped.deductibles == DKV.deductibles == {0: 0, 500: 210, 1000: 340}
    assert shipped.smoker_pct == 25
    assert shipped.frequencies == DKV.frequencies
    assert (shipped.effective_from, shipped.base_month) == (date(2024, 6, 1), (2023, 9))
    assert shipped.kpi[(2023, 9)] == Fraction("408.05")


def test_the_oracle_reproduces_domain_examples() -> None:
    # Plus, 33, smoker, självrisk 500 on 2024-09-01 (factor 1): 1068 × 1.25 − 210 = 1125.00
    q = oracle.quote(DKV, product="plus", age=33, on=date(2024, 9, 1), smoker=True,
                     deductible=500, frequency="quarter")
    assert (q.monthly_text, q.instalment_text) == ("1125.00", "3375.00")
    # 2025-03-01: 1068 × 414.57 / 408.05 = 1085.06… → 1085; × 1.25 = 1356.25; − 210
    q = oracle.quote(DKV, product="plus", age=34, on=date(2025, 3, 1), smoker=True,
                     deductible=500)
    assert (q.indexed, q.monthly_text) == (1085, "1146.25")
    # Referral with a självrisk is refused; a date before the tariff too.
    assert oracle.quote(DKV, product="plus", age=34, on=date(2025, 3, 1), referral=True,
                        deductible=500).invalid == {"referral"}
    assert "on" in oracle.quote(DKV, product="plus", age=34, on=date(2024, 5, 31)).invalid


@pytest.mark.parametrize(("birth", "on", "years"), [
    (date(2000, 2, 29), date(2025, 2, 28), 24),  # no 29 February in 2025: not yet
    (date(2000, 2, 29), date(2025, 3, 1), 25),  # … it is 1 March
    (date(2000, 2, 29), date(2024, 2, 29), 24),
    (date(2000, 2, 29), date(2024, 2, 28), 23),
    (date(1958, 6, 15), date(2025, 6, 14), 66),
    (date(1958, 6, 15), date(2025, 6, 15), 67),
])
def test_oracle_ages(birth: date, on: date, years: int) -> None:
    assert oracle.completed_years(birth, on) == years


@settings(max_examples=300, deadline=None)
@given(birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)),
       on=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
def test_the_package_derives_ages_as_the_oracle(birth: date, on: date) -> None:
    if birth > on:
        with pytest.raises(ValueError):
            age_on(birth, on)
    else:
        assert age_on(birth, on) == oracle.completed_years(birth, on)


# --- strategies --------------------------------------------------------------------------------

LEAP_BIRTHS = st.sampled_from([date(1960, 2, 29), date(1992, 2, 29), date(2008, 2, 29),
                               date(2024, 2, 29)])
BIRTHS = st.one_of(st.dates(min_value=date(1925, 1, 1), max_value=date(2026, 12, 31)),
                   LEAP_BIRTHS)
ON = st.dates(min_value=date(2024, 5, 1), max_value=date(2026, 12, 31))
LOADINGS = st.one_of(st.just(Decimal(0)), st.decimals(min_value=0, max_value=300, places=2),
                     st.sampled_from([Decimal("12.5"), Decimal("-5")]))
PRODUCTS = ["bas", "plus", "topp", "gold"]
FREQUENCIES = ["month", "quarter", "half-year", "year", "week"]


def request_args(draw: st.DrawFn, products: list[str], deductibles: list[int],
                 frequencies: list[str]) -> dict[str, Any]:
    return {
        "product": draw(st.sampled_from(products)),
        "on": draw(ON),
        "deductible": draw(st.sampled_from(deductibles)),
        "smoker": draw(st.booleans()),
        "loading": draw(LOADINGS),
        "referral": draw(st.booleans()),
        "frequency": draw(st.sampled_from(frequencies)),
    }


@st.composite
def dkv_requests(draw: st.DrawFn, with_birth: bool) -> dict[str, Any]:
    args = request_args(draw, PRODUCTS, [0, 500, 1000, 700], FREQUENCIES)
    if with_birth and draw(st.booleans()):
        args["birth"] = draw(BIRTHS)
    else:
        args["age"] = draw(st.integers(min_value=-1, max_value=110))
    return args


def expect(s: oracle.Settings, args: dict[str, Any]) -> oracle.Quote:
    return oracle.quote(s, **{**args, "loading": Fraction(args["loading"])})


def core_request(args: dict[str, Any]) -> PriceRequest:
    return PriceRequest(product=args["product"], age=args["age"], on=args["on"],
                        deductible=args["deductible"], smoker=args["smoker"],
                        loading_pct=args["loading"], referral=args["referral"],
                        frequency=args["frequency"])


ENGINE_FIELDS = {"loading_pct": "loading"}


def check_core(tariff: Tariff, kpi: KpiSeries, s: oracle.Settings, args: dict[str, Any]) -> None:
    expected = expect(s, args)
    if expected.invalid:
        with pytest.raises((InputError, KpiMissingError)) as info:
            price(tariff, kpi, core_request(args))
        error = info.value
        field = "kpi" if isinstance(error, KpiMissingError) else \
            ENGINE_FIELDS.get(error.field, error.field)  # type: ignore[union-attr]
        assert field in expected.invalid
        return
    b = price(tariff, kpi, core_request(args))
    assert b.bracket.label == expected.bracket
    assert Fraction(b.indexed_table_premium) == expected.indexed
    assert Fraction(b.monthly_premium) == expected.monthly
    assert Fraction(b.instalment) == expected.instalment
    assert sum(step.amount for step in b.steps) == b.monthly_premium


# --- quote price: the core ---------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(args=dkv_requests(with_birth=False))
def test_core_price_is_the_oracles(dkv: Tariff, kpi: KpiSeries, args: dict[str, Any]) -> None:
    check_core(dkv, kpi, DKV, args)


# --- quote price: the command ------------------------------------------------------------------

CLI_MARKERS = {"product": "--product", "age": "--age", "birth_date": "--birth-date",
               "on": "--on", "deductible": "--deductible", "loading": "--loading",
               "referral": "--referral", "frequency": "--frequency", "kpi": "quote kpi fetch"}


def cli_args(args: dict[str, Any]) -> list[str]:
    argv = ["price", "--product", args["product"], "--on", args["on"].isoformat(),
            "--deductible", str(args["deductible"]), "--loading", str(args["loading"]),
            "--frequency", args["frequency"], "--json"]
    argv += ["--birth-date", args["birth"].isoformat()] if "birth" in args else \
        ["--age", str(args["age"])]
    return argv + ["--smoker"] * args["smoker"] + ["--referral"] * args["referral"]


@slow(120)
@given(args=dkv_requests(with_birth=True))
def test_cli_price_is_the_oracles(run: Invoke, args: dict[str, Any]) -> None:
    expected = expect(DKV, args)
    result = run(*cli_args(args))
    if expected.invalid:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert any(CLI_MARKERS[r] in result.stderr for r in expected.invalid), result.stderr
        return
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["age"] == expected.age  # the CLI's own age derivation, checked
    assert data["bracket"] == expected.bracket
    assert data["monthly_premium"] == expected.monthly_text
    assert data["instalment"] == expected.instalment_text


# --- tariffs with other settings ---------------------------------------------------------------

Variant = tuple[str, str, str, int, str, int, bool, str, str, str, str]
VARIANTS = st.tuples(
    st.sampled_from(["half_up", "half_even"]), st.sampled_from(["add", "multiply"]),
    st.sampled_from(["after_loadings", "before_loadings"]), st.sampled_from([0, 290]),
    st.sampled_from(["0", "2", "2.5"]), st.sampled_from([0, 30]), st.booleans(),
    st.sampled_from(["krona", "ore"]), st.sampled_from(["ore", "krona"]),
    st.sampled_from(["ore", "krona"]), st.sampled_from(["mini", "falling"]),
)


def falling_series(path: Path) -> Path:
    """Monthly 2023-09 … 2025-09 on DKV's base, September 2025 below September 2023."""
    lines = ["month,kpi"]
    month = (2023, 9)
    while month <= (2025, 9):
        value = {(2023, 9): "408.05", (2024, 9): "414.57", (2025, 9): "401.23"}.get(
            month, f"{410 + month[1] / 10:.2f}")
        lines.append(f"{month[0]}-{month[1]:02d},{value}")
        month = (month[0] + 1, 1) if month[1] == 12 else (month[0], month[1] + 1)
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def variant_of(tmp_path_factory: pytest.TempPathFactory
               ) -> Callable[[Variant], tuple[Tariff, KpiSeries, oracle.Settings]]:
    """Tariff files like tests/fixtures/tariffs/valid.yaml with other settings, cached."""
    folder = tmp_path_factory.mktemp("variants")
    series = {"mini": MINI_KPI_PATH, "falling": falling_series(folder / "falling.csv")}
    cache: dict[Variant, tuple[Tariff, KpiSeries, oracle.Settings]] = {}

    def make(v: Variant) -> tuple[Tariff, KpiSeries, oracle.Settings]:
        if v not in cache:
            (mode, combine, order, minimum, surcharge, referral_discount, combinable,
             indexed_unit, monthly_unit, instalment_unit, kpi_name) = v
            data = yaml.safe_load(MINI_PATH.read_text(encoding="utf-8"))
            data["pricing"] = {"loadings_combine": combine, "deductible_discount": order,
                               "minimum_monthly_premium": minimum}
            data["rounding"] = {"mode": mode, "indexed_table_premium": indexed_unit,
                                "monthly_premium": monthly_unit, "instalment": instalment_unit}
            data["referral"] = {"offered": True, "monthly_discount": referral_discount,
                                "combinable_with_deductible": combinable}
            data["payment_frequencies"]["year"]["surcharge_pct"] = surcharge
            data["payment_frequencies"]["quarter"] = {"label": "Kvartal", "months": 3,
                                                      "surcharge_pct": "1.5"}
            data["indexation"]["series"] = str(series[kpi_name])
            path = folder / f"variant-{len(cache)}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            tariff = load_tariff(path)
            cache[v] = (tariff, load_kpi(series[kpi_name]), oracle.yaml_settings(path))
        return cache[v]

    return make


@st.composite
def mini_requests(draw: st.DrawFn) -> dict[str, Any]:
    args = request_args(draw, ["bas", "plus", "gold"], [0, 500, 1000],
                        ["month", "quarter", "year", "half-year"])
    args["age"] = draw(st.integers(min_value=0, max_value=90))
    return args


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant=VARIANTS, args=mini_requests())
def test_other_settings_are_the_oracles(variant_of: Callable[[Variant], Any], variant: Variant,
                                        args: dict[str, Any]) -> None:
    tariff, kpi, s = variant_of(variant)
    check_core(tariff, kpi, s, args)


@slow(30)
@given(variant=VARIANTS, args=mini_requests())
def test_cli_price_with_other_settings_is_the_oracles(
        run: Invoke, variant_of: Callable[[Variant], Any], variant: Variant,
        args: dict[str, Any]) -> None:
    tariff, _kpi, s = variant_of(variant)
    expected = expect(s, args)
    result = run(*cli_args(args), "--tariff", str(tariff.path))
    if expected.invalid:
        assert result.exit_code == 2, result.output
        assert any(CLI_MARKERS[r] in result.stderr for r in expected.invalid), result.stderr
        return
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["monthly_premium"], data["instalment"]) == (expected.monthly_text,
                                                             expected.instalment_text)


def test_half_even_minimum_surcharge_and_multiplied_loadings(
        variant_of: Callable[[Variant], Any]) -> None:
    """Worked by hand on the mini tariff (KPI 2023-09 = 400, 2024-09 = 410), 2025-01-01.

    half_even, multiply, discount before loadings, minimum 290, year surcharge 2.5 %,
    referral discount 30: Bas 0-15: 500 × 410/400 = 512.5 → 512 (half-even);
    (512 − 30) × 1.25 × 1.10 = 662.75; yearly 662.75 × 12 × 1.025 = 8151.825 → 8151.82.
    """
    tariff, kpi, s = variant_of(("half_even", "multiply", "before_loadings", 290, "2.5", 30,
                                 False, "krona", "ore", "ore", "mini"))
    b = price(tariff, kpi, PriceRequest(product="bas", age=5, on=date(2025, 1, 1), smoker=True,
                                        loading_pct=Decimal(10), referral=True,
                                        frequency="year"))
    assert (b.indexed_table_premium, b.monthly_premium, b.instalment) == (
        Decimal(512), Decimal("662.75"), Decimal("8151.82"))
    q = oracle.quote(s, product="bas", age=5, on=date(2025, 1, 1), smoker=True,
                     loading=Fraction(10), referral=True, frequency="year")
    assert (q.monthly_text, q.instalment_text) == ("662.75", "8151.82")
    # The minimum: after loadings, no loading, 512 − 200 − 30 = 282 → lifted to 290.00.
    tariff, kpi, s = variant_of(("half_even", "add", "after_loadings", 290, "0", 30, True,
                                 "krona", "ore", "ore", "mini"))
    b = price(tariff, kpi, PriceRequest(product="bas", age=5, on=date(2025, 1, 1),
                                        deductible=500, referral=True))
    assert b.monthly_premium == Decimal("290.00")
    assert [s.step for s in b.steps][-3:] == ["deductible_discount", "referral_discount",
                                             "minimum_premium"]


# --- quote compare and quote group: the broker's desk ------------------------------------------

PERSON_FAULTS = {"birth_date", "on", "kpi"}  # refuse the whole command, not one option


@slow(25)
@given(birth=BIRTHS, on=ON, smoker=st.booleans())
def test_cli_compare_is_the_oracles(run: Invoke, birth: date, on: date, smoker: bool) -> None:
    """Every product × självrisk × remisskrav for one person: each offered option's premium
    and yearly cost as the oracle prices it, each forbidden one not offered."""
    result = run("compare", "--birth-date", birth.isoformat(), "--on", on.isoformat(),
                 "--json", *(["--smoker"] if smoker else []))
    probe = oracle.quote(DKV, product="bas", on=on, birth=birth, smoker=smoker)
    if probe.invalid & PERSON_FAULTS:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        return
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["person"]["age"] == probe.age
    seen = set()
    for option in data["options"]:
        key = (option["product"], option["deductible"], option["referral"])
        seen.add(key)
        expected = oracle.quote(DKV, product=key[0], on=on, birth=birth, deductible=key[1],
                                smoker=smoker, referral=key[2], frequency="year")
        if expected.invalid:
            assert expected.invalid == {"referral"} and not option["offered"], option
            continue
        assert option["offered"], option
        assert option["monthly_premium"] == expected.monthly_text
        assert option["yearly"] == expected.instalment_text
    assert seen == set(itertools.product(DKV.premiums, DKV.deductibles, (False, True)))


def half_up_ore(value: Fraction) -> Fraction:
    return oracle.round_fraction(value, Fraction(1, 100), "half_up")


GROUP_PEOPLE = st.lists(st.tuples(BIRTHS, st.sampled_from(["bas", "plus", "topp"]),
                                  st.booleans()), min_size=1, max_size=9)


@slow(20)
@given(on=st.dates(min_value=date(2024, 6, 1), max_value=date(2026, 12, 31)),
       people=GROUP_PEOPLE)
def test_cli_group_is_the_oracles(run: Invoke, tmp_path_factory: pytest.TempPathFactory,
                                  on: date, people: list[tuple[date, str, bool]]) -> None:
    """A company's employees: ages 16-66 at the start are quoted, others rejected; fewer
    than five quoted refuse the group (exit 1). Per employee the premium is the oracle's,
    the taxable benefit 60 % of it and the social charges 31.42 % of that, each half-up to
    whole öre (DOMAIN.md, collective agreements), the employer's cost the premium plus the
    charges, a year twelve months."""
    path = tmp_path_factory.mktemp("group") / "staff.csv"
    lines = ["name,birth_date,product,smoker"] + [
        f"E{i},{born.isoformat()},{product},{'ja' if smokes else 'nej'}"
        for i, (born, product, smokes) in enumerate(people)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("group", str(path), "--on", on.isoformat(), "--json")
    quoted = {}
    for i, (born, product, smokes) in enumerate(people):
        if born <= on and 16 <= oracle.completed_years(born, on) <= 66:
            quoted[f"E{i}"] = oracle.quote(DKV, product=product, on=on, birth=born,
                                           smoker=smokes)
    assert result.exit_code == (0 if len(quoted) >= 5 else 1), result.output
    data = json.loads(result.stdout)
    assert data["refused"] == (len(quoted) < 5)
    assert len(data["rejected"]) == len(people) - len(quoted)
    if data["refused"]:
        assert data["employees"] == []
        return
    total = Fraction(0)
    for employee in data["employees"]:
        expected = quoted.pop(employee["name"])
        benefit = half_up_ore(expected.monthly * Fraction(60, 100))
        charges = half_up_ore(benefit * Fraction(3142, 10000))
        assert employee["age"] == expected.age
        assert employee["premium_monthly"] == expected.monthly_text
        assert employee["benefit_monthly"] == oracle.money(benefit)
        assert employee["social_charges_monthly"] == oracle.money(charges)
        assert employee["employer_monthly"] == oracle.money(expected.monthly + charges)
        assert employee["employer_yearly"] == oracle.money(12 * (expected.monthly + charges))
        total += expected.monthly
    assert not quoted  # every employee the oracle quotes is in the output
    assert data["totals"]["premium_monthly"] == oracle.money(total)
