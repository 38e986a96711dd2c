"""Eligibility: the terms' rules, each reason with its stable code; `quote eligibility`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quote.eligibility import Applicant, birthday, eligibility_reasons
from quote.errors import InputError
from quote.underwriting.rulebook import load_rulebook

from . import oracle
from .conftest import BUNDLED, Invoke

RULES = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml").model.eligibility


def codes(applicant: Applicant, received: date, collective: bool = False) -> list[str]:
    return [r.code for r in eligibility_reasons(applicant, received, RULES, collective)]


def test_eligible() -> None:
    assert codes(Applicant(date(1990, 5, 1), "SE"), date(2024, 9, 1)) == []


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2024, 9, 1), []),  # the day before the 67th birthday (2024-09-02): in time
        (date(2024, 9, 2), ["too_old"]),  # the 67th birthday itself: too late
    ],
)
def test_application_by_the_day_before_the_67th_birthday(received: date,
                                                          expected: list[str]) -> None:
    assert codes(Applicant(date(1957, 9, 2), "SE"), received) == expected


def test_newborn_may_apply() -> None:
    assert codes(Applicant(date(2024, 8, 31), "SE"), date(2024, 9, 1)) == []


@pytest.mark.parametrize(("born", "expected"), [
    (date(2008, 9, 2), ["too_young"]),  # 15 on 2024-09-01
    (date(2008, 9, 1), []),  # 16 that day
    (date(1957, 9, 2), []),  # 66
    (date(1957, 9, 1), ["too_old"]),  # 67
])
def test_collective_ages_16_to_66(born: date, expected: list[str]) -> None:
    assert codes(Applicant(born, "SE"), date(2024, 9, 1), collective=True) == expected


@pytest.mark.parametrize(("country", "eligible"), [
    ("SE", True), ("NO", True), ("DK", True), ("FI", True), ("AX", True), ("ax", True),
    ("IS", False), ("GL", False), ("FO", False), ("SJ", False), ("DE", False),
])
def test_norden_as_the_terms_define_it(country: str, eligible: bool) -> None:
    result = codes(Applicant(date(1990, 1, 1), country), date(2024, 9, 1))
    assert result == ([] if eligible else ["not_resident_in_norden"])


def test_every_reason_is_listed() -> None:
    applicant = Applicant(date(1950, 1, 1), "IS", fit_for_work=False, social_insurance=False)
    assert codes(applicant, date(2024, 9, 1)) == [
        "too_old", "not_resident_in_norden", "no_nordic_social_insurance", "not_fit_for_work"]


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="residence"):
        codes(Applicant(date(1990, 1, 1), "XX"), date(2024, 9, 1))
    with pytest.raises(InputError, match="after the application date"):
        codes(Applicant(date(2025, 1, 1), "SE"), date(2024, 9, 1))


def test_leap_day_birthday() -> None:
    assert birthday(date(2000, 2, 29), 67) == date(2067, 3, 1)
    assert birthday(date(2000, 2, 29), 4) == date(2004, 2, 29)


# --- the command ---------------------------------------------------------------------------

def test_cli_eligible(run: Invoke) -> None:
    result = run("eligibility", "--birth-date", "1990-05-01", "--residence", "SE",
                 "--on", "2024-09-01")
    assert result.exit_code == 0
    assert "Kan ansöka" in result.stdout


def test_cli_not_eligible_json(run: Invoke) -> None:
    result = run("eligibility", "--birth-date", "1950-01-01", "--residence", "IS",
                 "--not-fit-for-work", "--no-social-insurance", "--on", "2024-09-01",
                 "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["eligible"] is False
    assert [r["code"] for r in data["reasons"]] == [
        "too_old", "not_resident_in_norden", "no_nordic_social_insurance", "not_fit_for_work"]
    assert all(r["message"] for r in data["reasons"])


def test_cli_with_identity_number_never_echoes_it(run: Invoke) -> None:
    result = run("eligibility", "--id", "900501-1235", "--residence", "SE", "--on",
                 "2024-09-01", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "19900501-****" and data["age"] == 34
    assert "1235" not in result.stdout


def test_cli_collective(run: Invoke) -> None:
    result = run("eligibility", "--birth-date", "2010-01-01", "--residence", "SE",
                 "--on", "2024-09-01", "--collective")
    assert result.exit_code == 1 and "too_young" in result.stdout


def test_cli_received_is_an_alias_of_on_for_a_release(run: Invoke) -> None:
    result = run("eligibility", "--birth-date", "1990-05-01", "--residence", "SE",
                 "--received", "2024-09-01", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["on"] == "2024-09-01"
    assert result.stderr == ("Obs: --received heter nu --on; det gamla namnet tas bort i "
                             "nästa version.\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--birth-date", "1990-05-01", "--residence", "XX"], "--residence: 'XX' is not an ISO 3166"),
    (["--id", "900501-1234", "--residence", "SE"], "--id: not a valid identity number"),
    (["--birth-date", "1990-02-30", "--residence", "SE"], "--birth-date: '1990-02-30' is not a "
                                                          "real calendar date"),
    (["--residence", "SE"], "give either --birth-date or --id"),
    (["--birth-date", "1990-05-01", "--residence", "SE", "--on", "2024-13-01"],
     "--on: '2024-13-01' is not a real calendar date"),
])
def test_cli_bad_input(run: Invoke, args: list[str], message: str) -> None:
    result = run("eligibility", *args, "--lang", "en")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "900501-1234" not in result.stderr


# --- the day before the 67th birthday, every way round (oracle: tests/oracle.py) ------------

@pytest.mark.parametrize(("born", "received", "expected"), [
    # born 29 February 1960: the 67th birthday is 1 March 2027, the deadline 28 February
    (date(1960, 2, 29), date(2027, 2, 28), []),
    (date(1960, 2, 29), date(2027, 3, 1), ["too_old"]),
    # born 1 March 1958: the deadline is the last day of February 2025
    (date(1958, 3, 1), date(2025, 2, 28), []),
    (date(1958, 3, 1), date(2025, 3, 1), ["too_old"]),
    # a year and a day before: still 65, plainly in time
    (date(1960, 1, 1), date(2025, 12, 31), []),
    # born 1 January: the deadline is 31 December of the 66th year
    (date(1958, 1, 1), date(2024, 12, 31), []),
    (date(1958, 1, 1), date(2025, 1, 1), ["too_old"]),
])
def test_the_deadline_around_year_ends_and_leap_days(born: date, received: date,
                                                      expected: list[str]) -> None:
    assert codes(Applicant(born, "SE"), received) == expected


def test_a_child_may_apply_on_the_day_it_is_born() -> None:
    """Age 0 on the birth day: eligible (a birth after the application date is refused)."""
    assert codes(Applicant(date(2024, 9, 1), "SE"), date(2024, 9, 1)) == []


@settings(max_examples=300, deadline=None)
@given(born=st.dates(min_value=date(1940, 1, 1), max_value=date(2024, 9, 1)),
       received=st.dates(min_value=date(2024, 9, 1), max_value=date(2030, 12, 31)))
def test_too_old_exactly_from_the_67th_birthday(born: date, received: date) -> None:
    """The oracle's own age: too old iff 67 years are completed on the day received."""
    too_old = oracle.completed_years(born, received) >= 67
    assert ("too_old" in codes(Applicant(born, "SE"), received)) == too_old


@pytest.mark.parametrize(("received", "code"), [("2027-02-28", 0), ("2027-03-01", 1)])
def test_cli_deadline_for_a_leap_day_birth(run: Invoke, received: str, code: int) -> None:
    result = run("eligibility", "--birth-date", "1960-02-29", "--residence", "SE",
                 "--received", received, "--json")
    assert result.exit_code == code, result.output
    assert ("too_old" in result.stdout) == bool(code)
