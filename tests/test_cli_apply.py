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

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

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
    (Q13-MENTAL) fire with it, as they do for any yes. Topp covers every moment, so every
    exclusion can be made."""
    data = apply_json(run, write(tmp_path, declaration_for(BOOK, rule)), "--product", "topp")
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
    # Karens is applied to claims, not at underwriting: the exclusion stands, and the
    # decision shows when karens would stop barring eczema (2022-01-31 + 24 months + 1 day).
    assert data["outcome"] == "terms" and [e["id"] for e in data["exclusions"]] == ["eczema"]
    assert [(k["question"], k["clear_from"]) for k in data["karens"]] == [("q7", "2024-02-01")]


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
    result = run("apply", *APPLICANT, "--declaration", str(path), env=EN)
    assert result.exit_code == 2
    assert re.search(r"decl\.yaml:\d+: received 2024-09-01 is more than 1 month\(s\) after "
                     r"signing \(2024-07-01; latest 2024-08-01\)", result.stderr)


def test_incomplete_declaration_lists_every_problem(run: Invoke, tmp_path: Path) -> None:
    decl = all_no(BOOK)
    del decl["answers"]["q4"]
    del decl["answers"]["q9"]
    decl["answers"]["q2"] = {"answer": "yes", "condition": ["diabetes"]}
    result = run("apply", *APPLICANT, "--declaration", str(write(tmp_path, decl)), env=EN)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    # In file order: missing answers are placed at the `answers:` line.
    assert [line.split(": ", 1)[1] for line in lines] == [
        "q4: missing answer (every question must be answered)",
        "q9: missing answer (every question must be answered)",
        "q2.onset: missing (When (year/month) did it start?)",
        "q2.treatment: missing (What treatment have you had or have now? Period?)",
        "q2.last_symptoms: missing (When (year/month) did you last have symptoms?)",
    ]
    assert "diabetes" not in result.stderr  # answers are not echoed in messages


def test_under_18_needs_a_guardian(run: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, all_no(BOOK))
    child = ["--product", "plus", "--birth-date", "2012-01-01", "--residence", "SE", "--on",
             "2024-09-01", "--declaration", str(path)]
    result = run("apply", *child, env=EN)
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
                              "treatment": "naprapat", "result": "bättre",
                              "diagnosis": "menisk"}
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
    again = run("apply", *APPLICANT, "--declaration", str(path), "--record", str(record),
                env=EN)
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
    unfilled.write_text(re.sub(r"(signed|received): \d{4}-\d{2}-\d{2}", r"\1: 2024-09-01",
                               text))
    result = run("apply", *APPLICANT, "--declaration", str(unfilled), env=EN)
    assert result.exit_code == 2 and "height_cm: missing" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--product", "gold"], "--product: okänd produkt 'gold'"),
    (["--deductible", "700"], "--deductible: självrisk 700 erbjuds inte"),
    (["--lang", "de"], "--lang: välj sv eller en"),
    (["--declaration", "nope.yaml"], "nope.yaml: deklarationsfilen finns inte"),
    (["--record", "/nonexistent/dir/r.json"], "--record: katalogen /nonexistent/dir finns inte"),
])
def test_bad_input_before_any_question(run: Invoke, args: list[str], message: str) -> None:
    result = run("apply", *APPLICANT, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Längd" not in result.output  # nothing was asked


def test_offer_is_priced_on_the_start_date(run: Invoke, tmp_path: Path) -> None:
    """Born 1988-12-20, applying 2024-12-15: cover starts 2025-01-01 (the first of the month
    after the decision, seed 1059-1060), when the applicant is 36. Plus 36-40 table premium
    1250 × KPI 2024-09 / KPI 2023-09 = 1250 × 414.57 / 408.05 = 1269.97… → 1270 kr (whole
    kronor). On the application date the applicant is 35 (31-35: 1068 × 1.000000)."""
    decl = all_no(BOOK)
    decl.update(signed="2024-12-10", received="2024-12-15")
    args = ["apply", "--product", "plus", "--birth-date", "1988-12-20", "--residence", "SE",
            "--on", "2024-12-15", "--declaration", str(write(tmp_path, decl))]
    data = json.loads(run(*args, "--json").stdout)
    assert (data["received"], data["decided"], data["start"]) == \
        ("2024-12-15", "2024-12-15", "2025-01-01")
    assert (data["age"], data["age_at_start"]) == (35, 36)
    assert data["offer"]["bracket"] == "36-40" and data["offer"]["on"] == "2025-01-01"
    assert data["monthly_premium"] == "1270.00"
    text = run(*args).stdout
    assert "1 270,00 kr" in text and "premien börjar 2025-01-01" in text
    later = json.loads(run(*args, "--start", "2025-03-01", "--json").stdout)
    assert later["start"] == "2025-03-01" and later["monthly_premium"] == "1270.00"
    early = run(*args, "--start", "2024-12-01", env=EN)
    assert early.exit_code == 2 and "--start: 2024-12-01 is before the decision date" in \
        early.stderr


def test_eligibility_is_on_the_received_date(run: Invoke, tmp_path: Path) -> None:
    """Born 1957-09-02: 66 when the application is received on 2024-08-30 (the 67th
    birthday is 2024-09-02, the deadline 2024-09-01); the decision on 2024-09-05 and the
    start 2024-10-01 (age 67) do not change that."""
    decl = all_no(BOOK)
    decl.update(signed="2024-08-20", received="2024-08-30")
    result = run("apply", "--product", "bas", "--birth-date", "1957-09-02", "--residence",
                 "SE", "--on", "2024-09-05", "--declaration", str(write(tmp_path, decl)),
                 "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "accept" and data["age_at_start"] == 67
    assert data["offer"]["bracket"] == "66-70"


def test_two_conditions_under_one_question_through_the_cli(run: Invoke, tmp_path: Path
                                                           ) -> None:
    decl = all_no(BOOK)
    decl["answers"]["q7"] = {"answer": "ja", "conditions": [
        {"condition": "Eksem", "onset": "2010-01", "treatment": "salva",
         "last_symptoms": "2024-01"},
        {"condition": "moles", "onset": "2020-05", "treatment": "borttagen",
         "last_symptoms": "2020-05"}]}
    data = apply_json(run, write(tmp_path, decl))
    assert [(f["rule"], f["item"], f["effect"]) for f in data["findings"]] == [
        ("Q7-SKIN", 1, "exclude"), ("Q7-MILD", 2, "accept")]
    assert [e["id"] for e in data["exclusions"]] == ["eczema"]
    bad = all_no(BOOK)
    bad["answers"]["q7"] = {"answer": "yes", "conditions": [
        {"condition": "eczema", "onset": "LEAKTEXT efter hjärtinfarkt 2019",
         "treatment": {"LEAK": "x"}, "last_symptoms": "2024-01"}]}
    result = run("apply", *APPLICANT, "--declaration", str(write(tmp_path, bad, "b.yaml")),
                 env=EN)
    assert result.exit_code == 2
    assert "q7.conditions[1].onset: expected a month YYYY-MM" in result.stderr
    assert "q7.conditions[1].treatment: expected text" in result.stderr
    assert "LEAK" not in result.stderr and "hjärtinfarkt" not in result.stderr


def test_bas_with_physiotherapy_gets_no_physiotherapy_exclusion(run: Invoke, tmp_path: Path
                                                                ) -> None:
    decl = all_no(BOOK)
    decl["answers"]["q18"] = {"answer": "yes", "when": "2023-01", "treatments_3y": 15,
                              "why": "ryggont", "by_whom": "Naprapaten", "ongoing": "no"}
    path = write(tmp_path, decl)
    bas = apply_json(run, path, "--product", "bas")
    assert bas["outcome"] == "accept" and bas["exclusions"] == []
    assert "omfattar inte" in bas["findings"][0]["note"]
    plus = apply_json(run, path)
    assert [e["id"] for e in plus["exclusions"]] == ["physiotherapy"]


def test_a_healthy_four_year_old_is_accepted(run: Invoke, tmp_path: Path) -> None:
    """105 cm, 17 kg (BMI 15.4): adult BMI limits do not apply under 18."""
    decl = all_no(BOOK, 105, 17)
    decl["guardian_signed"] = "ja"
    result = run("apply", "--product", "plus", "--birth-date", "2020-06-01", "--residence",
                 "SE", "--on", "2024-09-01", "--declaration", str(write(tmp_path, decl)),
                 "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["outcome"], data["findings"], data["monthly_premium"]) == \
        ("accept", [], "649.00")


def test_referral_is_a_preliminary_price_and_a_decline_lists_no_exclusions(
        run: Invoke, tmp_path: Path) -> None:
    refer = all_no(BOOK)
    refer["answers"]["q15"] = {"answer": "yes", "describe": "trötthet", "since": "2024-01"}
    out = run("apply", *APPLICANT, "--declaration", str(write(tmp_path, refer))).stdout
    assert "Preliminärt pris" in out and "Erbjudande" not in out
    decline = all_no(BOOK)
    decline["answers"]["q7"] = {"answer": "yes", "condition": ["eczema"], "onset": "2010-01",
                                "treatment": "salva", "last_symptoms": "2024-01"}
    decline["answers"]["q16"] = {"answer": "yes", "describe": "alkohol", "when": "2020-01"}
    path = write(tmp_path, decline, "d.yaml")
    out = run("apply", *APPLICANT, "--declaration", str(path)).stdout
    assert "Beslut: Avslag" in out and "Förbehåll" not in out and "Erbjudande" not in out
    data = apply_json(run, path)
    assert data["exclusions"] == [] and data["offer"] is None


@pytest.mark.parametrize("field", ["signed", "received"])
def test_a_timestamp_as_a_declaration_date_is_a_clean_error(run: Invoke, tmp_path: Path,
                                                            field: str) -> None:
    path = tmp_path / "ts.yaml"
    text = re.sub(rf"{field}: '(\d{{4}}-\d\d-\d\d)'", rf"{field}: \1T10:00:00",
                  yaml.safe_dump(all_no(BOOK)))
    assert "T10:00:00" in text
    path.write_text(text)
    result = run("apply", *APPLICANT, "--declaration", str(path), env=EN)
    assert result.exit_code == 2, result.output
    assert f"{field}: expected a date YYYY-MM-DD, not a date and time" in result.stderr
    assert "Traceback" not in result.output


def test_record_is_never_written_through_a_symlink(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    link = tmp_path / "record.json"
    link.symlink_to(target)  # dangling
    result = run("apply", *APPLICANT, "--declaration", str(write(tmp_path, all_no(BOOK))),
                 "--record", str(link), env=EN)
    assert result.exit_code == 2 and "never overwritten" in result.stderr
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decl.yaml", "record.json"]


def test_karens_mode_asks_no_health_questions(run: Invoke, tmp_path: Path) -> None:
    """A rule book with ``mode: karens`` (seed 253, 263-275): no declaration, no question;
    the offer states the karens rule."""
    book = str(FIXTURES / "rulebooks" / "karens.yaml")
    result = run("apply", *APPLICANT, "--rulebook", book, input="")
    assert result.exit_code == 0, result.output
    assert "Längd" not in result.stdout and "Fråga 1" not in result.stdout
    assert "Karens 24 månader gäller vid skada." in result.stdout
    assert "Försäkringen tecknas med karens, utan hälsodeklaration." in result.stdout
    assert "1 068,00 kr" in result.stdout
    data = json.loads(run("apply", *APPLICANT, "--rulebook", book, "--json").stdout)
    assert (data["mode"], data["outcome"], data["findings"][0]["rule"]) == \
        ("karens", "accept", "KARENS")
    given = run("apply", *APPLICANT, "--rulebook", book, "--declaration",
                str(write(tmp_path, all_no(BOOK))), env=EN)
    assert given.exit_code == 2 and "asks no health questions" in given.stderr
