"""The wrong-input corpus: every command, given what a user gets wrong, answers with exactly
one line on stderr naming what is wrong, in the chosen language, and exit code 2: no usage
box, no traceback, nothing on stdout.

Each case runs twice, ``quote --lang sv …`` and ``quote --lang en …``. ``{dir}`` and the
other ``{…}`` names are files made for the case (see ``files``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import BUNDLED, DKV_PATH, KPI_PATH, Invoke

PRICE = ["price", "--product", "plus", "--age", "30", "--on", "2024-09-01"]
WHO = ["--birth-date", "1990-05-01", "--residence", "SE", "--on", "2024-09-01"]

# (command line, text the one line must hold in both languages: the option or file named)
CASES: list[tuple[list[str], str]] = [
    # quote price
    (["price", "--prodct", "plus", "--age", "3"], "--prodct"),
    (["price", "--product"], "--product"),
    (["price", "--product", "plus", "--age", "x"], "--age"),
    (["price", "--product", "plus", "--age", "3.5"], "--age"),
    ([*PRICE, "--deductible", "x"], "--deductible"),
    (["price", "--product", "gold", "--age", "3", "--on", "2024-09-01"], "--product"),
    (["price", "--product", "plus", "--age", "30", "--on", "2024-13-01"], "--on"),
    (["price", "--product", "plus", "--age", "30", "--on", "01/09/2024"], "--on"),
    (["price", "--product", "plus", "--age", "-1"], "--age"),
    (["price", "--product", "plus", "--age", "121"], "--age"),  # over MAX_AGE
    (["price", "--product", "plus", "--birth-date", "0001-01-01"], "--birth-date"),
    (["price", "--product", "plus", "--id", "19000101-0008"], "--id"),  # 126 today
    (["eligibility", "--birth-date", "0001-01-01", "--residence", "SE"], "--birth-date"),
    (["apply", "--product", "plus", "--id", "19000101-0008", "--residence", "SE"], "--id"),
    ([*PRICE, "--loading", "lots"], "--loading"),
    ([*PRICE, "--loading", "-5"], "--loading"),
    ([*PRICE, "--loading", "NaN"], "--loading"),
    (["price", "--product", "plus", "--on", "2024-09-01"], "--age"),
    ([*PRICE, "--birth-date", "1990-01-01"], "--birth-date"),
    (["price", "--product", "plus", "--birth-date", "2025-01-01", "--on", "2024-09-01"],
     "--birth-date"),
    ([*PRICE, "--frequency", "weekly"], "--frequency"),
    ([*PRICE, "--deductible", "700"], "--deductible"),
    ([*PRICE, "--referral", "--deductible", "500"], "--referral"),
    ([*PRICE, "--tariff", "{dir}"], "--tariff"),
    ([*PRICE, "--tariff", "nope.yaml"], "nope.yaml"),
    ([*PRICE, "--tariff", "{kpi_csv}"], "kpi-1980.csv"),
    ([*PRICE, "--kpi", "{tariff_yaml}"], "dkv-2024.yaml"),
    ([*PRICE, "--kpi", "{dir}"], "--kpi"),
    ([*PRICE, "--tariff", "{garbage}"], "garbage.yaml"),
    ([*PRICE, "--tariffs", "/nonexistent"], "/nonexistent"),
    ([*PRICE, "--tariffs", "{tariff_yaml}"], "--tariffs"),
    ([*PRICE, "extra"], "extra"),
    (["price", "--product", "plus", "--age", "30", "--on", "2030-01-01"], "2029-09"),
    (["pric"], "pric"),
    (["price", "--product", "plus", "--age", "30", "--lang", "fr"], "--lang"),
    # quote eligibility
    (["eligibility", "--residence", "SE"], "--birth-date"),
    (["eligibility", "--birth-date", "1990-05-01", "--residence", "XX"], "--residence"),
    (["eligibility", "--id", "900501-1234", "--residence", "SE"], "--id"),
    (["eligibility", "--birth-date", "1990-02-30", "--residence", "SE"], "--birth-date"),
    (["eligibility", "--birth-date", "1990-05-01"], "--residence"),
    (["eligibility", *WHO[:4], "--on", "x"], "--on"),
    (["eligibility", *WHO, "--rulebook", "{dir}"], "--rulebook"),
    (["eligibility", *WHO, "--rulebook", "{tariff_yaml}"], "dkv-2024.yaml"),
    (["eligibility", "--id", "900501-1235", "--id-country", "XX", "--residence", "SE"],
     "--id-country"),
    (["eligibility", *WHO, "--colective"], "--colective"),
    # quote apply
    (["apply", "--product", "plus", "--residence", "SE", "--on", "2024-09-01"],
     "--birth-date"),
    (["apply", "--product", "plus", *WHO, "--declaration", "nope.yaml"], "nope.yaml"),
    (["apply", "--product", "plus", *WHO, "--declaration", "{dir}"], "--declaration"),
    (["apply", "--product", "plus", *WHO, "--record", "/nonexistent/dir/r.json"], "--record"),
    (["apply", "--product", "gold", *WHO], "--product"),
    # quote renew
    (["renew"], "BOOK"),
    (["renew", "{book}"], "--output"),
    (["renew", "nope.csv", "-o", "out.csv"], "nope.csv"),
    (["renew", "{dir}", "-o", "out.csv"], "BOOK"),
    (["renew", "{book}", "-o", "out.csv", "--on", "2024-13-01"], "--on"),
    (["renew", "{book}", "-o", "{book}"], "BOOK"),
    (["renew", "{garbage}", "-o", "out.csv"], "garbage.yaml"),
    (["renew", "{tariff_yaml}", "-o", "out.csv"], "dkv-2024.yaml"),
    (["renew", "{book}", "-o", "/nonexistent/dir/out.csv"], "/nonexistent/dir"),
    # quote tariff …
    (["tariff", "show", "--on", "2024-02-30"], "--on"),
    (["tariff", "show", "--on", "2020-01-01"], "--on"),
    (["tariff", "show", "--tariffs", "/nonexistent"], "/nonexistent"),
    (["tariff", "show", "--tariff", "{kpi_csv}"], "kpi-1980.csv"),
    (["tariff", "shw"], "shw"),
    (["tariff", "check", "nope.yaml"], "nope.yaml"),
    (["tariff", "check", "--format", "xml"], "--format"),
    (["tariff", "check", "--strct"], "--strct"),
    (["tariff", "diff", "{tariff_yaml}"], "NEW"),
    (["tariff", "diff", "nope.yaml", "{tariff_yaml}"], "nope.yaml"),
    (["tariff", "diff", "{kpi_csv}", "{tariff_yaml}"], "kpi-1980.csv"),
    (["tariff", "diff", "{dir}", "{tariff_yaml}"], "OLD"),
    (["tariff", "index", "{tariff_yaml}", "-o", "out.yaml"], "--year"),
    (["tariff", "index", "{tariff_yaml}", "--year", "99999", "-o", "out.yaml"], "--year"),
    (["tariff", "index", "{tariff_yaml}", "--year", "abc", "-o", "out.yaml"], "--year"),
    (["tariff", "index", "{tariff_yaml}", "--year", "2025", "-o", "{tariff_yaml}"],
     "--output"),
    (["tariff", "index", "{tariff_yaml}", "--from", "2024-01-01", "-o", "out.yaml"],
     "--from"),
    (["tariff", "index", "{tariff_yaml}", "--year", "2025"], "--output"),
    (["tariff", "schema", "--kind", "price-list"], "--kind"),
    (["tariff", "impact", "{book}", "{tariff_yaml}"], "NEW"),
    (["tariff", "impact", "{book}", "{tariff_yaml}", "nope.yaml"], "nope.yaml"),
    # quote kpi …
    (["kpi", "add", "2025-11", "-3", "--kpi", "{kpi_copy}"], "VALUE"),
    (["kpi", "add", "2024-13", "417", "--kpi", "{kpi_copy}"], "MONTH"),
    (["kpi", "add", "2026-01", "abc", "--kpi", "{kpi_copy}"], "VALUE"),
    (["kpi", "add"], "MONTH"),
    (["kpi", "show", "--from", "2024-13"], "--from"),
    (["kpi", "show", "--kpi", "{tariff_yaml}"], "dkv-2024.yaml"),
    # quote rulebook test
    (["rulebook", "test"], "RULEBOOK"),
    (["rulebook", "test", "nope.yaml"], "nope.yaml"),
    (["rulebook", "test", "{tariff_yaml}"], "dkv-2024.yaml"),
    (["rulebook", "test", "{dir}"], "RULEBOOK"),
    # quote declaration, quote data, the root
    (["declaration", "template", "--rulebook", "nope.yaml"], "nope.yaml"),
    (["declaration", "tmplate"], "tmplate"),
    (["data", "init", "{tariff_yaml}"], "DIR"),
    (["--versio"], "--versio"),
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """The files the cases name: a tariff and a KPI series (each to be given as the other
    kind), a directory, a book and a file that is not text."""
    shutil.copy(DKV_PATH, tmp_path / "dkv-2024.yaml")
    shutil.copy(BUNDLED / "kpi-1980.csv", tmp_path / "kpi-1980.csv")
    shutil.copy(KPI_PATH, tmp_path / "kpi-copy.csv")
    (tmp_path / "dir").mkdir()
    (tmp_path / "book.csv").write_text(
        "policy_id,product,birth_date,renewal_date,deductible,smoker\n"
        "P1,plus,1990-05-01,2025-03-01,0,false\n", encoding="utf-8")
    (tmp_path / "garbage.yaml").write_bytes(b"\xff\xfe\x00kind: \x80\x81 tariff\n")
    return {"dir": str(tmp_path / "dir"), "tariff_yaml": str(tmp_path / "dkv-2024.yaml"),
            "kpi_csv": str(tmp_path / "kpi-1980.csv"), "kpi_copy": str(tmp_path / "kpi-copy.csv"),
            "book": str(tmp_path / "book.csv"), "garbage": str(tmp_path / "garbage.yaml")}


def test_the_corpus_is_large_and_covers_every_command() -> None:
    assert len(CASES) >= 60
    commands = {" ".join(args[:2]) if args[0] in ("tariff", "kpi", "declaration", "data",
                                                   "rulebook")
                else args[0] for args, _ in CASES}
    assert {"price", "eligibility", "apply", "renew", "tariff show", "tariff check",
            "tariff diff", "tariff index", "tariff schema", "tariff impact", "kpi add",
            "kpi show", "declaration template", "data init", "rulebook test"} <= commands


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("args", "names"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_wrong_input_is_one_line_and_exit_2(run: Invoke, files: dict[str, str],
                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            lang: str, args: list[str], names: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--lang", lang, *(a.format(**files) for a in args))
    assert result.exit_code == 2, result.output
    prefix = {"sv": "Fel: ", "en": "Error: "}[lang]
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix), lines[0]
    assert names in lines[0], lines[0]
    assert "Usage" not in result.stderr and "Traceback" not in result.stderr
    assert "900501-1234" not in result.stderr  # an identity number is never echoed
    assert result.stdout == ""


def test_the_two_languages_differ_beyond_the_prefix(run: Invoke) -> None:
    sv = run("--lang", "sv", "price", "--product", "plus", "--age", "x").stderr
    en = run("--lang", "en", "price", "--product", "plus", "--age", "x").stderr
    assert sv == "Fel: --age: 'x' är inte ett heltal\n"
    assert en == "Error: --age: 'x' is not a whole number\n"


def test_a_file_of_another_kind_is_named_as_such(run: Invoke, files: dict[str, str]) -> None:
    result = run("--lang", "en", *PRICE, "--kpi", files["tariff_yaml"])
    assert result.stderr == (f"Error: {files['tariff_yaml']}: this is a tariff (YAML), not a "
                             "KPI series (CSV)\n")
    result = run("--lang", "sv", *PRICE, "--tariff", files["kpi_csv"])
    assert result.stderr == (f"Fel: {files['kpi_csv']}: det här är en KPI-serie (CSV), inte "
                             "en tariff (YAML)\n")
