"""The rule book: the health declaration's questions and the decision tables, as data.

A rule-book file is YAML with ``kind: rulebook``. Questions have reflexive follow-ups
(asked only when the question is answered yes, and when their own ``when`` holds).
Rules are rows of a decision table: a question, conditions on its follow-ups (or on
BMI and age), an effect (accept, exclude, load, refer, decline) and a reason in Swedish
and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from quote.errors import Problem
from quote.errors import RuleBookError as RuleBookError  # lives in quote.errors
from quote.fields import DateField, Model, Percentage, Slug
from quote.i18n import t
from quote.yamlfile import Loaded, YamlDocument, load_document, validate_document

FollowUpType = Literal["choice", "choices", "text", "month", "yesno", "count"]
Effect = Literal["accept", "exclude", "load", "refer", "decline"]
# Keys a rule may test besides the follow-ups of its question.
DERIVED = {"bmi", "age", "height_cm", "weight_kg", "months_since_last_symptoms"}
GLOBAL_KEYS = {"bmi", "age", "height_cm", "weight_kg"}


class Text(Model):
    sv: str
    en: str


# Limits of a measurement (cm, kg) and of what a rule may compare (BMI, age, months, a count).
Measure = Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2, allow_inf_nan=False)]
Bound = Annotated[Decimal, Field(ge=0, le=10_000, decimal_places=2, allow_inf_nan=False)]
Age = Annotated[int, Field(ge=0, le=150)]


class Measurement(Model):
    sv: str
    en: str
    min: Measure
    max: Measure


def _yes_no_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


AskWhenValues = Annotated[list[Annotated[str, BeforeValidator(_yes_no_text)]], Field(min_length=1)]


class AskWhen(Model):
    """A follow-up is asked only when an earlier follow-up has one of these answers."""

    followup: Slug
    any_of: AskWhenValues


class FollowUp(Model):
    type: FollowUpType
    sv: str
    en: str
    options: dict[Slug, Text] = Field(default_factory=dict)
    when: AskWhen | None = None
    optional: bool = False
    form: bool = Field(default=True, description="False: the form does not ask this; the "
                                                 "rule book does, in its own words.")


class Question(Model):
    sv: str
    en: str
    role: Literal["smoker"] | None = None
    followups: dict[Slug, FollowUp] = Field(default_factory=dict)


class Match(Model):
    """One condition of a rule: one of some options, yes/no, or a range [min, below)."""

    any_of: list[str] | None = None
    equals: Literal["yes", "no"] | None = None
    min: Bound | None = None
    below: Bound | None = None


def _match(value: Any) -> Any:
    """Short forms: a list is any_of, yes/no is equals, a mapping is the long form."""
    if isinstance(value, list):
        return {"any_of": value}
    if isinstance(value, bool) or value in ("yes", "no"):
        return {"equals": _yes_no_text(value)}
    return value


MatchField = Annotated[Match, BeforeValidator(_match)]


class Exclusion(Model):
    """What an ``exclude`` rule takes out of cover: a moment, or what the answers name."""

    moment: Slug | None = None
    conditions_from: Slug | None = None
    body_parts_from: Slug | None = None
    side_from: Slug | None = None


RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]*$")]


class Rule(Model):
    id: RuleId
    question: Slug | None = None
    when: dict[str, MatchField] = Field(default_factory=dict)
    effect: Effect
    load_pct: Percentage | None = None
    exclude: Exclusion | None = None
    reason: Text


def _country_code(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("country", t("field.country_yes_no"))
    return value


CountryCode = Annotated[str, BeforeValidator(_country_code),
                        StringConstraints(pattern=r"^[A-Z]{2}$")]


class Eligibility(Model):
    individual_max_age: Age
    collective_min_age: Age
    collective_max_age: Age
    norden: list[CountryCode] = Field(min_length=1)
    guardian_below_age: Age


KarensDate = Literal["check_up", "medication", "treatment"]


class DeclarationRules(Model):
    """How risk is taken on: ``mode: declaration`` (a full health declaration, decided by
    the rules) or ``mode: karens`` (no health questions; the karens rule applies to claims).
    """

    mode: Literal["declaration", "karens"] = "declaration"
    valid_months: int = Field(ge=1, le=24)
    karens_months: int = Field(ge=0, le=240)
    karens_text: Text | None = None
    karens_last_symptoms: Slug
    karens_dates: dict[KarensDate, Slug] = Field(default_factory=dict)
    karens_ongoing: Slug
    unmatched_yes: Literal["refer", "accept"]


class Measurements(Model):
    height_cm: Measurement
    weight_kg: Measurement
    bmi_from_age: int = Field(default=18, ge=0, description="Rules on BMI apply from this "
                                                            "age; below it BMI is not used.")
    children: Text | None = None


class RuleBookModel(Model):
    """Everything a ``kind: rulebook`` file holds."""

    def notice_in(self, lang: str) -> str:
        """The notice in ``lang``: ``notice_en`` for English when given, else ``notice``."""
        return self.notice_en if lang == "en" and self.notice_en else self.notice

    kind: Literal["rulebook"]
    id: Slug
    name: str
    version: str
    effective_from: DateField
    example: bool
    notice: str
    notice_en: str | None = Field(default=None, description="The notice in English, when "
                                                            "``notice`` is Swedish.")
    source: str | None = None
    anchors: dict[str, Any] = Field(default_factory=dict,
                                    description="YAML anchors to reuse below; not read.")
    eligibility: Eligibility
    declaration: DeclarationRules
    measurements: Measurements
    questions: dict[Slug, Question] = Field(min_length=1)
    rules: list[Rule]


@dataclass(frozen=True)
class RuleBook(Loaded[RuleBookModel]):
    """A validated rule book with where it came from."""


def _followup_problems(doc: YamlDocument, qid: str, question: Question) -> list[Problem]:
    problems = []
    earlier: dict[str, FollowUp] = {}
    for fid, followup in question.followups.items():
        loc: tuple[str | int, ...] = ("questions", qid, "followups", fid)
        name = f"questions.{qid}.followups.{fid}"
        if followup.type in ("choice", "choices") and not followup.options:
            problems.append(doc.problem((*loc, "type"), t("rulecheck.needs_options", name=name,
                                                          type=followup.type)))
        if followup.type not in ("choice", "choices") and followup.options:
            problems.append(doc.problem((*loc, "options"),
                                        t("rulecheck.options_only_choice", name=name)))
        if followup.when is not None:
            source = earlier.get(followup.when.followup)
            if source is None:
                why = t("rulecheck.asked_after" if followup.when.followup in
                        question.followups else "rulecheck.does_not_exist")
                problems.append(doc.problem(
                    (*loc, "when", "followup"),
                    t("rulecheck.unreachable", name=name, followup=followup.when.followup,
                      why=why)))
            else:
                allowed = _answers_of(source)
                if allowed is not None:
                    bad = [v for v in followup.when.any_of if v not in allowed]
                    if len(bad) == len(followup.when.any_of):
                        problems.append(doc.problem(
                            (*loc, "when", "any_of"),
                            t("rulecheck.unreachable_answer", name=name,
                              followup=followup.when.followup, answers=", ".join(bad))))
                    elif bad:
                        problems.append(doc.problem(
                            (*loc, "when", "any_of"),
                            t("rulecheck.no_answer", name=name,
                              followup=followup.when.followup, answers=", ".join(bad))))
        earlier[fid] = followup
    return problems


def _answers_of(followup: FollowUp) -> set[str] | None:
    if followup.type in ("choice", "choices"):
        return set(followup.options)
    if followup.type == "yesno":
        return {"yes", "no"}
    return None


def _rule_problems(doc: YamlDocument, model: RuleBookModel) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for i, rule in enumerate(model.rules):
        loc: tuple[str | int, ...] = ("rules", i)
        name = f"rules[{i}] {rule.id}"
        if rule.id in seen:
            problems.append(doc.problem((*loc, "id"), t("rulecheck.duplicate_id", name=name,
                                                        first=str(seen[rule.id]))))
        seen.setdefault(rule.id, i)
        question = model.questions.get(rule.question) if rule.question else None
        if rule.question is not None and question is None:
            problems.append(doc.problem((*loc, "question"), t("rulecheck.no_question",
                                                              name=name, question=rule.question)))
            continue
        followups = question.followups if question else {}
        for key, match in rule.when.items():
            mloc = (*loc, "when", key)
            if key in followups:
                problems.extend(_match_problems(doc, mloc, name, key, followups[key], match))
            elif key in DERIVED and (question is not None or key in GLOBAL_KEYS):
                if match.any_of is not None or match.equals is not None:
                    problems.append(doc.problem(mloc, t("rulecheck.number_key", name=name,
                                                        what=key)))
            else:
                where = t("rulecheck.of_question", question=rule.question) if rule.question \
                    else t("rulecheck.without_question")
                problems.append(doc.problem(mloc, t("rulecheck.not_a_followup", name=name,
                                                    what=key, where=where)))
        if rule.effect == "load" and not rule.load_pct:
            problems.append(doc.problem((*loc, "effect"), t("rulecheck.load_needs_pct",
                                                            name=name)))
        if rule.effect != "load" and rule.load_pct is not None:
            problems.append(doc.problem((*loc, "load_pct"), t("rulecheck.pct_only_load",
                                                              name=name)))
        if rule.effect == "exclude":
            problems.extend(_exclusion_problems(doc, loc, name, rule, followups))
        elif rule.exclude is not None:
            problems.append(doc.problem((*loc, "exclude"), t("rulecheck.exclude_only",
                                                             name=name)))
    return problems


def _match_problems(doc: YamlDocument, loc: tuple[str | int, ...], name: str, key: str,
                    followup: FollowUp, match: Match) -> list[Problem]:
    allowed = _answers_of(followup)
    if followup.type != "count" and (match.min is not None or match.below is not None):
        return [doc.problem(loc, t("rulecheck.range_only_count", name=name, what=key,
                                   type=followup.type))]
    if followup.type not in ("choice", "choices") and match.any_of is not None:
        return [doc.problem(loc, t("rulecheck.options_only_choice_rule", name=name, what=key,
                                   type=followup.type))]
    if followup.type in ("choice", "choices"):
        if match.any_of is None:
            return [doc.problem(loc, t("rulecheck.give_options", name=name, what=key,
                                       type=followup.type))]
        bad = [v for v in match.any_of if allowed is not None and v not in allowed]
        if bad:
            return [doc.problem(loc, t("rulecheck.no_option", name=name, what=key,
                                       options=", ".join(bad)))]
    elif followup.type == "yesno":
        if match.equals is None:
            return [doc.problem(loc, t("rulecheck.give_yes_no", name=name, what=key))]
    elif followup.type == "count":
        if match.min is None and match.below is None:
            return [doc.problem(loc, t("rulecheck.give_min_below", name=name, what=key))]
    else:
        return [doc.problem(loc, t("rulecheck.cannot_test", name=name, what=key,
                                   type=followup.type))]
    return []


def _exclusion_problems(doc: YamlDocument, loc: tuple[str | int, ...], name: str, rule: Rule,
                        followups: dict[str, FollowUp]) -> list[Problem]:
    spec = rule.exclude
    if spec is None:
        return [doc.problem((*loc, "effect"), t("rulecheck.exclude_needed", name=name))]
    chosen = [k for k in ("moment", "conditions_from", "body_parts_from")
              if getattr(spec, k) is not None]
    if len(chosen) != 1:
        return [doc.problem((*loc, "exclude"), t("rulecheck.exclude_one_of", name=name))]
    problems = []
    for key in ("conditions_from", "body_parts_from", "side_from"):
        fid = getattr(spec, key)
        if fid is not None and (fid not in followups or
                                followups[fid].type not in ("choice", "choices")):
            problems.append(doc.problem((*loc, "exclude", key), t(
                "rulecheck.not_choice_followup", name=name, what=key, followup=fid,
                question=rule.question)))
    return problems


def _karens_problems(doc: YamlDocument, model: RuleBookModel) -> list[Problem]:
    """The karens follow-ups must be months (dates) wherever a question has them."""
    rules = model.declaration
    named: dict[tuple[str, ...], str] = {("karens_last_symptoms",): rules.karens_last_symptoms}
    named.update((("karens_dates", str(key)), fid) for key, fid in rules.karens_dates.items())
    problems = []
    for loc, fid in named.items():
        wrong = [qid for qid, q in model.questions.items()
                 if fid in q.followups and q.followups[fid].type != "month"]
        if wrong:
            problems.append(doc.problem(("declaration", *loc), t(
                "rulecheck.not_month_followup", field=f"declaration.{'.'.join(loc)}",
                followup=fid, questions=", ".join(wrong))))
    return problems


def semantic_problems(doc: YamlDocument, model: RuleBookModel) -> list[Problem]:
    problems = []
    for qid, question in model.questions.items():
        if "conditions" in question.followups:
            problems.append(doc.problem(("questions", qid, "followups", "conditions"), t(
                "rulecheck.conditions_reserved",
                field=f"questions.{qid}.followups.conditions")))
    problems.extend(_karens_problems(doc, model))
    smokers = [qid for qid, q in model.questions.items() if q.role == "smoker"]
    if len(smokers) > 1:
        problems.append(doc.problem(("questions", smokers[1], "role"),
                                    t("rulecheck.one_smoker", field=f"questions.{smokers[1]}",
                                      first=smokers[0])))
    for qid, question in model.questions.items():
        problems.extend(_followup_problems(doc, qid, question))
    problems.extend(_rule_problems(doc, model))
    for name in ("height_cm", "weight_kg"):
        measurement: Measurement = getattr(model.measurements, name)
        if measurement.min >= measurement.max:
            problems.append(doc.problem(("measurements", name, "min"),
                                        f"measurements.{name}: {t('hostile.range.measurement')}"))
    return problems


def parse_rulebook(doc: YamlDocument) -> tuple[RuleBookModel | None, list[Problem]]:
    return validate_document(doc, RuleBookModel, "rule-book", semantic_problems)


def check_rulebook(doc: YamlDocument) -> list[Problem]:
    return parse_rulebook(doc)[1]


def load_rulebook(path: Path, doc: YamlDocument | None = None) -> RuleBook:
    model, sha256 = load_document(path, "rule book", RuleBookError, parse_rulebook, doc)
    return RuleBook(model=model, path=path, sha256=sha256)
