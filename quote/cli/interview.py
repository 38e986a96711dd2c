"""The health declaration as an interview in the terminal (Rich prompts).

Asks height and weight, then each question; follow-ups only when they apply. Before the
decision it shows the answers and lets the broker correct any question. What it collects
is checked by the same parser as a declaration file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.prompt import Prompt
from rich.table import Table

from quote.i18n import Bilingual, pick
from quote.underwriting.decision import Lang
from quote.underwriting.declaration import is_asked, parse_followup, plain_value, yes_no
from quote.underwriting.rulebook import FollowUp, Question, RuleBookModel

WORDS = {
    "sv": {"yes": "ja", "no": "nej", "choose_many": "Ange ett eller flera nummer, t.ex. 1,3",
           "choose_one": "Ange ett nummer", "month": "ÅÅÅÅ-MM", "optional": "(frivilligt)",
           "fix": "Ändra ett svar? Skriv frågans nummer, eller tryck Enter för att gå vidare",
           "guardian": "Den sökande är under {age}: har en förmyndare skrivit under?",
           "title": "Hälsodeklaration", "answers": "Dina svar", "question": "Fråga",
           "answer": "Svar", "bad": "Ogiltigt svar"},
    "en": {"yes": "yes", "no": "no", "choose_many": "Enter one or more numbers, e.g. 1,3",
           "choose_one": "Enter a number", "month": "YYYY-MM", "optional": "(optional)",
           "fix": "Change an answer? Type the question's number, or press Enter to go on",
           "guardian": "The applicant is under {age}: has a guardian signed?",
           "title": "Health declaration", "answers": "Your answers", "question": "Question",
           "answer": "Answer", "bad": "Invalid answer"},
}


class Interview:
    def __init__(self, console: Console, book: RuleBookModel, lang: Lang) -> None:
        self.console = console
        self.book = book
        self.lang = lang
        self.w = WORDS[lang]

    def text(self, item: Bilingual) -> str:
        return pick(item, self.lang)

    def ask_yes_no(self, prompt: str) -> bool:
        """ja/nej or yes/no (or j/n, y/n), whatever the language shown."""
        while True:
            reply = Prompt.ask(f"{prompt} [dim]\\[{self.w['yes']}/{self.w['no']}][/]",
                               console=self.console)
            answer = yes_no(reply)
            if answer is not None:
                return answer
            self.console.print(f"[red]{self.w['bad']}: {self.w['yes']}/{self.w['no']}[/]")

    def ask_followup(self, followup: FollowUp) -> Any:
        label = escape(self.text(followup))
        while True:
            if followup.type in ("choice", "choices"):
                ids = list(followup.options)
                for i, oid in enumerate(ids, start=1):
                    self.console.print(f"    {i}. {escape(self.text(followup.options[oid]))}")
                hint = self.w["choose_many"] if followup.type == "choices" else \
                    self.w["choose_one"]
                reply = Prompt.ask(f"  {label} [dim]({hint})[/]", console=self.console)
                picked = self.pick(ids, followup, reply)
                if picked is None:
                    self.console.print(f"  [red]{self.w['bad']}[/]")
                    continue
                raw: Any = picked if followup.type == "choices" else \
                    (picked[0] if len(picked) == 1 else picked)
            elif followup.type == "yesno":
                return self.ask_yes_no(f"  {label}")
            else:
                hint = f" [dim]({self.w['month']})[/]" if followup.type == "month" else ""
                if followup.optional:
                    hint += f" [dim]{self.w['optional']}[/]"
                raw = Prompt.ask(f"  {label}{hint}", console=self.console, default="",
                                 show_default=False)
                if followup.optional and not raw.strip():
                    return None
            try:
                return parse_followup(followup, raw)
            except ValueError as exc:
                self.console.print(f"  [red]{self.w['bad']}: {escape(str(exc))}[/]")

    def pick(self, ids: list[str], followup: FollowUp, reply: str) -> list[str] | None:
        """Options by number, id or name (any case), separated by commas."""
        names = {self.text(option).lower(): oid for oid, option in followup.options.items()}
        picked = []
        for part in (p.strip() for p in reply.split(",")):
            if not part:
                continue
            if part.isdigit() and 1 <= int(part) <= len(ids):
                picked.append(ids[int(part) - 1])
            elif part in followup.options:
                picked.append(part)
            elif part.lower() in names:
                picked.append(names[part.lower()])
            else:
                return None
        return picked or None

    def ask_question(self, number: int, question: Question) -> Any:
        yes = self.ask_yes_no(f"[bold]{number}.[/] {escape(self.text(question))}")
        if not yes:
            return "no"
        values: dict[str, Any] = {}
        for fid, followup in question.followups.items():
            if not is_asked(followup, values):
                continue
            value = self.ask_followup(followup)
            if value is not None:
                values[fid] = value
        plain = {k: plain_value(v) for k, v in values.items()}
        return {"answer": "yes", **plain} if plain else "yes"

    def ask_number(self, label: str, low: Decimal, high: Decimal) -> str:
        while True:
            reply = Prompt.ask(label, console=self.console).replace(",", ".").strip()
            try:
                value = Decimal(reply)
            except InvalidOperation:
                self.console.print(f"[red]{self.w['bad']}[/]")
                continue
            if value.is_finite() and low <= value <= high:
                return reply
            self.console.print(f"[red]{self.w['bad']}: {low}–{high}[/]")

    def shown(self, followup: FollowUp, value: Any) -> str:
        """A follow-up answer as the broker typed it: option names, ja/nej."""
        if followup.options:
            items = value if isinstance(value, list) else [value]
            return ", ".join(self.text(followup.options[i]) for i in items)
        if value in ("yes", "no"):
            return str(self.w[value])
        return str(value)

    def summary(self, answers: dict[str, Any]) -> None:
        table = Table(title=self.w["answers"], show_edge=False, pad_edge=False)
        table.add_column(self.w["question"], justify="right")
        table.add_column(self.w["answer"])
        for number, qid in enumerate(self.book.questions, start=1):
            answer = answers[qid]
            if isinstance(answer, dict):
                followups = self.book.questions[qid].followups
                details = "; ".join(self.shown(followups[k], v) for k, v in answer.items()
                                    if k != "answer")
                shown = f"{self.w['yes']} ({details})"
            else:
                shown = self.w["yes"] if answer == "yes" else self.w["no"]
            table.add_row(str(number), shown)
        self.console.print(table)

    def run(self, on: date, age: int) -> dict[str, Any]:
        """Ask everything; return a declaration in the file format."""
        book = self.book
        self.console.print(f"[bold]{self.w['title']}[/] — {escape(book.name)} "
                           f"({escape(book.version)})")
        if book.example:
            self.console.print(f"[yellow]{escape(book.notice)}[/]")
        height = self.ask_number(escape(self.text(book.measurements.height_cm)),
                                 book.measurements.height_cm.min, book.measurements.height_cm.max)
        weight = self.ask_number(escape(self.text(book.measurements.weight_kg)),
                                 book.measurements.weight_kg.min, book.measurements.weight_kg.max)
        qids = list(book.questions)
        answers = {qid: self.ask_question(n, book.questions[qid])
                   for n, qid in enumerate(qids, start=1)}
        while True:
            self.summary(answers)
            reply = Prompt.ask(self.w["fix"], console=self.console, default="",
                               show_default=False).strip()
            if not reply:
                break
            if reply.isdigit() and 1 <= int(reply) <= len(qids):
                qid = qids[int(reply) - 1]
                answers[qid] = self.ask_question(int(reply), book.questions[qid])
            else:
                self.console.print(f"[red]{self.w['bad']}[/]")
        guardian = False
        if age < book.eligibility.guardian_below_age:
            guardian = self.ask_yes_no(self.w["guardian"].format(
                age=book.eligibility.guardian_below_age))
        return {"signed": on.isoformat(), "received": on.isoformat(), "height_cm": height,
                "weight_kg": weight, "guardian_signed": guardian, "answers": answers}
