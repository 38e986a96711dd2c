"""`quote declaration template`: the comments of a declaration file to fill in."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "declaration.title": {"sv": "# Hälsodeklaration: {name} ({id} {version}).",
                          "en": "# Health declaration: {name} ({id} {version})."},
    "declaration.intro": {
        "sv": "# Fyll i alla svar. answer: ja eller nej; följdfrågorna bara vid ja.",
        "en": "# Answer every question. answer: yes or no; follow-ups only for yes."},
    "declaration.several": {
        "sv": "# Flera sjukdomar, behandlingar eller kroppsdelar under en fråga: skriv "
              "conditions: med en post per sjukdom, var och en med egna följdfrågor.",
        "en": "# Several conditions, treatments or body parts under one question: write "
              "conditions: with one entry per condition, each with its own follow-ups."},
    "declaration.hint.yesno": {"sv": "ja/nej", "en": "yes/no"},
    "declaration.hint.month": {"sv": "ÅÅÅÅ-MM", "en": "YYYY-MM"},
    "declaration.hint.count": {"sv": "antal", "en": "number"},
    "declaration.hint.text": {"sv": "text", "en": "text"},
    "declaration.hint.choice": {"sv": "ett av", "en": "one of"},
    "declaration.hint.choices": {"sv": "en lista av", "en": "a list of"},
    "declaration.hint.only": {"sv": "bara om", "en": "only if"},
    "declaration.hint.followups": {"sv": "Följdfrågor, bara om ja:",
                                   "en": "Follow-ups, only if yes:"},
    "declaration.hint.optional": {"sv": "frivillig", "en": "optional"},
    "declaration.hint.signed": {"sv": "underskriftsdatum", "en": "date signed"},
    "declaration.hint.received": {"sv": "datum då försäkringsgivaren fick den",
                                  "en": "date the insurer received it"},
    "declaration.hint.guardian": {"sv": "förmyndare har skrivit under (krävs under 18 år)",
                                  "en": "a guardian has signed (required under 18)"},
}
