"""A household in one quote: `quote household` and its core.

Golden figures from the seed's table (003 lines 1884-1939), pricing on 2025-03-01:
KPI 2024-09 / 2023-09 = 414.57 / 408.05, rounded half-up to whole kronor; smoker +25 %
(1938) of the indexed premium, then the självrisk discount (500 kr: -210, 1936-1937).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from quote.errors import InputError
from quote.household import household_quote, member_from, read_members, split_spec
from quote.indexation import KpiSeries
from quote.tariff import Tariff

from .conftest import Invoke

ON = date(2025, 3, 1)
FAMILY = [
    # 34, 31-35, Plus 1068 × 414.57/408.05 = 1085.06… -> 1085.
    "role=vuxen,id=199005011235,product=plus",
    # 36, 36-40, Plus 1250 × … = 1269.97… -> 1270; × 1.25 = 1587.50; - 210 = 1377.50.
    "role=partner,birth-date=1988-10-10,product=plus,deductible=500,smoker=ja",
    # 9, 0-15, Bas 550 × … = 558.79… -> 559.
    "role=barn,birth-date=2015-06-01,product=bas",
    # 17, 16-20, Bas 807 × … = 819.89… -> 820.
    "role=barn,birth-date=2008-01-01,product=bas",
]
# Household: 1085 + 1377.50 + 559 + 820 = 3841.50 a month; × 12 = 46 098.00 a year.


def test_household_total(dkv: Tariff, kpi: KpiSeries) -> None:
    members = [member_from(split_spec(s), ON, f"person {i}") for i, s in enumerate(FAMILY)]
    house = household_quote(dkv, kpi, members, ON)
    assert [m.monthly for m in house.members] == [
        Decimal("1085.00"), Decimal("1377.50"), Decimal("559.00"), Decimal("820.00")]
    assert house.monthly_total == Decimal("3841.50")
    assert house.yearly_total == Decimal("46098.00")
    # Under 18 (rule book guardian_below_age, seed 2422): the 9- and 17-year-olds.
    assert [m.guardian_signature for m in house.members] == [False, False, True, True]
    assert house.members[0].member.person.masked_id == "19900501-****"


def test_eighteen_needs_no_guardian(dkv: Tariff, kpi: KpiSeries) -> None:
    member = member_from(split_spec("role=barn,birth-date=2007-03-01,product=bas"), ON, "p")
    assert member.person.age == 18
    assert not household_quote(dkv, kpi, [member], ON).members[0].guardian_signature


@pytest.mark.parametrize(("spec", "message"), [
    ("role=x,product=plus", "give birth-date or id"),
    ("role=x,birth-date=1990-01-01,id=199005011235,product=plus", "give birth-date or id"),
    ("role=x,birth-date=1990-02-30,product=plus", "birth-date"),
    ("role=x,id=9005011234,product=plus", "id: not a valid identity number"),
    ("role=x,birth-date=1990-01-01", "no product"),
    ("role=x,birth-date=1990-01-01,product=plus,smoker=kanske", "smoker must be"),
    ("role=x,birth-date=1990-01-01,product=plus,deductible=5e2", "whole kronor"),
    ("role=x,birthdate=1990-01-01,product=plus", "unknown key birthdate"),
    ("role=x,birth-date=2026-01-01,product=plus", "born after"),
    ("role=x,birth-date=0001-01-01,product=plus", "birth-date: gives an age over 120 years"),
    ("role=x,id=19000101-0008,product=plus", "id: gives an age over 120 years"),
])
def test_bad_person(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        member_from(split_spec(spec), ON, "person 1")
    assert "9005011234" not in str(info.value)


def test_control_characters_are_refused() -> None:
    with pytest.raises(InputError, match="control character"):
        split_spec("role=\x1b[2Jx,birth-date=1990-01-01,product=plus")


def test_files_yaml_and_csv(tmp_path: Path) -> None:
    yaml_file = tmp_path / "family.yaml"
    yaml_file.write_text("persons:\n  - {role: vuxen, birth_date: 1990-05-01, product: plus}\n"
                         "  - role: barn\n    birth-date: 2015-06-01\n    product: bas\n"
                         "    smoker: no\n")
    assert [(m.role, m.person.age) for m in read_members(yaml_file, ON)] == [
        ("vuxen", 34), ("barn", 9)]
    csv_file = tmp_path / "family.csv"
    csv_file.write_text("\ufeffrole;birth_date;id;product;deductible;smoker\n"
                        "vuxen;;199005011235;plus;500;nej\nbarn;2015-06-01;;;;\n")
    members = read_members(csv_file, ON, default_product="bas")
    assert [(m.role, m.product, m.deductible) for m in members] == [
        ("vuxen", "plus", 500), ("barn", "bas", 0)]
    bad = tmp_path / "bad.csv"
    bad.write_text("role,birth_date,product\nx,1990-13-01,plus\n")
    with pytest.raises(InputError, match=r"bad.csv:2: birth-date"):
        read_members(bad, ON)


def test_cli(run: Invoke) -> None:
    args = [a for spec in FAMILY for a in ("--person", spec)]
    result = run("household", "--on", "2025-03-01", *args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Hushållet: 3 841,50 kr per månad, 46 098,00 kr per år" in out
    assert out.count("förmyndare skriver under") == 2
    assert "19900501-****" in out and "1235" not in out
    data = json.loads(run("household", "--on", "2025-03-01", *args, "--json").stdout)
    assert data["monthly_total"] == "3841.50" and data["yearly_total"] == "46098.00"
    assert [p["guardian_signature"] for p in data["persons"]] == [False, False, True, True]
    assert data["persons"][0]["id"] == "19900501-****"


def test_cli_bad_input(run: Invoke) -> None:
    result = run("household", "--on", "2025-03-01", "--lang", "en")
    assert result.exit_code == 2 and "give --person" in result.stderr
    result = run("household", "--on", "2025-03-01", "--person",
                 "role=x,birth-date=1990-01-01,product=plus,deductible=500,referral=ja",
                 "--lang", "en")
    assert result.exit_code == 2 and "cannot be combined" in result.stderr
    result = run("household", "--on", "2025-03-01", "--person",
                 "role=x,birth-date=1990-01-01,product=guld", "--lang", "en")
    assert result.exit_code == 2 and "unknown product 'guld'" in result.stderr


def test_over_66_is_priced_and_marked(dkv: Tariff, kpi: KpiSeries) -> None:
    # 75, bracket 71-, Bas 4155 × 414.57 / 408.05 = 4221.39… -> 4221 (the table goes on for
    # renewals); a new application stops at 66 (003 line 269).
    member = member_from(split_spec("role=x,birth-date=1950-01-01,product=bas"), ON, "p")
    priced = household_quote(dkv, kpi, [member], ON).members[0]
    assert priced.monthly == Decimal("4221.00") and priced.too_old_to_apply
