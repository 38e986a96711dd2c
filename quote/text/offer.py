"""Text of the offer document (`--offer FILE.html`)."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # Titles by kind of offer
    "offer.title.price": {"sv": "Offert: {product}", "en": "Offer: {product}"},
    "offer.title.apply": {"sv": "Erbjudande: {product}", "en": "Offer: {product}"},
    "offer.subtitle.karens": {"sv": "Med karens, utan hälsodeklaration",
                              "en": "With karens, without a health declaration"},
    "offer.karens": {
        "sv": "Karens: ett tillstånd som var känt eller behandlat före starten ersätts bara "
              "efter {months} månader helt utan symtom, kontroller, medicinering och "
              "behandling.",
        "en": "Karens: a condition known or treated before the start is covered only after "
              "{months} months entirely free of symptoms, check-ups, medication and "
              "treatment."},
    "offer.subtitle.apply": {"sv": "Efter riskbedömning av hälsodeklarationen",
                             "en": "After underwriting of the health declaration"},
    "offer.title.compare": {"sv": "Prisjämförelse", "en": "Price comparison"},
    "offer.title.household": {"sv": "Offert för hushållet", "en": "Offer for the household"},
    "offer.title.group": {"sv": "Offert för företaget", "en": "Offer for the company"},
    "offer.doc_title": {"sv": "{title} – {insurer}", "en": "{title} – {insurer}"},
    # Heading facts
    "offer.insurer": {"sv": "Försäkringsgivare", "en": "Insurer"},
    "offer.made_on": {"sv": "Offertdatum", "en": "Date of offer"},
    "offer.valid_until": {"sv": "Giltig till och med", "en": "Valid until"},
    "offer.start_date": {"sv": "Startdatum", "en": "Start date"},
    "offer.policyholder": {"sv": "Försäkringstagare", "en": "Policyholder"},
    "offer.per_month": {"sv": "per månad", "en": "per month"},
    "offer.per_month_total": {"sv": "per månad, totalt", "en": "per month in all"},
    "offer.premium_priced_on": {
        "sv": "Priset gäller för en försäkring som börjar {date}: ålder och KPI-index per den "
              "dagen.",
        "en": "The price is for cover starting on {date}: age and KPI index as of that day."},
    # Customer
    "offer.customer": {"sv": "Kund", "en": "Customer"},
    "offer.persons": {"sv": "Försäkrade", "en": "Insured persons"},
    "offer.name": {"sv": "Namn", "en": "Name"},
    "offer.birth_date": {"sv": "Födelsedatum", "en": "Date of birth"},
    "offer.id": {"sv": "Personnummer", "en": "Identity number"},
    "offer.age": {"sv": "Ålder vid start", "en": "Age at start"},
    "offer.age_years": {"sv": "{age} år", "en": "{age} years"},
    "offer.role": {"sv": "Roll", "en": "Role"},
    "offer.guardian": {
        "sv": "Under 18 år: ansökan skrivs under av förmyndare.",
        "en": "Under 18: a guardian signs the application."},
    # Product and options
    "offer.product": {"sv": "Produkt", "en": "Product"},
    "offer.options": {"sv": "Val", "en": "Options"},
    "offer.opt.deductible": {"sv": "självrisk {amount} kr", "en": "deductible {amount} kr"},
    "offer.opt.no_deductible": {"sv": "utan självrisk", "en": "no deductible"},
    "offer.opt.referral": {"sv": "med remisskrav", "en": "with referral requirement"},
    "offer.opt.smoker": {"sv": "rökare", "en": "smoker"},
    "offer.opt.loading": {"sv": "premietillägg {pct}", "en": "loading {pct}"},
    "offer.not_offered": {"sv": "Erbjuds inte", "en": "Not offered"},
    "offer.not_offered.referral_with_deductible": {
        "sv": "Remisskrav och självrisk kan inte kombineras enligt villkoren.",
        "en": "The terms do not allow a referral requirement together with a deductible."},
    # Group (collective agreement)
    "offer.group.benefit": {"sv": "Förmånsvärde {pct}", "en": "Taxable benefit {pct}"},
    "offer.group.charges": {"sv": "Arbetsgivaravgift", "en": "Social charges"},
    "offer.group.employer": {"sv": "Arbetsgivarens kostnad", "en": "Employer's cost"},
    "offer.group.tax": {
        "sv": "Premien är avdragsgill för arbetsgivaren. Den anställde beskattas för ett "
              "förmånsvärde på {benefit} av premien; arbetsgivaren betalar "
              "arbetsgivaravgifter på {charges} av förmånsvärdet. Beloppen är per månad.",
        "en": "The premium is deductible for the employer. The employee is taxed on a "
              "benefit of {benefit} of the premium; the employer pays social charges of "
              "{charges} on the benefit. Amounts are per month."},
    "offer.group.individual_table": {
        "sv": "Priserna kommer från den individuella premietabellen; ett gruppavtal kan ha "
              "en egen tabell.",
        "en": "The prices come from the individual premium table; a group agreement may "
              "have a table of its own."},
    "offer.group.rejected": {"sv": "Rad {line} är inte med i offerten: {reason}.",
                             "en": "Row {line} is not in this offer: {reason}."},
    # Price
    "offer.breakdown": {"sv": "Så räknas premien", "en": "How the premium is calculated"},
    "offer.col.step": {"sv": "Steg", "en": "Step"},
    "offer.col.amount": {"sv": "Belopp", "en": "Amount"},
    "offer.col.monthly": {"sv": "Månadspremie", "en": "Monthly premium"},
    "offer.col.yearly": {"sv": "Per år", "en": "Per year"},
    "offer.monthly_premium": {"sv": "Månadspremie", "en": "Monthly premium"},
    "offer.summary": {"sv": "Översikt", "en": "Overview"},
    "offer.step_ups": {"sv": "Vad varje steg lägger till", "en": "What each step up adds"},
    "offer.step_up": {"sv": "{to} jämfört med {base}: {extra} mer i månaden",
                      "en": "{to} compared with {base}: {extra} more a month"},
    "offer.totals": {"sv": "Summa", "en": "Total"},
    # Payment
    "offer.payment": {"sv": "Betalning", "en": "Payment"},
    "offer.col.period": {"sv": "Betalningsperiod", "en": "Payment period"},
    "offer.col.methods": {"sv": "Betalsätt", "en": "Method"},
    "offer.col.instalment": {"sv": "Per period", "en": "Per period"},
    "offer.chosen": {"sv": "vald", "en": "chosen"},
    "offer.freq.month": {"sv": "Månad", "en": "Monthly"},
    "offer.freq.quarter": {"sv": "Kvartal", "en": "Quarterly"},
    "offer.freq.half-year": {"sv": "Halvår", "en": "Half-yearly"},
    "offer.freq.year": {"sv": "Helår", "en": "Yearly"},
    "offer.method.autogiro": {"sv": "autogiro", "en": "direct debit"},
    "offer.method.faktura": {"sv": "faktura", "en": "invoice"},
    # Cover
    "offer.cover": {"sv": "Det här ingår", "en": "What is covered"},
    "offer.cover.excluded": {"sv": "undantas (förbehåll)", "en": "excluded (exclusion)"},
    "offer.cover.yes": {"sv": "ingår", "en": "covered"},
    "offer.cover.no": {"sv": "ingår inte", "en": "not covered"},
    "offer.cover.moment": {"sv": "Moment", "en": "Benefit"},
    # Underwriting
    "offer.terms": {"sv": "Förbehåll och premietillägg", "en": "Exclusions and loadings"},
    "offer.terms.intro": {
        "sv": "Efter riskbedömningen av hälsodeklarationen gäller försäkringen med följande "
              "villkor.",
        "en": "After underwriting of the health declaration, the cover is given on these "
              "terms."},
    "offer.outcome": {"sv": "Beslut: {outcome}", "en": "Decision: {outcome}"},
    "offer.outcome.accept": {"sv": "Beviljas", "en": "Accepted"},
    "offer.outcome.terms": {"sv": "Beviljas med villkor", "en": "Accepted on terms"},
    "offer.outcome.refer": {"sv": "Manuell riskbedömning", "en": "Referred to an underwriter"},
    "offer.outcome.decline": {"sv": "Avslag", "en": "Declined"},
    "offer.terms.none": {
        "sv": "Riskbedömningen gav inga förbehåll och inga premietillägg.",
        "en": "Underwriting gave no exclusions and no loadings."},
    "offer.col.term": {"sv": "Villkor", "en": "Term"},
    "offer.col.reason": {"sv": "Skäl", "en": "Reason"},
    "offer.term.exclusion": {"sv": "Förbehåll: {text} undantas", "en": "Exclusion: {text}"},
    "offer.term.loading": {"sv": "Premietillägg {pct}", "en": "Loading {pct}"},
    "offer.term.smoker": {"sv": "Rökartillägg {pct}", "en": "Smoker loading {pct}"},
    "offer.provisional": {
        "sv": "Preliminärt erbjudande: en riskbedömare går igenom ansökan innan försäkringen "
              "kan beviljas. Premie och villkor kan ändras.",
        "en": "Provisional offer: an underwriter reviews the application before cover can be "
              "granted. Premium and terms may change."},
    # Terms
    "offer.general_exclusions": {"sv": "Allmänna undantag", "en": "General exclusions"},
    "offer.general_exclusions.intro": {
        "sv": "Försäkringen ersätter aldrig kostnader för följande, oavsett "
              "hälsodeklarationen (ur försäkringsvillkoren):",
        "en": "The insurance never pays for the following, whatever the health declaration "
              "says (from the terms, in Swedish as written):"},
    "offer.withdrawal": {"sv": "Ångerrätt", "en": "Right of withdrawal"},
    "offer.withdrawal.summary": {
        "sv": "Du kan ångra försäkringsavtalet inom {days} dagar.",
        "en": "You may withdraw from the agreement within {days} days. The terms, in Swedish:"},
    "offer.conditions": {"sv": "Om offerten", "en": "About this offer"},
    "offer.validity": {
        "sv": "Offerten gäller till och med {until} ({days} dagar från offertdatum {made}).",
        "en": "This offer is valid until {until} ({days} days from the date of offer, "
              "{made})."},
    "offer.premium_start": {"sv": "Premiestart: {text}", "en": "Premium start (the terms): {text}"},
    "offer.renewal": {
        "sv": "Premien gäller ett försäkringsår i taget; premie och villkor kan ändras vid "
              "den årliga förnyelsen.",
        "en": "The premium is set for one insurance year at a time; premium and terms may "
              "change at the yearly renewal."},
    "offer.no_health_answers": {
        "sv": "Dina svar i hälsodeklarationen står inte i offerten.",
        "en": "Your answers to the health declaration are not shown in this offer."},
    # Sources
    "offer.sources": {"sv": "Underlag för beräkningen", "en": "What the calculation used"},
    "offer.sources.intro": {
        "sv": "Med samma filer (kontrollsumma sha256) kan beräkningen göras om exakt.",
        "en": "With the same files (sha256 checksum) the calculation can be repeated exactly."},
    "offer.source.tariff": {"sv": "Tariff", "en": "Tariff"},
    "offer.source.kpi": {"sv": "KPI-serie", "en": "KPI series"},
    "offer.source.rulebook": {"sv": "Riskbedömningsregler", "en": "Underwriting rules"},
    "offer.col.what": {"sv": "Underlag", "en": "Source"},
    "offer.col.version": {"sv": "Version", "en": "Version"},
    "offer.col.from": {"sv": "Gäller från", "en": "In force from"},
    "offer.col.file": {"sv": "Fil", "en": "File"},
    "offer.example_rulebook": {
        "sv": "Riskbedömningsreglerna ({name}) är ett exempel skrivet utifrån "
              "hälsodeklarationens frågor, inte försäkringsgivarens egna regler.",
        "en": "The underwriting rules ({name}) are an example written from the health "
              "declaration's questions, not the insurer's own rules."},
    "offer.generator": {"sv": "Framtagen med {tool}.", "en": "Made with {tool}."},
    # CLI
    "offer.err.no_directory": {"sv": "--offer: katalogen {directory} finns inte",
                               "en": "--offer: the directory {directory} does not exist"},
    "offer.err.is_directory": {
        "sv": "--offer: {path} är en katalog; ange ett filnamn, t.ex. offert.html",
        "en": "--offer: {path} is a directory; give a file name such as offer.html"},
    "offer.err.name_without_offer": {
        "sv": "--name visas bara i offerten: ange också --offer FIL.html",
        "en": "--name is shown only on the offer: give --offer FILE.html too"},
    "offer.err.name_empty": {"sv": "--name: får inte vara tomt",
                             "en": "--name: must not be empty"},
    "offer.err.name_long": {"sv": "--name: högst {limit} tecken, fick {length}",
                            "en": "--name: at most {limit} characters, got {length}"},
    "offer.written": {"sv": "Offert skriven: {path}", "en": "Offer written: {path}"},
    "offer.start_passed": {
        "sv": "Obs: offertens startdatum {start} ligger före offertdatumet {made}.",
        "en": "Note: the offer's start date {start} is before the date of the offer {made}."},
    "offer.not_written_nothing": {
        "sv": "Ingen offert: inget kunde prissättas.",
        "en": "No offer: nothing could be priced."},
    "offer.not_written_refused": {
        "sv": "Ingen offert: gruppen kan inte teckna kollektivavtal.",
        "en": "No offer: the group cannot take a collective agreement."},
    "offer.not_written_declined": {
        "sv": "Ingen offert: ansökan avslogs.",
        "en": "No offer: the application was declined."},
}
