"""Problems in a tariff, a rule book or a product-contents file that only the whole file
can show (quote.tariff, quote.underwriting.rulebook, quote.contents): `quote tariff check`,
`quote rulebook test` and every command that loads such a file. Each names the field by its
path in the file (``products.plus.premiums``) and what was expected."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # --- a tariff (quote.tariff)
    "tariffcheck.ends_before_start": {"sv": "brackets: {label} slutar innan den börjar",
                                      "en": "brackets: {label} ends before it starts"},
    "tariffcheck.first_not_zero": {
        "sv": "brackets: det första åldersintervallet ska börja vid 0 år, {label} börjar vid "
              "{low}",
        "en": "brackets: the first bracket must start at age 0, {label} starts at {low}"},
    "tariffcheck.open_not_last": {
        "sv": "brackets: {previous} är öppet uppåt men följs av {label}",
        "en": "brackets: {previous} is open-ended but is followed by {label}"},
    "tariffcheck.gap": {
        "sv": "brackets: glapp mellan {previous} och {label} (åldrarna {first}-{last} har "
              "inget intervall)",
        "en": "brackets: gap between {previous} and {label} (ages {first}-{last} have no "
              "bracket)"},
    "tariffcheck.overlap": {"sv": "brackets: {label} överlappar {previous}",
                            "en": "brackets: {label} overlaps {previous}"},
    "tariffcheck.last_not_open": {
        "sv": "brackets: det sista åldersintervallet ska vara öppet uppåt (t.ex. {example}), "
              "inte {label}",
        "en": "brackets: the last bracket must be open-ended (e.g. {example}), not {label}"},
    "tariffcheck.bracket_twice": {"sv": "brackets: {label} står två gånger",
                                  "en": "brackets: {label} is listed twice"},
    "tariffcheck.no_premium": {"sv": "{field}: ingen premie för åldersintervallet {label}",
                               "en": "{field}: no premium for bracket {label}"},
    "tariffcheck.not_a_bracket": {"sv": "{field}: {label} är inget av åldersintervallen",
                                  "en": "{field}: {label} is not one of the brackets"},
    "tariffcheck.unknown_moment": {"sv": "{field}: okänt moment {moment!r} (finns inte under "
                                         "moments:)",
                                   "en": "{field}: unknown moment {moment!r} (not under "
                                         "moments:)"},
    "tariffcheck.deductible_twice": {"sv": "deductibles: självrisk {amount} står två gånger",
                                     "en": "deductibles: självrisk {amount} is listed twice"},
    "tariffcheck.discount_too_big": {
        "sv": "deductibles: rabatten {discount} för självrisk {amount} skulle pressa {product} "
              "{label} ({premium} kr) till {floor} eller lägre",
        "en": "deductibles: the discount {discount} for självrisk {amount} would push "
              "{product} {label} ({premium} kr) to {floor} or below"},
    "tariffcheck.no_month": {"sv": "payment_frequencies: betalning per månad ('month') krävs",
                             "en": "payment_frequencies: a 'month' frequency is required"},
    "tariffcheck.exclusion_number": {
        "sv": "general_exclusions: punkt {n} har nummer {number}; numrera dem 1, 2, 3 … i "
              "ordning",
        "en": "general_exclusions: item {n} is numbered {number}; number them 1, 2, 3 … in "
              "order"},
    "tariffcheck.exclusion_order": {
        "sv": "general_exclusions: punkt {number} (rad {line}) kommer inte efter punkten före",
        "en": "general_exclusions: item {number} (line {line}) is not after the item before "
              "it"},
    "tariffcheck.premium_falls": {
        "sv": "{field}: premien {premium} är lägre än {before} för det yngre intervallet "
              "{younger}",
        "en": "{field}: premium {premium} is lower than {before} for the younger bracket "
              "{younger}"},
    # --- a rule book (quote.underwriting.rulebook)
    "rulecheck.needs_options": {"sv": "{name}: en {type} behöver options",
                                "en": "{name}: a {type} needs options"},
    "rulecheck.options_only_choice": {
        "sv": "{name}: bara följdfrågor av typen choice och choices har options",
        "en": "{name}: only choice and choices follow-ups have options"},
    "rulecheck.asked_after": {"sv": "ställs efter den", "en": "is asked after it"},
    "rulecheck.does_not_exist": {"sv": "inte finns", "en": "does not exist"},
    "rulecheck.unreachable": {
        "sv": "{name}: kan aldrig nås: den beror på följdfrågan {followup!r}, som {why}",
        "en": "{name}: can never be reached: it depends on follow-up {followup!r}, which "
              "{why}"},
    "rulecheck.unreachable_answer": {
        "sv": "{name}: kan aldrig nås: {followup} har inget svar {answers}",
        "en": "{name}: can never be reached: {followup} has no answer {answers}"},
    "rulecheck.no_answer": {"sv": "{name}: {followup} har inget svar {answers}",
                            "en": "{name}: {followup} has no answer {answers}"},
    "rulecheck.duplicate_id": {
        "sv": "{name}: regel-id:t finns redan (först i rules[{first}])",
        "en": "{name}: duplicate rule id (first at rules[{first}])"},
    "rulecheck.no_question": {"sv": "{name}: frågan {question!r} finns inte",
                              "en": "{name}: question {question!r} does not exist"},
    "rulecheck.number_key": {"sv": "{name}: {what} är ett tal: använd min och below",
                             "en": "{name}: {what} is a number: use min and below"},
    "rulecheck.of_question": {"sv": "frågan {question}", "en": "question {question}"},
    "rulecheck.without_question": {"sv": "en regel utan fråga",
                                   "en": "a rule without a question"},
    "rulecheck.not_a_followup": {"sv": "{name}: {what!r} är ingen följdfråga till {where}",
                                 "en": "{name}: {what!r} is not a follow-up of {where}"},
    "rulecheck.load_needs_pct": {"sv": "{name}: en load-regel behöver load_pct",
                                 "en": "{name}: a load rule needs load_pct"},
    "rulecheck.pct_only_load": {"sv": "{name}: load_pct hör bara till effect load",
                                "en": "{name}: load_pct only goes with effect load"},
    "rulecheck.exclude_only": {"sv": "{name}: exclude hör bara till effect exclude",
                               "en": "{name}: exclude only goes with effect exclude"},
    "rulecheck.give_options": {"sv": "{name}: {what} är en {type}: ange en lista med alternativ",
                               "en": "{name}: {what} is a {type}: give a list of options"},
    "rulecheck.no_option": {"sv": "{name}: {what} har inget alternativ {options}",
                            "en": "{name}: {what} has no option {options}"},
    "rulecheck.range_only_count": {
        "sv": "{name}: {what} är {type}: min och below gäller bara antal (count)",
        "en": "{name}: {what} is {type}: min and below are for counts"},
    "rulecheck.options_only_choice_rule": {
        "sv": "{name}: {what} är {type}: en lista med alternativ gäller bara choice",
        "en": "{name}: {what} is {type}: a list of options is for a choice"},
    "rulecheck.give_yes_no": {"sv": "{name}: {what} är ja/nej: ange yes eller no",
                              "en": "{name}: {what} is yes/no: give yes or no"},
    "rulecheck.give_min_below": {"sv": "{name}: {what} är ett antal: ange min och/eller below",
                                 "en": "{name}: {what} is a count: give min and/or below"},
    "rulecheck.cannot_test": {"sv": "{name}: {what} är {type}, som regler inte kan pröva",
                              "en": "{name}: {what} is {type}, which rules cannot test"},
    "rulecheck.exclude_needed": {"sv": "{name}: en exclude-regel behöver exclude",
                                 "en": "{name}: an exclude rule needs exclude"},
    "rulecheck.exclude_one_of": {
        "sv": "{name}: exclude behöver exakt ett av moment, conditions_from, body_parts_from",
        "en": "{name}: exclude needs exactly one of moment, conditions_from, body_parts_from"},
    "rulecheck.not_choice_followup": {
        "sv": "{name}: exclude.{what}: {followup!r} är ingen choice-följdfråga till frågan "
              "{question}",
        "en": "{name}: exclude.{what}: {followup!r} is not a choice follow-up of question "
              "{question}"},
    "rulecheck.not_month_followup": {
        "sv": "{field}: {followup!r} är ingen månadsföljdfråga i {questions}",
        "en": "{field}: {followup!r} is not a month follow-up in {questions}"},
    "rulecheck.conditions_reserved": {
        "sv": "{field}: namnet 'conditions' är reserverat för listan med sjukdomar och besvär i "
              "en hälsodeklaration; välj ett annat",
        "en": "{field}: the name 'conditions' is kept for the list of conditions in a "
              "declaration; choose another"},
    "rulecheck.one_smoker": {
        "sv": "{field}: bara en fråga får ge rökartillägg ({first} gör det redan)",
        "en": "{field}: only one question may set the smoker loading ({first} already does)"},
    # --- what is wrong with an answer from SCB's API (quote.scb; inside kpi.fetch.bad_answer)
    "scb.too_large": {"sv": "för stort", "en": "too large"},
    "scb.not_json": {"sv": "inte JSON", "en": "not JSON"},
    "scb.not_dataset": {"sv": "inget dataset", "en": "not a dataset"},
    "scb.no_time": {"sv": "ingen id/size/dimension med Tid", "en": "no id/size/dimension with Tid"},
    "scb.no_index": {"sv": "dimensionen {name} saknar category index",
                     "en": "dimension {name} has no category index"},
    "scb.no_contents_code": {"sv": "innehållskoden {code} saknas",
                             "en": "contents code {code} missing"},
    "scb.time_code": {"sv": "tidskoden {code!r}", "en": "time code {code!r}"},
    "scb.not_number": {"sv": "värdet för {code} är inget tal",
                       "en": "value for {code} is not a number"},
    # --- product contents (quote.contents)
    "contentscheck.includes": {
        "sv": "{field}: {product!r} är ingen produkt som står före den",
        "en": "{field}: {product!r} is not a product listed before it"},
    "contentscheck.empty": {"sv": "{field}: inga moment och inkluderar ingenting",
                            "en": "{field}: no items and includes nothing"},
    "contentscheck.unknown_product": {"sv": "exclusions: okänd produkt {product!r}",
                                      "en": "exclusions: unknown product {product!r}"},
}
