"""`quote apply`: one scenario per shipped rule and per built-in rule, run through the CLI."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from quote.underwriting.rulebook import load_rulebook

from .conftest import BUNDLED, FIXTURES, Invoke
from .declarations import all_no, declaration_for

BOOK = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml").model
APPLICANT = ["--product", "plus", "--birth-date", "1990-05-01", "--residence", "SE",
             "--on", "2024-09-01"]
OUTCOME_OF = {"accept": "accept", "exclude": "terms", "load": "terms", "refer": "refer",
              "decline": "decline"}


def write(tmp_path: Path, data: dict[str, Any], name: str = "decl.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def apply_json(run: Invoke, path: Path, *extra: str) -> dict[str, Any]:
    result = run("apply", *APPLICANT, "--declaration", str(path), "--json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


PRECEDENCE = ["decline", "refer", "terms", "accept"]


@pytest.mark.parametrize("rule", BOOK.rules, ids=[r.id for r in BOOK.rules])
def test_each_shipped_rule(run: Invoke, tmp_path: Path, rule: Any) -> None:
    """The rule fires with its effect. Rules of the same question without conditions
    (Q13-MENTAL) fire with it, as they do for any yes."""
    data = apply_json(run, write(tmp_path, declaration_for(BOOK, rule)))
    always = [r for r in BOOK.rules if r.question and r.question == rule.question
              and not r.when and r is not rule]
    expected = sorted([(rule.id, rule.effect), *((r.id, r.effect) for r in always)])
    assert sorted((f["rule"], f["effect"]) for f in data["findings"]) == expected
    outcomes = [OUTCOME_OF[effect] for _, effect in expected]
    assert data["outcome"] == min(outcomes, key=PRECEDENCE.index)
    if always:
        return
    assert data["loading_pct"] == (format(rule.load_pct.normalize(), "f")
                                   if rule.effect == "load" else "0")
    if rule.effect == "exclude":
        assert data["exclusions"] and all(e["text"] for e in data["exclusions"])
    assert (data["monthly_premium"] is None) == (rule.effect == "decline")


def test_standard_offer_equals_quote_price(run: Invoke, tmp_path: Path) -> None:
    data = apply_json(run, write(tmp_path, all_no(BOOK)), "--deductible", "500",
                      "--frequency", "quarter")
    price = json.loads(run("price", "--product", "plus", "--birth-date", "1990-05-01", "--on",
                           "2024-09-01", "--deductible", "500", "--frequency", "quarter",
                           "--json").stdout)
    assert data["outcome"] == "accept"
    assert (data["monthly_premium"], data["instalment"]) == \
        (price["monthly_premium"], price["instalment"]) == ("858.00", "2574.00")
    assert data["tariff"]["sha256"] == price["tariff"]["sha256"]


def test_offer_with_smoker_and_loadings_equals_quote_price(run: Invoke, tmp_path: Path) -> None:
    decl = all_no(BOOK)
    decl["answers"]["q1"] = "yes"
    decl["answers"]["q2"] = {"answer": "yes", "condition": ["high_blood_pressure", "diabetes"],
                             "onset": "2019-03", "treatment": "tabletter",
                             "last_symptoms": "2024-06", "ongoing": "yes"}
    data = apply_json(run, write(tmp_path, decl))
    price = json.loads(run("price", "--product", "plus", "--age", "34", "--on", "2024-09-01",
                           "--smoker", "--loading", "75", "--json").stdout)
    # 1068 + 25 % smoker (267) + 75 % loading (801) = 2136.00
    assert data["monthly_premium"] == price["monthly_premium"] == "2136.00"
    assert (data["smoker"], data["loading_pct"], data["outcome"]) == (True, "75", "terms")


def test_karens_through_the_cli(run: Invoke, tmp_path: Path) -> None:
    decl = all_no(BOOK)
    decl["answers"]["q7"] = {"answer": "yes", "condition": ["eczema"], "onset": "2010-01",
                             "treatment": "salva", "last_symptoms": "2022-01", "ongoing": "no"}
    data = apply_json(run, write(tmp_path, decl))
    assert data["outcome"] == "accept" and data["exclusions"] == []
    assert data["findings"][0]["note"].startswith("karens")


def test_unmatched_yes_is_referred(run: Invoke, tmp_path: Path) -> None:
    mini = load_rulebook(FIXTURES / "rulebooks" / "valid.yaml").model
    decl = all_no(mini)
    decl["answers"]["q2"] = {"answer": "yes", "condition": ["migraine"], "frequency": "often",
                             "last_symptoms": "2024-08", "ongoing": "yes"}
    data = apply_json(run, write(tmp_path, decl), "--rulebook",
                      str(FIXTURES / "rulebooks" / "valid.yaml"))
    assert [(f["rule"], f["effect"]) for f in data["findings"]] == [("UNMATCHED", "refer")]
    assert data["outcome"] == "refer" and data["monthly_premium"] == "1068.00"


def test_late_declaration_is_invalid(run: Invoke, tmp_path: Path) -> None:
    decl = all_no(BOOK)
    decl["signed"] = "2024-07-01"
    path = write(tmp_path, decl)
    result = run("apply", *APPLICANT, "--declaration", str(path))
    assert result.exit_code == 2
    assert re.search(r"decl\.yaml:\d+: received 2024-09-01 is more than 1 month\(s\) after "
                     r"signing \(2024-07-01; latest 2024-08-01\)", result.stderr)


def test_incomplete_declaration_lists_every_problem(run: Invoke, tmp_path: Path) -> None:
    decl = all_no(BOOK)
    del decl["answers"]["q4"]
    del decl["answers"]["q9"]
    decl["answers"]["q2"] = {"answer": "yes", "condition": ["diabetes"]}
    result = run("apply", *APPLICANT, "--declaration", str(write(tmp_path, decl)))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    # In file order: missing answers are placed at the `answers:` line.
    assert [line.split(": ", 1)[1] for line in lines] == [
        "q4: missing answer (every question must be answered)",
        "q9: missing answer (every question must be answered)",
        "q2.onset: missing (When (year/month) did it start?)",
        "q2.treatment: missing (What treatment have you had or have now? Period?)",
        "q2.last_symptoms: missing (When (year/month) did you last have symptoms?)",
        "q2.ongoing: missing (Is further treatment or check-up planned?)",
    ]
    assert "diabetes" not in result.stderr  # answers are not echoed in messages


def test_under_18_needs_a_guardian(run: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, all_no(BOOK))
    child = ["--product", "plus", "--birth-date", "2012-01-01", "--residence", "SE", "--on",
             "2024-09-01", "--declaration", str(path)]
    result = run("apply", *child)
    assert result.exit_code == 2 and "under 18 a guardian (förmyndare) must sign" in \
        result.stderr
    decl = all_no(BOOK)
    decl["guardian_signed"] = True
    assert run("apply", *child[:-1], str(write(tmp_path, decl, "g.yaml"))).exit_code == 0


def test_not_eligible_exits_1(run: Invoke, tmp_path: Path) -> None:
    result = run("apply", "--product", "plus", "--birth-date", "1950-01-01", "--residence",
                 "IS", "--on", "2024-09-01", "--declaration",
                 str(write(tmp_path, all_no(BOOK))), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["eligible"] is False
    assert [r["code"] for r in data["reasons"]] == ["too_old", "not_resident_in_norden"]


def test_human_output(run: Invoke, tmp_path: Path) -> None:
    decl = all_no(BOOK)
    decl["answers"]["q17"] = {"answer": "yes", "body_part": ["knee"], "side": "right",
                              "onset": "2021-02", "last_symptoms": "2024-06",
                              "treatment": "naprapat", "ongoing": "no"}
    result = run("apply", *APPLICANT, "--declaration", str(write(tmp_path, decl)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Beslut: Beviljas med villkor" in out
    assert "Q17-BODY-PART" in out and "förbehåll" in out
    assert "- Knä (höger)" in out
    assert "1 068,00 kr" in out
    assert "Exempel: reglerna är skrivna av quote-projektet" in out


def test_record_is_private_and_complete(run: Invoke, tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    path = write(tmp_path, all_no(BOOK))
    result = run("apply", "--product", "plus", "--id", "900501-1235", "--residence", "SE",
                 "--on", "2024-09-01", "--declaration", str(path), "--record", str(record),
                 "--json")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    saved = json.loads(record.read_text())
    assert saved["inputs"]["id"] == "900501-1235"  # the archive keeps what was asked for
    assert saved["declaration"]["answers"]["q1"] == "no"
    assert saved["outcome"] == "accept" and saved["offer"]["monthly_premium"] == "1068.00"
    assert saved["tariff"]["sha256"] and saved["rulebook"]["sha256"]
    assert "900501-1235" not in result.stdout and json.loads(result.stdout)["id"] == \
        "19900501-****"
    again = run("apply", *APPLICANT, "--declaration", str(path), "--record", str(record))
    assert again.exit_code == 2 and "is never overwritten" in again.stderr


def test_json_declaration_file(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "decl.json"
    path.write_text(json.dumps(all_no(BOOK)))
    assert apply_json(run, path)["outcome"] == "accept"


def test_template_filled_in_is_accepted(run: Invoke, tmp_path: Path) -> None:
    template = run("declaration", "template", "--lang", "en")
    assert template.exit_code == 0
    text = template.stdout
    assert text.count("    answer:") == 18
    assert "# 1. Do you smoke, or have you smoked in the last 12 months?" in text
    filled = (text.replace("    answer:             #", "    answer: no #")
              .replace("height_cm:            #", "height_cm: 180 #")
              .replace("weight_kg:            #", "weight_kg: 75 #"))
    filled = re.sub(r"(signed|received): \d{4}-\d{2}-\d{2}", r"\1: 2024-09-01", filled)
    path = tmp_path / "filled.yaml"
    path.write_text(filled)
    assert apply_json(run, path)["outcome"] == "accept"
    unfilled = tmp_path / "unfilled.yaml"
    unfilled.write_text(text)
    result = run("apply", *APPLICANT, "--declaration", str(unfilled))
    assert result.exit_code == 2 and "height_cm: missing" in result.stderr


def test_interview_with_keystrokes(run: Invoke) -> None:
    """Height, weight, then q1 yes (smoker), q2-q3 no, q4 yes: allergy (option 2) with its
    follow-ups, q5-q18 no; then correct q4 to no; Enter; the decision."""
    keys = ["180", "75", "ja", "nej", "nej", "ja", "2", "2015-04", "antihistamin", "2024-05",
            "nej", *["nej"] * 14, "4", "nej", ""]
    result = run("apply", *APPLICANT, "--json", input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["smoker"] is True and data["outcome"] == "accept"
    assert data["monthly_premium"] == "1335.00"  # 1068 × 1.25
    assert [f["rule"] for f in data["findings"]] == ["SMOKER"]  # q4 corrected away
    assert "Dina svar" in result.stderr  # the summary before the decision


def test_interview_asks_only_the_follow_ups_that_apply(run: Invoke) -> None:
    """q3 yes with MS (option 6): no attack-frequency question; one wrong entry re-asked."""
    keys = ["abc", "180", "75", "nej", "nej", "ja", "6", "2010-01", "medicin", "2024-08",
            "ja", *["nej"] * 15, ""]
    result = run("apply", *APPLICANT, "--lang", "en", input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    assert "how often do you have attacks" not in result.stdout.lower()
    assert "Invalid answer" in result.stdout
    assert "Decision: Declined" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--product", "gold"], "--product: unknown product 'gold'"),
    (["--deductible", "700"], "--deductible: självrisk 700 is not offered"),
    (["--lang", "de"], "--lang: choose sv or en"),
    (["--declaration", "nope.yaml"], "nope.yaml: declaration file not found"),
    (["--record", "/nonexistent/dir/r.json"], "--record: the directory /nonexistent/dir does "
                                              "not exist"),
])
def test_bad_input_before_any_question(run: Invoke, args: list[str], message: str) -> None:
    result = run("apply", *APPLICANT, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Längd" not in result.output  # nothing was asked


def test_interview_answer_that_looks_like_markup_is_just_wrong(run: Invoke) -> None:
    """Typing Rich markup such as [/x] at a prompt is an invalid answer, not a crash."""
    keys = ["180", "75", "nej", "ja", "8", "[/x]", "2019-03", "tabletter", "2024-08", "ja",
            *["nej"] * 16, ""]
    result = run("apply", *APPLICANT, input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    assert "Ogiltigt svar: '[/x]' is not a month" in result.stdout
    assert "Beslut: Beviljas med villkor" in result.stdout


def test_interview_choices_by_number_id_or_name_and_invalid_ones_re_asked(run: Invoke) -> None:
    """q2's conditions: 99 and 0 are no option's number, 'blodtryck' no option's name; then
    one by id and one by name in capitals. Loadings 25 % + 50 %: 1068 × 1.75 = 1869.00."""
    keys = ["180", "75", "nej", "ja", "99", "0", "blodtryck", "high_blood_pressure, DIABETES",
            "2019-03", "tabletter", "2024-08", "ja", *["nej"] * 16, ""]
    result = run("apply", *APPLICANT, "--json", input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["Q2-BLOOD-PRESSURE", "Q2-DIABETES"]
    assert data["monthly_premium"] == "1869.00"
    assert result.stderr.count("Ogiltigt svar") == 3


def test_interview_single_choice_takes_one_option(run: Invoke) -> None:
    """q3: 'migrän' by name (any case); the attack frequency is one option: '1,2' and 'fel'
    are re-asked, then 'monthly' by id: a migraine exclusion (förbehåll), outcome terms."""
    keys = ["180", "75", "nej", "nej", "ja", "migrän", "1,2", "fel", "monthly", "2010-01",
            "tabletter", "2024-08", "nej", *["nej"] * 15, ""]
    result = run("apply", *APPLICANT, "--json", "--lang", "en",
                 input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "terms"
    assert [f["rule"] for f in data["findings"]] == ["Q3-HEADACHE"]
    assert result.stderr.count("Invalid answer") == 2
    assert data["monthly_premium"] == "1068.00"
