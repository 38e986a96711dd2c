import os
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from quote.errors import DataFileError
from quote.yamlfile import MAX_FILE_BYTES, MAX_VALUES, load_yaml, read_bytes

P = Path("x.yaml")


def test_lines_are_recorded_for_every_value() -> None:
    doc = load_yaml(P, b"a: 1\nb:\n  c: [1, 2]\n  d:\n    - e: 2\n")
    assert doc.problems == []
    assert doc.lines[("a",)] == 1
    assert doc.lines[("b", "c")] == 3
    assert doc.lines[("b", "d", 0, "e")] == 5
    assert doc.line_of(("b", "d", 0, "missing")) == 5  # nearest ancestor


def test_duplicate_keys_are_problems_not_silently_overwritten() -> None:
    doc = load_yaml(P, b"a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in doc.problems] == [
        "x.yaml:3: duplicate key 'a' (first defined on line 1)"
    ]
    assert doc.data["a"] == 1


def test_decimals_never_pass_through_float() -> None:
    doc = load_yaml(P, b"a: 0.1\nb: 12\n")
    assert doc.data == {"a": Decimal("0.1"), "b": 12}
    assert isinstance(doc.data["a"], Decimal)


def test_syntax_error_is_located() -> None:
    doc = load_yaml(P, b"a: [1, 2\nb: 3\n")
    assert len(doc.problems) == 1
    assert str(doc.problems[0]).startswith("x.yaml:2: YAML syntax error")


def test_not_utf8() -> None:
    doc = load_yaml(P, b"a: \xff\n")
    assert "not UTF-8" in str(doc.problems[0])


def test_impossible_date_stays_text_for_the_model_to_reject() -> None:
    doc = load_yaml(P, b"d: 2024-02-30\n")
    assert doc.data == {"d": "2024-02-30"}


# Hostile input: every limit is a located problem, never an exception or a hang.

def _only_problem(raw: bytes) -> str:
    doc = load_yaml(P, raw)
    assert doc.data is None
    assert len(doc.problems) == 1, doc.problems
    return str(doc.problems[0])


def test_control_characters_are_refused_with_their_line() -> None:
    assert _only_problem(b"kind: tariff\nid: a\x00b\n") == \
        "x.yaml:2: control character U+0000 is not allowed in a YAML file"
    assert _only_problem(b"a: 1\n\nb: \x1b[31m\n").startswith("x.yaml:3: control "
                                                                         "character U+001B")
    assert load_yaml(P, b"a: \"tab\there\"\r\nb: 2\r\n").problems == []
    # written as escapes in a quoted string (YAML or JSON) they are refused all the same
    assert _only_problem(b'a: 1\nb: "x\\0y"\n').startswith("x.yaml:2: control character U+0000")
    assert _only_problem(b'{"a": 1,\n "b": "\\u001b[31m"}').startswith(
        "x.yaml:2: control character U+001B")


def test_deep_nesting_is_refused_while_composing_never_a_recursion_error() -> None:
    assert _only_problem(b"a: " + b"[" * 20000) == "x.yaml:1: nested deeper than 64 levels"
    block = "".join(" " * i + f"k{i}:\n" for i in range(70)) + " " * 70 + "v\n"
    assert _only_problem(block.encode()).endswith("nested deeper than 64 levels")
    assert load_yaml(P, b"a: " + b"[" * 63 + b"]" * 63).problems == []


def test_billion_laughs_is_refused_quickly() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi",
                                                                       strict=True)]
    started = time.monotonic()
    problem = _only_problem("\n".join(levels).encode())
    assert time.monotonic() - started < 2
    assert problem.endswith("aliases (*name) expand to more than 10,000 values")


def test_aliases_within_the_limit_are_expanded() -> None:
    doc = load_yaml(P, b"base: &b {type: month, sv: x}\nq: [*b, *b]\n")
    assert doc.problems == []
    assert doc.data["q"] == [{"type": "month", "sv": "x"}] * 2


def test_an_alias_that_contains_itself_is_refused() -> None:
    assert _only_problem(b"a: &a [1, *a]\n") == "x.yaml:1: an alias (*name) contains itself"
    assert _only_problem(b"a: &a {b: 1, <<: *a}\n").endswith("an alias (*name) contains itself")


def test_too_many_values_and_too_long_numbers() -> None:
    assert _only_problem(("a: [" + ",".join(["1"] * (MAX_VALUES + 1)) + "]").encode()) \
        .endswith("the file holds more than 20,000 values")
    assert _only_problem(b"a: 1\nb: " + b"7" * 5000) == \
        "x.yaml:2: a number with more than 100 digits"
    assert _only_problem(b"b: 1." + b"7" * 200) == "x.yaml:1: a number with more than 100 digits"


def test_tags_on_collections_are_refused_not_ignored() -> None:
    assert _only_problem(b"x: !!python/object/apply:os.system ['echo']\n") == \
        "x.yaml:1: a tag (!\u2026) on a sequence is not allowed here"
    assert load_yaml(P, b"x: !!python/name:os.system\n").problems[0].message == \
        "YAML syntax error: could not determine a constructor for the tag"


def test_messages_do_not_repeat_names_or_keys_that_may_be_personal() -> None:
    undefined = _only_problem(b"a: *LEAKTEXT\n")
    assert "LEAKTEXT" not in undefined and undefined.startswith("x.yaml:1: YAML syntax error")
    duplicate = load_yaml(P, "LEAKTEXT hjärta: 1\nLEAKTEXT hjärta: 2\n".encode()).problems
    assert [str(p) for p in duplicate] == ["x.yaml:2: duplicate key (first defined on line 1)"]


def test_timestamps_stay_timestamps_for_the_model_to_refuse() -> None:
    doc = load_yaml(P, b"d: 2024-06-01 10:00:00\n")
    assert isinstance(doc.data["d"], datetime)


def test_read_bytes_refuses_special_and_oversized_files(tmp_path: Path) -> None:
    def reason(path: Path, limit: int = MAX_FILE_BYTES) -> str:
        with pytest.raises(DataFileError) as info:
            read_bytes(path, "KPI", DataFileError, limit)
        return info.value.problems[0].message

    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert reason(fifo).startswith("is not a regular file")  # no writer: must not block
    assert reason(Path("/dev/zero")).startswith("is not a regular file")
    assert time.monotonic() - started < 2
    assert reason(tmp_path) == "is a directory, expected a KPI file"
    assert reason(tmp_path / "none.csv") == "KPI file not found"
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 101)
    assert reason(big, limit=100) == "KPI file is larger than 0 KiB; that is not a KPI file"
    assert read_bytes(big, "KPI", DataFileError, limit=101) == b"x" * 101
    big.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    assert reason(big) == "KPI file is larger than 1,024 KiB; that is not a KPI file"
