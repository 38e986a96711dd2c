"""The pricing engine's step labels and request errors (quote.pricing), and `quote price`."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # request errors (the field's option is put in front by the command line)
    "pricing.unknown_product": {"sv": "okänd produkt {product!r}; {tariff} erbjuder {offered}",
                                "en": "unknown product {product!r}; {tariff} offers {offered}"},
    "pricing.negative_age": {"sv": "måste vara 0 eller mer, inte {age}",
                             "en": "must be 0 or more, got {age}"},
    "pricing.before_tariff": {
        "sv": "{on} är före tariff {tariff} ({version}) gäller (från {start})",
        "en": "{on} is before tariff {tariff} ({version}) is in force (from {start})"},
    "pricing.deductible_not_offered": {
        "sv": "självrisk {deductible} erbjuds inte av {tariff}; välj {offered}",
        "en": "självrisk {deductible} is not offered by {tariff}; choose {offered}"},
    "pricing.negative_loading": {"sv": "tillägget måste vara 0 % eller mer, inte {loading}",
                                 "en": "loading must be 0 % or more, got {loading}"},
    "pricing.no_referral": {"sv": "{tariff} erbjuder inte remisskrav",
                            "en": "{tariff} does not offer remisskrav"},
    "pricing.referral_with_deductible": {
        "sv": "remisskrav kan inte kombineras med självrisk {deductible}: villkoren förbjuder "
              "det; välj självrisk 0 eller inget remisskrav",
        "en": "remisskrav (referral requirement) cannot be combined with självrisk "
              "{deductible}: the terms forbid it; choose självrisk 0 or no remisskrav"},
    "pricing.unknown_frequency": {
        "sv": "okänd betalningsperiod {frequency!r}; välj {offered}",
        "en": "unknown payment frequency {frequency!r}; choose {offered}"},
    # steps of a breakdown
    "pricing.step.table_premium": {"sv": "Tabellpremie {product}, {bracket} år",
                                   "en": "Table premium {product}, ages {bracket}"},
    "pricing.step.indexation": {
        "sv": "KPI{base_label} {reference_month}/{base_month}: {reference}{converted} / {base} "
              "= × {ratio}",
        "en": "KPI{base_label} {reference_month}/{base_month}: {reference}{converted} / {base} "
              "= × {ratio}"},
    "pricing.step.rounding_krona": {"sv": "Avrundning av {exact} till hela kronor",
                                    "en": "Rounding {exact} to whole kronor"},
    "pricing.step.rounding_ore": {"sv": "Avrundning av {exact} till hela ören",
                                  "en": "Rounding {exact} to whole öre"},
    "pricing.step.smoker_loading": {"sv": "Rökartillägg {pct}", "en": "Smoker loading {pct}"},
    "pricing.step.underwriting_loading": {
        "sv": "Premietillägg efter riskbedömning {pct}",
        "en": "Underwriting loading {pct}"},
    "pricing.step.deductible_discount": {"sv": "Avdrag för självrisk {deductible} kr",
                                         "en": "Discount for självrisk {deductible} kr"},
    "pricing.step.referral_discount": {"sv": "Avdrag för remisskrav",
                                       "en": "Discount for remisskrav"},
    "pricing.step.minimum_premium": {"sv": "Lägsta premie {amount}",
                                     "en": "Minimum premium {amount}"},
    "pricing.step.rounding_monthly": {"sv": "Avrundning av månadspremien",
                                      "en": "Rounding the monthly premium"},
    # quote price
    "price.heading": {"sv": "[bold]{product}[/], {age} år (intervall {bracket}), prisdatum {on}",
                      "en": "[bold]{product}[/], {age} years (bracket {bracket}), priced on {on}"},
    "price.deductible": {"sv": "självrisk {deductible} kr", "en": "självrisk {deductible} kr"},
    "price.no_deductible": {"sv": "utan självrisk", "en": "no självrisk"},
    "price.referral": {"sv": "med remisskrav", "en": "with remisskrav"},
    "price.smoker": {"sv": "rökare", "en": "smoker"},
    "price.loading": {"sv": "tillägg {pct}", "en": "loading {pct}"},
    "price.tariff": {"sv": "Tariff {tariff} {version}, gäller från {start}",
                     "en": "Tariff {tariff} {version}, in force from {start}"},
    "price.column.step": {"sv": "Steg", "en": "Step"},
    "price.column.amount": {"sv": "Belopp", "en": "Amount"},
    "price.column.monthly": {"sv": "Månadspremie", "en": "Monthly premium"},
    "price.instalment": {"sv": "{frequency}: {months} × {monthly}",
                         "en": "{frequency}: {months} × {monthly}"},
    "price.age_or_birth_date": {"sv": "ange antingen --age eller --birth-date (en av dem)",
                                "en": "give either --age or --birth-date (one of them)"},
    "price.born_after": {"sv": "--birth-date: {born} är efter prisdatumet {on}",
                         "en": "--birth-date: {born} is after the pricing date {on}"},
}
