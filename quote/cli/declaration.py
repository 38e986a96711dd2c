"""`quote declaration template`: a declaration file to fill in."""

from __future__ import annotations

from datetime import date

import typer

from quote.catalog import choose_rulebook
from quote.cli.common import RulebookOption, TariffsDirOption, user_errors
from quote.i18n import Bilingual, Lang, pick, t
from quote.underwriting.rulebook import RuleBookModel

app = typer.Typer(help="Health declaration files for `quote apply --declaration`.",
                  no_args_is_help=True)

def template_text(book: RuleBookModel, today: date, lang: Lang | None = None) -> str:
    """Every question with its follow-ups, answers left blank to be filled in; comments in
    ``lang`` (default: the current language)."""

    def hint(name: str) -> str:
        return t(f"declaration.hint.{name}", lang)

    def text(item: Bilingual) -> str:
        return pick(item, lang)

    lines = [
        t("declaration.title", lang, name=book.name, id=book.id, version=book.version),
        t("declaration.intro", lang),
        t("declaration.several", lang),
        f"signed: {today.isoformat()}      # {hint('signed')}",
        f"received: {today.isoformat()}    # {hint('received')}",
        f"guardian_signed: no   # {hint('guardian')}",
        f"height_cm:            # {text(book.measurements.height_cm)}",
        f"weight_kg:            # {text(book.measurements.weight_kg)}",
        "answers:",
    ]
    for number, (qid, question) in enumerate(book.questions.items(), start=1):
        lines.append(f"  # {number}. {text(question)}")
        lines.append(f"  {qid}:")
        lines.append(f"    answer:             # {hint('yesno')}")
        if question.followups:
            lines.append(f"    # {hint('followups')}")
        for fid, followup in question.followups.items():
            note = hint(followup.type)
            if followup.options:
                note += " " + ", ".join(followup.options)
            if followup.when is not None:
                note += (f"; {hint('only')} {followup.when.followup}: "
                         f"{', '.join(followup.when.any_of)}")
            if followup.optional:
                note += f"; {hint('optional')}"
            empty = "[]" if followup.type == "choices" else ""
            lines.append(f"    {fid}: {empty}".rstrip() + f"    # {text(followup)} ({note})")
    return "\n".join(lines) + "\n"


@app.command("template")
def template(
    rulebook: RulebookOption = None,
    tariffs: TariffsDirOption = None,
) -> None:
    """Print a complete declaration file to fill in (every question and follow-up), with
    comments in the language of --lang.

    Examples:

    \b
      quote declaration template > answers.yaml
      quote declaration template --lang en > answers-en.yaml
    """
    with user_errors():
        book = choose_rulebook(rulebook, tariffs, date.today())
    typer.echo(template_text(book.model, date.today()), nl=False)
