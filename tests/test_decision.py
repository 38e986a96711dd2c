"""The decision engine on hand-written scenarios, including the built-in rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from quote.dates import Month
from quote.underwriting.decision import Decision, decide, months_between
from quote.underwriting.declaration import parse_declaration
from quote.underwriting.rulebook import load_rulebook

from .conftest import BUNDLED, FIXTURES
from .declarations import all_no

BOOK = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml").model
MINI = load_rulebook(FIXTURES / "rulebooks" / "valid.yaml").model
BORN = date(1990, 5, 1)


def run(answers: dict[str, Any], book: Any = BOOK, **fields: Any) -> Decision:
    data = all_no(book)
    data["answers"].update(answers)
    data.update(fields)
    return decide(book, parse_declaration(data, book, BORN), BORN, "sv")


def skin(last: str, ongoing: str) -> dict[str, Any]:
    return {"q7": {"answer": "yes", "condition": ["psoriasis"], "onset": "2015-01",
                   "treatment": "salva", "last_symptoms": last, "ongoing": ongoing}}


def heart(*conditions: str) -> dict[str, Any]:
    return {"q2": {"answer": "yes", "condition": list(conditions), "onset": "2018-01",
                   "treatment": "tabletter", "last_symptoms": "2024-08", "ongoing": "yes"}}


def test_standard_applicant_is_accepted() -> None:
    decision = run({})
    assert (decision.outcome, decision.loading_pct, decision.smoker) == ("accept", 0, False)
    assert decision.findings == ()


def test_smoking_sets_the_tariff_loading_not_an_underwriting_loading() -> None:
    decision = run({"q1": "yes"})
    assert decision.smoker is True
    assert decision.loading_pct == 0
    assert decision.outcome == "accept"
    assert [f.rule for f in decision.findings] == ["SMOKER"]


def test_loadings_add_up() -> None:
    """Numerical rating: high blood pressure +25 % and diabetes +50 % make +75 %."""
    decision = run(heart("high_blood_pressure", "diabetes"))
    assert decision.loading_pct == Decimal(75)
    assert decision.outcome == "terms"
    assert [(f.rule, f.answer) for f in decision.findings] == [
        ("Q2-BLOOD-PRESSURE", "Högt blodtryck"), ("Q2-DIABETES", "Diabetes")]


def test_decline_wins_over_refer_and_terms() -> None:
    answers = {**heart("high_blood_pressure", "arrhythmia"),
               "q16": {"answer": "yes", "describe": "x", "when": "2020-01"}}
    assert run(answers).outcome == "decline"
    assert run(heart("high_blood_pressure", "arrhythmia")).outcome == "refer"


def test_karens_24_months_symptom_free_gives_no_exclusion() -> None:
    # received 2024-09: last symptoms 2022-09 is 24 months before; 2022-10 only 23.
    free = run(skin("2022-09", "no"))
    assert free.outcome == "accept" and free.exclusions == ()
    assert free.findings[0].effect == "accept"
    assert free.findings[0].note is not None and "24 månader" in free.findings[0].note
    recent = run(skin("2022-10", "no"))
    assert recent.outcome == "terms"
    assert [e.sv for e in recent.exclusions] == ["Psoriasis"]
    treated = run(skin("2020-01", "yes"))  # still under treatment or control: no karens
    assert treated.outcome == "terms"


def test_body_part_exclusion_with_side() -> None:
    decision = run({"q17": {"answer": "yes", "body_part": ["knee", "back"], "side": "left",
                            "onset": "2020-01", "last_symptoms": "2024-05",
                            "treatment": "sjukgymnast", "ongoing": "no"}})
    assert decision.outcome == "terms"
    assert [(e.kind, e.id, e.side, e.sv) for e in decision.exclusions] == [
        ("body_part", "knee", "left", "Knä (vänster)"),
        ("body_part", "back", None, "Rygg"),
    ]


def test_moment_exclusion() -> None:
    decision = run({"q13": {"answer": "yes", "condition": ["anxiety"], "period": "2022",
                            "sick_listed": "no", "ongoing": "no"}})
    assert decision.outcome == "terms"
    assert [(e.kind, e.id) for e in decision.exclusions] == [("moment", "psychology")]


def test_a_yes_no_rule_covers_is_referred() -> None:
    # In the mini rule book MIGRAINE covers only 'rarely'; 'often' matches no rule.
    decision = run({"q2": {"answer": "yes", "condition": ["migraine"], "frequency": "often",
                           "last_symptoms": "2024-08", "ongoing": "yes"}}, book=MINI)
    assert [(f.rule, f.effect) for f in decision.findings] == [("UNMATCHED", "refer")]
    assert decision.outcome == "refer"


def test_bmi_rules() -> None:
    assert run({}, weight_kg=100).loading_pct == 25  # 100 / 1.8² = 30.9
    assert run({}, weight_kg=135).outcome == "decline"  # 41.7
    assert run({}, weight_kg=50).outcome == "refer"  # 15.4


def test_findings_in_english() -> None:
    data = all_no(BOOK)
    data["answers"].update(heart("diabetes"))
    decision = decide(BOOK, parse_declaration(data, BOOK, BORN), BORN, "en")
    assert decision.findings[0].reason == "Diabetes gives a 50 % loading."


def test_months_between() -> None:
    assert months_between(Month(2022, 9), Month(2024, 9)) == 24
