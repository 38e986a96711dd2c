"""Rule books: the shipped example is complete; each broken fixture fails at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quote.underwriting.rulebook import RuleBookError, load_rulebook

from .conftest import BUNDLED, FIXTURES

R = FIXTURES / "rulebooks"
SHIPPED = BUNDLED / "rulebook-dkv-example-2024-06-01.yaml"


def test_shipped_rule_book_has_the_18_questions_of_the_form() -> None:
    book = load_rulebook(SHIPPED).model
    assert list(book.questions) == [f"q{i}" for i in range(1, 19)]
    assert book.example is True and "EXAMPLE" not in book.notice  # stated in prose
    assert book.questions["q1"].role == "smoker"
    assert book.questions["q1"].sv == "Röker du eller har du rökt under de sista 12 månaderna?"
    for question in book.questions.values():
        assert question.sv and question.en
        for followup in question.followups.values():
            assert followup.sv and followup.en
    q3 = book.questions["q3"].followups
    assert q3["attack_frequency"].when is not None
    assert set(q3["attack_frequency"].when.any_of) == {"migraine", "recurring_headache",
                                                       "epilepsy"}
    assert book.questions["q5"].followups["treatments_3y"].type == "count"
    assert book.questions["q17"].followups["side"].when is not None
    assert book.eligibility.norden == ["SE", "NO", "DK", "FI", "AX"]
    assert {r.effect for r in book.rules} == {"accept", "exclude", "load", "refer", "decline"}
    assert len({r.id for r in book.rules}) == len(book.rules)


CASES = [
    ("rule-unknown-question", 90, "rules[3] PAIN: question 'q9' does not exist"),
    ("rule-unknown-followup", 79, "rules[1] DIABETES: 'diagnosis' is not a follow-up of "
                                  "question q2"),
    ("rule-unknown-option", 79, "rules[1] DIABETES: condition has no option diabetis"),
    ("rule-range-on-choice", 79, "rules[1] DIABETES: condition is choices: min and below "
                                 "are for counts"),
    ("rule-options-on-yesno", 85, "rules[2] MIGRAINE: ongoing is yesno: a list of options "
                                  "is for a choice"),
    ("followup-unreachable-order", 45, "questions.q2.followups.frequency: can never be reached: "
                                       "it depends on follow-up 'ongoing', which is asked after "
                                       "it"),
    ("followup-unreachable-value", 45, "questions.q2.followups.frequency: can never be reached: "
                                       "condition has no answer headache"),
    ("load-without-pct", 80, "rules[1] DIABETES: a load rule needs load_pct"),
    ("norway-boolean", 13, "eligibility.norden.1: read as yes/no by YAML: write the country code "
                           "in quotes, e.g. \"NO\""),
    ("exclude-bad-source", 87, "rules[2] MIGRAINE: exclude.conditions_from: 'last_symptoms' is "
                               "not a choice follow-up of question q2"),
    ("duplicate-rule-id", 77, "rules[1] BP: duplicate rule id (first at rules[0])"),
    ("followup-named-conditions", 51, "questions.q2.followups.conditions: the name "
                                      "'conditions' is kept for the list of conditions in a "
                                      "declaration; choose another"),
    ("karens-not-a-month", 18, "declaration.karens_last_symptoms: 'ongoing' is not a month "
                               "follow-up in q2"),
]


def test_shipped_rule_book_settings() -> None:
    """Declaration mode (the form, 2138-2426); BMI rules from 18; only the rule book's own
    follow-ups (form: false) are optional-or-categorised, the form's answers required."""
    book = load_rulebook(SHIPPED).model
    assert book.declaration.mode == "declaration"
    assert book.measurements.bmi_from_age == 18 and book.measurements.children is not None
    assert set(book.declaration.karens_dates) == {"check_up", "medication", "treatment"}
    for qid in ("q11", "q12"):
        followups = book.questions[qid].followups
        assert not followups["by_whom"].optional and not followups["result"].optional
    q17 = book.questions["q17"].followups
    assert not q17["diagnosis"].optional and "ongoing" in q17 and not q17["ongoing"].form
    assert not book.questions["q3"].followups["attack_frequency"].form


@pytest.mark.parametrize(("name", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_rule_book(name: str, line: int, message: str) -> None:
    path = R / f"{name}.yaml"
    with pytest.raises(RuleBookError) as info:
        load_rulebook(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:{line}: {message}"]


def test_valid_fixture_loads() -> None:
    assert load_rulebook(R / "valid.yaml").model.id == "mini-rules"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("valid_months: 1", "valid_months: 99999999999",
     "declaration.valid_months: Input should be less than or equal to 24"),
    ("min: 40, max: 230", "min: 240, max: 230",
     "measurements.height_cm: min must be less than max"),
    ("min: 40, max: 230", "min: 0, max: 230",
     "measurements.height_cm.min: Input should be greater than 0"),
    ("load_pct: 25", "load_pct: 1.0e30",
     "rules.1.load_pct: a percentage from 0 to 1,000 with at most 4 decimals"),
])
def test_numbers_out_of_range_are_refused_at_their_line(tmp_path: Path, old: str, new: str,
                                                        message: str) -> None:
    text = (BUNDLED / "rulebook-dkv-example-2024-06-01.yaml").read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / "r.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleBookError) as info:
        load_rulebook(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:{line}: {message}"]
