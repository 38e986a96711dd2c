from decimal import Decimal
from pathlib import Path

from quote.yamlfile import load_yaml

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
