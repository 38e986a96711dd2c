"""`quote price` through the command line: output, JSON, and every bad input (exit 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import DKV_PATH, FIXTURES, KPI_PATH, MINI_PATH, Invoke

ON = ("--on", "2024-09-01")


def test_human_output_shows_steps_in_swedish(run: Invoke) -> None:
    result = run("price", "--product", "plus", "--birth-date", "1990-05-01", *ON, "--smoker",
                 "--deductible", "500", "--frequency", "quarter")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Vårdförsäkring Plus, 34 år (intervall 31-35), prisdatum 2024-09-01" in out
    assert "Tariff dkv-vardforsakring DKV0028 3.4 2024/06, gäller från 2024-06-01" in out
    assert "Rökartillägg 25 %" in out and "+267,00 kr" in out
    assert "Avdrag för självrisk 500 kr" in out and "-210,00 kr" in out
    assert "1 125,00 kr" in out
    assert "Kvartal: 3 × 1 125,00 kr" in out and "3 375,00 kr" in out


def test_json_output(run: Invoke) -> None:
    result = run("price", "--product", "plus", "--birth-date", "1990-05-01", "--on",
                 "2025-03-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["product"] == "plus"
    assert data["age"] == 34
    assert data["bracket"] == "31-35"
    assert data["on"] == "2025-03-01"
    assert data["index_factor"] == "1.015978"
    assert data["monthly_premium"] == "1085.00"
    assert data["frequency"] == "month" and data["instalment"] == "1085.00"
    assert data["birth_date"] == "1990-05-01"
    assert data["steps"][0] == {"step": "table_premium",
                                "label": "Tabellpremie Vårdförsäkring Plus, 31-35 år",
                                "amount": "1068.00", "subtotal": "1068.00"}
    assert data["tariff"]["id"] == "dkv-vardforsakring"
    assert data["tariff"]["effective_from"] == "2024-06-01"
    assert data["tariff"]["sha256"] == __import__("hashlib").sha256(
        DKV_PATH.read_bytes()).hexdigest()
    assert data["kpi"]["reference_month"] == "2024-09"


def test_json_smoker_quarterly(run: Invoke) -> None:
    result = run("price", "--product", "plus", "--age", "34", *ON, "--smoker", "--deductible",
                 "500", "--frequency", "quarter", "--json")
    data = json.loads(result.stdout)
    assert (data["monthly_premium"], data["instalment"]) == ("1125.00", "3375.00")


def test_age_and_product_case(run: Invoke) -> None:
    result = run("price", "--product", "TOPP", "--age", "71", *ON, "--json")
    assert json.loads(result.stdout)["monthly_premium"] == "5054.00"


def test_explicit_tariff_and_kpi_files(run: Invoke) -> None:
    result = run("price", "--product", "bas", "--age", "30", "--on", "2025-01-01",
                 "--tariff", str(MINI_PATH), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["monthly_premium"] == "820.00"  # 800 × 410 / 400
    result = run("price", "--product", "plus", "--age", "34", *ON, "--kpi", str(KPI_PATH))
    assert result.exit_code == 0


def test_data_directory_from_environment(run: Invoke, tmp_path: Path) -> None:
    shutil.copy(MINI_PATH, tmp_path / "mini.yaml")
    (tmp_path / "kpi").mkdir()
    shutil.copy(FIXTURES / "kpi" / "valid.csv", tmp_path / "kpi" / "valid.csv")
    text = (tmp_path / "mini.yaml").read_text().replace("../kpi/valid.csv", "kpi/valid.csv")
    (tmp_path / "mini.yaml").write_text(text)
    result = run("price", "--product", "bas", "--age", "30", *ON, "--json",
                 env={"QUOTE_TARIFFS": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tariff"]["id"] == "mini"


BAD = [
    (["--product", "gold", "--age", "3", *ON], "--product: unknown product 'gold'"),
    (["--product", "plus", "--birth-date", "2023-02-30", *ON],
     "--birth-date: '2023-02-30' is not a real calendar date"),
    (["--product", "plus", "--birth-date", "01/05/1990", *ON],
     "--birth-date: '01/05/1990' is not a date in the form YYYY-MM-DD"),
    (["--product", "plus", "--age", "30", "--on", "2024-13-01"],
     "--on: '2024-13-01' is not a real calendar date"),
    (["--product", "plus", "--birth-date", "2025-01-01", *ON],
     "--birth-date: 2025-01-01 is after 2024-09-01"),
    (["--product", "plus", "--age", "-1", *ON], "--age: must be 0 or more, got -1"),
    (["--product", "plus", "--age", "30", "--deductible", "700", *ON],
     "--deductible: självrisk 700 is not offered by dkv-vardforsakring; choose 0, 500, 1000"),
    (["--product", "plus", "--age", "30", "--loading", "-5", *ON],
     "--loading: must be 0 or more, got -5"),
    (["--product", "plus", "--age", "30", "--loading", "lots", *ON],
     "--loading: 'lots' is not a number"),
    (["--product", "plus", "--age", "30", "--referral", "--deductible", "500", *ON],
     "--referral: remisskrav (referral requirement) cannot be combined with självrisk 500"),
    (["--product", "plus", "--age", "30", "--on", "2024-05-31"],
     "--on: 2024-05-31 is before any tariff"),
    (["--product", "plus", "--age", "30", "--on", "2024-05-31", "--tariff", str(DKV_PATH)],
     "--on: 2024-05-31 is before tariff dkv-vardforsakring (DKV0028 3.4 2024/06) is in force "
     "(from 2024-06-01)"),
    (["--product", "plus", "--age", "30", "--on", "2027-01-15"],
     "kpi-1980.csv: no KPI figure for 2026-09"),
    (["--product", "plus", "--age", "30", *ON, "--frequency", "weekly"],
     "--frequency: unknown payment frequency 'weekly'"),
    (["--product", "plus", *ON], "give one of --age, --birth-date or --id"),
    (["--product", "plus", "--age", "30", "--birth-date", "1990-01-01", *ON],
     "give one of --age, --birth-date or --id"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[m.split(":")[0] for _, m in BAD])
def test_bad_input_exits_2_with_one_clear_line(run: Invoke, args: list[str],
                                                message: str) -> None:
    result = run("price", *args, env={"QUOTE_LANG": "en"})
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_missing_kpi_month_says_how_to_add_it(run: Invoke) -> None:
    """The message names the month, commands that work from any install, and --on."""
    result = run("price", "--product", "plus", "--age", "30", "--on", "2027-01-15",
                 env={"QUOTE_LANG": "en"})
    assert result.exit_code == 2
    assert "no KPI figure for 2026-09" in result.stderr
    assert "the series ends at 2025-12" in result.stderr
    assert "'quote kpi fetch'" in result.stderr
    assert "'quote kpi add 2026-09 VALUE'" in result.stderr
    assert "--on" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tariff", "nope.yaml"], "nope.yaml: tariff file not found"),
        (["--kpi", "nope.csv"], "nope.csv: KPI file not found"),
        (["--tariff", str(FIXTURES / "tariffs" / "premium-zero.yaml")],
         "premium-zero.yaml:26: products.plus.premiums.0-15: premium must be a positive whole "
         "number of kronor, got 0"),
        (["--tariff", str(MINI_PATH), "--kpi", str(FIXTURES / "kpi" / "non-positive.csv")],
         "non-positive.csv:11: 2024-05: KPI must be a number from 1 to 10 000"),
    ],
)
def test_bad_data_files_exit_2_with_file_and_line(run: Invoke, args: list[str],
                                                  message: str) -> None:
    result = run("price", "--product", "bas", "--age", "30", *ON, *args, env={"QUOTE_LANG": "en"})
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_tariff_is_one_line_naming_its_first_problem_and_the_count(run: Invoke
                                                                          ) -> None:
    result = run("price", "--product", "bas", "--age", "30", *ON, "--tariff",
                 str(FIXTURES / "tariffs" / "many-errors.yaml"), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "many-errors.yaml:9: unknown field 'colour' (and 3 more; quote tariff check " \
        in result.stderr


def test_unknown_option_is_a_usage_error(run: Invoke) -> None:
    result = run("price", "--product", "plus", "--age", "30", "--colour", "red")
    assert result.exit_code == 2
    assert result.stderr.startswith("Fel: --colour: ingen sådan flagga")
    assert len(result.stderr.splitlines()) == 1


def test_id_gives_the_age_and_is_masked(run: Invoke) -> None:
    # 19900501-1235 is born 1990-05-01: 34 on 2025-03-01, bracket 31-35, Plus 1 068 kr
    # × KPI 2024-09 / 2023-09 = 1068 × 414.57 / 408.05 = 1085.06… -> 1 085 whole kronor.
    result = run("price", "--product", "plus", "--id", "199005011235", "--on", "2025-03-01")
    assert result.exit_code == 0, result.output
    assert "Person 19900501-****" in result.stdout
    assert "1235" not in result.stdout
    assert "1 085,00 kr" in result.stdout
    data = json.loads(run("price", "--product", "plus", "--id", "9005011235", "--on",
                          "2025-03-01", "--json").stdout)
    assert data["id"] == "19900501-****" and data["age"] == 34
    assert data["monthly_premium"] == "1085.00"


def test_bad_id_names_the_option_not_the_number(run: Invoke) -> None:
    result = run("price", "--product", "plus", "--id", "9005011234", "--on", "2025-03-01",
                 "--lang", "en")
    assert result.exit_code == 2
    assert "--id: not a valid identity number" in result.stderr
    assert "9005011234" not in result.output


def test_from_67_the_price_is_for_renewals(run: Invoke) -> None:
    """New applications close the day before the 67th birthday (seed 612-620); a price at
    67 or more is for renewing a policy, and says so."""
    old = run("price", "--product", "plus", "--age", "67", "--on", "2024-09-01")
    assert old.exit_code == 0
    assert "nya ansökningar tas emot senast dagen före 67-årsdagen" in " ".join(
        old.stdout.split())
    data = json.loads(run("price", "--product", "plus", "--age", "67", "--on", "2024-09-01",
                          "--json").stdout)
    assert data["renewal_only"] is True
    young = run("price", "--product", "plus", "--age", "66", "--on", "2024-09-01")
    assert "nya ansökningar" not in young.stdout
    assert "renewal_only" not in json.loads(run("price", "--product", "plus", "--age", "66",
                                                "--on", "2024-09-01", "--json").stdout)


def test_today_is_the_default_date(run: Invoke) -> None:
    """No --on: priced today. In 2026, KPI September 2025 (bundled):
    1068 × 418.26 / 408.05 = 1094.72… → 1 095,00 kr."""
    from datetime import date

    result = run("price", "--product", "plus", "--age", "35")
    if date.today().year == 2026:
        assert result.exit_code == 0, result.output
        assert "Månadspremie" in result.stdout and "1 095,00 kr" in result.stdout
        assert f"prisdatum {date.today().isoformat()}" in result.stdout
    else:  # pragma: no cover - the bundled series is current for 2026
        assert result.exit_code in (0, 2)


@pytest.mark.parametrize(("args", "option"), [
    (["--loading", "1e30"], "--loading"),
    (["--loading", "1e5000"], "--loading"),
    (["--loading", "1001"], "--loading"),
    (["--loading", "12.123456"], "--loading"),
    (["--loading", "9" * 5000], "--loading"),
])
def test_numbers_out_of_range_name_the_option(run: Invoke, args: list[str], option: str) -> None:
    result = run("price", "--product", "plus", "--age", "35", *ON, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Fel: {option}: ")
    assert len(result.stderr.splitlines()) == 1


def test_an_age_out_of_range_names_the_option(run: Invoke) -> None:
    for age in ("151", "99999999999999999999"):
        result = run("price", "--product", "plus", "--age", age, *ON)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("Fel: --age: ")


def test_the_largest_sane_loading_is_priced_exactly(run: Invoke) -> None:
    result = run("price", "--product", "plus", "--age", "35", *ON, "--loading", "1000", "--json")
    assert result.exit_code == 0, result.output
    # on 2024-09-01 the index factor is 1 (KPI 2023-09 / 2023-09): 1068 + 1000 % × 1068
    # = 11 × 1068 = 11 748.00
    assert json.loads(result.stdout)["monthly_premium"] == "11748.00"
