"""The decision engine: every matching rule is a finding; the findings make the outcome.

Outcome: ``decline`` if any finding declines, else ``refer`` if any refers, else ``terms``
if there are exclusions or loadings, else ``accept``. Loadings add up (+25 % and +50 %
make +75 %). Built in, whatever the rule book says:

- the smoker question sets the tariff's smoker loading, never an underwriting loading;
- karens: an exclusion is not made for a condition whose last symptoms are at least the
  rule book's ``karens_months`` before the declaration was received and that has no
  ongoing treatment or check-up;
- a yes answer that no rule covers gets the rule book's ``unmatched_yes`` effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from quote.dates import Month, age_on
from quote.i18n import Bilingual, pick
from quote.underwriting.declaration import Answer, Declaration, FollowUpValue
from quote.underwriting.rulebook import Match, Question, Rule, RuleBookModel

Lang = Literal["sv", "en"]
Outcome = Literal["accept", "terms", "refer", "decline"]


@dataclass(frozen=True)
class Exclusion:
    """Something taken out of cover (förbehåll)."""

    kind: Literal["condition", "body_part", "moment"]
    id: str
    question: str | None
    sv: str
    en: str
    side: str | None = None

    def text(self, lang: Lang) -> str:
        return pick(self, lang)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "id": self.id, "question": self.question,
                                "text": self.text(lang)}
        if self.side:
            data["side"] = self.side
        return data


@dataclass(frozen=True)
class Finding:
    question: str | None
    answer: str
    rule: str
    effect: str
    reason: str
    load_pct: Decimal = Decimal(0)
    exclusions: tuple[Exclusion, ...] = ()
    note: str | None = None

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {"question": self.question, "answer": self.answer, "rule": self.rule,
                "effect": self.effect, "reason": self.reason,
                "load_pct": format(self.load_pct.normalize(), "f"),
                "exclusions": [e.as_dict(lang) for e in self.exclusions], "note": self.note}


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    smoker: bool
    loading_pct: Decimal
    exclusions: tuple[Exclusion, ...]
    findings: tuple[Finding, ...]
    bmi: Decimal
    age: int


def months_between(earlier: Month, later: Month) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _matches(match: Match, value: FollowUpValue | Decimal | int | None) -> bool:
    if value is None:
        return False
    if match.any_of is not None:
        chosen = set(value) if isinstance(value, tuple) else {str(value)}
        if not chosen & set(match.any_of):
            return False
    if match.equals is not None and (not isinstance(value, bool)
                                     or value != (match.equals == "yes")):
        return False
    if match.min is not None or match.below is not None:
        if isinstance(value, (bool, tuple, str, Month)):
            return False
        number = Decimal(value)
        if match.min is not None and number < match.min:
            return False
        if match.below is not None and number >= match.below:
            return False
    return True


class _Engine:
    def __init__(self, book: RuleBookModel, declaration: Declaration, age: int,
                 lang: Lang) -> None:
        self.book = book
        self.decl = declaration
        self.age = age
        self.lang = lang
        self.received = Month(declaration.received.year, declaration.received.month)

    def text(self, item: Bilingual) -> str:
        return pick(item, self.lang)

    def value(self, key: str, answer: Answer | None) -> FollowUpValue | Decimal | int | None:
        if key == "bmi":
            return self.decl.bmi
        if key == "age":
            return self.age
        if key == "height_cm":
            return self.decl.height_cm
        if key == "weight_kg":
            return self.decl.weight_kg
        if answer is None:
            return None
        if key == "months_since_last_symptoms":
            last = answer.followups.get(self.book.declaration.karens_last_symptoms)
            return months_between(last, self.received) if isinstance(last, Month) else None
        return answer.followups.get(key)

    def applies(self, rule: Rule, answer: Answer | None) -> bool:
        return all(_matches(match, self.value(key, answer)) for key, match in rule.when.items())

    def summary(self, question: Question, answer: Answer, rule: Rule) -> str:
        """What in the answer the rule looked at: the chosen options' names, or 'ja'/'yes'."""
        parts: list[str] = []
        for key, match in rule.when.items():
            followup = question.followups.get(key)
            value = answer.followups.get(key)
            if followup is None or value is None:
                continue
            if followup.options and match.any_of is not None:
                chosen = value if isinstance(value, tuple) else (str(value),)
                parts.extend(self.text(followup.options[c]) for c in chosen
                             if c in match.any_of and c in followup.options)
            elif isinstance(value, bool):
                parts.append(f"{key}: {'ja' if value else 'nej'}")
            else:
                parts.append(f"{key}: {value}")
        return ", ".join(parts) or ("ja" if self.lang == "sv" else "yes")

    def exclusions(self, rule: Rule, question: Question | None, answer: Answer | None
                   ) -> tuple[Exclusion, ...]:
        spec = rule.exclude
        if spec is None:
            return ()
        qid = answer.question if answer else None
        if spec.moment is not None:
            return (Exclusion("moment", spec.moment, qid, spec.moment, spec.moment),)
        source = spec.conditions_from or spec.body_parts_from
        if question is None or answer is None or source is None:
            return ()
        followup = question.followups[source]
        chosen = answer.followups.get(source)
        items = chosen if isinstance(chosen, tuple) else (str(chosen),)
        wanted = rule.when.get(source)
        if wanted is not None and wanted.any_of is not None:
            items = tuple(i for i in items if i in wanted.any_of)
        kind: Literal["condition", "body_part"] = \
            "condition" if spec.conditions_from else "body_part"
        side = answer.followups.get(spec.side_from) if spec.side_from else None
        result = []
        for item in items:
            option = followup.options[item]
            lateral = side is not None and spec.side_from is not None and kind == "body_part" \
                and self._is_lateral(question, spec.side_from, item)
            side_id = str(side) if lateral else None
            sv, en = option.sv, option.en
            if side_id is not None and spec.side_from is not None:
                side_option = question.followups[spec.side_from].options[side_id]
                sv, en = f"{sv} ({side_option.sv.lower()})", f"{en} ({side_option.en.lower()})"
            result.append(Exclusion(kind, item, qid, sv, en, side_id))
        return tuple(result)

    @staticmethod
    def _is_lateral(question: Question, side_from: str, item: str) -> bool:
        when = question.followups[side_from].when
        return when is None or item in when.any_of

    def karens_applies(self, answer: Answer) -> int | None:
        """Months symptom-free if the karens rule lifts exclusions for this answer, else None."""
        rules = self.book.declaration
        last = answer.followups.get(rules.karens_last_symptoms)
        ongoing = answer.followups.get(rules.karens_ongoing)
        if not isinstance(last, Month) or ongoing is not False:
            return None
        months = months_between(last, self.received)
        return months if months >= rules.karens_months else None

    def finding(self, rule: Rule, question: Question | None, answer: Answer | None) -> Finding:
        summary = self.summary(question, answer, rule) if question and answer else \
            f"BMI {self.decl.bmi}" if "bmi" in rule.when else "—"
        exclusions = self.exclusions(rule, question, answer) if rule.effect == "exclude" else ()
        effect, note = rule.effect, None
        if exclusions and answer is not None:
            free = self.karens_applies(answer)
            if free is not None:
                effect, exclusions = "accept", ()
                note = (f"karens: symtomfri i {free} månader utan pågående behandling, inget "
                        "förbehåll" if self.lang == "sv" else
                        f"karens: {free} months free of symptoms with no ongoing treatment, "
                        "no exclusion")
        return Finding(question=answer.question if answer else None, answer=summary,
                       rule=rule.id, effect=effect, reason=self.text(rule.reason),
                       load_pct=(rule.load_pct or Decimal(0)) if effect == "load" else Decimal(0),
                       exclusions=exclusions, note=note)

    def run(self) -> Decision:
        findings: list[Finding] = []
        smoker = False
        for rule in self.book.rules:
            if rule.question is None and self.applies(rule, None):
                findings.append(self.finding(rule, None, None))
        for qid, question in self.book.questions.items():
            answer = self.decl.answers.get(qid)
            if answer is None or not answer.yes:
                continue
            if question.role == "smoker":
                smoker = True
                findings.append(Finding(
                    qid, "ja" if self.lang == "sv" else "yes", "SMOKER", "smoker",
                    "Rökartillägg enligt tariffen" if self.lang == "sv" else
                    "The tariff's smoker loading applies"))
                continue
            matched = [rule for rule in self.book.rules
                       if rule.question == qid and self.applies(rule, answer)]
            if not matched:
                effect = self.book.declaration.unmatched_yes
                findings.append(Finding(
                    qid, "ja" if self.lang == "sv" else "yes", "UNMATCHED", effect,
                    "Inget regelfall täcker svaret; en riskbedömare ser på det" if
                    self.lang == "sv" else "No rule covers this answer; an underwriter looks"))
            findings.extend(self.finding(rule, question, answer) for rule in matched)
        effects = {f.effect for f in findings}
        exclusions = tuple(e for f in findings for e in f.exclusions)
        loading = sum((f.load_pct for f in findings), Decimal(0))
        outcome: Outcome
        if "decline" in effects:
            outcome = "decline"
        elif "refer" in effects:
            outcome = "refer"
        elif exclusions or loading:
            outcome = "terms"
        else:
            outcome = "accept"
        return Decision(outcome=outcome, smoker=smoker, loading_pct=loading,
                        exclusions=exclusions, findings=tuple(findings), bmi=self.decl.bmi,
                        age=self.age)


def decide(book: RuleBookModel, declaration: Declaration, birth_date: date, lang: Lang = "sv"
           ) -> Decision:
    """Run every rule over the declaration; ``birth_date`` gives the age on receipt."""
    age = age_on(birth_date, declaration.received)
    return _Engine(book, declaration, age, lang).run()
