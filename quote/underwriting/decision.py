"""The decision engine: every matching rule is a finding; the findings make the outcome.

Outcome: ``decline`` if any finding declines, else ``refer`` if any refers, else ``terms``
if there are exclusions or loadings, else ``accept``. Loadings add up (+25 % and +50 %
make +75 %). Rules run once per condition (item) of an answer, so two conditions under
one question are decided each on its own answers. Built in, whatever the rule book says:

- the smoker question sets the tariff's smoker loading, never an underwriting loading;
- an exclusion of a moment the product does not cover (physiotherapy on Bas) is not
  made: the finding says so instead;
- rules on BMI are not used below the rule book's ``bmi_from_age`` (children);
- karens is applied when a claim is made, never at underwriting: per condition the
  decision shows, as information, the earliest day karens would no longer bar it;
- a yes answer that no rule covers gets the rule book's ``unmatched_yes`` effect.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from quote.dates import Month, age_on
from quote.i18n import Bilingual, Lang, pick, t
from quote.underwriting.declaration import Answer, Declaration, FollowUpValue, Item, add_months
from quote.underwriting.rulebook import Match, Question, Rule, RuleBookModel

__all__ = ["Decision", "Exclusion", "Finding", "KarensInfo", "Lang", "decide", "karens_clear_from"]
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
    """One rule that matched; ``item`` is the condition (1, 2, …) of the answer it read."""

    question: str | None
    answer: str
    rule: str
    effect: str
    reason: str
    load_pct: Decimal = Decimal(0)
    exclusions: tuple[Exclusion, ...] = ()
    note: str | None = None
    item: int | None = None

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {"question": self.question, "item": self.item, "answer": self.answer,
                "rule": self.rule, "effect": self.effect, "reason": self.reason,
                "load_pct": format(self.load_pct.normalize(), "f"),
                "exclusions": [e.as_dict(lang) for e in self.exclusions], "note": self.note}


@dataclass(frozen=True)
class KarensInfo:
    """When karens would stop barring a declared condition (information, not a decision).

    ``clear_from`` is None while treatment or check-ups go on; ``based_on`` names the dates
    it was counted from (symptoms, check_up, medication, treatment)."""

    question: str
    item: int
    clear_from: date | None
    based_on: tuple[str, ...]

    def text(self, lang: Lang) -> str:
        if self.clear_from is None:
            return t("uw.karens_ongoing", lang)
        dates = ", ".join(t(f"uw.date.{name}", lang) for name in self.based_on)
        return t("uw.karens_clear", lang, day=self.clear_from.isoformat(), dates=dates)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {"question": self.question, "item": self.item,
                "clear_from": self.clear_from.isoformat() if self.clear_from else None,
                "based_on": list(self.based_on), "text": self.text(lang)}


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    smoker: bool
    loading_pct: Decimal
    exclusions: tuple[Exclusion, ...]
    findings: tuple[Finding, ...]
    bmi: Decimal
    age: int
    karens: tuple[KarensInfo, ...] = ()

    @property
    def loadings(self) -> tuple[Finding, ...]:
        """The findings that load the premium, each with its percentage and reason."""
        return tuple(f for f in self.findings if f.effect == "load")

    @property
    def excluding(self) -> tuple[Finding, ...]:
        """The findings that exclude something, each with its exclusions and reason."""
        return tuple(f for f in self.findings if f.exclusions)


def karens_clear_from(dates: Mapping[str, Month], months: int) -> date:
    """The first day no declared date falls in the ``months`` before it: the last day of the
    latest month given, plus ``months``, plus one day (whole days, months taken at their
    end because the form asks only for year and month)."""
    latest = max(dates.values())
    last_day = date(latest.year, latest.month,
                    calendar.monthrange(latest.year, latest.month)[1])
    return add_months(last_day, months) + timedelta(days=1)


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
                 lang: Lang, covered: frozenset[str] | None, product: str,
                 moment_names: Mapping[str, str]) -> None:
        self.book = book
        self.decl = declaration
        self.age = age
        self.lang = lang
        self.covered = covered
        self.product = product
        self.moment_names = moment_names
        self.received = Month(declaration.received.year, declaration.received.month)

    def text(self, item: Bilingual) -> str:
        return pick(item, self.lang)

    def value(self, key: str, item: Item | None) -> FollowUpValue | Decimal | int | None:
        if key == "bmi":
            return self.decl.bmi if self.age >= self.book.measurements.bmi_from_age else None
        if key == "age":
            return self.age
        if key == "height_cm":
            return self.decl.height_cm
        if key == "weight_kg":
            return self.decl.weight_kg
        if item is None:
            return None
        if key == "months_since_last_symptoms":
            last = item.get(self.book.declaration.karens_last_symptoms)
            return months_between(last, self.received) if isinstance(last, Month) else None
        return item.get(key)

    def applies(self, rule: Rule, item: Item | None) -> bool:
        return all(_matches(match, self.value(key, item)) for key, match in rule.when.items())

    def summary(self, question: Question, item: Item, rule: Rule) -> str:
        """What in the answer the rule looked at: the chosen options' names, or 'ja'/'yes'."""
        parts: list[str] = []
        for key, match in rule.when.items():
            followup = question.followups.get(key)
            value = item.get(key)
            if followup is None or value is None:
                continue
            if followup.options and match.any_of is not None:
                chosen = value if isinstance(value, tuple) else (str(value),)
                parts.extend(self.text(followup.options[c]) for c in chosen
                             if c in match.any_of and c in followup.options)
            elif isinstance(value, bool):
                parts.append(f"{key}: {t('uw.yes' if value else 'uw.no', self.lang)}")
            else:
                parts.append(f"{key}: {value}")
        return ", ".join(parts) or t("uw.yes", self.lang)

    def exclusions(self, rule: Rule, question: Question | None, qid: str | None,
                   item: Item | None) -> tuple[Exclusion, ...]:
        spec = rule.exclude
        if spec is None:
            return ()
        if spec.moment is not None:
            return (Exclusion("moment", spec.moment, qid, spec.moment, spec.moment),)
        source = spec.conditions_from or spec.body_parts_from
        if question is None or item is None or source is None:
            return ()
        followup = question.followups[source]
        chosen = item.get(source)
        items = chosen if isinstance(chosen, tuple) else (str(chosen),)
        wanted = rule.when.get(source)
        if wanted is not None and wanted.any_of is not None:
            items = tuple(i for i in items if i in wanted.any_of)
        kind: Literal["condition", "body_part"] = \
            "condition" if spec.conditions_from else "body_part"
        side = item.get(spec.side_from) if spec.side_from else None
        result = []
        for part in items:
            option = followup.options[part]
            lateral = side is not None and spec.side_from is not None and kind == "body_part" \
                and self._is_lateral(question, spec.side_from, part)
            side_id = str(side) if lateral else None
            sv, en = option.sv, option.en
            if side_id is not None and spec.side_from is not None:
                side_option = question.followups[spec.side_from].options[side_id]
                sv, en = f"{sv} ({side_option.sv.lower()})", f"{en} ({side_option.en.lower()})"
            result.append(Exclusion(kind, part, qid, sv, en, side_id))
        return tuple(result)

    @staticmethod
    def _is_lateral(question: Question, side_from: str, item: str) -> bool:
        when = question.followups[side_from].when
        return when is None or item in when.any_of

    def karens(self, qid: str, number: int, item: Item) -> KarensInfo | None:
        """When karens would stop barring this condition, from the dates it gives."""
        rules = self.book.declaration
        fields: dict[str, str] = {"symptoms": rules.karens_last_symptoms}
        fields.update((str(name), fid) for name, fid in rules.karens_dates.items())
        dates = {name: value for name, fid in fields.items()
                 if isinstance(value := item.get(fid), Month)}
        if item.get(rules.karens_ongoing) is True:
            return KarensInfo(qid, number, None, tuple(dates))
        if not dates:
            return None
        return KarensInfo(qid, number, karens_clear_from(dates, rules.karens_months),
                          tuple(dates))

    def finding(self, rule: Rule, question: Question | None, qid: str | None,
                item: Item | None, number: int | None) -> Finding:
        if question is not None and item is not None:
            summary = self.summary(question, item, rule)
        else:
            summary = f"BMI {self.decl.bmi}" if "bmi" in rule.when else "—"
        exclusions = self.exclusions(rule, question, qid, item) if rule.effect == "exclude" \
            else ()
        effect, note = rule.effect, None
        uncovered = [e for e in exclusions if e.kind == "moment" and self.covered is not None
                     and e.id not in self.covered]
        if uncovered:
            exclusions = tuple(e for e in exclusions if e not in uncovered)
            note = "; ".join(t("uw.not_covered", self.lang, product=self.product,
                               moment=self.moment_names.get(e.id, e.id)) for e in uncovered)
            if not exclusions:
                effect = "accept"
        load = rule.load_pct if effect == "load" else None  # a load rule always has one
        return Finding(question=qid, answer=summary, rule=rule.id, effect=effect,
                       reason=self.text(rule.reason), load_pct=load or Decimal(0),
                       exclusions=exclusions, note=note, item=number)

    def answer_findings(self, qid: str, question: Question, answer: Answer
                        ) -> tuple[list[Finding], list[KarensInfo]]:
        findings: list[Finding] = []
        karens: list[KarensInfo] = []
        items: tuple[Item, ...] = answer.items or ({},)
        several = len(items) > 1
        for number, item in enumerate(items, start=1):
            shown = number if several else None
            matched = [rule for rule in self.book.rules
                       if rule.question == qid and self.applies(rule, item)]
            if not matched:
                findings.append(Finding(qid, t("uw.yes", self.lang), "UNMATCHED",
                                        self.book.declaration.unmatched_yes,
                                        t("uw.unmatched", self.lang), item=shown))
            findings.extend(self.finding(rule, question, qid, item, shown) for rule in matched)
            info = self.karens(qid, number, item)
            if info is not None:
                karens.append(info)
        return findings, karens

    def run(self) -> Decision:
        findings: list[Finding] = []
        karens: list[KarensInfo] = []
        smoker = False
        for rule in self.book.rules:
            if rule.question is None and self.applies(rule, None):
                findings.append(self.finding(rule, None, None, None, None))
        for qid, question in self.book.questions.items():
            answer = self.decl.answers.get(qid)
            if answer is None or not answer.yes:
                continue
            if question.role == "smoker":
                smoker = True
                findings.append(Finding(qid, t("uw.yes", self.lang), "SMOKER", "smoker",
                                        t("uw.smoker", self.lang)))
                continue
            found, info = self.answer_findings(qid, question, answer)
            findings.extend(found)
            karens.extend(info)
        effects = {f.effect for f in findings}
        exclusions = tuple(dict.fromkeys(e for f in findings for e in f.exclusions))
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
                        age=self.age, karens=tuple(karens))


def decide(book: RuleBookModel, declaration: Declaration, birth_date: date, lang: Lang = "sv",
           covered: frozenset[str] | None = None, product: str = "",
           moment_names: Mapping[str, str] | None = None) -> Decision:
    """Run every rule over the declaration; ``birth_date`` gives the age on receipt.

    ``covered`` is what the product covers (its moments); an exclusion of anything else is
    not made (``moment_names`` name them in the note). None: every moment is covered."""
    age = age_on(birth_date, declaration.received)
    return _Engine(book, declaration, age, lang, covered, product, moment_names or {}).run()
