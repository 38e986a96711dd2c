"""Building health declarations for tests, in the file format."""

from __future__ import annotations

from typing import Any

from quote.underwriting.rulebook import FollowUp, Rule, RuleBookModel

SIGNED = "2024-08-20"
RECEIVED = "2024-09-01"


def all_no(book: RuleBookModel, height: int = 180, weight: int = 75) -> dict[str, Any]:
    """A standard applicant: 180 cm, 75 kg (BMI 23.1), no to every question."""
    return {"signed": SIGNED, "received": RECEIVED, "height_cm": height, "weight_kg": weight,
            "answers": {qid: "no" for qid in book.questions}}


def _default(followup: FollowUp) -> Any:
    """A neutral answer that triggers no rule by itself."""
    if followup.type == "choices":
        return [next(iter(followup.options))]
    if followup.type == "choice":
        return next(iter(followup.options))
    if followup.type == "month":
        return "2024-08"  # recent: karens does not apply
    if followup.type == "yesno":
        return "no"
    if followup.type == "count":
        return 0
    return "text"


def answer_for(book: RuleBookModel, rule: Rule) -> tuple[str, dict[str, Any]]:
    """(question, answer) that makes ``rule`` match: its conditions, then neutral values."""
    assert rule.question is not None
    question = book.questions[rule.question]
    wanted: dict[str, Any] = {}
    for key, match in rule.when.items():
        if match.any_of is not None:
            followup = question.followups[key]
            wanted[key] = match.any_of[:1] if followup.type == "choices" else match.any_of[0]
        elif match.equals is not None:
            wanted[key] = match.equals
        elif match.min is not None:
            wanted[key] = int(match.min)
        elif match.below is not None:
            wanted[key] = int(match.below) - 1
    answer: dict[str, Any] = {"answer": "yes"}
    for fid, followup in question.followups.items():
        answer[fid] = wanted.get(fid, _default(followup))
    if rule.question == "q17" and "body_part" not in rule.when:
        answer["body_part"] = ["back"]
    return rule.question, answer


BMI_BODIES = {"BMI-LOW": (180, 50), "BMI-30": (180, 100), "BMI-35": (180, 120),
              "BMI-40": (180, 135)}  # BMI 15.4, 30.9, 37.0, 41.7


def declaration_for(book: RuleBookModel, rule: Rule) -> dict[str, Any]:
    """A declaration in which ``rule`` (and, by construction, no other rule) applies."""
    if rule.question is None:
        height, weight = BMI_BODIES[rule.id]
        return all_no(book, height, weight)
    data = all_no(book)
    qid, answer = answer_for(book, rule)
    data["answers"][qid] = answer
    return data
