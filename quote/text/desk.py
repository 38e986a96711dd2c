"""Text of the broker's desk: compare, products compare, household and group."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # shared
    "desk.person": {"sv": "{age} år", "en": "age {age}"},
    "desk.born": {"sv": "född {born}", "en": "born {born}"},
    "desk.on": {"sv": "prisdatum {on}", "en": "pricing date {on}"},
    "desk.smoker": {"sv": "rökare", "en": "smoker"},
    "desk.tariff": {"sv": "Tariff {id} {version}, gäller från {start}",
                    "en": "Tariff {id} {version}, in force from {start}"},
    "desk.product": {"sv": "Produkt", "en": "Product"},
    "desk.deductible": {"sv": "Självrisk", "en": "Deductible"},
    "desk.referral": {"sv": "Remisskrav", "en": "Referral"},
    "desk.monthly": {"sv": "Per månad", "en": "Monthly"},
    "desk.yearly": {"sv": "Per år", "en": "Yearly"},
    "desk.yes": {"sv": "med", "en": "with"},
    "desk.no": {"sv": "utan", "en": "without"},
    "desk.no_deductible": {"sv": "ingen", "en": "none"},
    "desk.total": {"sv": "Summa", "en": "Total"},
    # compare
    "compare.not_offered": {"sv": "erbjuds inte", "en": "not offered"},
    "compare.reason.referral_with_deductible": {
        "sv": "Remisskrav och självrisk kan inte kombineras (villkoren, {source}).",
        "en": "Remisskrav (referral requirement) and självrisk cannot be combined (the "
              "terms, {source})."},
    "compare.steps": {"sv": "Vad varje steg upp lägger till", "en": "What each step up adds"},
    "compare.step": {"sv": "{lower} → {higher}: +{extra} per månad",
                     "en": "{lower} → {higher}: +{extra} a month"},
    "compare.yearly_note": {
        "sv": "Per år = helårsbetalning ({months} × månadspremien{surcharge}).",
        "en": "Yearly = paid yearly ({months} × the monthly premium{surcharge})."},
}
