"""Messages about wrong request values: persons of a household, products, dates of an
application, scenario defaults, answers in a declaration, the shared field types of data
files and options checked by the command line (quote.household, quote.contents,
quote.underwriting, quote.fields, quote.cli). A message names the field and what was
expected, never the value of an identity number or a health answer."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # --- persons of a household (quote.household, quote household)
    "person.control": {"sv": "ett styrtecken i värdet; ta bort det",
                       "en": "a control character in the value; remove it"},
    "person.not_key_value": {"sv": "del {n} är inte nyckel=värde (t.ex. role=barn)",
                             "en": "part {n} is not key=value (e.g. role=barn)"},
    "person.flag": {"sv": "{where}: {name} ska vara ja/nej, true/false eller 1/0",
                    "en": "{where}: {name} must be yes/no, true/false or 1/0"},
    "person.unknown_key": {"sv": "{where}: okänd nyckel {keys} (använd {known})",
                           "en": "{where}: unknown key {keys} (use {known})"},
    "person.birth_date_or_id": {"sv": "{where}: ange birth-date eller id (en av dem)",
                                "en": "{where}: give birth-date or id (one of them)"},
    "person.field": {"sv": "{where}: {name}: {message}", "en": "{where}: {name}: {message}"},
    "person.born_after": {"sv": "{where}: född efter prisdatumet {on}",
                          "en": "{where}: born after the pricing date {on}"},
    "person.no_product": {"sv": "{where}: ingen produkt (ange product= eller --product)",
                          "en": "{where}: no product (give product= or --product)"},
    "person.deductible": {"sv": "{where}: självrisken ska vara hela kronor",
                          "en": "{where}: deductible must be whole kronor"},
    "person.none": {"sv": "ange minst en person", "en": "give at least one person"},
    "person.none_given": {"sv": "ange --person (en eller flera) eller --file",
                          "en": "give --person (one or more) or --file"},
    "person.not_list": {
        "sv": "{path}: en lista med personer väntades (role, birth_date eller id, product, "
              "deductible, smoker)",
        "en": "{path}: expected a list of persons (role, birth_date or id, product, "
              "deductible, smoker)"},
    # --- products compare (quote.contents)
    "contents.no_match": {"sv": "ingen produkt passar; välj bland {known}",
                          "en": "no product matches; choose among {known}"},
    # --- an application's dates (quote.underwriting.application)
    "application.decided_before_received": {
        "sv": "beslutsdatumet {decided} är före dagen ansökan kom in ({received})",
        "en": "the decision date {decided} is before the application was received "
              "({received})"},
    "application.start_before_decided": {
        "sv": "{start} är före beslutsdatumet {decided}",
        "en": "{start} is before the decision date {decided}"},
    "application.received_differs": {
        "sv": "behörigheten prövades {received}, men hälsodeklarationen kom in {declared}",
        "en": "eligibility was checked on {received}, but the declaration was received "
              "{declared}"},
    # --- scenarios of a rule book (quote.underwriting.scenarios)
    "scenario.missing": {"sv": "applicant: {missing} saknas (här eller i defaults)",
                         "en": "applicant: missing {missing} (here or in defaults)"},
    "scenario.none": {"sv": "inga", "en": "none"},
    "scenario.outcome": {"sv": "väntade utfallet {expected}, fick {got}",
                         "en": "expected outcome {expected}, got {got}"},
    "scenario.rules": {"sv": "väntade reglerna {expected}, fick {got}",
                       "en": "expected rules {expected}, got {got}"},
    "scenario.loading": {"sv": "väntade tillägget {expected}, fick {got}",
                         "en": "expected loading {expected}, got {got}"},
    "scenario.exclusions": {"sv": "väntade förbehållen {expected}, fick {got}",
                            "en": "expected exclusions {expected}, got {got}"},
    "scenario.premium": {"sv": "väntade månadspremien {expected}, fick {got}",
                         "en": "expected monthly premium {expected}, got {got}"},
    "scenario.other_book": {"sv": "skrivna för regelboken {written}, inte {book}",
                            "en": "written for rule book {written}, not {book}"},
    "scenario.bad_declaration": {"sv": "hälsodeklarationen är inte giltig: {problem}",
                                 "en": "the declaration is not valid: {problem}"},
    # --- answers in a declaration (quote.underwriting.declaration)
    "answer.one_option": {"sv": "välj ett alternativ", "en": "choose one option"},
    "answer.option": {"sv": "välj bland {options}", "en": "choose from {options}"},
    "answer.yes_no": {"sv": "svara ja eller nej", "en": "answer yes or no"},
    "answer.count": {"sv": "ett heltal, 0 eller mer, väntades",
                     "en": "expected a whole number, 0 or more"},
    "answer.month": {"sv": "en månad ÅÅÅÅ-MM väntades", "en": "expected a month YYYY-MM"},
    "answer.text": {"sv": "en text väntades", "en": "expected text"},
    "answer.empty": {"sv": "skriv ett svar", "en": "write an answer"},
    # --- a declaration file (quote.underwriting.declaration); {name} is the answer's place
    "decl.unknown_followup": {"sv": "{name}: okänd följdfråga (frågan har {known})",
                              "en": "{name}: unknown follow-up (this question has {known})"},
    "decl.unknown_followup_bare": {"sv": "{name}: okänd följdfråga",
                                   "en": "{name}: unknown follow-up"},
    "decl.none": {"sv": "inga", "en": "none"},
    "decl.followup_missing": {"sv": "{name}: saknas ({question})",
                              "en": "{name}: missing ({question})"},
    "decl.followup_problem": {"sv": "{name}: {problem}", "en": "{name}: {problem}"},
    "decl.month_after_received": {
        "sv": "{name}: en månad efter att hälsodeklarationen kom in",
        "en": "{name}: a month after the declaration was received"},
    "decl.answer_missing": {"sv": "{name}: svar saknas (varje fråga ska besvaras)",
                            "en": "{name}: missing answer (every question must be answered)"},
    "decl.answer_yes_no": {"sv": "{name}: svaret ska vara ja eller nej",
                           "en": "{name}: the answer must be yes or no"},
    "decl.followups_twice": {
        "sv": "{name}: ange följdfrågorna under {list_key}: eller direkt, inte båda",
        "en": "{name}: give the follow-ups under {list_key}: or directly, not both"},
    "decl.followups_list": {
        "sv": "{name}: en lista med en mappning per sjukdom eller besvär väntades",
        "en": "{name}: expected a list with one mapping per condition"},
    "decl.missing": {"sv": "{name}: saknas", "en": "{name}: missing"},
    "decl.not_number": {"sv": "{name}: ska vara ett tal", "en": "{name}: must be a number"},
    "decl.between": {"sv": "{name}: ska vara mellan {low} och {high}",
                     "en": "{name}: must be between {low} and {high}"},
    "decl.date_time": {"sv": "{name}: ett datum ÅÅÅÅ-MM-DD väntades, inte datum och tid",
                       "en": "{name}: expected a date YYYY-MM-DD, not a date and time"},
    "decl.date_missing": {"sv": "{name}: saknas (ÅÅÅÅ-MM-DD)",
                          "en": "{name}: missing (YYYY-MM-DD)"},
    "decl.not_date": {"sv": "{name}: ett datum ÅÅÅÅ-MM-DD väntades",
                      "en": "{name}: expected a date YYYY-MM-DD"},
    "decl.not_mapping": {
        "sv": "en hälsodeklaration ska vara en mappning med signed, received, height_cm, "
              "weight_kg och answers",
        "en": "a declaration must be a mapping with signed, received, height_cm, weight_kg "
              "and answers"},
    "decl.received_before_signed": {
        "sv": "received {received} är före signed {signed}",
        "en": "received {received} is before signed {signed}"},
    "decl.expired": {
        "sv": "received {received} är mer än {months} månad(er) efter underskriften ({signed}; "
              "senast {latest}): hälsodeklarationen gäller inte längre, låt skriva under den "
              "igen",
        "en": "received {received} is more than {months} month(s) after signing ({signed}; "
              "latest {latest}): the declaration is no longer valid, have it signed again"},
    "decl.guardian_yes_no": {"sv": "guardian_signed: svara ja eller nej",
                             "en": "guardian_signed: answer yes or no"},
    "decl.guardian_needed": {
        "sv": "guardian_signed: den sökande är {age} år; under {limit} år måste en förmyndare "
              "skriva under",
        "en": "guardian_signed: the applicant is {age}: under {limit} a guardian (förmyndare) "
              "must sign"},
    "decl.answers_missing": {"sv": "answers: saknas (en mappning q1 … q18)",
                             "en": "answers: missing (a mapping q1 … q18)"},
    "decl.no_such_question": {"sv": "{name}: ingen sådan fråga (väntade {known})",
                              "en": "{name}: no such question (expected {known})"},
    # --- field types of data files (quote.fields, quote.underwriting.rulebook)
    "field.positive_kronor": {
        "sv": "premien ska vara ett positivt helt antal kronor, inte {value}",
        "en": "premium must be a positive whole number of kronor, got {value}"},
    "field.kronor": {"sv": "ska vara ett helt antal kronor, 0 eller mer, inte {value}",
                     "en": "must be a whole number of kronor, 0 or more, got {value}"},
    "field.pct": {"sv": "ska vara en procentsats, t.ex. 25 eller 12.5",
                  "en": "must be a percentage such as 25 or 12.5"},
    "field.pct_negative": {"sv": "ska vara en procentsats, 0 eller mer, inte {value}",
                           "en": "must be a percentage of 0 or more, got {value}"},
    "field.country_yes_no": {
        "sv": "lästes som ja/nej av YAML: skriv landskoden inom citattecken, t.ex. \"NO\"",
        "en": "read as yes/no by YAML: write the country code in quotes, e.g. \"NO\""},
    # --- options the command line checks itself (quote.cli)
    "cli.choose": {"sv": "{option}: välj {choices}", "en": "{option}: choose {choices}"},
    "cli.or": {"sv": " eller ", "en": " or "},
    "cli.between": {"sv": "{option}: ska vara {low} till {high}, inte {value}",
                    "en": "{option}: must be {low} to {high}, got {value}"},
    "cli.no_directory": {"sv": "{option}: katalogen {directory} finns inte",
                         "en": "{option}: the directory {directory} does not exist"},
    "cli.report_directory": {
        "sv": "{path}: kan inte skriva här; katalogen {directory} finns inte",
        "en": "{path}: cannot write here; the directory {directory} does not exist"},
    "cli.renew_distinct": {"sv": "BOOK, -o, --rejects och --report måste vara olika filer",
                           "en": "BOOK, -o, --rejects and --report must be different files"},
    "cli.impact_distinct": {"sv": "BOOK och --report måste vara olika filer",
                            "en": "BOOK and --report must be different files"},
    "cli.several_tariffs": {
        "sv": "{directory} innehåller flera tariffer ({ids}); välj en med --tariff",
        "en": "{directory} holds several tariffs ({ids}); choose one with --tariff"},
    "cli.needs_id_column": {"sv": "{path}:1: en kolumn id eller birth_date behövs",
                            "en": "{path}:1: needs a column id or birth_date"},
    "cli.record_exists": {
        "sv": "--record: {path} finns redan; en ansökningspost skrivs aldrig över",
        "en": "--record: {path} exists; an application record is never overwritten"},
    "cli.resume_with_declaration": {
        "sv": "--resume: fortsätter en intervju; kan inte användas med --declaration",
        "en": "--resume: continues an interview; it cannot go with --declaration"},
    "cli.resume_other_book": {
        "sv": "--resume: utkastet gjordes med en annan regelbok än {id} {version}",
        "en": "--resume: the draft was made with another rule book than {id} {version}"},
    "cli.declaration_karens": {
        "sv": "--declaration: regelboken tar risken med karens och ställer inga hälsofrågor",
        "en": "--declaration: the rule book takes on risk with karens and asks no health "
              "questions"},
    "cli.not_a_draft": {"sv": "--resume: {path} är inget intervjuutkast (kind: {kind})",
                        "en": "--resume: {path} is not an interview draft (kind: {kind})"},
}
