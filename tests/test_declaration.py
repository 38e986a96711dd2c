"""Declarations: every missing or wrong answer is listed, abandoned branches dropped."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quote.dates import Month
from quote.underwriting.declaration import DeclarationError, add_months, parse_declaration
from quote.underwriting.rulebook import load_rulebook

from .conftest import BUNDLED
from .declarations import all_no

BOOK = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml").model
BORN = date(1990, 5, 1)


def problems(data: dict) -> list[str]:  # type: ignore[type-arg]
    with pytest.raises(DeclarationError) as info:
        parse_declaration(data, BOOK, BORN)
    return [p.message for p in info.value.problems]


def test_all_no_is_valid() -> None:
    decl = parse_declaration(all_no(BOOK), BOOK, BORN)
    assert len(decl.answers) == 18 and not any(a.yes for a in decl.answers.values())
    assert decl.bmi == Decimal("23.1")  # 75 / 1.8² = 23.148 → 23.1


def test_yes_with_follow_ups() -> None:
    data = all_no(BOOK)
    data["answers"]["q3"] = {"answer": "ja", "condition": ["migraine"],
                             "attack_frequency": "monthly", "onset": "2010-01",
                             "treatment": "tabletter", "last_symptoms": "2024-07",
                             "ongoing": "nej"}
    answer = parse_declaration(data, BOOK, BORN).answers["q3"]
    assert answer.yes
    assert answer.followups["condition"] == ("migraine",)
    assert answer.followups["last_symptoms"] == Month(2024, 7)
    assert answer.followups["ongoing"] is False


def test_abandoned_branch_is_dropped() -> None:
    data = all_no(BOOK)
    # attack frequency applies to migraine/headache/epilepsy only; asthma answers on q2-no too
    data["answers"]["q3"] = {"answer": "yes", "condition": ["ms"], "attack_frequency": "daily",
                             "onset": "2010-01", "treatment": "x", "last_symptoms": "2024-07",
                             "ongoing": "yes"}
    data["answers"]["q4"] = {"answer": "no", "condition": ["asthma"]}
    decl = parse_declaration(data, BOOK, BORN)
    assert "attack_frequency" not in decl.answers["q3"].followups
    assert decl.dropped == ("q3.attack_frequency", "q4.condition")


def test_every_problem_is_listed_by_question() -> None:
    data = all_no(BOOK)
    del data["answers"]["q7"]
    data["answers"]["q5"] = "maybe"
    data["answers"]["q2"] = {"answer": "yes", "condition": ["diabetes", "gout"],
                             "onset": "2019-3", "colour": "red"}
    data["answers"]["q99"] = "no"
    assert problems(data) == [
        "q99: no such question (expected q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, "
        "q14, q15, q16, q17, q18)",
        "q2.colour: unknown follow-up (this question has condition, onset, treatment, "
        "last_symptoms, ongoing, last_check_up, last_medication, last_treatment)",
        "q2.condition: choose from angina, infarction, congenital_heart_defect, heart_failure, "
        "valve_defect, arrhythmia, thrombosis, high_blood_pressure, high_cholesterol, diabetes, "
        "other",
        "q2.onset: expected a month YYYY-MM",
        "q2.treatment: missing (What treatment have you had or have now? Period?)",
        "q2.last_symptoms: missing (When (year/month) did you last have symptoms?)",
        "q5: the answer must be yes or no",
        "q7: missing answer (every question must be answered)",
    ]


def test_dates_measurements_and_guardian() -> None:
    data = all_no(BOOK)
    data.update(signed="2024-07-15", received="2024-08-16", height_cm=500, weight_kg="heavy")
    assert problems(data) == [
        "received 2024-08-16 is more than 1 month(s) after signing (2024-07-15; latest "
        "2024-08-15): the declaration is no longer valid, have it signed again",
        "height_cm: must be between 40 and 230",
        "weight_kg: must be a number",
    ]
    child = all_no(BOOK)
    with pytest.raises(DeclarationError, match="the applicant is 14: under 18 a guardian"):
        parse_declaration(child, BOOK, date(2010, 1, 1))
    child["guardian_signed"] = "ja"
    assert parse_declaration(child, BOOK, date(2010, 1, 1)).guardian_signed


def test_received_exactly_one_month_after_signing_is_valid() -> None:
    data = all_no(BOOK)
    data.update(signed="2024-07-15", received="2024-08-15")
    assert parse_declaration(data, BOOK, BORN).received == date(2024, 8, 15)


def test_a_month_after_receipt_is_refused() -> None:
    data = all_no(BOOK)
    data["answers"]["q18"] = {"answer": "yes", "when": "2024-10", "treatments_3y": 2,
                              "why": "rygg", "by_whom": "Naprapaten", "ongoing": "no"}
    assert problems(data) == ["q18.when: a month after the declaration was received"]


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)


def test_not_a_mapping() -> None:
    with pytest.raises(DeclarationError, match="a declaration must be a mapping"):
        parse_declaration(["no"], BOOK, BORN)


def test_a_datetime_as_signed_is_named_not_compared() -> None:
    from datetime import datetime

    data = all_no(BOOK)
    data["signed"] = datetime(2024, 8, 20, 10, 0)
    assert problems(data) == ["signed: expected a date YYYY-MM-DD, not a date and time"]


def test_one_condition_files_and_lists_are_both_accepted() -> None:
    """The old form (follow-ups directly) is one item; ``conditions:`` is one per item."""
    data = all_no(BOOK)
    data["answers"]["q4"] = {"answer": "yes", "condition": ["asthma"], "onset": "2010-01",
                             "treatment": "spray", "last_symptoms": "2024-01"}
    data["answers"]["q6"] = {"answer": "yes", "conditions": [
        {"condition": ["reflux"], "onset": "2018-01", "treatment": "tabletter",
         "last_symptoms": "2024-02"},
        {"condition": "IBS", "onset": "2019-01", "treatment": "kost", "last_symptoms": "2024-03"}]}
    decl = parse_declaration(data, BOOK, BORN)
    assert len(decl.answers["q4"].items) == 1
    assert [i["condition"] for i in decl.answers["q6"].items] == [("reflux",), ("ibs",)]
    again = decl.as_dict()["answers"]
    assert again["q6"]["conditions"][1]["condition"] == ["ibs"]
    assert parse_declaration(decl.as_dict(), BOOK, BORN).answers == decl.answers


@pytest.mark.parametrize(("value", "message"), [
    ({"answer": "yes", "conditions": "x"}, "q6.conditions: expected a list with one mapping "
                                           "per condition"),
    ({"answer": "yes", "conditions": [], "onset": "2020-01"},
     "q6: give the follow-ups under conditions: or directly, not both"),
    ({"answer": "yes", "conditions": [{"condition": "reflux", "treatment": ["a"],
                                       "onset": "2020-01", "last_symptoms": "2021-01"}]},
     "q6.conditions[1].treatment: expected text"),
])
def test_bad_condition_lists(value: Any, message: str) -> None:
    data = all_no(BOOK)
    data["answers"]["q6"] = value
    assert problems(data) == [message]


def test_unknown_keys_are_not_echoed() -> None:
    data = all_no(BOOK)
    data["answers"]["q6"] = {"answer": "yes", "condition": "reflux", "onset": "2020-01",
                             "treatment": "x", "last_symptoms": "2021-01",
                             "Hjärtinfarkt 2019!": "LEAK"}
    data["Personnummer 19900501-1234"] = 1
    found = problems(data)
    assert found == ["unknown field '?'", "q6.?: unknown follow-up (this question has "
                     "condition, onset, treatment, last_symptoms, ongoing, last_check_up, "
                     "last_medication, last_treatment)"]


# --- one month's validity: the same day of the next month, or that month's last day --------

@pytest.mark.parametrize(("signed", "received", "valid"), [
    ("2024-01-31", "2024-02-29", True),  # leap year: February's last day
    ("2024-01-31", "2024-03-01", False),
    ("2023-01-31", "2023-02-28", True),  # no 29 February in 2023
    ("2023-01-31", "2023-03-01", False),
    ("2024-12-15", "2025-01-15", True),  # across the year end
    ("2024-12-15", "2025-01-16", False),
    ("2024-03-31", "2024-04-30", True),  # April has no 31st
    ("2024-03-31", "2024-05-01", False),
    ("2024-07-15", "2024-07-15", True),  # received the day it was signed
    ("2024-07-15", "2024-07-14", False),  # received before it was signed
])
def test_one_month_validity(signed: str, received: str, valid: bool) -> None:
    data = all_no(BOOK)
    data.update(signed=signed, received=received)
    if valid:
        assert parse_declaration(data, BOOK, BORN).received == date.fromisoformat(received)
    else:
        assert any(m.startswith(f"received {received} is ") for m in problems(data))


def one_month_later(day: date) -> date:
    """Independent of add_months: step to the next month, clamp the day by trying."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError(day)


@settings(max_examples=200, deadline=None)
@given(signed=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)),
       days=st.integers(min_value=0, max_value=40))
def test_valid_exactly_up_to_one_month_after_signing(signed: date, days: int) -> None:
    received = signed + timedelta(days=days)
    assert add_months(signed, 1) == one_month_later(signed)
    data = all_no(BOOK)
    data.update(signed=signed.isoformat(), received=received.isoformat())
    if received <= one_month_later(signed):
        assert parse_declaration(data, BOOK, BORN).signed == signed
    else:
        assert problems(data)[0].startswith(f"received {received} is more than 1 month(s)")
