"""Text of the broker's desk: compare, products compare, household and group."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # shared
    "desk.age_birth_date_or_id": {"sv": "ange en av --age, --birth-date eller --id",
                                  "en": "give one of --age, --birth-date or --id"},
    "desk.person_id": {"sv": "Person {id}", "en": "Person {id}"},
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

_GROUP: Catalog = {
    "group.title": {"sv": "Gruppförsäkring (kollektivavtal 13.00.02), startdatum {on}: "
                          "{employees} anställda prissatta av {rows} rader",
                    "en": "Group insurance (collective agreement 13.00.02), start date {on}: "
                          "{employees} employees priced of {rows} rows"},
    "group.individual_table": {
        "sv": "Grupptariff: den individuella premietabellen ({id} {version}); gruppens "
              "egna premietabell är inte offentlig. Ange --tariff FIL för försäkringsgivarens "
              "grupptariff.",
        "en": "Group tariff: the individual premium table ({id} {version}); the group's own "
              "table is not public. Give --tariff FILE for the insurer's group tariff."},
    "group.own_tariff": {"sv": "Grupptariff: {path} ({id} {version})",
                         "en": "Group tariff: {path} ({id} {version})"},
    "group.tax": {
        "sv": "Förmånsvärde {benefit} av premien (villkoren rad 297); arbetsgivaravgifter "
              "{charges} på förmånsvärdet (--social-charges). Per år = 12 × per månad.",
        "en": "Taxable benefit {benefit} of the premium (terms line 297); employer's social "
              "charges {charges} on the benefit (--social-charges). Yearly = 12 × monthly."},
    "group.cover_end.insurance_year": {
        "sv": "Skyddet upphör vid slutet av det försäkringsår då den försäkrade fyller {age} "
              "(villkoren rad 627-629).",
        "en": "Cover ends at the end of the insurance year in which the insured turns {age} "
              "(terms lines 627-629)."},
    "group.cover_end.birthday": {
        "sv": "Skyddet upphör när den försäkrade fyller {age} (villkoren rad 1220).",
        "en": "Cover ends when the insured turns {age} (terms line 1220)."},
    "group.family_note": {
        "sv": "Medförsäkrade (make/sambo, barn) tecknas endast med karens (rad 641-647) och "
              "betalas av den anställde: de ingår inte i arbetsgivarens kostnad.",
        "en": "Co-insured family (spouse/partner, children) are taken on only with karens "
              "(lines 641-647) and paid by the employee: not part of the employer's cost."},
    "group.col.line": {"sv": "Rad", "en": "Row"},
    "group.col.name": {"sv": "Namn", "en": "Name"},
    "group.col.person": {"sv": "Person", "en": "Person"},
    "group.col.age": {"sv": "Ålder", "en": "Age"},
    "group.col.premium": {"sv": "Premie/mån", "en": "Premium/mo"},
    "group.col.benefit": {"sv": "Förmånsvärde/mån", "en": "Benefit/mo"},
    "group.col.charges": {"sv": "Arb.avg./mån", "en": "Soc. charges/mo"},
    "group.col.employer_monthly": {"sv": "Kostnad/mån", "en": "Cost/mo"},
    "group.col.employer_yearly": {"sv": "Kostnad/år", "en": "Cost/yr"},
    "group.col.cover_ends": {"sv": "Skyddet upphör", "en": "Cover ends"},
    "group.role.spouse": {"sv": "make/sambo, karens", "en": "spouse, karens"},
    "group.role.child": {"sv": "barn, karens", "en": "child, karens"},
    "group.totals": {"sv": "Summa ({employees} anställda)", "en": "Total ({employees} employees)"},
    "group.co_insured_total": {
        "sv": "Medförsäkrade ({count}), betalas av de anställda: {monthly} per månad, "
              "{yearly} per år",
        "en": "Co-insured ({count}), paid by the employees: {monthly} a month, {yearly} a year"},
    "group.employer_total": {
        "sv": "Arbetsgivarens kostnad: {monthly} per månad, {yearly} per år (premier "
              "{premium}/mån, arbetsgivaravgifter {charges}/mån); förmånsvärde för de "
              "anställda {benefit}/mån, {benefit_yearly}/år",
        "en": "Employer's cost: {monthly} a month, {yearly} a year (premiums {premium}/mo, "
              "social charges {charges}/mo); taxable benefit of the employees {benefit}/mo, "
              "{benefit_yearly}/yr"},
    "group.rejected": {"sv": "Avvisade rader ({count})", "en": "Rejected rows ({count})"},
    "group.refused": {"sv": "Gruppen kan inte teckna kollektivavtal:",
                      "en": "The group cannot take a collective agreement:"},
    "group.refusal.sports_club": {
        "sv": "Idrottsföreningar eller idrottslag kan som grupp inte teckna försäkring, vare "
              "sig obligatoriskt eller frivilligt (villkoren, {source}).",
        "en": "Sports clubs or teams cannot take a group policy, compulsory or voluntary "
              "(the terms, {source})."},
    "group.refusal.too_few_employees": {
        "sv": "Gruppförsäkring erbjuds företag med fem eller fler anställda; {count} anställda "
              "kan försäkras, minst {minimum} behövs (produktbladet, {source}).",
        "en": "A group policy is offered to companies with five or more employees; {count} "
              "can be insured, at least {minimum} are needed (the product sheet, {source})."},
    "group.reject.missing_birth_date": {
        "sv": "varken id eller birth_date angivet", "en": "neither id nor birth_date given"},
    "group.reject.bad_date": {"sv": "{column}: inte ett giltigt datum ÅÅÅÅ-MM-DD",
                              "en": "{column}: not a valid date YYYY-MM-DD"},
    "group.reject.born_after_start": {"sv": "{column}: födelsedatum efter startdatum",
                                      "en": "{column}: birth date after the start date"},
    "group.reject.bad_age": {
        "sv": "{column}: ger en ålder över {limit} år vid start; kontrollera årtalet",
        "en": "{column}: gives an age over {limit} years on the start date; check the year"},
    "group.reject.bad_id": {"sv": "{column}: inte ett giltigt identitetsnummer",
                            "en": "{column}: not a valid identity number"},
    "group.reject.id_mismatch": {"sv": "id och birth_date anger olika födelsedatum",
                                 "en": "id and birth_date give different birth dates"},
    "group.reject.too_young": {
        "sv": "{age} år vid start: kollektivavtal tecknas från {minimum} år (villkoren rad "
              "627-629)",
        "en": "{age} at the start: a collective agreement takes ages from {minimum} (terms "
              "lines 627-629)"},
    "group.reject.too_old": {
        "sv": "{age} år vid start: kollektivavtal tecknas till och med {maximum} år "
              "(villkoren rad 627-629)",
        "en": "{age} at the start: a collective agreement takes ages up to {maximum} (terms "
              "lines 627-629)"},
    "group.reject.missing_product": {"sv": "ingen produkt: ange kolumnen product eller --product",
                                     "en": "no product: give a product column or --product"},
    "group.reject.unknown_product": {"sv": "okänd produkt {product!r}; välj {offered}",
                                     "en": "unknown product {product!r}; choose {offered}"},
    "group.reject.bad_boolean": {"sv": "{column}: ange ja/nej, true/false eller 1/0",
                                 "en": "{column}: give yes/no, true/false or 1/0"},
    "group.reject.co_insured_too_old": {
        "sv": "{column}: medförsäkrad {age} år, högst {maximum} år",
        "en": "{column}: co-insured aged {age}, at most {maximum}"},
    "group.reject.duplicate_id": {"sv": "samma identitetsnummer som rad {first}",
                                  "en": "the same identity number as row {first}"},
    "group.reject.not_priced": {"sv": "kan inte prissättas ({field})",
                                "en": "cannot be priced ({field})"},
}

MESSAGES = {**MESSAGES, **_GROUP}

_HOUSEHOLD: Catalog = {
    "household.title.one": {"sv": "Hushåll, {n} person, prisdatum {on}",
                            "en": "Household, {n} person, pricing date {on}"},
    "household.title.other": {"sv": "Hushåll, {n} personer, prisdatum {on}",
                              "en": "Household, {n} persons, pricing date {on}"},
    "household.col.role": {"sv": "Roll", "en": "Role"},
    "household.col.person": {"sv": "Person", "en": "Person"},
    "household.col.age": {"sv": "Ålder", "en": "Age"},
    "household.col.options": {"sv": "Val", "en": "Options"},
    "household.col.note": {"sv": "Anmärkning", "en": "Note"},
    "household.guardian": {"sv": "förmyndare skriver under", "en": "a guardian signs"},
    "household.too_old": {"sv": "över {age} år: kan inte nyteckna",
                          "en": "over {age}: cannot apply anew"},
    "household.guardian_note": {
        "sv": "Under {age} år ska ansökan signeras av en förmyndare (ansökan, rad 2422).",
        "en": "Under {age}, the application is signed by a guardian (application form, "
              "line 2422)."},
    "household.total": {"sv": "Hushållet: {monthly} per månad, {yearly} per år",
                        "en": "Household: {monthly} a month, {yearly} a year"},
}

MESSAGES = {**MESSAGES, **_HOUSEHOLD}

_PRODUCTS: Catalog = {
    "products.moment": {"sv": "Moment", "en": "Moment"},
    "products.exclusions": {"sv": "Undantag, {insurer} ({products})",
                            "en": "Exclusions, {insurer} ({products})"},
    "products.no_exclusions": {"sv": "(inga undantag i datafilen)",
                               "en": "(no exclusions in the data file)"},
    "products.included": {"sv": "ingår", "en": "included"},
    "products.not_covered": {
        "sv": "— = ingår inte enligt källan (för Skandia är källan en kort kundsida; de "
              "fullständiga villkoren kan täcka mer).",
        "en": "— = not covered according to the source (for Skandia the source is a short "
              "customer page; the full terms may cover more)."},
    "products.no_prices": {"sv": "{insurer}: inga offentliga priser. {note}",
                           "en": "{insurer}: no public prices. {note}"},
    "products.source": {"sv": "{insurer}: {path} (källa {source})",
                        "en": "{insurer}: {path} (source {source})"},
    "products.tag.required": {"sv": "remiss krävs", "en": "referral required"},
    "products.tag.may_be_required": {"sv": "remiss kan krävas", "en": "referral may be required"},
    "products.tag.only_without": {"sv": "endast utan remisskrav",
                                  "en": "only without referral requirement"},
    "products.tag.not_required": {"sv": "ingen remiss", "en": "no referral"},
    "products.tag.never": {"sv": "aldrig självrisk", "en": "never a deductible"},
    "moment.treatment_guarantee": {"sv": "Vårdgaranti", "en": "Care guarantee"},
    "moment.planned_care": {"sv": "Planerad vård", "en": "Planned care"},
    "moment.specialist": {"sv": "Specialistläkare", "en": "Specialist"},
    "moment.day_surgery": {"sv": "Dagkirurgi", "en": "Day surgery"},
    "moment.hospital_stay": {"sv": "Inläggning på sjukhus", "en": "Hospital stay"},
    "moment.cancer_care": {"sv": "Cancervård", "en": "Cancer care"},
    "moment.second_opinion": {"sv": "Second opinion", "en": "Second opinion"},
    "moment.physiotherapy": {"sv": "Fysioterapi, kiropraktor, naprapat",
                             "en": "Physiotherapy, chiropractor, naprapath"},
    "moment.psychology": {"sv": "Psykolog", "en": "Psychologist"},
    "moment.crisis_support": {"sv": "Krisstöd", "en": "Crisis support"},
    "moment.rehabilitation": {"sv": "Rehabilitering", "en": "Rehabilitation"},
    "moment.dietitian": {"sv": "Dietist", "en": "Dietitian"},
    "moment.travel": {"sv": "Resor", "en": "Travel"},
    "moment.online_care": {"sv": "Vård online", "en": "Online care"},
    "moment.care_abroad": {"sv": "Vård utomlands", "en": "Care abroad"},
    "moment.patient_fees_drugs": {"sv": "Patientavgifter, läkemedel",
                                  "en": "Patient fees, drugs"},
    "moment.health_advice": {"sv": "Sjukvårdsrådgivning", "en": "Health advice"},
    "moment.conversation_support": {"sv": "Samtalsstöd", "en": "Conversation support"},
    "moment.personal_support": {"sv": "Personstöd", "en": "Personal support"},
    "moment.acupuncture": {"sv": "Akupunktur, zonterapi", "en": "Acupuncture, reflexology"},
    "moment.temporary_aids": {"sv": "Tillfälliga hjälpmedel", "en": "Temporary aids"},
    "moment.home_help": {"sv": "Hemhjälp efter operation", "en": "Home help after surgery"},
    "moment.chronic_diseases": {"sv": "Kroniska sjukdomar", "en": "Chronic diseases"},
    "moment.addiction_treatment": {"sv": "Beroendebehandling", "en": "Addiction treatment"},
    "moment.addiction_prevention": {"sv": "Förebyggande beroendehjälp",
                                    "en": "Addiction prevention"},
    "moment.health_examination": {"sv": "Hälsoundersökning", "en": "Health examination"},
}

MESSAGES = {**MESSAGES, **_PRODUCTS}
