"""A corpus of malformed input files, one per case, each with what must happen.

Every case is listed here explicitly: the kind of file (which decides the commands that
read it, see ``COMMANDS`` in test_hostile.py), how to make it from a valid file, and a
fragment of the message expected (``None``: any one-line message). Fragments are plain
text, or ``Msg(key, values)`` for a catalog message (accepted in Swedish or English), or
a tuple of alternatives. ``dangerous`` cases (unbounded reads, exponential aliases, deep
nesting) also run in a subprocess under a memory limit and a timeout.

Personal data is planted where a file may hold it (identity numbers in books, health
text in declarations): no message may repeat it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quote.i18n import LANGS, t

ROOT = Path(__file__).resolve().parents[1]
TARIFF = (ROOT / "tariffs" / "dkv-vardforsakring-2024-06-01.yaml").read_text(encoding="utf-8")
RULEBOOK = (ROOT / "tariffs" / "rulebook-dkv-example-2024-06-01.yaml").read_text(
    encoding="utf-8")
KPI = (ROOT / "tariffs" / "kpi-1980.csv").read_text(encoding="utf-8")

PLANTED_ID = "19121212-1212"
PLANTED_ID_SHORT = "121212-1212"
PLANTED_TEXT = "LEAKTEXT"
PLANTED = (PLANTED_ID_SHORT, "1212121212", PLANTED_TEXT)


@dataclass(frozen=True)
class Msg:
    """A catalog message, matched in any language."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def texts(self) -> list[str]:
        """The message in each language; a value ``ANY`` matches anything (the longest
        fixed part of the message is compared)."""
        texts = []
        for lang in LANGS:
            full = t(self.key, lang=lang, **self.values)
            texts.append(max(full.split(ANY), key=len))
        return texts


ANY = "\x00"


Fragment = str | Msg | tuple[str | Msg, ...] | None


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # tariff, rulebook, kpi, declaration, book
    make: Callable[[Path], Path]  # writes the file into a directory, returns its path
    fragment: Fragment = None
    dangerous: bool = False


def matches(fragment: Fragment, output: str) -> bool:
    if fragment is None:
        return True
    options = fragment if isinstance(fragment, tuple) else (fragment,)
    for option in options:
        texts = option.texts() if isinstance(option, Msg) else [option]
        if any(text in output for text in texts):
            return True
    return False


SUFFIX = {"tariff": ".yaml", "rulebook": ".yaml", "kpi": ".csv", "declaration": ".yaml",
          "book": ".csv"}


def text_file(kind: str, name: str, data: bytes | str, suffix: str | None = None
              ) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / f"{name}{suffix or SUFFIX[kind]}"
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def replaced(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def special(kind: str, what: str) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / f"special-{what}{SUFFIX[kind]}"
        if what == "directory":
            path.mkdir()
        elif what == "fifo":
            os.mkfifo(path)
        elif what == "devzero":
            return Path("/dev/zero")
        elif what == "missing":
            pass
        elif what == "loop":
            path.symlink_to(path.name)
        return path
    return make


def specials(kind: str) -> list[Case]:
    return [
        Case(f"{kind}-directory", kind, special(kind, "directory"), "directory"),
        Case(f"{kind}-fifo", kind, special(kind, "fifo"),
             Msg("hostile.file.special", {"noun": ANY}), dangerous=True),
        Case(f"{kind}-devzero", kind, special(kind, "devzero"),
             Msg("hostile.file.special", {"noun": ANY}), dangerous=True),
        Case(f"{kind}-missing", kind, special(kind, "missing"), ("not found", "does not exist",
                                                                 "no such file")),
        Case(f"{kind}-symlink-loop", kind, special(kind, "loop"), None),
    ]


TOO_LARGE = Msg("hostile.file.too_large", {"noun": ANY, "limit": 1024})
CONTROL = ("U+0000",)
TOO_DEEP = Msg("hostile.yaml.too_deep", {"limit": 64})
ALIASES = Msg("hostile.yaml.alias_too_big", {"limit": 10_000})
CYCLE = Msg("hostile.yaml.alias_cycle")
LONG_NUMBER = Msg("hostile.yaml.number_too_long", {"limit": 100})
TOO_MANY = Msg("hostile.yaml.too_many_values", {"limit": 20_000})
KRONOR = Msg("hostile.range.kronor", {"limit": 1_000_000})
PCT = Msg("hostile.range.percentage", {"limit": 1000, "places": 4})
TIMESTAMP = Msg("hostile.range.timestamp")
KPI_RANGE = ("KPI must be a number from 1 to 10 000", "KPI ska vara ett tal från 1 till 10 000")

LAUGHS = "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
    for p, c in zip(["", *"abcdefgh"], "abcdefghi", strict=True))
DEEP = "deep: " + "[" * 20000 + "\n"
BIG_PAD = "# " + "x" * 1000 + "\n"


def yaml_cases(kind: str, base: str) -> list[Case]:
    """What any YAML file can get wrong, whatever it holds."""
    k = kind
    return [
        Case(f"{k}-nul", k, text_file(k, "nul", base + "extra: a\x00b\n"), CONTROL),
        Case(f"{k}-escaped-nul", k, text_file(k, "escnul", base + 'extra: "a\\0b"\n'), CONTROL),
        Case(f"{k}-bell", k, text_file(k, "bell", base + "extra: \x07\n"), ("U+0007",)),
        Case(f"{k}-escape", k, text_file(k, "escape", base + "extra: \x1b[31m\n"), ("U+001B",)),
        Case(f"{k}-del", k, text_file(k, "del", base + "extra: \x7f\n"), ("U+007F",)),
        Case(f"{k}-fffe", k, text_file(k, "fffe", base + "extra: \ufffe\n"), ("U+FFFE",)),
        Case(f"{k}-deep", k, text_file(k, "deep", base + DEEP), TOO_DEEP, dangerous=True),
        Case(f"{k}-deep-mapping", k, text_file(k, "deepmap", base + "d: " + "{a: " * 5000 +
                                                "1" + "}" * 5000 + "\n"), TOO_DEEP),
        Case(f"{k}-deep-block", k, text_file(k, "deepblock", base + "".join(
            " " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v\n"), TOO_DEEP),
        Case(f"{k}-laughs", k, text_file(k, "laughs", base + LAUGHS), ALIASES, dangerous=True),
        Case(f"{k}-alias-cycle", k, text_file(k, "cycle", base + "loop: &loop [*loop]\n"),
             CYCLE),
        Case(f"{k}-merge-cycle", k, text_file(k, "mcycle", base + "loop: &loop {<<: *loop}\n"),
             CYCLE),
        Case(f"{k}-undefined-alias", k, text_file(k, "undefined", base + "x: *nowhere\n"),
             "YAML syntax error"),
        Case(f"{k}-duplicate-anchor", k, text_file(
            k, "dupanchor", base + "x: &a 1\ny: &a 2\n"), "YAML syntax error"),
        Case(f"{k}-too-large", k, text_file(k, "large", base + BIG_PAD * 1100), TOO_LARGE,
             dangerous=True),
        Case(f"{k}-too-many-values", k, text_file(
            k, "many", base + "many: [" + ",".join(["1"] * 25_000) + "]\n"), TOO_MANY),
        Case(f"{k}-long-number", k, text_file(k, "longnum", base + "n: " + "7" * 5000 + "\n"),
             LONG_NUMBER),
        Case(f"{k}-long-float", k, text_file(k, "longfloat", base + "n: 1." + "7" * 5000 +
                                             "\n"), LONG_NUMBER),
        Case(f"{k}-long-key", k, text_file(k, "longkey", base + "7" * 200 + ": 1\n"),
             LONG_NUMBER),
        Case(f"{k}-not-utf8", k, text_file(k, "latin1", base.encode("utf-8") + b"x: \xe5\n"),
             "not UTF-8"),
        Case(f"{k}-utf16", k, text_file(k, "utf16", base.encode("utf-16")), "not UTF-8"),
        Case(f"{k}-empty", k, text_file(k, "empty", b""), ("mapping", "kind")),
        Case(f"{k}-list", k, text_file(k, "list", "- a\n- b\n"), ("mapping", "kind")),
        Case(f"{k}-scalar", k, text_file(k, "scalar", "just text\n"), ("mapping", "kind")),
        Case(f"{k}-two-documents", k, text_file(k, "twodocs", base + "---\nb: 2\n"),
             "YAML syntax error"),
        Case(f"{k}-tab-indent", k, text_file(k, "tab", base + "x:\n\t- 1\n"),
             "YAML syntax error"),
        Case(f"{k}-unknown-tag", k, text_file(k, "tag", base + "x: !secret 1\n"),
             "YAML syntax error"),
        Case(f"{k}-python-tag", k, text_file(
            k, "python", base + "x: !!python/object/apply:os.system ['echo pwned']\n"),
             ("YAML syntax error", Msg("hostile.yaml.tag", {"tag_kind": "sequence"}))),
        Case(f"{k}-tagged-mapping", k, text_file(k, "tagmap", base + "x: !!set {a: 1}\n"),
             Msg("hostile.yaml.tag", {"tag_kind": "mapping"})),
        Case(f"{k}-unclosed-flow", k, text_file(k, "unclosed", base + "x: [1, 2\n"),
             "YAML syntax error"),
        Case(f"{k}-unclosed-quote", k, text_file(k, "unquote", base + 'x: "abc\n'),
             "YAML syntax error"),
        *specials(k),
    ]


def tariff(name: str, old: str, new: str, fragment: Fragment) -> Case:
    return Case(f"tariff-{name}", "tariff", text_file("tariff", name, replaced(TARIFF, old, new)),
                fragment)


HUGE = "1" + "0" * 40
TARIFF_CASES = [
    tariff("premium-1e40", "31-35: 1068", f"31-35: {HUGE}", KRONOR),
    tariff("premium-float-1e30", "31-35: 1068", "31-35: 1.0e+30", KRONOR),
    tariff("premium-float-1e5000", "31-35: 1068", "31-35: 1.0e+5000", KRONOR),
    tariff("premium-text-1e30", "31-35: 1068", "31-35: 1e30", "positive whole number"),
    tariff("premium-negative", "31-35: 1068", "31-35: -1068", "positive whole number"),
    tariff("premium-zero", "31-35: 1068", "31-35: 0", "positive whole number"),
    tariff("premium-fraction", "31-35: 1068", "31-35: 1068.5", "positive whole number"),
    tariff("premium-inf", "31-35: 1068", "31-35: .inf", "positive whole number"),
    tariff("premium-nan", "31-35: 1068", "31-35: .nan", "positive whole number"),
    tariff("premium-bool", "31-35: 1068", "31-35: true", "positive whole number"),
    tariff("premium-null", "31-35: 1068", "31-35: ~", "positive whole number"),
    tariff("premium-list", "31-35: 1068", "31-35: [1068]", "positive whole number"),
    tariff("premium-binary", "31-35: 1068", "31-35: !!binary aGVsbG8=", "positive whole number"),
    tariff("premium-hex-huge", "31-35: 1068", "31-35: 0x" + "f" * 60, KRONOR),
    tariff("smoker-1e30-text", "loading_pct: 25", "loading_pct: 1.0e30", PCT),
    tariff("smoker-1e30", "loading_pct: 25", "loading_pct: 1.0e+30", PCT),
    tariff("smoker-negative", "loading_pct: 25", "loading_pct: -25", "0 or more"),
    tariff("smoker-decimals", "loading_pct: 25", "loading_pct: 25.123456", PCT),
    tariff("smoker-1001", "loading_pct: 25", "loading_pct: 1001", PCT),
    tariff("smoker-text", "loading_pct: 25", "loading_pct: lots", "percentage"),
    tariff("discount-1e40", "monthly_discount: 210", f"monthly_discount: {HUGE}", KRONOR),
    tariff("deductible-negative", "amount: 500", "amount: -500", "0 or more"),
    tariff("minimum-1e40", "minimum_monthly_premium: 0", f"minimum_monthly_premium: {HUGE}",
           KRONOR),
    tariff("minimum-fraction", "minimum_monthly_premium: 0", "minimum_monthly_premium: 1.5",
           "whole number"),
    tariff("surcharge-1e30", "surcharge_pct: 0", "surcharge_pct: 1.0e+30", PCT),
    tariff("surcharge-negative", "surcharge_pct: 0", "surcharge_pct: -1", "0 or more"),
    tariff("referral-discount-huge", "  monthly_discount: 0\n  combinable",
           "  monthly_discount: 99999999999\n  combinable", KRONOR),
    tariff("year-offset-huge", "reference_year_offset: -1",
           "reference_year_offset: -99999999999", "greater than or equal"),
    tariff("year-offset-positive", "reference_year_offset: -1", "reference_year_offset: 5",
           "less than or equal"),
    tariff("reference-month-13", "reference_month: 9", "reference_month: 13", "less than"),
    tariff("months-zero", "months: 1\n", "months: 0\n", "greater than"),
    tariff("months-huge", "months: 1\n", "months: 99999999999\n", "less than"),
    tariff("base-month-13", "base_month: 2023-09", "base_month: 2023-13", "month"),
    tariff("base-month-year-5", "base_month: 2023-09", "base_month: 99999-09", "YYYY-MM"),
    tariff("effective-timestamp", "effective_from: 2024-06-01",
           "effective_from: 2024-06-01 10:00:00", TIMESTAMP),
    tariff("effective-timestamp-tz", "effective_from: 2024-06-01",
           "effective_from: 2024-06-01T10:00:00+14:00", TIMESTAMP),
    tariff("effective-impossible", "effective_from: 2024-06-01", "effective_from: 2024-02-30",
           "calendar date"),
    tariff("effective-year-zero", "effective_from: 2024-06-01", "effective_from: 0000-01-01",
           "calendar date"),
    tariff("bracket-huge", '"71-"]', '"71-99999999999999999999"]', "should match pattern"),
    tariff("bracket-5000-digits", '"71-"]', '"71-' + "9" * 5000 + '"]', "should match pattern"),
    tariff("currency-eur", "currency: SEK", "currency: EUR", "SEK"),
    tariff("kind-wrong", "kind: tariff", "kind: tarif", "kind"),
    *yaml_cases("tariff", TARIFF),
]


def rulebook(name: str, old: str, new: str, fragment: Fragment) -> Case:
    return Case(f"rulebook-{name}", "rulebook",
                text_file("rulebook", name, replaced(RULEBOOK, old, new)), fragment)


RULEBOOK_CASES = [
    rulebook("valid-months-huge", "valid_months: 1", "valid_months: 99999999999", "less than"),
    rulebook("valid-months-zero", "valid_months: 1", "valid_months: 0", "greater than"),
    rulebook("karens-huge", "karens_months: 24", "karens_months: 99999", "less than"),
    rulebook("max-age-huge", "individual_max_age: 66", "individual_max_age: 99999999999",
             "less than"),
    rulebook("guardian-negative", "guardian_below_age: 18", "guardian_below_age: -1",
             "greater than"),
    rulebook("height-max-1e30", "min: 40, max: 230", "min: 40, max: 1.0e+30", "less than"),
    rulebook("height-min-above-max", "min: 40, max: 230", "min: 240, max: 230",
             Msg("hostile.range.measurement")),
    rulebook("height-nan", "min: 40, max: 230", "min: .nan, max: 230", "decimal"),
    rulebook("height-decimals", "min: 40, max: 230", "min: 40.123, max: 230", "decimal"),
    rulebook("height-min-zero", "min: 40, max: 230", "min: 0, max: 230", "greater than"),
    rulebook("weight-negative", "min: 2, max: 300", "min: -2, max: 300", "greater than"),
    rulebook("bmi-below-1e30", "below: 17}", "below: 1.0e+30}", "less than"),
    rulebook("bmi-min-negative", "{min: 30, below: 35}", "{min: -30, below: 35}",
             "greater than"),
    rulebook("count-huge", "treatments_3y: {below: 10}", "treatments_3y: {below: 99999999999}",
             "less than"),
    rulebook("load-1e30-text", "load_pct: 25", "load_pct: 1.0e30", PCT),
    rulebook("load-1e5000", "load_pct: 25", "load_pct: 1e5000", PCT),
    rulebook("load-negative", "load_pct: 25", "load_pct: -25", "0 or more"),
    rulebook("effective-timestamp", "effective_from: 2024-06-01",
             "effective_from: 2024-06-01 00:00:00", TIMESTAMP),
    rulebook("norway-boolean", 'SE, "NO", DK', "SE, NO, DK", "yes/no"),
    rulebook("example-text", "example: true", "example: maybe", "bool"),
    *yaml_cases("rulebook", RULEBOOK),
]


def kpi(name: str, data: str | bytes, fragment: Fragment, dangerous: bool = False) -> Case:
    return Case(f"kpi-{name}", "kpi", text_file("kpi", name, data), fragment, dangerous)


def kpi_last(name: str, value: str, fragment: Fragment) -> Case:
    return kpi(name, KPI + f"2026-01,{value}\n", fragment)


KPI_CASES = [
    kpi_last("1e30", "1e30", KPI_RANGE),
    kpi_last("1e5000", "1e5000", KPI_RANGE),
    kpi_last("5000-digits", "4" * 5000, KPI_RANGE),
    kpi_last("tiny", "0.001", KPI_RANGE),
    kpi_last("decimals", "414.5712345678", KPI_RANGE),
    kpi_last("negative", "-414.57", KPI_RANGE),
    kpi_last("zero", "0", KPI_RANGE),
    kpi_last("nan", "NaN", KPI_RANGE),
    kpi_last("infinity", "Infinity", KPI_RANGE),
    kpi_last("text", "lots", KPI_RANGE),
    kpi_last("empty-value", "", KPI_RANGE),
    kpi_last("nul", "41\x0057", KPI_RANGE),
    kpi_last("decimal-comma", "414,57", "YYYY-MM,value"),
    kpi("bad-month", KPI + "2025-13,415.00\n", "month"),
    kpi("five-digit-year", KPI + "20245-01,415.00\n", "YYYY-MM"),
    kpi("duplicate-month", KPI + "2025-12,417.96\n", "duplicate"),
    kpi("out-of-order", KPI + "2005-12,300.00\n", "out of order"),
    kpi("no-header", "\n".join(line for line in KPI.splitlines()
                               if not line.startswith("month,")) + "\n", "header"),
    kpi("wrong-header", KPI.replace("month,kpi", "månad,kpi"), "header"),
    kpi("semicolons", KPI.replace("month,kpi,note", "month;kpi;note").replace(",", ";"),
        "header"),
    kpi("empty", b"", ("empty", "header")),
    kpi("not-utf8", KPI.encode() + b"2026-01,4\xe5\n", "not UTF-8"),
    kpi("utf16", KPI.encode("utf-16"), ("not UTF-8", "header")),
    kpi("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ("not UTF-8", "header")),
    kpi("too-large", KPI + "# " + "x" * (1 << 20) + "\n", TOO_LARGE, dangerous=True),
    kpi("one-huge-line", b"month,kpi\n2024-01," + b"9" * (2 << 20), TOO_LARGE, dangerous=True),
    *(c for c in specials("kpi")),
]

# A complete declaration for the bundled rule book: everyone says no.
_QUESTIONS = [f"q{i}" for i in range(1, 19)]
DECLARATION: dict[str, Any] = {"signed": "2024-08-20", "received": "2024-09-01",
                               "height_cm": 180, "weight_kg": 75,
                               "answers": {q: "nej" for q in _QUESTIONS}}


def _declaration_yaml(data: dict[str, Any]) -> str:
    lines = [f"signed: {data['signed']}", f"received: {data['received']}",
             f"height_cm: {data['height_cm']}", f"weight_kg: {data['weight_kg']}", "answers:"]
    lines += [f"  {q}: {a}" for q, a in data["answers"].items()]
    return "\n".join(lines) + "\n"


DECLARATION_YAML = _declaration_yaml(DECLARATION)
Q2_LEAK = ("  q2:\n    answer: ja\n    condition: [diabetes]\n"
           f"    onset: {PLANTED_TEXT} efter hjärtinfarkt 2019\n    treatment: tabletter\n"
           "    last_symptoms: 2024-08\n    ongoing: ja\n")


def declaration(name: str, data: str | bytes, fragment: Fragment = None,
                suffix: str | None = None, dangerous: bool = False) -> Case:
    return Case(f"declaration-{name}", "declaration",
                text_file("declaration", name, data, suffix), fragment, dangerous)


def _json(**changes: Any) -> str:
    return json.dumps({**DECLARATION, **changes}, ensure_ascii=False)


DECLARATION_CASES = [
    declaration("signed-timestamp", replaced(DECLARATION_YAML, "signed: 2024-08-20",
                                             "signed: 2024-08-20 10:00:00")),
    declaration("received-timestamp", replaced(DECLARATION_YAML, "received: 2024-09-01",
                                               "received: 2024-09-01T10:00:00Z")),
    declaration("height-1e30", replaced(DECLARATION_YAML, "height_cm: 180",
                                        "height_cm: 1.0e+30")),
    declaration("height-1e30-text", replaced(DECLARATION_YAML, "height_cm: 180",
                                             "height_cm: 1e30")),
    declaration("height-digits", replaced(DECLARATION_YAML, "height_cm: 180",
                                          "height_cm: " + "1" * 5000), LONG_NUMBER),
    declaration("weight-negative", replaced(DECLARATION_YAML, "weight_kg: 75", "weight_kg: -75")),
    declaration("height-nan", replaced(DECLARATION_YAML, "height_cm: 180", "height_cm: .nan")),
    declaration("onset-leak", replaced(DECLARATION_YAML, "  q2: nej\n", Q2_LEAK)),
    declaration("unknown-key-leak", DECLARATION_YAML.replace(
        "answers:\n", f"{PLANTED_TEXT} hjärtinfarkt: ja\nanswers:\n")),
    declaration("duplicate-key-leak", DECLARATION_YAML + f"{PLANTED_TEXT} x: 1\n"
                f"{PLANTED_TEXT} x: 2\n"),
    declaration("undefined-alias-leak", DECLARATION_YAML + f"note: *{PLANTED_TEXT}\n",
                "YAML syntax error"),
    declaration("treatment-mapping", replaced(DECLARATION_YAML, "  q2: nej\n", Q2_LEAK.replace(
        "treatment: tabletter", "treatment: {what: tabletter}"))),
    declaration("answer-number", replaced(DECLARATION_YAML, "  q3: nej", "  q3: 12")),
    declaration("signed-after-received", replaced(DECLARATION_YAML, "signed: 2024-08-20",
                                                  "signed: 2024-09-20")),
    declaration("answers-list", replaced(DECLARATION_YAML, "answers:\n", "answers: [1, 2]\nx:\n")),
    declaration("json-truncated", '{"signed": "2024-08-20", "answers": {', "YAML syntax error",
                suffix=".json"),
    declaration("json-height-text", _json(height_cm="lång"), suffix=".json"),
    declaration("json-escaped-nul", _json(answers={**DECLARATION["answers"], "q2": {
        "answer": "ja", "condition": ["diabetes"], "onset": "2019-03",
        "treatment": f"{PLANTED_TEXT}\u0000", "last_symptoms": "2024-08", "ongoing": "ja"}}),
        CONTROL, suffix=".json"),
    declaration("json-height-huge", _json(height_cm=10 ** 40), suffix=".json"),
    declaration("json-onset-leak", _json(answers={**DECLARATION["answers"], "q2": {
        "answer": "ja", "condition": ["diabetes"], "onset": f"{PLANTED_TEXT} 2019",
        "treatment": "x", "last_symptoms": "2024-08", "ongoing": "ja"}}), suffix=".json"),
    declaration("nul-in-text", replaced(DECLARATION_YAML, "  q2: nej\n", Q2_LEAK.replace(
        "tabletter", f"{PLANTED_TEXT}\x00")), CONTROL),
    *yaml_cases("declaration", DECLARATION_YAML),
]

BOOK_HEADER = "policy_id,product,id,renewal_date,deductible,smoker,loading_pct,current_premium\n"
BOOK_ROW = f"P1,plus,{PLANTED_ID},2025-03-01,0,false,,1068\n"
BOOK_GOOD = BOOK_HEADER + BOOK_ROW


def book(name: str, data: str | bytes, suffix: str | None = None,
         dangerous: bool = False) -> Case:
    return Case(f"book-{name}", "book", text_file("book", name, data, suffix), None, dangerous)


def book_row(name: str, row: str) -> Case:
    return book(name, BOOK_GOOD + row + "\n")


def _parquet(rows: dict[str, list[str]]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        import polars as pl

        path = directory / "book.parquet"
        pl.DataFrame(rows).write_parquet(path)
        return path
    return make


BOOK_CASES = [
    book_row("stray-quote", f'P2,pl"us,{PLANTED_ID},2025-03-01,0,false,,1068'),
    book_row("unterminated-quote", f'P2,"plus,{PLANTED_ID},2025-03-01,0,false,,1068'),
    book_row("too-many-fields", f"P2,plus,{PLANTED_ID},2025-03-01,0,false,,1068,extra,more"),
    book_row("too-few-fields", f"P2,plus,{PLANTED_ID}"),
    book_row("nul", f"P2,plus,{PLANTED_ID},2025-03-01,0,fa\x00lse,,1068"),
    book("nul-after-64k", BOOK_GOOD + BOOK_ROW * 1500 +
         f"P3,plus,{PLANTED_ID},2025-03-01,0,false,\x00,1068\n"),
    book_row("loading-1e30", f"P2,plus,{PLANTED_ID},2025-03-01,0,false,1e30,1068"),
    book_row("loading-1e5000", f"P2,plus,{PLANTED_ID},2025-03-01,0,false,1e5000,1068"),
    book_row("loading-digits", f"P2,plus,{PLANTED_ID},2025-03-01,0,false,{'9' * 5000},1068"),
    book_row("current-1e30", f"P2,plus,{PLANTED_ID},2025-03-01,0,false,,1e30"),
    book_row("current-negative", f"P2,plus,{PLANTED_ID},2025-03-01,0,false,,-1068"),
    book_row("deductible-1e30", f"P2,plus,{PLANTED_ID},2025-03-01,1e30,false,,1068"),
    book_row("deductible-digits", f"P2,plus,{PLANTED_ID},2025-03-01,{'5' * 5000},false,,1068"),
    book_row("formula", f"P2,=cmd|' /C calc'!A0,{PLANTED_ID},2025-03-01,0,false,,1068"),
    book_row("bad-id-leak", "P2,plus,121212-1213,2025-03-01,0,false,,1068"),
    book_row("renewal-timestamp", f"P2,plus,{PLANTED_ID},2025-03-01T10:00:00,0,false,,1068"),
    book_row("quoted-newline", f'"P2\nP3",plus,{PLANTED_ID},2025-03-01,0,false,,1068'),
    book("not-utf8", BOOK_GOOD.encode() + b"P2,pl\xe5s,x,2025-03-01,0,false,,1\n"),
    book("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    book("empty", b""),
    book("bom-only", b"\xef\xbb\xbf"),
    book("header-only", BOOK_HEADER),
    book("missing-column", BOOK_GOOD.replace("smoker,", "smokes,", 1)),
    book("duplicate-column", BOOK_GOOD.replace("current_premium", "product", 1)),
    book("crlf", BOOK_GOOD.replace("\n", "\r\n")),
    book("wide-header", BOOK_HEADER.rstrip("\n") + "".join(f",c{i}" for i in range(5000)) +
         "\n" + BOOK_ROW),
    book("huge-line", BOOK_HEADER + "P1," + "x" * (2 << 20), dangerous=True),
    book("parquet-garbage", BOOK_GOOD, suffix=".parquet"),
    Case("book-parquet-1e30", "book", _parquet({
        "policy_id": ["P1"], "product": ["plus"], "id": [PLANTED_ID],
        "renewal_date": ["2025-03-01"], "deductible": ["0"], "smoker": ["false"],
        "loading_pct": ["1e30"], "current_premium": ["1068"]})),
    Case("book-directory", "book", special("book", "directory"), None),
    Case("book-missing", "book", special("book", "missing"), None),
    Case("book-fifo", "book", special("book", "fifo"), None, dangerous=True),
    Case("book-devzero", "book", special("book", "devzero"), None, dangerous=True),
]

CASES: list[Case] = [*TARIFF_CASES, *RULEBOOK_CASES, *KPI_CASES, *DECLARATION_CASES,
                     *BOOK_CASES]
assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"
