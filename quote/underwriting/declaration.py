"""The health declaration: answers checked against the rule book, every problem listed.

A declaration (a file, or what the interview collected) holds ``signed``, ``received``,
``height_cm``, ``weight_kg``, ``guardian_signed`` (needed under 18) and ``answers``
``q1`` … ``q18``. An answer is ``no``, ``yes``, or a mapping with ``answer: yes`` and the
follow-ups, given directly (one condition) or as a list under ``conditions:`` with one
mapping per condition, each with its own follow-ups (the form asks for "samtliga").
Follow-ups are kept only where they are asked (their question is yes and their own
condition holds); an answer on an abandoned branch is dropped and listed.

Problems never repeat the applicant's answers or unknown keys' values: they name the
field and what was expected.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from quote.dates import Month, age_on, parse_date
from quote.errors import DeclarationError as DeclarationError  # lives in quote.errors
from quote.errors import Problem
from quote.i18n import pick, t
from quote.underwriting.rulebook import FollowUp, Question, RuleBookModel
from quote.yamlfile import YamlDocument, by_line

YES = {"yes", "ja", "y", "j", "true"}
NO = {"no", "nej", "n", "false"}
LIST_KEY = "conditions"
_PLAIN_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

FollowUpValue = tuple[str, ...] | str | Month | bool | int
Item = dict[str, FollowUpValue]


class AnswerProblem(ValueError):
    """One follow-up's value is not what its type needs. ``code`` names the problem for a
    translated message (``interview.bad.<code>``); the text never repeats the value."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Answer:
    """One question's answer: yes or no, and for yes one item per condition (or treatment,
    or body part), each with its own follow-ups."""

    question: str
    yes: bool
    items: tuple[Item, ...] = ()

    @property
    def followups(self) -> Item:
        """The first item's follow-ups (all of them when the answer names one condition)."""
        return self.items[0] if self.items else {}


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
            answers[qid] = answer_as_data(answer)
        return {"signed": self.signed.isoformat(), "received": self.received.isoformat(),
                "guardian_signed": self.guardian_signed,
                "height_cm": format(self.height_cm, "f"), "weight_kg": format(self.weight_kg, "f"),
                "answers": answers}


def answer_as_data(answer: Answer) -> Any:
    """An answer in the file format: ``no``, ``yes``, one mapping, or ``conditions:``."""
    if not answer.yes:
        return "no"
    items = [{k: plain_value(v) for k, v in item.items()} for item in answer.items if item]
    if not items:
        return "yes"
    if len(items) == 1:
        return {"answer": "yes", **items[0]}
    return {"answer": "yes", LIST_KEY: items}


def plain_value(value: FollowUpValue) -> Any:
    """A follow-up value as written in a declaration file."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Month):
        return str(value)
    return value


def shown_key(key: object) -> str:
    """A key from a file, for a message: itself if it looks like a field name, else '?'
    (a key can be anything the applicant typed)."""
    return key if isinstance(key, str) and _PLAIN_KEY.match(key) else "?"


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


def is_asked(followup: FollowUp, given: Mapping[str, FollowUpValue]) -> bool:
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


def option_id(followup: FollowUp, value: object) -> str | None:
    """An option by its id or its Swedish or English name (any case), else None."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if text in followup.options:
        return text
    folded = text.casefold()
    for oid, option in followup.options.items():
        if folded in (oid.casefold(), option.sv.casefold(), option.en.casefold()):
            return oid
    return None


def parse_followup(followup: FollowUp, value: Any) -> FollowUpValue:
    """One follow-up's value, checked against its type; AnswerProblem says what is wrong
    without repeating the value."""
    if followup.type in ("choice", "choices"):
        items = value if isinstance(value, list) else [value]
        ids = [option_id(followup, item) for item in items]
        if followup.type == "choice" and len(ids) != 1:
            raise AnswerProblem("one_option", t("answer.one_option"))
        if not ids or any(i is None for i in ids):
            raise AnswerProblem("option", t("answer.option", options=", ".join(followup.options)))
        chosen = [i for i in ids if i is not None]
        return chosen[0] if followup.type == "choice" else tuple(dict.fromkeys(chosen))
    if followup.type == "yesno":
        answer = yes_no(value)
        if answer is None:
            raise AnswerProblem("yes_no", t("answer.yes_no"))
        return answer
    if followup.type == "count":
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise AnswerProblem("count", t("answer.count"))
        return value
    if followup.type == "month":
        if isinstance(value, date) and not isinstance(value, datetime):
            return Month(value.year, value.month)
        try:
            if isinstance(value, str):
                return Month.parse(value)
        except ValueError:
            pass
        raise AnswerProblem("month", t("answer.month"))
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AnswerProblem("text", t("answer.text"))
    text = str(value).strip()
    if not text:
        raise AnswerProblem("empty", t("answer.empty"))
    return text


def _blank(value: Any) -> bool:
    """Left empty in a form: nothing, an empty text or an empty list."""
    return value is None or value == "" or value == []


Located = list[tuple[tuple[str | int, ...], str]]


def parse_item(name: str, question: Question, given: Mapping[Any, Any], received: date | None,
               loc: tuple[str | int, ...]) -> tuple[Item, Located, list[str]]:
    """One condition's follow-ups: (values, problems, dropped follow-ups). ``name`` is how
    messages call it (``q2`` or ``q2.conditions[2]``), ``loc`` where it is in the file."""
    problems: Located = []
    for key in given:
        if key not in question.followups:
            problems.append(((*loc, str(key)), t(
                "decl.unknown_followup", name=f"{name}.{shown_key(key)}",
                known=", ".join(question.followups) or t("decl.none"))))
    values: Item = {}
    dropped: list[str] = []
    for fid, followup in question.followups.items():
        if not is_asked(followup, values):
            if not _blank(given.get(fid)):
                dropped.append(f"{name}.{fid}")
            continue
        if _blank(given.get(fid)):
            if not followup.optional:
                problems.append(((*loc, fid), t("decl.followup_missing", name=f"{name}.{fid}",
                                                question=pick(followup))))
            continue
        try:
            values[fid] = parse_followup(followup, given[fid])
        except AnswerProblem as exc:
            problems.append(((*loc, fid), t("decl.followup_problem", name=f"{name}.{fid}",
                                            problem=exc.message)))
            continue
        value = values[fid]
        if isinstance(value, Month) and received is not None and \
                value > Month(received.year, received.month):
            problems.append(((*loc, fid), t("decl.month_after_received",
                                            name=f"{name}.{fid}")))
    return values, problems, dropped


def parse_answer(qid: str, question: Question, raw: Any, received: date | None
                 ) -> tuple[Answer | None, Located, list[str]]:
    """One question's answer: (answer, problems as (location, message), dropped follow-ups).

    A yes answer gives its follow-ups directly (one condition) or as a list under
    ``conditions:``, one mapping per condition, each with its own follow-ups.
    """
    if raw is None:
        return None, [((qid,), t("decl.answer_missing", name=qid))], []
    given: dict[Any, Any] = {}
    if isinstance(raw, dict):
        given = dict(raw)
        decided = yes_no(given.pop("answer", None))
    else:
        decided = yes_no(raw)
    if decided is None:
        return None, [((qid,), t("decl.answer_yes_no", name=qid))], []
    listed = given.pop(LIST_KEY, None)
    if not decided:
        problems: Located = [((qid, str(k)), t("decl.unknown_followup_bare",
                                               name=f"{qid}.{shown_key(k)}"))
                             for k in given if k not in question.followups]
        dropped = [f"{qid}.{key}" for key, value in given.items()
                   if key in question.followups and not _blank(value)]
        if not _blank(listed):
            dropped.append(f"{qid}.{LIST_KEY}")
        return Answer(qid, False), problems, dropped
    if listed is None:
        item, problems, dropped = parse_item(qid, question, given, received, (qid,))
        return Answer(qid, True, (item,) if question.followups else ()), problems, dropped
    if given:
        return None, [((qid, LIST_KEY), t("decl.followups_twice", name=qid, list_key=LIST_KEY))], []
    if not isinstance(listed, list) or not listed or \
            not all(isinstance(entry, dict) for entry in listed):
        return None, [((qid, LIST_KEY), t("decl.followups_list", name=f"{qid}.{LIST_KEY}"))], []
    items: list[Item] = []
    problems = []
    dropped = []
    for i, entry in enumerate(listed, start=1):
        item, found, lost = parse_item(f"{qid}.{LIST_KEY}[{i}]", question, entry, received,
                                       (qid, LIST_KEY, i - 1))
        items.append(item)
        problems.extend(found)
        dropped.extend(lost)
    return Answer(qid, True, tuple(items)), problems, dropped


def _measure(name: str, raw: Any, low: Decimal, high: Decimal) -> tuple[Decimal | None, str | None]:
    if raw is None or isinstance(raw, bool):
        return None, t("decl.missing", name=name)
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        return None, t("decl.not_number", name=name)
    if not value.is_finite() or not low <= value <= high:
        return None, t("decl.between", name=name, low=low, high=high)
    return value, None


def _date_field(name: str, raw: Any) -> tuple[date | None, str | None]:
    if isinstance(raw, datetime):
        return None, t("decl.date_time", name=name)
    if isinstance(raw, date):
        return raw, None
    if raw is None:
        return None, t("decl.date_missing", name=name)
    try:
        if isinstance(raw, str):
            return parse_date(raw), None
    except ValueError:
        pass
    return None, t("decl.not_date", name=name)


def parse_declaration(data: Any, rulebook: RuleBookModel, birth_date: date,
                      doc: YamlDocument | None = None, path: Path | None = None) -> Declaration:
    """Check a declaration against the rule book; DeclarationError lists every problem."""
    where = path or (doc.path if doc else Path("declaration"))
    located: Located = []
    if not isinstance(data, dict):
        raise DeclarationError(where, [Problem(where, 1, t("decl.not_mapping"))])
    known = {"signed", "received", "height_cm", "weight_kg", "guardian_signed", "answers"}
    for key in data:
        if key not in known:
            located.append(((str(key),), t("yaml.unknown_field", name=shown_key(key))))
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
            located.append((("received",), t("decl.received_before_signed",
                                             received=received.isoformat(),
                                             signed=signed.isoformat())))
        elif received > latest:
            located.append((("received",), t("decl.expired", received=received.isoformat(),
                                             months=rules.valid_months,
                                             signed=signed.isoformat(),
                                             latest=latest.isoformat())))
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
        located.append((("guardian_signed",), t("decl.guardian_yes_no")))
    if received and birth_date <= received:
        age = age_on(birth_date, received)
        if age < rulebook.eligibility.guardian_below_age and not guardian:
            located.append((("guardian_signed",), t(
                "decl.guardian_needed", age=age,
                limit=rulebook.eligibility.guardian_below_age)))
    raw_answers = data.get("answers")
    answers: dict[str, Answer] = {}
    dropped: list[str] = []
    if not isinstance(raw_answers, dict):
        located.append((("answers",), t("decl.answers_missing")))
        raw_answers = {}
    for key in raw_answers:
        if key not in rulebook.questions:
            located.append((("answers", str(key)), t("decl.no_such_question",
                                                     name=shown_key(key),
                                                     known=", ".join(rulebook.questions))))
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
