"""The health declaration: answers checked against the rule book, every problem listed.

A declaration (a file, or what the interview collected) holds ``signed``, ``received``,
``height_cm``, ``weight_kg``, ``guardian_signed`` (needed under 18) and ``answers``
``q1`` … ``q18``. An answer is ``no``, ``yes``, or a mapping with ``answer: yes`` and the
follow-ups. Follow-ups are kept only where they are asked (their question is yes and their
own condition holds); an answer on an abandoned branch is dropped and listed.

Problems never repeat the answers' contents in messages about other fields.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from quote.dates import Month, age_on, parse_date
from quote.errors import DeclarationError as DeclarationError  # lives in quote.errors
from quote.errors import Problem
from quote.underwriting.rulebook import FollowUp, Question, RuleBookModel
from quote.yamlfile import YamlDocument, by_line

YES = {"yes", "ja", "y", "j", "true"}
NO = {"no", "nej", "n", "false"}

FollowUpValue = tuple[str, ...] | str | Month | bool | int


@dataclass(frozen=True)
class Answer:
    question: str
    yes: bool
    followups: dict[str, FollowUpValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Declaration:
    signed: date
    received: date
    height_cm: Decimal
    weight_kg: Decimal
    guardian_signed: bool
    answers: dict[str, Answer]
    dropped: tuple[str, ...] = ()

    @property
    def bmi(self) -> Decimal:
        metres = self.height_cm / 100
        return (self.weight_kg / (metres * metres)).quantize(Decimal("0.1"))

    def as_dict(self) -> dict[str, Any]:
        """The declaration in the file format (what `--record` archives)."""
        answers: dict[str, Any] = {}
        for qid, answer in self.answers.items():
            if not answer.yes:
                answers[qid] = "no"
            elif not answer.followups:
                answers[qid] = "yes"
            else:
                answers[qid] = {"answer": "yes", **{k: plain_value(v) for k, v in
                                                    answer.followups.items()}}
        return {"signed": self.signed.isoformat(), "received": self.received.isoformat(),
                "guardian_signed": self.guardian_signed,
                "height_cm": format(self.height_cm, "f"), "weight_kg": format(self.weight_kg, "f"),
                "answers": answers}


def plain_value(value: FollowUpValue) -> Any:
    """A follow-up value as written in a declaration file."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Month):
        return str(value)
    return value


def yes_no(value: Any) -> bool | None:
    """yes/no/ja/nej (any case) or a YAML boolean; None if it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
    return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it has no such day."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_asked(followup: FollowUp, given: dict[str, FollowUpValue]) -> bool:
    """A follow-up is asked when it has no condition, or its condition's answer matches."""
    if followup.when is None:
        return True
    value = given.get(followup.when.followup)
    if value is None:
        return False
    if isinstance(value, bool):
        value = "yes" if value else "no"
    chosen = set(value) if isinstance(value, tuple) else {str(value)}
    return bool(chosen & set(followup.when.any_of))


def parse_followup(followup: FollowUp, value: Any) -> FollowUpValue:
    """One follow-up's value, checked against its type; ValueError says what is wrong."""
    if followup.type in ("choice", "choices"):
        items = value if isinstance(value, list) else [value]
        items = [str(item).strip() for item in items]
        if followup.type == "choice" and len(items) != 1:
            raise ValueError("choose one option")
        bad = [item for item in items if item not in followup.options]
        if bad or not items:
            raise ValueError(f"choose from {', '.join(followup.options)}")
        return items[0] if followup.type == "choice" else tuple(dict.fromkeys(items))
    if followup.type == "yesno":
        answer = yes_no(value)
        if answer is None:
            raise ValueError("answer yes or no")
        return answer
    if followup.type == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            if isinstance(value, str) and value.strip().isdigit():
                return int(value.strip())
            raise ValueError("give a whole number, 0 or more")
        return value
    if followup.type == "month":
        if isinstance(value, date):
            return Month(value.year, value.month)
        return Month.parse(str(value))
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError("write an answer")
    return text


def _blank(value: Any) -> bool:
    """Left empty in a form: nothing, an empty text or an empty list."""
    return value is None or value == "" or value == []


def parse_answer(qid: str, question: Question, raw: Any, received: date | None
                 ) -> tuple[Answer | None, list[tuple[tuple[str, ...], str]], list[str]]:
    """One question's answer: (answer, problems as (location, message), dropped follow-ups)."""
    problems: list[tuple[tuple[str, ...], str]] = []
    if raw is None:
        return None, [((qid,), f"{qid}: missing answer (every question must be answered)")], []
    given: dict[str, Any] = {}
    if isinstance(raw, dict):
        given = dict(raw)
        decided = yes_no(given.pop("answer", None))
    else:
        decided = yes_no(raw)
    if decided is None:
        return None, [((qid,), f"{qid}: the answer must be yes or no")], []
    unknown = [key for key in given if key not in question.followups]
    for key in unknown:
        problems.append(((qid, key), f"{qid}.{key}: unknown follow-up (this question has "
                                     f"{', '.join(question.followups) or 'none'})"))
    if not decided:
        dropped = [f"{qid}.{key}" for key, value in given.items()
                   if key in question.followups and not _blank(value)]
        return Answer(qid, False), problems, dropped
    values: dict[str, FollowUpValue] = {}
    dropped = []
    for fid, followup in question.followups.items():
        if not is_asked(followup, values):
            if not _blank(given.get(fid)):
                dropped.append(f"{qid}.{fid}")
            continue
        if _blank(given.get(fid)):
            if not followup.optional:
                problems.append(((qid, fid), f"{qid}.{fid}: missing ({followup.en})"))
            continue
        try:
            values[fid] = parse_followup(followup, given[fid])
        except ValueError as exc:
            problems.append(((qid, fid), f"{qid}.{fid}: {exc}"))
            continue
        value = values[fid]
        if isinstance(value, Month) and received is not None and \
                value > Month(received.year, received.month):
            problems.append(((qid, fid), f"{qid}.{fid}: {value} is after the declaration was "
                                         "received"))
    return Answer(qid, True, values), problems, dropped


def _measure(name: str, raw: Any, low: Decimal, high: Decimal) -> tuple[Decimal | None, str | None]:
    if raw is None or isinstance(raw, bool):
        return None, f"{name}: missing"
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        return None, f"{name}: must be a number"
    if not value.is_finite() or not low <= value <= high:
        return None, f"{name}: must be between {low} and {high}"
    return value, None


def _date_field(name: str, raw: Any) -> tuple[date | None, str | None]:
    if isinstance(raw, date):
        return raw, None
    if raw is None:
        return None, f"{name}: missing (YYYY-MM-DD)"
    try:
        return parse_date(str(raw)), None
    except ValueError as exc:
        return None, f"{name}: {exc}"


def parse_declaration(data: Any, rulebook: RuleBookModel, birth_date: date,
                      doc: YamlDocument | None = None, path: Path | None = None) -> Declaration:
    """Check a declaration against the rule book; DeclarationError lists every problem."""
    where = path or (doc.path if doc else Path("declaration"))
    located: list[tuple[tuple[str, ...], str]] = []
    if not isinstance(data, dict):
        raise DeclarationError(where, [Problem(where, 1, "a declaration must be a mapping with "
                                                         "signed, received, height_cm, "
                                                         "weight_kg and answers")])
    known = {"signed", "received", "height_cm", "weight_kg", "guardian_signed", "answers"}
    for key in data:
        if key not in known:
            located.append(((str(key),), f"unknown field {key!r}"))
    signed, problem = _date_field("signed", data.get("signed"))
    if problem:
        located.append((("signed",), problem))
    received, problem = _date_field("received", data.get("received"))
    if problem:
        located.append((("received",), problem))
    rules = rulebook.declaration
    if signed and received:
        latest = add_months(signed, rules.valid_months)
        if received < signed:
            located.append((("received",), f"received {received} is before signed {signed}"))
        elif received > latest:
            located.append((("received",), f"received {received} is more than "
                                           f"{rules.valid_months} month(s) after signing "
                                           f"({signed}; latest {latest}): the declaration is no "
                                           "longer valid, have it signed again"))
    measures = rulebook.measurements
    height, problem = _measure("height_cm", data.get("height_cm"), measures.height_cm.min,
                               measures.height_cm.max)
    if problem:
        located.append((("height_cm",), problem))
    weight, problem = _measure("weight_kg", data.get("weight_kg"), measures.weight_kg.min,
                               measures.weight_kg.max)
    if problem:
        located.append((("weight_kg",), problem))
    guardian = yes_no(data.get("guardian_signed", False))
    if guardian is None:
        located.append((("guardian_signed",), "guardian_signed: answer yes or no"))
    if received and birth_date <= received:
        age = age_on(birth_date, received)
        if age < rulebook.eligibility.guardian_below_age and not guardian:
            located.append((("guardian_signed",), f"guardian_signed: the applicant is {age}: "
                                                  "under 18 a guardian (förmyndare) must sign"))
    raw_answers = data.get("answers")
    answers: dict[str, Answer] = {}
    dropped: list[str] = []
    if not isinstance(raw_answers, dict):
        located.append((("answers",), "answers: missing (a mapping q1 … q18)"))
        raw_answers = {}
    for key in raw_answers:
        if key not in rulebook.questions:
            located.append((("answers", str(key)), f"{key}: no such question (expected "
                                                   f"{', '.join(rulebook.questions)})"))
    for qid, question in rulebook.questions.items():
        answer, problems, lost = parse_answer(qid, question, raw_answers.get(qid), received)
        located.extend(((("answers", *loc)), message) for loc, message in problems)
        dropped.extend(lost)
        if answer is not None:
            answers[qid] = answer
    if located or signed is None or received is None or height is None or weight is None:
        problems_out = [
            doc.problem(loc, message) if doc is not None else Problem(where, None, message)
            for loc, message in located]
        raise DeclarationError(where, by_line(problems_out))
    return Declaration(signed=signed, received=received, height_cm=height, weight_kg=weight,
                       guardian_signed=bool(guardian), answers=answers, dropped=tuple(dropped))
