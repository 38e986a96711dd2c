"""The health declaration as an interview in the terminal (Rich prompts).

Asks height and weight, then each question (``Fråga 4 av 18``); for a yes, the
conditions it names and, for each one, its own follow-ups (or, for questions without a
list of conditions, one set of follow-ups and "more?"). Before the decision it shows
every answer with its label and lets the broker correct any question, the height or the
weight. What it collects is in the declaration file's format and goes through the same
parser; it accepts the same answers (option numbers, ids, Swedish or English names).

Interrupted (Ctrl-C, end of input), :attr:`Interview.progress` holds what was answered:
the command saves it as a draft that ``--resume`` continues.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.prompt import Prompt
from rich.table import Table

from quote.i18n import Bilingual, Lang, pick, t
from quote.underwriting.declaration import (
    LIST_KEY,
    AnswerProblem,
    FollowUpValue,
    is_asked,
    option_id,
    parse_followup,
    plain_value,
    yes_no,
)
from quote.underwriting.rulebook import FollowUp, Question, RuleBookModel

DRAFT_KIND = "quote-interview-draft"


class Interview:
    def __init__(self, console: Console, book: RuleBookModel, lang: Lang,
                 draft: dict[str, Any] | None = None) -> None:
        self.console = console
        self.book = book
        self.lang = lang
        saved = draft or {}
        self.height: str | None = saved.get("height_cm")
        self.weight: str | None = saved.get("weight_kg")
        answers = saved.get("answers")
        self.answers: dict[str, Any] = {k: v for k, v in answers.items()
                                        if k in book.questions} if isinstance(answers, dict) \
            else {}

    @property
    def progress(self) -> dict[str, Any]:
        """What has been answered so far, to be saved as a draft."""
        return {"kind": DRAFT_KIND, "rulebook": self.book.id, "version": self.book.version,
                "height_cm": self.height, "weight_kg": self.weight, "answers": self.answers}

    def text(self, item: Bilingual) -> str:
        return pick(item, self.lang)

    def ask(self, label: str, default: str | None = None) -> str:
        if default is None:
            return Prompt.ask(label, console=self.console)
        return Prompt.ask(label, console=self.console, default=default, show_default=False)

    def bad(self, message: str) -> None:
        self.console.print(f"[red]{escape(message)}[/]")

    def ask_yes_no(self, prompt: str) -> bool:
        """ja/nej or yes/no (or j/n, y/n), whatever the language shown."""
        while True:
            answer = yes_no(self.ask(f"{prompt} [dim]\\[{t('interview.yes_no', self.lang)}][/]"))
            if answer is not None:
                return answer
            self.bad(f"{t('interview.bad', self.lang)}: {t('interview.bad.yes_no', self.lang)}")

    def pick(self, followup: FollowUp, reply: str) -> list[str] | None:
        """Options by number, id or Swedish/English name (any case), separated by commas."""
        ids = list(followup.options)
        picked = []
        for part in (p.strip() for p in reply.split(",")):
            if not part:
                continue
            found = ids[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(ids) \
                else option_id(followup, part)
            if found is None:
                return None
            picked.append(found)
        return picked or None

    def ask_followup(self, followup: FollowUp) -> FollowUpValue | None:
        label = escape(self.text(followup))
        while True:
            raw: Any
            if followup.type in ("choice", "choices"):
                for i, option in enumerate(followup.options.values(), start=1):
                    self.console.print(f"    {i}. {escape(self.text(option))}")
                hint = t("interview.choose_many" if followup.type == "choices" else
                         "interview.choose_one", self.lang)
                picked = self.pick(followup, self.ask(f"  {label} [dim]({hint})[/]"))
                if picked is None:
                    self.bad(f"  {t('interview.bad', self.lang)}: "
                             f"{t('interview.bad.option', self.lang)}")
                    continue
                raw = picked if followup.type == "choices" else \
                    (picked[0] if len(picked) == 1 else picked)
            elif followup.type == "yesno" and not followup.optional:
                return self.ask_yes_no(f"  {label}")
            else:
                hint = f" [dim]({t('interview.month', self.lang)})[/]" \
                    if followup.type == "month" else ""
                if followup.optional:
                    hint += f" [dim]({t('interview.optional', self.lang)})[/]"
                raw = self.ask(f"  {label}{hint}", default="")
                if followup.optional and not raw.strip():
                    return None
            try:
                return parse_followup(followup, raw)
            except AnswerProblem as exc:
                self.bad(f"  {t('interview.bad', self.lang)}: "
                         f"{t(f'interview.bad.{exc.code}', self.lang)}")

    def ask_item(self, question: Question, given: dict[str, FollowUpValue]
                 ) -> dict[str, Any]:
        """The follow-ups of one condition (those already ``given`` are not asked again)."""
        values = dict(given)
        for fid, followup in question.followups.items():
            if fid in values or not is_asked(followup, values):
                continue
            value = self.ask_followup(followup)
            if value is not None:
                values[fid] = value
        return {k: plain_value(v) for k, v in values.items()}

    def ask_question(self, number: int, question: Question) -> Any:
        progress = t("interview.progress", self.lang, n=number, total=len(self.book.questions))
        self.console.print(f"[dim]{progress}[/]")
        if not self.ask_yes_no(f"[bold]{number}.[/] {escape(self.text(question))}"):
            return "no"
        if not question.followups:
            return "yes"
        items: list[dict[str, Any]] = []
        first_id, first = next(iter(question.followups.items()))
        if first.type == "choices" and first.when is None:
            chosen = self.ask_followup(first)
            for option in chosen if isinstance(chosen, tuple) else ():
                self.console.print(t("interview.item", self.lang,
                                     name=escape(self.text(first.options[option]))))
                items.append(self.ask_item(question, {first_id: (option,)}))
        else:
            while True:
                items.append(self.ask_item(question, {}))
                if not self.ask_yes_no(t("interview.more", self.lang, n=number)):
                    break
        if len(items) == 1:
            return {"answer": "yes", **items[0]}
        return {"answer": "yes", LIST_KEY: items}

    def ask_number(self, label: str, low: Decimal, high: Decimal) -> str:
        while True:
            reply = self.ask(label).replace(",", ".").strip()
            try:
                value = Decimal(reply)
            except InvalidOperation:
                value = Decimal("NaN")
            if value.is_finite() and low <= value <= high:
                return reply
            self.bad(t("interview.range", self.lang, low=low, high=high))

    def ask_height(self) -> None:
        m = self.book.measurements.height_cm
        self.height = self.ask_number(escape(self.text(m)), m.min, m.max)

    def ask_weight(self) -> None:
        m = self.book.measurements.weight_kg
        self.weight = self.ask_number(escape(self.text(m)), m.min, m.max)

    def shown(self, followup: FollowUp, value: Any) -> str:
        """A follow-up answer as the broker typed it: option names, ja/nej."""
        if followup.options:
            items = value if isinstance(value, list) else [value]
            return ", ".join(self.text(followup.options[i]) if i in followup.options else str(i)
                             for i in items)
        answer = yes_no(value) if followup.type == "yesno" else None
        if answer is not None:
            return t("uw.yes" if answer else "uw.no", self.lang)
        return str(value)

    def summary(self) -> None:
        table = Table(title=t("interview.answers", self.lang), show_edge=False, pad_edge=False,
                      show_lines=False)
        table.add_column(t("interview.what", self.lang))
        table.add_column(t("interview.answer", self.lang))
        table.add_row(t("interview.height", self.lang), f"{self.height} cm")
        table.add_row(t("interview.weight", self.lang), f"{self.weight} kg")
        for number, (qid, question) in enumerate(self.book.questions.items(), start=1):
            answer = self.answers.get(qid)
            yes = isinstance(answer, dict) or answer == "yes"
            label = self.text(question)
            label = label if len(label) <= 48 else label[:47].rstrip() + "…"
            table.add_row(escape(f"{number}. {label}"), t("uw.yes" if yes else "uw.no", self.lang))
            if not isinstance(answer, dict):
                continue
            listed = answer.get(LIST_KEY)
            items = listed if isinstance(listed, list) else \
                [{k: v for k, v in answer.items() if k != "answer"}]
            for i, item in enumerate(items, start=1):
                for fid, value in item.items():
                    followup = question.followups.get(fid)
                    if followup is None:
                        continue
                    mark = f"{number}.{i} " if len(items) > 1 else f"{number}. "
                    table.add_row(escape(f"  {mark}{self.text(followup)}"),
                                  escape(self.shown(followup, value)))
        self.console.print(table)

    def review(self) -> None:
        """Show every answer; correct a question, the height or the weight until Enter."""
        qids = list(self.book.questions)
        while True:
            self.summary()
            reply = self.ask(t("interview.fix", self.lang), default="").strip().lower()
            if not reply:
                return
            if reply == t("interview.fix_height", self.lang):
                self.ask_height()
            elif reply == t("interview.fix_weight", self.lang):
                self.ask_weight()
            elif reply.isdigit() and 1 <= int(reply) <= len(qids):
                qid = qids[int(reply) - 1]
                self.answers[qid] = self.ask_question(int(reply), self.book.questions[qid])
            else:
                self.bad(t("interview.bad", self.lang))

    def run(self, on: date, age: int) -> dict[str, Any]:
        """Ask everything not yet answered; return a declaration in the file format."""
        book = self.book
        self.console.print(f"[bold]{t('interview.title', self.lang)}[/] — {escape(book.name)} "
                           f"({escape(book.version)})")
        if book.example:
            self.console.print(f"[yellow]{escape(book.notice_in(self.lang))}[/]")
        if self.answers or self.height:
            self.console.print(t("interview.resumed", self.lang, n=len(self.answers),
                                 total=len(book.questions)))
        if self.height is None:
            self.ask_height()
        if self.weight is None:
            self.ask_weight()
        for number, (qid, question) in enumerate(book.questions.items(), start=1):
            if qid not in self.answers:
                self.answers[qid] = self.ask_question(number, question)
        self.review()
        guardian = False
        if age < book.eligibility.guardian_below_age:
            guardian = self.ask_yes_no(t("interview.guardian", self.lang,
                                         age=book.eligibility.guardian_below_age))
        return {"signed": on.isoformat(), "received": on.isoformat(), "height_cm": self.height,
                "weight_kg": self.weight, "guardian_signed": guardian, "answers": self.answers}
