"""The interview (`quote apply` without --declaration), driven by keystrokes."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from rich.prompt import Prompt

from .conftest import Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

APPLICANT = ["--product", "plus", "--birth-date", "1990-05-01", "--residence", "SE",
             "--on", "2024-09-01"]


def item(onset: str, treatment: str, last: str) -> list[str]:
    """One condition of questions 2-10: onset, treatment, last symptoms, then the rule
    book's four optional questions (still treated, last check-up, medication, treatment)
    skipped with Enter."""
    return [onset, treatment, last, "", "", "", ""]


def keys(*parts: str | list[str]) -> str:
    flat: list[str] = []
    for part in parts:
        flat.extend(part if isinstance(part, list) else [part])
    return "\n".join(flat) + "\n"


def no(n: int) -> list[str]:
    return ["nej"] * n


def test_interview_in_swedish_with_progress_and_a_correction(run: Invoke) -> None:
    """q1 yes (smoker), q4 yes: allergy (option 2), q4 corrected to no in the review."""
    result = run("apply", *APPLICANT, "--json", input=keys(
        "180", "75", "ja", no(2), "ja", "2", item("2015-04", "antihistamin", "2024-05"),
        no(14), "4", "nej", ""))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["smoker"] is True and data["outcome"] == "accept"
    assert data["monthly_premium"] == "1335.00"  # 1068 × 1.25
    assert [f["rule"] for f in data["findings"]] == ["SMOKER"]  # q4 corrected away
    screen = result.stderr
    assert "Fråga 4 av 18" in screen and "Dina svar" in screen
    assert "Gäller: Allergi" in screen
    assert "Längd" in screen and "180 cm" in screen  # the review labels every answer
    assert "1. Röker du eller har du rökt" in screen
    assert "Example" not in screen and "Question" not in screen  # no English on the screen


def test_two_conditions_by_name_each_with_its_own_dates(run: Invoke) -> None:
    """q2: 'högt blodtryck, Diabetes' by their names, each asked its own follow-ups."""
    result = run("apply", *APPLICANT, "--json", input=keys(
        "180", "75", "nej", "ja", "högt blodtryck, Diabetes",
        item("2019-03", "tabletter", "2024-06"), item("2015-01", "insulin", "2024-08"),
        no(16), ""))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(f["rule"], f["item"]) for f in data["findings"]] == [
        ("Q2-BLOOD-PRESSURE", 1), ("Q2-DIABETES", 2)]
    assert data["loading_pct"] == "75"


def test_side_per_body_part_in_swedish(run: Invoke) -> None:
    """q17: knee (höger) and hip (vänster), each with its own side."""
    part = ["2021-02", "2024-06", "naprapat", "bättre", "artros", "", "", "", ""]
    result = run("apply", *APPLICANT, "--json", input=keys(
        "180", "75", no(16), "ja", "Knä, höft", "höger", part, "vänster", part, "nej", ""))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(e["id"], e["side"]) for e in data["exclusions"]] == [("knee", "right"),
                                                                  ("hip", "left")]


def test_more_than_one_visit_and_height_corrected(run: Invoke) -> None:
    """q11 has no list of conditions: one set of follow-ups, then 'more?'. The review
    corrects the weight (V) from 150 (BMI 46.3, declined) to 75."""
    visit = ["2023-01", "förkylning", "Vårdcentralen", "frisk", "nej"]
    result = run("apply", *APPLICANT, "--json", input=keys(
        "180", "150", no(10), "ja", visit, "ja", visit, "nej", no(7), "v", "75", ""))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "accept" and data["bmi"] == "23.1"
    assert [(f["rule"], f["item"]) for f in data["findings"]] == [("Q11-CLOSED", 1),
                                                                  ("Q11-CLOSED", 2)]


def test_follow_ups_only_where_they_apply_in_english(run: Invoke) -> None:
    """q3 yes with MS (option 6): no attack-frequency question; a wrong entry re-asked."""
    result = run("apply", *APPLICANT, "--lang", "en", input=keys(
        "abc", "180", "75", "no", "no", "yes", "6", item("2010-01", "medicin", "2024-08"),
        no(15), ""))
    assert result.exit_code == 0, result.output
    assert "how often do you have attacks" not in result.stdout.lower()
    assert "Invalid answer: a number from 40 to 230" in result.stdout
    assert "Decision: Declined" in result.stdout
    assert "Example: these rules" in result.stdout and "Exempel: reglerna" not in result.stdout


def test_markup_or_text_for_a_month_is_a_swedish_error_that_echoes_nothing(run: Invoke) -> None:
    result = run("apply", *APPLICANT, input=keys(
        "180", "75", "nej", "ja", "8", "[/x]", item("2019-03", "tabletter", "2024-08"),
        no(16), ""))
    assert result.exit_code == 0, result.output
    assert "Ogiltigt svar: ange en månad som ÅÅÅÅ-MM" in result.stdout
    assert "[/x]" not in result.stdout.replace("(ange ett", "")  # not echoed back
    assert "Beslut: Beviljas med villkor" in result.stdout
    assert "Erbjudande" in result.stdout


def drafts(directory: Path) -> list[Path]:
    return sorted(directory.glob("utkast-*.json"))


def test_end_of_input_keeps_a_private_draft_that_resume_continues(run: Invoke,
                                                                  tmp_path: Path) -> None:
    """Input ends after q5: the draft holds height, weight and q1-q5 (0600, path printed);
    --resume asks only q6-q18. A second interruption writes a new draft, never the old."""
    first = run("apply", *APPLICANT, "--draft-dir", str(tmp_path),
                input=keys("180", "75", "ja", no(4)))
    assert first.exit_code == 2
    [draft] = drafts(tmp_path)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert str(draft) in first.stderr and "--resume" in first.stderr
    saved = json.loads(draft.read_text())
    assert saved["height_cm"] == "180" and list(saved["answers"]) == ["q1", "q2", "q3", "q4",
                                                                      "q5"]
    again = run("apply", *APPLICANT, "--resume", str(draft), "--draft-dir", str(tmp_path),
                input=keys(no(3)))
    assert again.exit_code == 2 and len(drafts(tmp_path)) == 2
    assert json.loads(draft.read_text()) == saved  # never overwritten
    done = run("apply", *APPLICANT, "--resume", str(draft), "--json", input=keys(no(13), ""))
    assert done.exit_code == 0, done.output
    assert "Fråga 5 av 18" not in done.stderr and "Fråga 6 av 18" in done.stderr
    data = json.loads(done.stdout)
    assert data["smoker"] is True and data["monthly_premium"] == "1335.00"


def test_ctrl_c_keeps_a_draft(run: Invoke, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (KeyboardInterrupt from the prompt) at the fourth prompt."""
    replies = iter(["180", "75", "nej"])

    def ask(*args: Any, **kwargs: Any) -> str:
        try:
            return next(replies)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(Prompt, "ask", ask)
    result = run("apply", *APPLICANT, "--draft-dir", str(tmp_path))
    assert result.exit_code == 2
    [draft] = drafts(tmp_path)
    assert json.loads(draft.read_text())["answers"] == {"q1": "no"}
    assert "Avbrutet" in result.stderr
    monkeypatch.undo()
    resumed = run("apply", *APPLICANT, "--resume", str(draft), "--json",
                  input=keys(no(17), ""))
    assert resumed.exit_code == 0, resumed.output
    assert json.loads(resumed.stdout)["outcome"] == "accept"


def test_interrupted_before_any_answer_writes_nothing(run: Invoke, tmp_path: Path) -> None:
    result = run("apply", *APPLICANT, "--draft-dir", str(tmp_path), input="")
    assert result.exit_code == 2 and drafts(tmp_path) == []
    assert "inget har beslutats eller sparats" in result.stderr


def test_resume_needs_a_draft(run: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text("{}")
    result = run("apply", *APPLICANT, "--resume", str(other), env=EN)
    assert result.exit_code == 2 and "is not an interview draft" in result.stderr


def test_draft_dir_must_exist_before_any_question(run: Invoke, tmp_path: Path) -> None:
    result = run("apply", *APPLICANT, "--draft-dir", str(tmp_path / "no"), input="180\n", env=EN)
    assert result.exit_code == 2 and "--draft-dir: the directory" in result.stderr
    assert "Längd" not in result.output


def test_a_draft_of_another_rule_book_is_refused(run: Invoke, tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    draft.write_text(json.dumps({"kind": "quote-interview-draft", "rulebook": "other",
                                 "version": "1", "answers": {}}))
    result = run("apply", *APPLICANT, "--resume", str(draft), env=EN)
    assert result.exit_code == 2 and "another rule book" in result.stderr


def test_choices_by_id_or_name_and_invalid_ones_re_asked(run: Invoke, tmp_path: Path) -> None:
    """q2: 99 and 0 are no option's number, 'blodtryck' no option's name: each re-asked;
    then one by id and one by name in capitals. 25 % + 50 %: 1068 × 1.75 = 1869.00."""
    result = run("apply", *APPLICANT, "--json", "--draft-dir", str(tmp_path), input=keys(
        "180", "75", "nej", "ja", "99", "0", "blodtryck", "high_blood_pressure, DIABETES",
        item("2019-03", "tabletter", "2024-06"), item("2015-01", "insulin", "2024-08"),
        no(16), ""))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["Q2-BLOOD-PRESSURE", "Q2-DIABETES"]
    assert data["monthly_premium"] == "1869.00"
    assert result.stderr.count("Ogiltigt svar: välj bland alternativen") == 3
