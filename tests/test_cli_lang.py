"""Every command run with --lang sv and --lang en: the text for people changes language,
what scripts read does not (JSON, codes, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quote.catalog import bundled_data_dir
from quote.upkeep import init_data_dir

from .conftest import Invoke
from .scb_server import fake_scb
from .test_cli_help import LEAVES, workdir
from .test_yearly_routine import TAB5737, TAB6596

__all__ = ["workdir"]  # the fixture, shared with the help examples

GROUPS = ("tariff", "kpi", "declaration", "data", "rulebook", "products")
WHO = ["--birth-date", "1990-05-01", "--residence", "SE", "--on", "2024-09-01"]

# command line -> (a fragment of the Swedish output, of the English output); None: the
# output is for scripts (JSON, YAML keys) and must be the same in both languages.
RUNS: dict[tuple[str, ...], tuple[str, str] | None] = {
    ("price", "--product", "plus", "--age", "34", "--on", "2024-09-01", "--loading", "12.5"):
        ("Premietillägg efter riskbedömning 12,5 %", "Underwriting loading 12.5 %"),
    ("eligibility", *WHO): ("Kan ansöka", "May apply"),
    ("apply", "--product", "plus", "--birth-date", "1988-12-20", "--residence", "SE", "--on",
     "2024-12-15", "--declaration", "answers.yaml"):
        ("Beslut:", "Decision:"),
    ("renew", "book.csv", "-o", "out.csv"): ("Avvisade per orsak", "Rejected by reason"),
    ("declaration", "template"): ("# Hälsodeklaration", "# Health declaration"),
    ("tariff", "show", "--on", "2024-09-01"): ("gäller från", "in force from"),
    ("tariff", "check"): ("kontrollerade", "checked"),
    ("tariff", "diff", "dkv-2024.yaml", "dkv-2025.yaml"): ("Ändrade premier", "Changed premiums"),
    ("tariff", "index", "dkv-2024.yaml", "--year", "2025", "-o", "new.yaml", "--force"):
        ("Skrev new.yaml", "Wrote new.yaml"),
    ("tariff", "schema"): None,
    ("tariff", "impact", "book.csv", "dkv-2024.yaml", "dkv-2025.yaml"):
        ("Effekt av", "Impact of"),
    ("kpi", "show", "--kpi", "kpi-1980.csv"): ("Månad", "Month"),
    ("kpi", "add", "2024-12", "416.70", "--kpi", "kpi-1980.csv"): ("Lade till", "Added"),
    ("kpi", "fetch", "--tariffs", "my-data", "--until", "2025-12"):
        ("KPI från SCB", "KPI from SCB"),
    ("data", "init", "fresh"): ("Skrev", "Wrote"),
    ("rulebook", "test", "tariffs/rulebook-dkv-example-2024-06-01.yaml"):
        ("godkända", "passed"),
    ("compare", "--age", "35", "--on", "2025-03-01"): ("Per månad", "Monthly"),
    ("household", "--person", "role=a,birth-date=1990-01-01,product=plus", "--on",
     "2025-03-01"): ("Hushåll", "Household"),
    ("group", "anstallda.csv", "--on", "2025-03-01"):
        ("Gruppförsäkring (kollektivavtal 13.00.02)",
         "Group insurance (collective agreement 13.00.02)"),
    ("products", "compare", "--insurer", "dss"): ("Vårdgaranti", "Care guarantee"),
}


def _command(args: tuple[str, ...]) -> tuple[str, ...]:
    return args[:2] if args[0] in GROUPS else args[:1]


def test_every_command_is_run_in_both_languages() -> None:
    assert {path for path, _ in LEAVES} == {_command(args) for args in RUNS}


@pytest.mark.parametrize(("args", "expected"), list(RUNS.items()),
                         ids=[" ".join(_command(a)) for a in RUNS])
def test_both_languages(run: Invoke, workdir: Path, args: tuple[str, ...],
                        expected: tuple[str, str] | None) -> None:
    run("tariff", "index", "dkv-2024.yaml", "--year", "2025", "-o", "dkv-2025.yaml")
    init_data_dir(bundled_data_dir(), workdir / "my-data")
    outputs: dict[str, Any] = {}
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:
        for lang in ("sv", "en"):
            line = args
            if args[:2] in (("kpi", "add"), ("data", "init")):  # one run changes the files
                init_data_dir(bundled_data_dir(), workdir / lang)
                line = tuple(a.replace("kpi-1980.csv", f"{lang}/kpi-1980.csv")
                             .replace("fresh", f"fresh-{lang}") for a in args)
            result = run("--lang", lang, *line, env={"QUOTE_SCB_API": scb.url})
            assert result.exit_code in (0, 1), result.output
            outputs[lang] = result
    sv, en = outputs["sv"], outputs["en"]
    assert sv.exit_code == en.exit_code
    if expected is None:
        assert sv.stdout == en.stdout
        return
    assert expected[0] in sv.output, sv.output
    assert expected[1] in en.output, en.output
    if expected[0] != expected[1]:
        assert expected[0] not in en.output


def test_json_is_the_same_in_both_languages(run: Invoke) -> None:
    args = ("eligibility", "--birth-date", "1950-01-01", "--residence", "IS", "--on",
            "2024-09-01", "--json")
    sv = json.loads(run("--lang", "sv", *args).stdout)
    en = json.loads(run("--lang", "en", *args).stdout)
    assert [r["code"] for r in sv["reasons"]] == [r["code"] for r in en["reasons"]]
    assert sv["reasons"][0]["message"] != en["reasons"][0]["message"]
    assert {k: v for k, v in sv.items() if k != "reasons"} == {
        k: v for k, v in en.items() if k != "reasons"}
