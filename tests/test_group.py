"""The collective agreement (13.00.02): `quote group` and its core.

Golden figures: the seed's individual table (003 lines 1884-1939), pricing on 2025-03-01,
indexed by KPI 2024-09 / 2023-09 = 414.57 / 408.05 and rounded half-up to whole kronor.
The taxable benefit is 60 % of the premium (line 297), half-up to öre; the employer's
social charges are 31.42 % of the benefit, half-up to öre; employer's monthly cost =
premium + social charges; yearly = 12 × monthly.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quote.employees import Row, read_rows
from quote.group import (
    ALIASES,
    GroupQuote,
    GroupSettings,
    benefit,
    cover_ends,
    group_quote,
    social_charges,
)
from quote.indexation import KpiSeries
from quote.tariff import Tariff

from .conftest import DKV_PATH, FIXTURES, Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

GROUP = FIXTURES / "group"
ON = date(2025, 3, 1)

# twelve.csv (Excel export: `;`, BOM, CRLF), ages on 2025-03-01 and the indexed premium:
#  Anna    19900501-1235 34 plus 31-35 1068 × 414.57/408.05 = 1085.06… -> 1085
#  Bo      1985-02-28    40 bas  36-40 1061 × … = 1077.95… -> 1078
#  Cecilia 1975-07-07    49 plus 46-50 1651 × … = 1677.38… -> 1677
#  David   1960-01-01    65 topp 61-65 3189 × … = 3239.96… -> 3240
#  Eva     2001-12-31    23 plus 21-25  995 × … = 1010.90… -> 1011
#  Filip   2009-02-28    16 plus 16-20  952 × … =  967.21… ->  967
#  Gun     1970-03-01    55 bas  51-55 1722 × … = 1749.51… -> 1750
#  Hans    1980-09-15    44 topp 41-45 1546 × … = 1570.70… -> 1571
#  Ida     1995-11-11    29 bas  26-30  849 × … =  862.57… ->  863
#  Jon     1966-06-30    58 plus 56-60 2514 × … = 2554.17… -> 2554
#  Karin   1958-04-02    66 plus 66-70 3898 × … = 3960.28… -> 3960
#  Leo     2009-03-02    15 (turns 16 the day after the start): rejected, too young
# Premiums: 1085 + 1078 + 1677 + 3240 + 1011 + 967 + 1750 + 1571 + 863 + 2554 + 3960
#         = 19 756 kr a month.
# Benefit 60 %: 651.00 + 646.80 + 1006.20 + 1944.00 + 606.60 + 580.20 + 1050.00 + 942.60
#         + 517.80 + 1532.40 + 2376.00 = 11 853.60 kr a month.
# Social charges 31.42 % of each benefit, to öre: 204.54 + 203.22 + 316.15 + 610.80
#         + 190.59 + 182.30 + 329.91 + 296.16 + 162.69 + 481.48 + 746.54 = 3 724.38.
# Employer: 19 756 + 3 724.38 = 23 480.38 a month; × 12 = 281 764.56 a year.


def _twelve(dkv: Tariff, kpi: KpiSeries, settings: GroupSettings | None = None) -> GroupQuote:
    rows = read_rows(GROUP / "twelve.csv", ALIASES, "employees")
    return group_quote(dkv, kpi, rows, ON, settings or GroupSettings())


def test_twelve_with_one_fifteen_year_old(dkv: Tariff, kpi: KpiSeries) -> None:
    quote = _twelve(dkv, kpi)
    assert not quote.refused and quote.rows == 12
    assert [(r.line, r.code, r.values) for r in quote.rejected] == [
        (13, "too_young", {"age": "15", "minimum": "16"})]
    assert [e.premium_monthly for e in quote.employees] == [
        Decimal(x) for x in (1085, 1078, 1677, 3240, 1011, 967, 1750, 1571, 863, 2554, 3960)]
    totals = quote.totals
    assert totals.employees == 11
    assert totals.premium_monthly == Decimal("19756")
    assert totals.benefit_monthly == Decimal("11853.60")
    assert totals.social_charges_monthly == Decimal("3724.38")
    assert totals.employer_monthly == Decimal("23480.38")
    assert totals.employer_yearly == Decimal("281764.56")
    anna = quote.employees[0]
    assert anna.person.masked_id == "19900501-****"
    # 1085 × 60 % = 651.00; × 31.42 % = 204.5442 -> 204.54; 1085 + 204.54 = 1289.54.
    assert (anna.benefit_monthly, anna.social_charges_monthly, anna.employer_monthly) == (
        Decimal("651.00"), Decimal("204.54"), Decimal("1289.54"))


def test_four_employees_are_refused(dkv: Tariff, kpi: KpiSeries) -> None:
    rows = read_rows(GROUP / "four.csv", ALIASES, "employees")
    quote = group_quote(dkv, kpi, rows, ON, GroupSettings())
    assert quote.refused and quote.employees == ()
    (refusal,) = quote.refusals
    assert refusal.code == "too_few_employees" and refusal.source.endswith(":2004-2005")


def test_sports_club_is_refused(dkv: Tariff, kpi: KpiSeries) -> None:
    quote = _twelve(dkv, kpi, GroupSettings(policyholder="sports_club"))
    assert [r.code for r in quote.refusals] == ["sports_club"]
    assert quote.refusals[0].source.endswith(":631-633")


def test_benefit_and_charges_round_half_up() -> None:
    settings = GroupSettings()
    # 1011 × 0.60 = 606.60; 606.60 × 0.3142 = 190.59372 -> 190.59.
    assert benefit(Decimal("1011"), settings) == Decimal("606.60")
    assert social_charges(Decimal("606.60"), settings) == Decimal("190.59")
    # 1.25 × 0.3142 = 0.39275 -> 0.39 (half-up to öre).
    assert social_charges(Decimal("1.25"), settings) == Decimal("0.39")


def test_cover_ends_in_the_insurance_year_of_the_72nd_birthday() -> None:
    # Born 1990-05-01, turns 72 on 2062-05-01; insurance years from 2025-03-01, so the one
    # holding that birthday runs 2062-03-01 to 2063-02-28.
    assert cover_ends(date(1990, 5, 1), ON, GroupSettings()) == date(2063, 2, 28)
    # Line 1220's reading: cover ends when turning 72 (the day before the birthday).
    assert cover_ends(date(1990, 5, 1), ON, GroupSettings(cover_end="birthday")) == \
        date(2062, 4, 30)


def test_co_insured_family_with_karens(dkv: Tariff, kpi: KpiSeries, tmp_path: Path) -> None:
    path = tmp_path / "family.csv"
    lines = ["name,birth_date,product,spouse,children"]
    lines += [f"E{i},1990-05-01,plus,," for i in range(4)]
    lines.append("F,1990-05-01,plus,1991-01-01,2015-06-01|2018-09-09")
    path.write_text("\n".join(lines) + "\n")
    quote = group_quote(dkv, kpi, read_rows(path, ALIASES, "employees"), ON,
                        GroupSettings())
    family = quote.employees[-1].co_insured
    assert [(c.role, c.person.age, c.karens) for c in family] == [
        ("spouse", 34, True), ("child", 9, True), ("child", 6, True)]
    # Spouse 31-35 Plus 1085; children 0-15 Plus 649 × 414.57/408.05 = 659.37… -> 659 each.
    assert [c.monthly for c in family] == [Decimal("1085"), Decimal("659"), Decimal("659")]
    # Paid by the employee: not in the employer's cost (5 × 1289.54).
    assert quote.totals.employer_monthly == Decimal("6447.70")
    assert quote.totals.co_insured_monthly == Decimal("2403")


@pytest.mark.parametrize(("cell", "code"), [
    ("1990-02-30", "bad_date"), ("9005011234", "bad_id"), ("1950-01-01", "too_old"),
    ("", "missing_birth_date"), ("0001-01-01", "bad_age"), ("19000101-0008", "bad_age")])
def test_one_reject_per_rule(dkv: Tariff, kpi: KpiSeries, tmp_path: Path, cell: str,
                             code: str) -> None:
    path = tmp_path / "e.csv"
    path.write_text("id,product\n" + "".join(f"{c},plus\n" for c in [cell] + ["1990-05-01"] * 5))
    quote = group_quote(dkv, kpi, read_rows(path, ALIASES, "employees"), ON, GroupSettings())
    assert [(r.line, r.code) for r in quote.rejected] == [(2, code)]
    assert not quote.refused


def test_cli_twelve(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "group.xlsx"
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "11 anställda prissatta av 12 rader" in text
    assert "den individuella premietabellen" in text
    assert "arbetsgivaravgifter 31,42 %" in text
    assert "23 480,38 kr per månad, 281 764,56 kr per år" in text
    assert "rad 13: 15 år vid start: kollektivavtal tecknas från 16 år" in text
    assert "1235" not in text and "19900501-****" in text
    assert zipfile.ZipFile(out).testzip() is None


def test_cli_json_and_csv(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "group.csv"
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01", "--json",
                 "-o", str(out))
    data = json.loads(result.stdout)
    assert data["totals"]["employer_yearly"] == "281764.56"
    assert data["rejected"] == [{"line": 13, "reason": "too_young", "id": None,
                                 "message": data["rejected"][0]["message"]}]
    assert data["tariff"]["individual_table"] is True
    rows = out.read_text().splitlines()
    assert rows[1].startswith("2,employee,Anna,19900501-****,1990-05-01,34,plus,1085.00,651.00,"
                              "204.54,1289.54,15474.48,")
    assert rows[-1].startswith("13,employee,,,,,,") and ",too_young," in rows[-1]


def test_cli_four_refused_exit_1(run: Invoke) -> None:
    result = run("group", str(GROUP / "four.csv"), "--on", "2025-03-01")
    assert result.exit_code == 1
    assert "fem eller fler anställda" in result.stdout and "2004-2005" in result.stdout


def test_cli_sports_club_refused_exit_1(run: Invoke) -> None:
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01",
                 "--policyholder-kind", "sports-club")
    assert result.exit_code == 1
    assert "Idrottsföreningar eller idrottslag" in result.stdout and "631-633" in result.stdout


def test_cli_social_charges_setting(run: Invoke) -> None:
    # 0 %: employer's cost = premiums = 19 756 a month.
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01",
                 "--social-charges", "0", "--json")
    assert json.loads(result.stdout)["totals"]["employer_monthly"] == "19756.00"


@pytest.mark.parametrize(("args", "message"), [
    (["--social-charges", "abc"], "--social-charges"),
    (["--policyholder-kind", "club"], "--policyholder-kind"),
    (["-o", "out.txt"], "give a .csv, .xlsx or .parquet"),
])
def test_cli_bad_options_exit_2(run: Invoke, args: list[str], message: str) -> None:
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01", *args,
                 env=EN)
    assert result.exit_code == 2 and message in result.stderr


def test_cli_bad_files_exit_2(run: Invoke, tmp_path: Path) -> None:
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("name,birth_date\nA,1990-01-01,x\n")
    result = run("group", str(ragged), env=EN)
    assert result.exit_code == 2 and "ragged.csv:2: 3 cells" in result.stderr
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("name,product\nA,plus\n")
    result = run("group", str(nocol), env=EN)
    assert result.exit_code == 2 and "needs a column id or birth_date" in result.stderr
    result = run("group", str(tmp_path / "missing.csv"), env=EN)
    assert result.exit_code == 2 and "cannot read" in result.stderr


def test_cli_group_tariff_replaces_the_individual_table(run: Invoke) -> None:
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01", "--tariff",
                 str(DKV_PATH))
    assert result.exit_code == 0, result.output
    assert f"Grupptariff: {DKV_PATH}" in result.stdout
    assert "individuella premietabellen" not in result.stdout


def test_the_same_person_twice_is_rejected(dkv: Tariff, kpi: KpiSeries, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("id,product\n" + "199005011235,plus\n" * 2 + "1990-05-01,plus\n" * 5)
    quote = group_quote(dkv, kpi, read_rows(path, ALIASES, "employees"), ON, GroupSettings())
    assert [(r.line, r.code, r.values, r.masked_id) for r in quote.rejected] == [
        (3, "duplicate_id", {"first": "2"}, "19900501-****")]


@settings(max_examples=25, deadline=None)
@given(years=st.lists(st.integers(min_value=1940, max_value=2024), min_size=5, max_size=15))
def test_every_row_is_priced_or_rejected(dkv: Tariff, kpi: KpiSeries,
                                         years: list[int]) -> None:
    rows = [Row(i + 2, {"birth_date": f"{y}-06-15", "product": "plus"})
            for i, y in enumerate(years)]
    quote = group_quote(dkv, kpi, rows, ON, GroupSettings())
    priced = 0 if quote.refused else len(quote.employees)
    accepted = len(rows) - len(quote.rejected)
    assert priced == (accepted if accepted >= 5 else 0)
    # Only the age rules reject these rows: 16-66 on 2025-03-01.
    assert all(r.code in ("too_young", "too_old") for r in quote.rejected)
    for e in quote.employees:
        assert 16 <= e.person.age <= 66
        assert e.employer_monthly == e.premium_monthly + e.social_charges_monthly


def test_cli_excel_sv_output(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "group.csv"
    result = run("group", str(GROUP / "twelve.csv"), "--on", "2025-03-01", "-o", str(out),
                 "--excel-sv")
    assert result.exit_code == 0, result.output
    lines = out.read_bytes().decode("utf-8").lstrip("\ufeff").splitlines()
    # Anna: 1085 premium, 651,00 benefit, 204,54 charges, 1289,54 a month, 15474,48 a year.
    assert lines[1].startswith("2;employee;Anna;19900501-****;1990-05-01;34;plus;1085,00;"
                               "651,00;204,54;1289,54;15474,48;")
