"""The decision engine on hand-written scenarios, including the built-in rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from quote.dates import Month
from quote.underwriting.decision import Decision, decide, karens_clear_from, months_between
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


def test_karens_never_drops_an_exclusion_in_declaration_mode() -> None:
    """Karens applies when a claim is made (263-266): at underwriting it is information.
    Last symptoms 2022-09: the month ends 2022-09-30; + 24 months = 2024-09-30; the first
    day with no symptoms in the 24 months before it is 2024-10-01."""
    free = run(skin("2022-09", "no"))
    assert free.outcome == "terms" and [e.sv for e in free.exclusions] == ["Psoriasis"]
    assert [(k.question, k.clear_from, k.based_on) for k in free.karens] == [
        ("q7", date(2024, 10, 1), ("symptoms",))]
    assert "2024-10-01" in free.karens[0].text("sv")
    treated = run(skin("2020-01", "yes"))  # still treated or checked: no date
    assert treated.karens[0].clear_from is None and treated.outcome == "terms"


def test_karens_date_counts_all_four_dates() -> None:
    """Symptoms 2021-03, check-up 2022-11, medication 2023-02 (the latest), treatment
    2022-01: 2023-02-28 + 24 months = 2025-02-28, + 1 day = 2025-03-01."""
    answer = skin("2021-03", "no")
    answer["q7"].update(last_check_up="2022-11", last_medication="2023-02",
                        last_treatment="2022-01")
    info = run(answer).karens[0]
    assert info.clear_from == date(2025, 3, 1)
    assert info.based_on == ("symptoms", "check_up", "medication", "treatment")
    assert karens_clear_from({"symptoms": Month(2023, 12)}, 24) == date(2026, 1, 1)


def test_two_conditions_under_one_question_are_decided_each_on_its_own() -> None:
    """High blood pressure (load 25 %) and eczema-free q2 'other' (refer): each condition
    has its own dates; the findings name the item."""
    decision = run({"q2": {"answer": "yes", "conditions": [
        {"condition": "high_blood_pressure", "onset": "2019-03", "treatment": "tabletter",
         "last_symptoms": "2024-06"},
        {"condition": "Diabetes", "onset": "2015-01", "treatment": "insulin",
         "last_symptoms": "2024-08", "ongoing": "ja"},
    ]}})
    assert [(f.rule, f.item) for f in decision.findings] == [
        ("Q2-BLOOD-PRESSURE", 1), ("Q2-DIABETES", 2)]
    assert decision.loading_pct == 75 and decision.outcome == "terms"
    assert [(k.item, k.clear_from) for k in decision.karens] == [
        (1, date(2026, 7, 1)), (2, None)]


def test_bas_gets_no_exclusion_of_what_it_does_not_cover() -> None:
    """Bas has no physiotherapy or psychology (seed 243-251): 12 treatments in 3 years
    (Q18-MANY) and mental complaints (Q13-MENTAL) exclude nothing on Bas; Topp has both."""
    answers = {"q18": {"answer": "yes", "when": "2023-01", "treatments_3y": 12,
                       "why": "rygg", "by_whom": "Naprapaten", "ongoing": "no"},
               "q13": {"answer": "yes", "condition": ["anxiety"], "period": "2022",
                       "sick_listed": "no", "by_whom": "Vårdcentralen", "ongoing": "no"}}
    data = all_no(BOOK)
    data["answers"].update(answers)
    decl = parse_declaration(data, BOOK, BORN)
    bas = decide(BOOK, decl, BORN, "sv", covered=frozenset({"specialist"}), product="Bas")
    assert bas.exclusions == () and bas.outcome == "accept"
    assert all(f.note and "omfattar inte" in f.note for f in bas.findings)
    assert [(f.rule, f.effect, f.exclusions) for f in bas.findings] == [
        ("Q13-MENTAL", "accept", ()), ("Q18-MANY", "accept", ())]
    topp = decide(BOOK, decl, BORN, "sv", covered=frozenset({"physiotherapy", "psychology"}))
    assert sorted(e.id for e in topp.exclusions) == ["physiotherapy", "psychology"]


def test_a_healthy_four_year_old_is_accepted() -> None:
    """105 cm, 17 kg: BMI 17 / 1.05² = 15.4, below the adult BMI-LOW limit of 17; adult
    limits do not describe children (bmi_from_age 18)."""
    child = date(2020, 6, 1)
    data = all_no(BOOK, 105, 17)
    data["guardian_signed"] = "ja"
    decision = decide(BOOK, parse_declaration(data, BOOK, child), child)
    assert (decision.age, decision.bmi, decision.outcome) == (4, Decimal("15.4"), "accept")


def test_body_part_exclusion_with_side() -> None:
    decision = run({"q17": {"answer": "yes", "body_part": ["knee", "back"], "side": "left",
                            "onset": "2020-01", "last_symptoms": "2024-05",
                            "treatment": "sjukgymnast", "result": "bättre",
                            "diagnosis": "artros"}})
    assert decision.outcome == "terms"
    assert [(e.kind, e.id, e.side, e.sv) for e in decision.exclusions] == [
        ("body_part", "knee", "left", "Knä (vänster)"),
        ("body_part", "back", None, "Rygg"),
    ]


def test_moment_exclusion() -> None:
    decision = run({"q13": {"answer": "yes", "condition": ["anxiety"], "period": "2022",
                            "sick_listed": "no", "by_whom": "Vårdcentralen", "ongoing": "no"}})
    assert decision.outcome == "terms"
    assert [(e.kind, e.id) for e in decision.exclusions] == [("moment", "psychology")]


def test_a_yes_no_rule_covers_is_referred() -> None:
    # In the mini rule book MIGRAINE covers only 'rarely'; 'often' matches no rule.
    decision = run({"q2": {"answer": "yes", "condition": ["migraine"], "frequency": "often",
                           "last_symptoms": "2024-08", "ongoing": "yes"}}, book=MINI)
    assert [(f.rule, f.effect) for f in decision.findings] == [("UNMATCHED", "refer")]
    assert decision.outcome == "refer"


def test_bmi_rules() -> None:
    heavy = run({}, weight_kg=100)
    assert heavy.loading_pct == 25  # 100 / 1.8² = 30.9
    assert [(f.rule, f.answer) for f in heavy.findings] == [("BMI-30", "BMI 30.9")]
    assert run({}, weight_kg=135).outcome == "decline"  # 41.7
    assert run({}, weight_kg=50).outcome == "refer"  # 15.4


def test_findings_in_english() -> None:
    data = all_no(BOOK)
    data["answers"].update(heart("diabetes"))
    decision = decide(BOOK, parse_declaration(data, BOOK, BORN), BORN, "en")
    assert decision.findings[0].reason == "Diabetes gives a 50 % loading."


def test_months_between() -> None:
    assert months_between(Month(2022, 9), Month(2024, 9)) == 24


def test_loadings_and_exclusions_keep_their_reasons() -> None:
    decision = run({**heart("diabetes"), **skin("2024-01", "no")})
    assert [(f.rule, f.load_pct, f.reason) for f in decision.loadings] == [
        ("Q2-DIABETES", 50, "Diabetes ger premietillägg 50 %.")]
    assert [(f.rule, [e.id for e in f.exclusions]) for f in decision.excluding] == [
        ("Q7-SKIN", ["psoriasis"])]


def test_an_exclusion_rule_with_no_condition_excludes_every_part_named() -> None:
    """The mini rule book's PAIN rule has no ``when``: any yes to q3 excludes each body part
    the answer names, the knee with its side (side is asked for the knee only)."""
    decision = run({"q3": {"answer": "yes", "body_part": ["knee", "back"], "side": "left"}},
                   book=MINI)
    assert decision.outcome == "terms"
    assert [(e.id, e.side, e.sv) for e in decision.exclusions] == [
        ("knee", "left", "Knä (vänster)"), ("back", None, "Rygg")]


def test_one_condition_is_not_numbered() -> None:
    """Findings name the condition (1, 2, …) only when an answer holds several."""
    decision = run(heart("high_blood_pressure", "diabetes"))
    assert [f.item for f in decision.findings] == [None, None]
    assert decision.findings[0].as_dict("sv")["item"] is None


def test_bmi_rules_apply_from_the_eighteenth_birthday() -> None:
    """bmi_from_age 18: born 2006-09-01, received 2024-09-01, the applicant is 18 that day
    and 105 cm, 50 kg gives BMI 50 / 1.05² = 45.4, at or above 40: declined. A day younger
    (born 2006-09-02, 17) the adult BMI rules are not used: accepted."""
    data = all_no(BOOK, 105, 50)
    eighteen, seventeen = date(2006, 9, 1), date(2006, 9, 2)
    adult = decide(BOOK, parse_declaration(data, BOOK, eighteen), eighteen)
    assert (adult.age, adult.bmi, adult.outcome) == (18, Decimal("45.4"), "decline")
    data["guardian_signed"] = "ja"
    minor = decide(BOOK, parse_declaration(data, BOOK, seventeen), seventeen)
    assert (minor.age, minor.outcome) == (17, "accept")


def test_a_rule_on_the_months_since_last_symptoms(tmp_path: Path) -> None:
    """A rule may test the months from the last symptoms to receipt (received 2024-09):
    migraine last felt 2024-08 is 1 month ago, below 12: the rule refers, and the finding
    names the condition it read (the derived number is no answer to show); last felt
    2023-09 is 12 months ago, not below 12: no rule covers the answer."""
    data = yaml.safe_load((FIXTURES / "rulebooks" / "valid.yaml").read_text(encoding="utf-8"))
    data["rules"].append({"id": "MIGRAINE-RECENT", "question": "q2",
                          "when": {"months_since_last_symptoms": {"below": 12},
                                   "condition": ["migraine"]},
                          "effect": "refer", "reason": {"sv": "Nyligen", "en": "Recent"}})
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    book = load_rulebook(path).model
    assert list(book.rules[-1].when) == ["months_since_last_symptoms", "condition"]

    def migraine(last: str) -> Decision:
        return run({"q2": {"answer": "yes", "condition": ["migraine"], "frequency": "often",
                           "last_symptoms": last, "ongoing": "no"}}, book=book)

    recent = migraine("2024-08")
    assert [(f.rule, f.answer) for f in recent.findings] == [("MIGRAINE-RECENT", "Migrän")]
    assert [f.rule for f in migraine("2023-09").findings] == ["UNMATCHED"]
    assert [f.rule for f in migraine("2023-10").findings] == ["MIGRAINE-RECENT"]


def test_an_exclusion_takes_only_the_parts_its_rule_names() -> None:
    """Knee and diffuse pain under q17: Q17-BODY-PART excludes the knee (the part it
    names), Q17-DIFFUSE refers the diffuse pain; diffuse pain is not excluded."""
    decision = run({"q17": {"answer": "yes", "body_part": ["knee", "diffuse"], "side": "right",
                            "onset": "2020-01", "last_symptoms": "2024-05",
                            "treatment": "sjukgymnast", "result": "bättre",
                            "diagnosis": "artros"}})
    assert decision.outcome == "refer"
    assert [(f.rule, f.answer) for f in decision.findings] == [
        ("Q17-BODY-PART", "Knä"), ("Q17-DIFFUSE", "Diffusa smärtor")]
    assert [(e.id, e.side) for e in decision.exclusions] == [("knee", "right")]
