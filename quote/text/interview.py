"""Text of the interview (`quote apply` without --declaration) and of the application's
screen."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "interview.title": {"sv": "Hälsodeklaration", "en": "Health declaration"},
    "interview.progress": {"sv": "Fråga {n} av {total}", "en": "Question {n} of {total}"},
    "interview.yes_no": {"sv": "ja/nej", "en": "yes/no"},
    "interview.choose_many": {"sv": "ange ett eller flera nummer eller namn, t.ex. 1,3",
                              "en": "one or more numbers or names, e.g. 1,3"},
    "interview.choose_one": {"sv": "ange ett nummer eller namn", "en": "a number or a name"},
    "interview.month": {"sv": "ÅÅÅÅ-MM", "en": "YYYY-MM"},
    "interview.optional": {"sv": "frivilligt, Enter hoppar över",
                           "en": "optional, Enter skips"},
    "interview.more": {"sv": "Fler att uppge för fråga {n}?",
                       "en": "More to declare for question {n}?"},
    "interview.item": {"sv": "Gäller: {name}", "en": "About: {name}"},
    "interview.fix": {
        "sv": "Ändra ett svar? Skriv frågans nummer, L för längd, V för vikt, eller tryck "
              "Enter för att gå vidare",
        "en": "Change an answer? Type the question's number, H for height, W for weight, or "
              "press Enter to go on"},
    "interview.fix_height": {"sv": "l", "en": "h"},
    "interview.fix_weight": {"sv": "v", "en": "w"},
    "interview.guardian": {"sv": "Den sökande är under {age} år: har en förmyndare skrivit under?",
                           "en": "The applicant is under {age}: has a guardian signed?"},
    "interview.answers": {"sv": "Dina svar", "en": "Your answers"},
    "interview.what": {"sv": "Uppgift", "en": "Item"},
    "interview.answer": {"sv": "Svar", "en": "Answer"},
    "interview.height": {"sv": "Längd", "en": "Height"},
    "interview.weight": {"sv": "Vikt", "en": "Weight"},
    "interview.bad": {"sv": "Ogiltigt svar", "en": "Invalid answer"},
    "interview.range": {"sv": "Ogiltigt svar: ange ett tal från {low} till {high}",
                        "en": "Invalid answer: a number from {low} to {high}"},
    "interview.bad.one_option": {"sv": "välj ett alternativ", "en": "choose one option"},
    "interview.bad.option": {"sv": "välj bland alternativen", "en": "choose from the options"},
    "interview.bad.yes_no": {"sv": "svara ja eller nej", "en": "answer yes or no"},
    "interview.bad.count": {"sv": "ange ett heltal, 0 eller mer",
                            "en": "a whole number, 0 or more"},
    "interview.bad.month": {"sv": "ange en månad som ÅÅÅÅ-MM", "en": "a month as YYYY-MM"},
    "interview.bad.text": {"sv": "skriv ett svar", "en": "write an answer"},
    "interview.bad.empty": {"sv": "skriv ett svar", "en": "write an answer"},
    "interview.resumed": {"sv": "Fortsätter från utkastet: {n} av {total} frågor besvarade",
                          "en": "Continuing the draft: {n} of {total} questions answered"},
    "apply.draft_saved": {
        "sv": "Avbrutet. Svaren hittills är sparade i {path} (bara läsbar för dig); fortsätt "
              "med --resume {path}. Inget har beslutats.",
        "en": "Interrupted. The answers so far are saved in {path} (readable by you only); "
              "continue with --resume {path}. Nothing was decided."},
    "apply.interrupted": {
        "sv": "Avbrutet innan alla frågor besvarats; inget har beslutats eller sparats.",
        "en": "Interrupted before every question was answered; nothing was decided or "
              "written."},
    "apply.not_eligible": {"sv": "Kan inte ansöka", "en": "May not apply"},
    "apply.decision": {"sv": "Beslut", "en": "Decision"},
    "apply.outcome.accept": {"sv": "Beviljas", "en": "Accepted"},
    "apply.outcome.terms": {"sv": "Beviljas med villkor", "en": "Accepted on terms"},
    "apply.outcome.refer": {"sv": "Manuell riskbedömning", "en": "Referred to an underwriter"},
    "apply.outcome.decline": {"sv": "Avslag", "en": "Declined"},
    "apply.effect.accept": {"sv": "beviljas", "en": "accept"},
    "apply.effect.exclude": {"sv": "förbehåll", "en": "exclusion"},
    "apply.effect.load": {"sv": "tillägg", "en": "loading"},
    "apply.effect.refer": {"sv": "manuell", "en": "refer"},
    "apply.effect.decline": {"sv": "avslag", "en": "decline"},
    "apply.effect.smoker": {"sv": "rökartillägg", "en": "smoker loading"},
    "apply.col.question": {"sv": "Fråga", "en": "Question"},
    "apply.col.answer": {"sv": "Svar", "en": "Answer"},
    "apply.col.rule": {"sv": "Regel", "en": "Rule"},
    "apply.col.effect": {"sv": "Effekt", "en": "Effect"},
    "apply.col.reason": {"sv": "Skäl", "en": "Reason"},
    "apply.exclusions": {"sv": "Förbehåll (undantas):", "en": "Exclusions:"},
    "apply.loading": {"sv": "Premietillägg: +{pct} %", "en": "Loading: +{pct} %"},
    "apply.dropped": {"sv": "Ej använda svar (gäller inte): {items}",
                      "en": "Answers not used: {items}"},
    "apply.karens_info": {"sv": "Karens (information, inget beslut):",
                          "en": "Karens (information, not a decision):"},
    "apply.offer": {"sv": "Erbjudande", "en": "Offer"},
    "apply.preliminary": {"sv": "Preliminärt pris (inget erbjudande: en riskbedömare avgör)",
                          "en": "Preliminary price (not an offer: an underwriter decides)"},
    "apply.dates": {"sv": "Ansökan mottagen {received}, beslut {decided}, försäkringen och "
                          "premien börjar {start}",
                    "en": "Application received {received}, decided {decided}, cover and "
                          "premium start {start}"},
    "apply.record_written": {"sv": "Ansökan sparad i {path} (bara läsbar för dig)",
                             "en": "Application record written to {path} (readable by you "
                                   "only)"},
}
