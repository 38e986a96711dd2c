"""`quote declaration template`: a declaration file to fill in."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from quote.catalog import choose_rulebook
from quote.cli.common import RulebookOption, TariffsDirOption, fail, user_errors
from quote.underwriting.rulebook import RuleBookModel

app = typer.Typer(help="Health declaration files for `quote apply --declaration`.",
                  no_args_is_help=True)

HINTS = {
    "sv": {"yesno": "ja/nej", "month": "ÅÅÅÅ-MM", "count": "antal", "text": "text",
           "choice": "ett av", "choices": "en lista av", "only": "bara om",
           "followups": "Följdfrågor, bara om ja:", "optional": "frivillig",
           "signed": "underskriftsdatum", "received": "datum då försäkringsgivaren fick den",
           "guardian": "förmyndare har skrivit under (krävs under 18 år)"},
    "en": {"yesno": "yes/no", "month": "YYYY-MM", "count": "number", "text": "text",
           "choice": "one of", "choices": "a list of", "only": "only if",
           "followups": "Follow-ups, only if yes:", "optional": "optional",
           "signed": "date signed", "received": "date the insurer received it",
           "guardian": "a guardian has signed (required under 18)"},
}


def template_text(book: RuleBookModel, lang: str, today: date) -> str:
    """Every question with its follow-ups, answers left blank to be filled in."""
    h = HINTS[lang]

    def text(item: Any) -> str:
        return str(item.sv if lang == "sv" else item.en)

    lines = [
        f"# {'Hälsodeklaration' if lang == 'sv' else 'Health declaration'}: {book.name} "
        f"({book.id} {book.version}).",
        "# " + ("Fyll i alla svar. answer: ja eller nej; följdfrågorna bara vid ja." if
                lang == "sv" else "Answer every question. answer: yes or no; follow-ups "
                                  "only for yes."),
        "# " + ("Flera sjukdomar, behandlingar eller kroppsdelar under en fråga: skriv "
                "conditions: med en post per sjukdom, var och en med egna följdfrågor." if
                lang == "sv" else "Several conditions, treatments or body parts under one "
                                  "question: write conditions: with one entry per condition, "
                                  "each with its own follow-ups."),
        f"signed: {today.isoformat()}      # {h['signed']}",
        f"received: {today.isoformat()}    # {h['received']}",
        f"guardian_signed: no   # {h['guardian']}",
        f"height_cm:            # {text(book.measurements.height_cm)}",
        f"weight_kg:            # {text(book.measurements.weight_kg)}",
        "answers:",
    ]
    for number, (qid, question) in enumerate(book.questions.items(), start=1):
        lines.append(f"  # {number}. {text(question)}")
        lines.append(f"  {qid}:")
        lines.append(f"    answer:             # {h['yesno']}")
        if question.followups:
            lines.append(f"    # {h['followups']}")
        for fid, followup in question.followups.items():
            hint = h[followup.type]
            if followup.options:
                hint += " " + ", ".join(followup.options)
            if followup.when is not None:
                hint += f"; {h['only']} {followup.when.followup}: {', '.join(followup.when.any_of)}"
            if followup.optional:
                hint += f"; {h['optional']}"
            empty = "[]" if followup.type == "choices" else ""
            lines.append(f"    {fid}: {empty}".rstrip() + f"    # {text(followup)} ({hint})")
    return "\n".join(lines) + "\n"


@app.command("template")
def template(
    lang: Annotated[str, typer.Option(help="Language of the comments: sv or en.")] = "sv",
    rulebook: RulebookOption = None,
    tariffs: TariffsDirOption = None,
) -> None:
    """Print a complete declaration file to fill in (every question and follow-up).

    Example: quote declaration template > answers.yaml
    """
    if lang not in HINTS:
        fail(f"--lang: choose sv or en, not {lang!r}")
    with user_errors():
        book = choose_rulebook(rulebook, tariffs, date.today())
    typer.echo(template_text(book.model, lang, date.today()), nl=False)
