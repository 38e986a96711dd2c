"""Every message for people comes from the catalogs (quote/text/*.py) in Swedish and English.

A scan of the source fails on an error raised (or a line printed) with a message written
as an English literal; the few literals that can never reach a user are allowed by name,
each with its reason. The command-line runs show converted messages in both languages.
"""

from __future__ import annotations

import ast
import csv
import re
import string
from datetime import date
from pathlib import Path

import pytest

from quote.errors import BookError, InputError
from quote.i18n import Lang, _catalog, _load_catalogs, in_lang, set_lang, t
from quote.renewal.reading import open_book
from quote.tabular import check_format

from .conftest import ROOT, Invoke

SOURCE = ROOT / "quote"

# callee name -> the position of its first message argument (the ones before it are a
# field name, a code, a path or a location).
MESSAGE_AT = {"InputError": 1, "PydanticCustomError": 1, "AnswerProblem": 1, "Problem": 2,
              "problem": 1, "fail": 0, "bad": 0, "echo": 0, "secho": 0, "print": 0, "say": 0}

# (file, the literal's text with {} for each value) -> why it may stay English.
ALLOWED = {
    ("quote/i18n.py", "message {} lacks {}"):
        "a catalog entry without both languages: a bug found when the catalogs load",
    ("quote/i18n.py", "message {} registered twice with different text"):
        "two catalogs defining one key: a bug found when the catalogs load",
    ("quote/i18n.py", "no message {}"):
        "t() with a key no catalog has: a bug (test_every_key_used_exists guards it)",
    ("quote/cli/__init__.py", "module {} has no attribute {}"):
        "Python's module __getattr__ protocol (lazy command modules), not for people",
    ("quote/renewal/columns.py", "two pricing keys share a hash; nothing was written"):
        "an impossible state (a 64-bit hash collision between two pricing keys), checked "
        "so that no wrong premium is ever written",
    ("quote/spreadsheet.py", "sha256() before close()"):
        "a programming error in a caller of TableWriter",
    ("quote/spreadsheet.py", "write_bytes on a {} table"):
        "a programming error: only the renewal kernel writes bytes, and only to CSV",
    ("quote/spreadsheet.py", "hash_bytes on a {} table"):
        "a programming error: only the renewal kernel writes bytes, and only to CSV",
    ("quote/renewal/kernel.py", "the kernel checks {}, the registry orders {}"):
        "the C kernel and the reason registry out of step: a bug, found before any row is "
        "read (tests/test_renewal_kernel.py guards it)",
    ("quote/renewal/kernel.py", "the kernel's current premium limit is not the registry's"):
        "the C kernel and the reason registry out of step: a bug, found before any row is "
        "read",
    ("quote/renewal/kernel.py", "a block of plain records read as another number of records"):
        "an impossible state (the two readers disagreeing on a block without quotes), "
        "checked so that no line number is ever wrong",
    ("quote/tariff.py", "bracket {} is not of the form 31-35 or 71-"):
        "unreachable: the tariff model checks every label (BracketLabel) before parsing",
    ("quote/tariff.py", "no bracket for age {}"):
        "unreachable after validation: brackets start at 0 and the last is open-ended",
    ("quote/cli/__init__.py", "quote {}"):
        "`quote --version`: the program's name and version, the same in every language",
    ("quote/cli/rulebook.py", "::error {}::{}"):
        "a GitHub Actions workflow command (`--github`): its syntax, not text for people",
}

_OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z0-9-]*")
_MARKUP = re.compile(r"\[/?[a-z ]*\]")
# names of fields, codes and settings: dotted paths (indexation.series), snake_case
# (bad_date), capitals (QUOTE_ID_COUNTRY): the same in every language
_NAME = re.compile(r"[A-Za-z_][\w{}]*(?:\.[\w{}]+)+|\w*_\w*|\b[A-Z][A-Z0-9]+\b")


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else ""


def _literal(node: ast.expr) -> str | None:
    """The text of a string literal or f-string (``{}`` for each value), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "{}"
                       for part in node.values)
    return None


def _has_words(text: str) -> bool:
    """Words for people, once option names (``--on``), Rich markup and values are gone."""
    bare = _NAME.sub("", _MARKUP.sub("", _OPTION.sub("", text)))
    return re.search(r"[A-Za-z]{2,}", bare) is not None


def english_literals() -> list[tuple[str, int, str]]:
    """(file, line, text) of every error, problem or printed line made from a literal."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("quote/text/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)
            start = MESSAGE_AT.get(name, 0 if name.endswith("Error") else None)
            if start is None:
                continue
            only_one = name in ("problem", "Problem")  # then a severity, not a message
            for arg in node.args[start:start + 1] if only_one else node.args[start:]:
                text = _literal(arg)
                if text is not None and _has_words(text):
                    found.append((relative, node.lineno, text))
    return found


def test_no_english_literal_is_raised_or_printed() -> None:
    """An error raised with ``f"...English..."`` would reach a Swedish user in English:
    put the text in a catalog and raise ``t("key", ...)``."""
    found = english_literals()
    new = [f"{path}:{line}: {text!r}" for path, line, text in found
           if (path, text) not in ALLOWED]
    assert not new, "messages written as literals (move them to quote/text/):\n" + \
        "\n".join(new)
    stale = set(ALLOWED) - {(path, text) for path, _, text in found}
    assert not stale, f"allowed literals that are gone (remove them from ALLOWED): {stale}"


def test_the_scan_finds_a_literal() -> None:
    """The scan itself: what it must catch and what it must let pass."""
    tree = ast.parse('raise InputError("on", f"{x} is before {y}")\n'
                     'fail(f"--age: {t(\'k\')}")\n'
                     'raise QuoteError(f"{path}: {exc.message}")\n'
                     'raise _RowError("bad_date", column=column)\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _callee(n) != "t"]
    texts = {_callee(c): _literal(c.args[-1]) for c in calls}
    assert texts == {"InputError": "{} is before {}", "fail": "--age: {}",
                     "QuoteError": "{}: {}", "_RowError": "bad_date"}
    assert _has_words("{} is before {}") and _has_words("missing birth_date")
    assert not any(_has_words(text) for text in (
        "--age: {}", "[bold]{}[/]:", "bad_date", "measurements.{}: {}", "QUOTE_ID_COUNTRY: {}",
        "{}:1: {}"))


def test_every_catalog_entry_has_the_same_placeholders_in_both_languages() -> None:
    _load_catalogs()
    names = string.Formatter()
    differ = {}
    for key, texts in _catalog.items():
        sv, en = ({field for _, field, _, _ in names.parse(texts[lang]) if field is not None}
                  for lang in ("sv", "en"))
        if sv != en:
            differ[key] = sv ^ en
    assert not differ


def test_every_key_used_exists() -> None:
    """A literal key given to t() is in a catalog (else KeyError at the moment of failure,
    which is the worst moment to find it)."""
    _load_catalogs()
    missing = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _callee(node) == "t" and node.args:
                key = _literal(node.args[0])
                if key is not None and "{}" not in key and key not in _catalog:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {key}")
    assert not missing


# --- core: a converted error keeps its key, so it can be shown in either language --------

def test_a_book_error_can_be_shown_in_both_languages(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,birth_date,renewal_date,deductible\n")
    with pytest.raises(BookError) as caught:
        open_book(book, date(2025, 1, 1))
    message = caught.value.args[0]
    assert in_lang(message, "en") == f"{book}: missing column(s) smoker; the header has " \
        "policy_id, product, birth_date, renewal_date, deductible"
    assert in_lang(message, "sv") == f"{book}: kolumn(er) saknas: smoker; rubrikraden har " \
        "policy_id, product, birth_date, renewal_date, deductible"


def test_an_input_error_follows_the_language() -> None:
    set_lang("sv")
    with pytest.raises(InputError) as caught:
        check_format(Path("out.txt"), "output")
    assert caught.value.message == "out.txt: ange ett filnamn som slutar på .csv, .xlsx " \
        "eller .parquet"
    assert in_lang(caught.value.message, "en") == "out.txt: give a .csv, .xlsx or .parquet " \
        "file name"


def test_a_number_in_a_message_is_written_the_languages_way() -> None:
    # 1 048 576 rows fit an Excel sheet, one of them the header: 1 048 575 rows of data.
    assert t("output.too_many_rows", "sv", path="a.xlsx", limit=1_048_575) == \
        "a.xlsx: fler än 1 048 575 rader får inte plats i ett kalkylblad; skriv CSV eller " \
        "Parquet i stället"
    assert "more than 1,048,575 rows do not fit a sheet" in \
        t("output.too_many_rows", "en", path="a.xlsx", limit=1_048_575)


def test_an_os_reason_is_translated_and_an_unknown_one_kept() -> None:
    from quote.errors import os_reason

    set_lang("sv")
    assert os_reason(PermissionError(13, "Permission denied")) == "Åtkomst nekas"
    set_lang("en")
    assert os_reason(PermissionError(13, "Permission denied")) == "Permission denied"
    assert os_reason(OSError(0, "Something odd")) == "Something odd"


# --- the command line in both languages ---------------------------------------------------

BOOK_HEADER = ["policy_id", "product", "birth_date", "renewal_date", "deductible"]


def _book(path: Path, header: list[str]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(["P1", "plus", "1990-01-01", "2025-01-01", "0", "no"][:len(header)])
    return path


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "kolumn(er) saknas: smoker; rubrikraden har policy_id"),
    ("en", "missing column(s) smoker; the header has policy_id"),
])
def test_renew_a_book_missing_a_column(run: Invoke, tmp_path: Path, lang: Lang,
                                       expected: str) -> None:
    book = _book(tmp_path / "book.csv", BOOK_HEADER)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == f"{t('common.error', lang, message='')}{book}: {expected}, " \
        "product, birth_date, renewal_date, deductible\n"
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "Fel: {out}: kan inte skriva här (Filen eller katalogen finns inte); kontrollera "
           "att katalogen {dir} finns och är skrivbar\n"),
    ("en", "Error: {out}: cannot write here (No such file or directory); check that the "
           "directory {dir} exists and is writable\n"),
])
def test_renew_to_an_unwritable_place(run: Invoke, tmp_path: Path, lang: Lang,
                                      expected: str) -> None:
    book = _book(tmp_path / "book.csv", [*BOOK_HEADER, "smoker"])
    nowhere = tmp_path / "none"
    result = run("renew", str(book), "-o", str(nowhere / "out.csv"), "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == expected.format(out=nowhere / "out.rejects.csv", dir=nowhere)


@pytest.mark.parametrize(("lang", "none_given", "nobody"), [
    ("sv", "Fel: ange --person (en eller flera) eller --file\n",
     "Fel: --person: ange minst en person\n"),
    ("en", "Error: give --person (one or more) or --file\n",
     "Error: --person: give at least one person\n"),
])
def test_household_with_no_person(run: Invoke, tmp_path: Path, lang: Lang, none_given: str,
                                  nobody: str) -> None:
    result = run("household", "--on", "2025-03-01", "--lang", lang)
    assert (result.exit_code, result.stderr) == (2, none_given)
    empty = tmp_path / "family.yaml"
    empty.write_text("persons: []\n")
    result = run("household", "--file", str(empty), "--on", "2025-03-01", "--lang", lang)
    assert (result.exit_code, result.stderr) == (2, nobody)


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "Fel: --person: del 1 är inte nyckel=värde (t.ex. role=barn)\n"),
    ("en", "Error: --person: part 1 is not key=value (e.g. role=barn)\n"),
])
def test_a_person_that_is_not_key_value_is_not_echoed(run: Invoke, lang: Lang,
                                                      expected: str) -> None:
    """An identity number typed without ``id=`` is not repeated in the message."""
    result = run("household", "--person", "19900501-1235", "--on", "2025-03-01",
                 "--lang", lang)
    assert (result.exit_code, result.stderr) == (2, expected)
    assert "1235" not in result.output


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "brackets: glapp mellan 0-15 och 17-40 (åldrarna 16-16 har inget intervall)"),
    ("en", "brackets: gap between 0-15 and 17-40 (ages 16-16 have no bracket)"),
])
def test_a_tariff_problem_in_both_languages(run: Invoke, lang: Lang, expected: str) -> None:
    tariff = ROOT / "tests" / "fixtures" / "tariffs" / "bracket-gap.yaml"
    result = run("tariff", "check", str(tariff), "--lang", lang)
    assert result.exit_code == 1  # a reported finding
    assert f"{tariff}:9: {expected}\n" in result.stdout


def test_pydantic_messages_keep_pydantics_english_and_have_swedish() -> None:
    """For every pydantic error type translated, the English is pydantic's own message,
    word for word (so a new pydantic wording shows up here), and the Swedish differs."""
    from pydantic_core import PydanticKnownError

    from quote.yamlfile import PYDANTIC_TYPES, field_message

    contexts: dict[str, dict[str, object]] = {
        "literal_error": {"expected": "'half_up' or 'half_even'"},
        "enum": {"expected": "'a', 'b' or 'c'"}, "model_type": {"class_name": "Product"},
        "string_pattern_mismatch": {"pattern": "^[a-z]+$"}, "greater_than": {"gt": 0},
        "greater_than_equal": {"ge": 1000}, "less_than": {"lt": 5}, "less_than_equal": {"le": 1}}
    for kind in sorted(PYDANTIC_TYPES):
        context = contexts.get(kind, {})
        expected = PydanticKnownError(kind, context or None).message()  # type: ignore[arg-type]
        set_lang("en")
        assert field_message(kind, context, "?") == expected, kind
        set_lang("sv")
        assert field_message(kind, context, "?") not in (expected, "?"), kind
    assert field_message("literal_error", contexts["literal_error"], "?") == \
        "ska vara 'half_up' eller 'half_even'"
    assert field_message("too_short", {}, "pydantic's own") == "pydantic's own"
