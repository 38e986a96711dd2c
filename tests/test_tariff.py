"""Loading tariff files: the bundled one is valid; each broken fixture fails at its line."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from quote.errors import TariffError
from quote.tariff import Bracket, load_tariff, percentage_in_range

from .conftest import DKV_PATH, FIXTURES

BROKEN = FIXTURES / "tariffs"


def test_bundled_tariff_loads(dkv) -> None:  # type: ignore[no-untyped-def]
    model = dkv.model
    assert model.id == "dkv-vardforsakring"
    assert str(model.effective_from) == "2024-06-01"
    assert str(model.indexation.base_month) == "2023-09"
    assert model.indexation.reference_month == 9
    assert dkv.brackets[0].label == "0-15"
    assert dkv.brackets[-1] == Bracket("71-", 71, None)
    assert sum(len(p.premiums) for p in model.products.values()) == 39
    assert {d.amount: d.monthly_discount for d in model.deductibles} == {0: 0, 500: 210, 1000: 340}
    assert model.smoker.loading_pct == 25
    assert {k: f.months for k, f in model.payment_frequencies.items()} == {
        "month": 1, "quarter": 3, "half-year": 6, "year": 12}
    assert "psychology" in model.products["topp"].moments
    assert "psychology" not in model.products["plus"].moments
    assert len(dkv.sha256) == 64


# (fixture, the exact problem lines it must produce)
CASES = [
    ("syntax-error", ["24: YAML syntax error: expected ',' or ']', but got ':' "
                      "(while parsing a flow sequence started on line 23)"]),
    ("duplicate-key", ["20: duplicate key '16-40' (first defined on line 19)"]),
    ("unknown-field", ["9: unknown field 'colour'"]),
    ("missing-field", ["2: missing field 'insurer'"]),
    ("premium-fraction", ["19: products.bas.premiums.16-40: premium must be a positive whole "
                          "number of kronor, got 800.5"]),
    ("premium-zero", ["26: products.plus.premiums.0-15: premium must be a positive whole number "
                      "of kronor, got 0"]),
    ("premium-text", ["20: products.bas.premiums.41-66: premium must be a positive whole number "
                      "of kronor, got 'lots'"]),
    ("bad-month", ["52: indexation.base_month: month must be 01 to 12, got 13"]),
    ("impossible-date", ["7: effective_from: '2024-02-30' is not a real calendar date"]),
    ("bad-rounding-mode", ["46: rounding.mode: Input should be 'half_up' or 'half_even'"]),
    ("negative-smoker-loading", ["36: smoker.loading_pct: must be a percentage of 0 or more, "
                                 "got -5"]),
    ("unknown-moment", ["24: products.plus.moments: unknown moment 'dental' (not under "
                        "moments:)"]),
    ("product-missing-bracket", ["25: products.plus.premiums: no premium for bracket 41-66"]),
    ("product-unknown-bracket", ["29: products.plus.premiums.41-70: 41-70 is not one of the "
                                 "brackets"]),
    ("discount-too-large", ["34: deductibles: the discount 500 for självrisk 500 would push bas "
                            "0-15 (500 kr) to 0 or below"]),
    ("bracket-gap", ["9: brackets: gap between 0-15 and 17-40 (ages 16-16 have no bracket)"]),
    ("bracket-overlap", ["9: brackets: 15-40 overlaps 0-15"]),
    ("bracket-start", ["9: brackets: the first bracket must start at age 0, 1-15 starts at 1"]),
    ("bracket-closed", ["9: brackets: the last bracket must be open-ended (e.g. 100-), not "
                        "67-99"]),
    ("many-errors", [
        "9: unknown field 'colour'",
        "20: products.bas.premiums.16-40: premium must be a positive whole number of kronor, "
        "got 800.5",
        "21: products.bas.premiums.41-66: premium must be a positive whole number of kronor, "
        "got 'lots'",
        "53: indexation.base_month: month must be 01 to 12, got 13",
    ]),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_fixture_is_reported_at_its_line(name: str, expected: list[str]) -> None:
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(TariffError) as info:
        load_tariff(path)
    reported = [str(p) for p in info.value.problems if p.severity == "error"]
    wanted = [f"{path}:{line}" for line in expected]
    if name.startswith("bracket-"):
        # A bracket fixture also (rightly) reports the premiums keyed by the old label.
        assert reported[0] == wanted[0]
        assert all(re.search(r":\d+: (brackets|products)", r) for r in reported)
    else:
        assert reported == wanted


def test_every_error_of_a_file_is_reported_not_just_the_first() -> None:
    with pytest.raises(TariffError) as info:
        load_tariff(BROKEN / "many-errors.yaml")
    assert len(info.value.problems) == 4
    assert str(info.value).count("many-errors.yaml:") == 4


def test_a_falling_premium_is_a_warning_not_an_error() -> None:
    tariff = load_tariff(BROKEN / "falling-premium.yaml")
    assert tariff.model.products["bas"].premiums["67-"] == 1100


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TariffError, match=r"nope\.yaml: tariff file not found"):
        load_tariff(tmp_path / "nope.yaml")


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n")
    with pytest.raises(TariffError, match=r"list\.yaml:1: a tariff file must be a YAML mapping"):
        load_tariff(path)


def test_bundled_file_is_the_source_table() -> None:
    """The shipped file says where its numbers come from."""
    text = DKV_PATH.read_text(encoding="utf-8")
    assert "003_644d41b70766cb4e.txt lines 1884-1939" in text


PREMIUM = "products.plus.premiums.31-35"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("31-35: 1068", "31-35: 1" + "0" * 40, f"{PREMIUM}: at most 1,000,000 kr"),
    ("31-35: 1068", "31-35: 1.0e+5000", f"{PREMIUM}: at most 1,000,000 kr"),
    ("loading_pct: 25", "loading_pct: 1.0e30",
     "smoker.loading_pct: a percentage from 0 to 1,000 with at most 4 decimals"),
    ("minimum_monthly_premium: 0", "minimum_monthly_premium: 1000001",
     "pricing.minimum_monthly_premium: at most 1,000,000 kr"),
    ("effective_from: 2024-06-01", "effective_from: 2024-06-01 10:00:00",
     "effective_from: expected a date YYYY-MM-DD, not a timestamp"),
])
def test_numbers_out_of_range_are_refused_at_their_line(tmp_path: Path, old: str, new: str,
                                                        message: str) -> None:
    text = DKV_PATH.read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TariffError) as info:
        load_tariff(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:{line}: {message}"]


def test_percentage_range() -> None:
    assert percentage_in_range(Decimal("1000")) and percentage_in_range(Decimal("12.5"))
    assert not percentage_in_range(Decimal("1000.01"))
    assert not percentage_in_range(Decimal("12.12345"))
    assert not percentage_in_range(Decimal("-1")) and not percentage_in_range(Decimal("Inf"))
