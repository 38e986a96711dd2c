"""An independent reference implementation of the premium, for tests to compare against.

Written from shared/DOMAIN.md and the seed (shared/seeds/003_644d41b70766cb4e.txt lines
1884-1939), not from ``quote/``: nothing here imports the package. It reads a KPI series
with the csv module and a tariff's settings with ``yaml.safe_load``, computes with exact
fractions (no Decimal context, no shared rounding helper), derives ages its own way, and
says which requests are invalid and why, so a test can demand that the engine refuses
exactly those.

The rules, in the order DOMAIN.md gives them:

- the table premium of the product for the age bracket (whole years completed on the
  pricing date; someone born on 29 February completes a year on 1 March);
- × KPI(September of the year before the pricing date) / KPI(September 2023 = 408.05),
  rounded to whole kronor (the tariff's ``indexed_table_premium`` unit);
- loadings (smoker 25 % and an underwriting %) as percentages of the indexed premium,
  added together (or multiplied, a tariff setting);
- minus the flat självrisk discount (210 kr for 500, 340 kr for 1000) and a referral
  discount if the tariff declares one, after the loadings (or before, a setting);
- never below the tariff's minimum; rounded to whole öre (half-up unless the tariff says
  half-even);
- the instalment: monthly × months in the period, plus the period's surcharge %, rounded.

Invalid: an unknown product, a negative age or a birth after the pricing date, a date
before the tariff is in force, a självrisk or frequency not offered, a negative loading,
remisskrav combined with a självrisk, a KPI month missing from the series.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

# The seed's premium table (lines 1887-1933), typed in by hand: bracket -> (Bas, Plus, Topp).
SEED_TABLE: dict[str, tuple[int, int, int]] = {
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
SEED_PRODUCTS = ("bas", "plus", "topp")
# "Vid val av självrisk 500 kr ges ett avdrag på 210 kr per månad ..." (1936-1937)
SEED_DEDUCTIBLES = {0: 0, 500: 210, 1000: 340}
SEED_SMOKER_PCT = 25  # "Rökning ökar premien med 25%" (1938)
# Autogiro monthly, quarterly, half-yearly, yearly (2055-2062); no surcharge (DOMAIN.md).
SEED_FREQUENCIES = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}

# Reject codes of `quote renew` for each kind of invalid request.
RENEW_REASONS = {"product": "unknown_product", "deductible": "deductible_not_offered",
                 "loading": "negative_loading", "on": "before_tariff", "kpi": "kpi_missing",
                 "birth_date": "birth_after_renewal", "smoker": "bad_boolean",
                 "number": "bad_number", "date": "bad_date"}
TRUE_WORDS = {"true", "1", "yes", "ja"}  # README: true/false, 1/0, yes/no or ja/nej, any case
FALSE_WORDS = {"false", "0", "no", "nej"}


def read_kpi(path: Path) -> dict[tuple[int, int], Fraction]:
    """A KPI series file (``month,kpi`` lines, ``#`` comments) as {(year, month): value}."""
    values: dict[tuple[int, int], Fraction] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for cells in csv.reader(handle):
            if not cells or cells[0].lstrip().startswith("#") or cells[0].strip() == "month":
                continue
            year, month = cells[0].strip().split("-")
            values[(int(year), int(month))] = Fraction(cells[1].strip())
    return values


def completed_years(birth: date, on: date) -> int:
    """Whole years completed on ``on``, counted from the birthday in ``on``'s year.

    A 29 February birthday falls on 1 March in a year without that day.
    """
    if birth.month == 2 and birth.day == 29 and not _leap(on.year):
        anniversary = date(on.year, 3, 1)
    else:
        anniversary = date(on.year, birth.month, birth.day)
    return on.year - birth.year - (1 if on < anniversary else 0)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def round_fraction(value: Fraction, unit: Fraction, mode: str) -> Fraction:
    """Round to a whole ``unit``; a half goes away from zero (half_up) or to even."""
    sign = -1 if value < 0 else 1
    q = abs(value) / unit
    whole = q.numerator // q.denominator
    rest = q - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and (mode == "half_up" or whole % 2)):
        whole += 1
    return sign * whole * unit


UNIT = {"krona": Fraction(1), "ore": Fraction(1, 100)}


@dataclass(frozen=True)
class Settings:
    """Everything the oracle needs from a tariff, read independently of ``quote``."""

    effective_from: date
    brackets: tuple[tuple[str, int, int | None], ...]
    premiums: dict[str, dict[str, int]]
    deductibles: dict[int, int]
    smoker_pct: Fraction
    referral_offered: bool = True
    referral_discount: int = 0
    referral_with_deductible: bool = False
    loadings_combine: str = "add"
    discount_order: str = "after_loadings"
    minimum: int = 0
    mode: str = "half_up"
    indexed_unit: str = "krona"
    monthly_unit: str = "ore"
    instalment_unit: str = "ore"
    base_month: tuple[int, int] = (2023, 9)
    reference_month: int = 9
    year_offset: int = -1
    frequencies: dict[str, tuple[int, Fraction]] = field(default_factory=dict)
    kpi: dict[tuple[int, int], Fraction] = field(default_factory=dict)

    def bracket(self, age: int) -> str:
        for label, low, high in self.brackets:
            if low <= age and (high is None or age <= high):
                return label
        raise AssertionError(f"no bracket for {age}")

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _bracket(label: str) -> tuple[str, int, int | None]:
    low, _, high = label.partition("-")
    return label, int(low), int(high) if high else None


def seed_settings(kpi_path: Path) -> Settings:
    """The bundled DKV tariff as DOMAIN.md describes it: the seed's table, in force from
    2024-06-01, priced at KPI September 2023, with the series read from ``kpi_path``."""
    return Settings(
        effective_from=date(2024, 6, 1),
        brackets=tuple(_bracket(label) for label in SEED_TABLE),
        premiums={p: {label: row[i] for label, row in SEED_TABLE.items()}
                  for i, p in enumerate(SEED_PRODUCTS)},
        deductibles=dict(SEED_DEDUCTIBLES),
        smoker_pct=Fraction(SEED_SMOKER_PCT),
        frequencies={name: (months, Fraction(0)) for name, months in SEED_FREQUENCIES.items()},
        kpi=read_kpi(kpi_path),
    )


def yaml_settings(path: Path, kpi_path: Path | None = None) -> Settings:
    """A tariff file's settings read with ``yaml.safe_load`` (and its KPI series)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    eff = data["effective_from"]
    eff = eff if isinstance(eff, date) else date.fromisoformat(str(eff))
    idx = data["indexation"]
    base_year, base_month = str(idx["base_month"]).split("-")
    pricing, rounding, referral = data["pricing"], data["rounding"], data["referral"]
    return Settings(
        effective_from=eff,
        brackets=tuple(_bracket(label) for label in data["brackets"]),
        premiums={pid: {str(k): int(v) for k, v in p["premiums"].items()}
                  for pid, p in data["products"].items()},
        deductibles={int(d["amount"]): int(d["monthly_discount"]) for d in data["deductibles"]},
        smoker_pct=Fraction(str(data["smoker"]["loading_pct"])),
        referral_offered=bool(referral["offered"]),
        referral_discount=int(referral.get("monthly_discount", 0)),
        referral_with_deductible=bool(referral["combinable_with_deductible"]),
        loadings_combine=pricing["loadings_combine"],
        discount_order=pricing["deductible_discount"],
        minimum=int(pricing.get("minimum_monthly_premium", 0)),
        mode=rounding["mode"],
        indexed_unit=rounding["indexed_table_premium"],
        monthly_unit=rounding["monthly_premium"],
        instalment_unit=rounding["instalment"],
        base_month=(int(base_year), int(base_month)),
        reference_month=int(idx["reference_month"]),
        year_offset=int(idx["reference_year_offset"]),
        frequencies={name: (int(f["months"]), Fraction(str(f.get("surcharge_pct", 0))))
                     for name, f in data["payment_frequencies"].items()},
        kpi=read_kpi(kpi_path or path.parent / idx["series"]),
    )


@dataclass(frozen=True)
class Quote:
    """What the oracle expects: or ``invalid`` naming every reason a request is refused."""

    invalid: frozenset[str] = frozenset()
    age: int | None = None
    bracket: str | None = None
    indexed: Fraction | None = None
    monthly: Fraction | None = None
    instalment: Fraction | None = None
    factor: Fraction | None = None

    @property
    def ok(self) -> bool:
        return not self.invalid

    @property
    def monthly_text(self) -> str:
        assert self.monthly is not None
        return money(self.monthly)

    @property
    def instalment_text(self) -> str:
        assert self.instalment is not None
        return money(self.instalment)


def money(value: Fraction) -> str:
    """A whole-öre amount as ``1068.00`` (value must already be whole öre)."""
    ore = value * 100
    assert ore.denominator == 1, value
    whole, cents = divmod(abs(ore.numerator), 100)
    return f"{'-' if ore < 0 else ''}{whole}.{cents:02d}"


def quote(s: Settings, *, product: str, on: date, age: int | None = None,
          birth: date | None = None, deductible: int = 0, smoker: bool = False,
          loading: Fraction = Fraction(0), referral: bool = False,
          frequency: str = "month") -> Quote:
    """The premium the rules give, or every reason the request is invalid."""
    invalid: set[str] = set()
    if birth is not None:
        if birth > on:
            invalid.add("birth_date")
        else:
            age = completed_years(birth, on)
    if age is not None and age < 0:
        invalid.add("age")
    if product not in s.premiums:
        invalid.add("product")
    if on < s.effective_from:
        invalid.add("on")
    if deductible not in s.deductibles:
        invalid.add("deductible")
    if loading < 0:
        invalid.add("loading")
    if referral and (not s.referral_offered or (deductible and not s.referral_with_deductible)):
        invalid.add("referral")
    if frequency not in s.frequencies:
        invalid.add("frequency")
    reference = (on.year + s.year_offset, s.reference_month)
    if reference not in s.kpi or s.base_month not in s.kpi:
        invalid.add("kpi")
    if invalid:
        return Quote(invalid=frozenset(invalid))
    assert age is not None
    bracket = s.bracket(age)
    factor = s.kpi[reference] / s.kpi[s.base_month]
    indexed = round_fraction(s.premiums[product][bracket] * factor, UNIT[s.indexed_unit], s.mode)
    rates = [s.smoker_pct] if smoker else []
    if loading:
        rates.append(loading)
    discount = Fraction(s.deductibles[deductible])
    if referral:
        discount += s.referral_discount

    def loaded(amount: Fraction) -> Fraction:
        if s.loadings_combine == "add":
            return amount * (1 + sum(rates, Fraction(0)) / 100)
        for rate in rates:
            amount *= 1 + rate / 100
        return amount

    if s.discount_order == "after_loadings":
        value = loaded(indexed) - discount
    else:
        value = loaded(indexed - discount)
    value = max(value, Fraction(s.minimum))
    monthly = round_fraction(value, UNIT[s.monthly_unit], s.mode)
    months, surcharge = s.frequencies[frequency]
    instalment = round_fraction(monthly * months * (1 + surcharge / 100),
                                UNIT[s.instalment_unit], s.mode)
    return Quote(age=age, bracket=bracket, indexed=indexed, monthly=monthly,
                 instalment=instalment, factor=factor)


def renewal(s: Settings, row: dict[str, str], on: date | None = None) -> Quote:
    """A book row as `quote renew` should see it: the invalid set holds renew's reason codes.

    Row fields are text as in a CSV book: ``product``, ``birth_date``, ``renewal_date``
    (unless ``on``), ``deductible``, ``smoker``, ``loading_pct`` (empty = 0).
    """
    birth = _iso(row["birth_date"])
    when = on or _iso(row["renewal_date"])
    if birth is None or when is None:
        return Quote(invalid=frozenset({"bad_date"}))
    reasons: set[str] = set()
    smoker_text = row["smoker"].strip().lower()
    if smoker_text not in TRUE_WORDS | FALSE_WORDS:
        reasons.add("bad_boolean")
    deductible = _fraction(row["deductible"])
    loading = _fraction(row.get("loading_pct", "") or "0")
    if deductible is None or deductible.denominator != 1 or loading is None:
        reasons.add("bad_number")
    # Every other reason too: the engine may find any one of them first.
    result = quote(s, product=row["product"].strip().lower(), on=when, birth=birth,
                   deductible=int(deductible) if deductible is not None and
                   deductible.denominator == 1 else 0,
                   smoker=smoker_text in TRUE_WORDS, loading=loading or Fraction(0))
    reasons |= {RENEW_REASONS[r] for r in result.invalid}
    return Quote(invalid=frozenset(reasons)) if reasons else result


def _iso(text: str) -> date | None:
    try:
        parts = text.strip().split("-")
        if len(parts) != 3 or len(parts[0]) != 4:
            return None
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _fraction(text: str) -> Fraction | None:
    try:
        return Fraction(text.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return None
