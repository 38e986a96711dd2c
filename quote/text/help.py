"""Swedish for `--help` (`quote … --help --lang sv`).

The English help is written beside each option and command (the framework's way); this
maps each English text (whitespace ignored) to its Swedish. A text missing here is shown
in English, so a new option is never without help; tests/test_cli_help.py lists what is
missing. Paragraphs of a command's help are looked up one by one; example lines are the
same in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping

# One line per command in the command lists of `--help` (English; the Swedish is in
# SWEDISH below): short enough never to be cut or wrapped.
SUMMARIES: Mapping[str, str] = {
    "price": "Price a product for one person, step by step.",
    "compare": "Compare products, självrisk and remisskrav for one person.",
    "group": "Quote a company's employees (collective agreement).",
    "household": "Price a household: each person and the total.",
    "eligibility": "Check whether a person may apply, with every reason.",
    "apply": "Apply: eligibility, health declaration, decision.",
    "renew": "Reprice a book of policies on their renewal dates.",
    "declaration": "Health declaration files for quote apply.",
    "tariff": "Tariffs: show, check, diff, index, schema, impact.",
    "kpi": "The KPI series: show, add, fetch from SCB.",
    "products": "What several insurers' products cover.",
    "rulebook": "Rule books: test them with scenario files.",
    "data": "Keep a data directory of your own.",
    "declaration template": "Print a declaration file to fill in.",
    "tariff show": "Show the price list by age bracket and product.",
    "tariff check": "Validate tariffs, rule books and KPI series.",
    "tariff diff": "Show what changes from OLD to NEW.",
    "tariff index": "Write a new tariff version indexed by KPI.",
    "tariff schema": "Print the JSON Schema of tariff or rule-book files.",
    "tariff impact": "What a proposed tariff does to a book.",
    "kpi show": "Show the KPI series with the change in a year.",
    "kpi add": "Add one month's KPI figure to your series.",
    "kpi fetch": "Fetch missing months from SCB's open API.",
    "products compare": "Products' contents side by side.",
    "rulebook test": "Run scenario files against a rule book.",
    "data init": "Write the bundled data into a directory of your own.",
}

SWEDISH: Mapping[str, str] = {
    # the command lists' summaries (SUMMARIES)
    "Price a product for one person, step by step.":
        "Prissätt en produkt för en person, steg för steg.",
    "Compare products, självrisk and remisskrav for one person.":
        "Jämför produkter, självrisker och remisskrav för en person.",
    "Quote a company's employees (collective agreement).":
        "Offerera ett företags anställda (kollektivavtal).",
    "Price a household: each person and the total.":
        "Prissätt ett hushåll: varje person och summan.",
    "Check whether a person may apply, with every reason.":
        "Kontrollera om en person får ansöka, med varje skäl.",
    "Apply: eligibility, health declaration, decision.":
        "Ansök: rätt att ansöka, hälsodeklaration, beslut.",
    "Reprice a book of policies on their renewal dates.":
        "Prissätt ett bestånd på förnyelsedagarna.",
    "Health declaration files for quote apply.": "Hälsodeklarationsfiler för quote apply.",
    "Tariffs: show, check, diff, index, schema, impact.":
        "Tariffer: show, check, diff, index, schema, impact.",
    "The KPI series: show, add, fetch from SCB.": "KPI-serien: show, add, fetch från SCB.",
    "What several insurers' products cover.": "Vad flera försäkringsgivares produkter täcker.",
    "Keep a data directory of your own.": "Håll en egen datakatalog.",
    "Print a declaration file to fill in.": "Skriv ut en deklarationsfil att fylla i.",
    "Show the price list by age bracket and product.":
        "Visa prislistan per åldersintervall och produkt.",
    "Validate tariffs, rule books and KPI series.":
        "Validera tariffer, regelböcker och KPI-serier.",
    "Show what changes from OLD to NEW.": "Visa vad som ändras från OLD till NEW.",
    "Write a new tariff version indexed by KPI.": "Skriv en ny tariffversion indexerad med KPI.",
    "Print the JSON Schema of tariff or rule-book files.":
        "Skriv ut JSON Schema för tariff- och regelboksfiler.",
    "What a proposed tariff does to a book.": "Vad en föreslagen tariff gör med ett bestånd.",
    "Show the KPI series with the change in a year.": "Visa KPI-serien med förändringen på ett år.",
    "Add one month's KPI figure to your series.": "Lägg till en månads KPI-tal i din serie.",
    "Fetch missing months from SCB's open API.": "Hämta saknade månader från SCB:s öppna API.",
    "Products' contents side by side.": "Produkternas innehåll sida vid sida.",
    "Run scenario files against a rule book.": "Kör scenariofiler mot en regelbok.",
    "Write the bundled data into a directory of your own.":
        "Skriv den medföljande datan till en egen katalog.",
    # the root and the framework
    "Quote premiums for Swedish private health insurance (vårdförsäkring).":
        "Premier för svensk privat sjukvårdsförsäkring (vårdförsäkring).",
    "Exit codes: 0 done, 1 a reported finding, 2 bad input.":
        "Slutkoder: 0 klart, 1 ett rapporterat fynd, 2 felaktig indata.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Language of output and messages.": "Språk för utdata och meddelanden.",
    "Examples:": "Exempel:",
    # compare, household, group, products (the broker's desk)
    "Birth date YYYY-MM-DD; the age is taken on --on (or --age, --id).":
        "Födelsedatum ÅÅÅÅ-MM-DD; åldern räknas på --on (eller --age, --id).",
    "Every product × självrisk × with/without remisskrav for one person, side by side.":
        "Varje produkt × självrisk × med/utan remisskrav för en person, sida vid sida.",
    "A combination the terms forbid (remisskrav with självrisk) is shown as not offered, "
    "with the reason.":
        "En kombination som villkoren förbjuder (remisskrav med självrisk) visas som inte "
        "erbjuden, med skälet.",
    "Age in whole years on the pricing date (or --birth-date, --id).":
        "Ålder i hela år på prisdatumet (eller --birth-date, --id).",
    "Quote a company's employees under the collective agreement (13.00.02).":
        "Offerera ett företags anställda enligt kollektivavtalet (13.00.02).",
    "Per employee: premium, taxable benefit (60 % of the premium) and the employer's cost "
    "with social charges on the benefit. Exit 1 when the group is refused (fewer than five "
    "employees, or a sports club).":
        "Per anställd: premie, förmånsvärde (60 % av premien) och arbetsgivarens kostnad med "
        "arbetsgivaravgifter på förmånen. Slutkod 1 när gruppen avböjs (färre än fem "
        "anställda, eller en idrottsförening).",
    "CSV of employees (`,` or `;`, UTF-8 with or without BOM): id or birth_date; name, "
    "product, smoker, spouse, children optional.":
        "CSV med anställda (`,` eller `;`, UTF-8 med eller utan BOM): id eller birth_date; "
        "name, product, smoker, spouse, children frivilliga.",
    "Start date of the group policy YYYY-MM-DD; ages and prices on it [default: today].":
        "Gruppavtalets startdatum ÅÅÅÅ-MM-DD; ålder och pris på det [standard: i dag].",
    "Product for rows without a product column value [default: none: such a row is "
    "rejected].":
        "Produkt för rader utan värde i kolumnen product [standard: ingen: en sådan rad "
        "avvisas].",
    "Självrisk in kronor for everyone.": "Självrisk i kronor för alla.",
    "company, or sports-club (a sports club or team cannot take a group policy: refused).":
        "company eller sports-club (en idrottsförening eller ett lag kan inte teckna "
        "gruppförsäkring: avböjs).",
    "Employer's social charges in percent of the taxable benefit.":
        "Arbetsgivaravgifter i procent av förmånsvärdet.",
    "Cover ends in the insurance year the insured turns this age.":
        "Försäkringen upphör det försäkringsår den försäkrade fyller denna ålder.",
    "insurance-year (terms 627-629) or birthday (terms 1220).":
        "insurance-year (villkoren 627–629) eller birthday (villkoren 1220).",
    "Also write the rows to FILE.csv, FILE.xlsx or FILE.parquet [default: none].":
        "Skriv också raderna till FIL.csv, FIL.xlsx eller FIL.parquet [standard: ingen].",
    "-o CSV for Swedish Excel: ';', decimal commas, a BOM, formulas escaped.":
        "-o CSV för svenskt Excel: ';', decimalkomma, BOM, formler oskadliggjorda.",
    "Exit 1 when any row is rejected.": "Slutkod 1 när någon rad avvisas.",
    "The insurer's group tariff file [default: the individual table in force].":
        "Försäkringsgivarens grupptariff [standard: den individuella tabellen som gäller].",
    "Price a household: each person, and the household's monthly and yearly total.":
        "Prissätt ett hushåll: varje person och hushållets summa per månad och år.",
    "One person: role=…,birth-date=YYYY-MM-DD|id=…,product=…,deductible=…,smoker=yes|no; "
    "repeat for each (or --file).":
        "En person: role=…,birth-date=ÅÅÅÅ-MM-DD|id=…,product=…,deductible=…,smoker=ja|nej; "
        "upprepa för var och en (eller --file).",
    "Persons from a YAML list or a CSV file (or --person): role, birth_date or id, product, "
    "deductible, smoker.":
        "Personer från en YAML-lista eller en CSV-fil (eller --person): role, birth_date eller "
        "id, product, deductible, smoker.",
    "Product for persons who do not name one [default: none: each must name one].":
        "Produkt för personer som inte anger någon [standard: ingen: var och en måste ange "
        "en].",
    "Självrisk for persons who do not name one.":
        "Självrisk för personer som inte anger någon.",
    "Products of several insurers: what they cover.":
        "Produkter från flera försäkringsgivare: vad de täcker.",
    "Moments side by side (care guarantee, physiotherapy, psychology, travel …), with — "
    "where a product does not cover a moment. Insurers without public prices say so.":
        "Moment sida vid sida (vårdgaranti, fysioterapi, psykologi, resor …), med — där en "
        "produkt inte täcker ett moment. Försäkringsgivare utan publika priser säger det.",
    "Only this insurer (id or name, part of it is enough: dkv, dss, skandia); repeat for "
    "several [default: every insurer].":
        "Bara denna försäkringsgivare (id eller namn, en del räcker: dkv, dss, skandia); "
        "upprepa för flera [standard: alla].",
    "Only this product id (plus) or insurer:product (dkv-vardforsakring:plus); repeat for "
    "several [default: every product].":
        "Bara detta produkt-id (plus) eller försäkringsgivare:produkt (dkv-vardforsakring:plus)"
        "; upprepa för flera [standard: alla produkter].",
    "Which tariff version: the one in force on this date [default: today].":
        "Vilken tariffversion: den som gäller detta datum [standard: i dag].",
    "Also list each insurer's exclusions with their sources.":
        "Lista också varje försäkringsgivares undantag med källor.",
    # options shared by several commands
    "Also write the offer for the customer to this HTML file (self-contained, printable to "
    "PDF; permissions 0600) [default: none].":
        "Skriv också offerten till kunden i den här HTML-filen (fristående, går att skriva "
        "ut som PDF; behörighet 0600) [standard: ingen].",
    "The customer's name, shown on the offer (with --offer) [default: none].":
        "Kundens namn, visas i offerten (med --offer) [standard: ingen].",
    "Product id in the tariff: bas, plus or topp.":
        "Produktens id i tariffen: bas, plus eller topp.",
    "Självrisk in kronor per claim (0, 500 or 1000 in the DKV tariff).":
        "Självrisk i kronor per skadetillfälle (0, 500 eller 1000 i DKV:s tariff).",
    "With remisskrav (cannot be combined with a självrisk).":
        "Med remisskrav (kan inte kombineras med självrisk).",
    "Payment frequency: month, quarter, half-year or year; the instalment is the monthly "
    "premium × months.":
        "Betalningsperiod: month, quarter, half-year eller year; avgiften är månadspremien × "
        "antal månader.",
    "Use this tariff file, whatever its dates [default: the version in force in the data "
    "directory].":
        "Använd den här tarifffilen, oavsett datum [standard: versionen som gäller i "
        "datakatalogen].",
    "Data directory of tariff versions and KPI series [default: the bundled one].":
        "Datakatalog med tariffversioner och KPI-serier [standard: den medföljande].",
    "KPI series CSV [default: the one the tariff names].":
        "KPI-serie (CSV) [standard: den som tariffen anger].",
    "Print the result as JSON (for scripts) instead of text.":
        "Skriv resultatet som JSON (för skript) i stället för text.",
    "Rule-book file [default: the one in force in the data directory].":
        "Regelboksfil [standard: den som gäller i datakatalogen].",
    "Identity number: SE personnummer/samordningsnummer, NO fødselsnummer/D-nummer, DK CPR "
    "or FI HETU; gives the birth date (or --birth-date).":
        "Identitetsnummer: SE personnummer/samordningsnummer, NO fødselsnummer/D-nummer, DK CPR "
        "eller FI HETU; ger födelsedatumet (eller --birth-date).",
    "SE, NO, DK or FI, when an --id fits more than one country's format and --residence does "
    "not settle it [default: the one country the number fits].":
        "SE, NO, DK eller FI, när ett --id passar fler än ett lands format och --residence inte "
        "avgör [standard: det enda land numret passar].",
    "Birth date YYYY-MM-DD (or --id).": "Födelsedatum ÅÅÅÅ-MM-DD (eller --id).",
    "Country of residence, ISO 3166 code (SE, NO, DK, FI, AX …).":
        "Bosättningsland, ISO 3166-kod (SE, NO, DK, FI, AX …).",
    "The applicant is not fully fit for work (fullt arbetsför).":
        "Den sökande är inte fullt arbetsför.",
    "The applicant is not covered by a Nordic social insurance office (försäkringskassa).":
        "Den sökande är inte ansluten till en nordisk försäkringskassa.",
    # quote price
    "Price a product for one person on a date, with each step of the calculation.":
        "Prissätt en produkt för en person på ett datum, med varje steg i beräkningen.",
    "Age in whole years on the pricing date (or --birth-date).":
        "Ålder i hela år på prisdatumet (eller --birth-date).",
    "Birth date YYYY-MM-DD; the age is taken on --on (or --age).":
        "Födelsedatum ÅÅÅÅ-MM-DD; åldern räknas på --on (eller --age).",
    "Pricing date YYYY-MM-DD [default: today].": "Prisdatum ÅÅÅÅ-MM-DD [standard: i dag].",
    "Add the smoker loading.": "Lägg till rökartillägget.",
    "Underwriting loading in percent of the indexed table premium, e.g. 25.":
        "Premietillägg efter riskbedömning i procent av den indexerade tabellpremien, t.ex. 25.",
    # quote eligibility
    "Check whether a person may apply; every reason they may not is listed.":
        "Kontrollera om en person får ansöka; varje skäl till att hen inte får listas.",
    "Exit 0 eligible, 1 not eligible, 2 bad input.":
        "Slutkod 0 får ansöka, 1 får inte ansöka, 2 felaktig indata.",
    "Date the application reaches the insurer, YYYY-MM-DD [default: today]. (Was "
    "--received.)":
        "Dagen ansökan når försäkringsgivaren, ÅÅÅÅ-MM-DD [standard: i dag]. (Hette "
        "--received.)",
    "A collective (group) agreement: ages 16-66 at entry.":
        "Ett gruppavtal: 16-66 år vid inträdet.",
    # quote renew
    "Reprice a book of policies on their renewal dates, every row accounted for.":
        "Prissätt ett försäkringsbestånd på förnyelsedagarna, varje rad redovisad.",
    "The book: CSV (',' or ';', UTF-8 with or without BOM) or Parquet.":
        "Beståndet: CSV (',' eller ';', UTF-8 med eller utan BOM) eller Parquet.",
    "Where to write the priced rows (CSV, or Parquet by its .parquet suffix).":
        "Vart de prissatta raderna skrivs (CSV, eller Parquet med ändelsen .parquet).",
    "Where to write the rejected rows [default: OUTPUT's name + .rejects].":
        "Vart de avvisade raderna skrivs [standard: OUTPUT:s namn + .rejects].",
    "Renewal date YYYY-MM-DD for every row [default: each row's renewal_date].":
        "Förnyelsedag ÅÅÅÅ-MM-DD för alla rader [standard: varje rads renewal_date].",
    "Exit 1 if any row is rejected (the files are still written).":
        "Slutkod 1 om någon rad avvisas (filerna skrivs ändå).",
    # quote declaration
    "Health declaration files for `quote apply --declaration`.":
        "Hälsodeklarationsfiler för `quote apply --declaration`.",
    "Print a complete declaration file to fill in (every question and follow-up), with "
    "comments in the language of --lang.":
        "Skriv ut en fullständig deklarationsfil att fylla i (alla frågor och följdfrågor), "
        "med kommentarer på språket i --lang.",
    # quote tariff
    "Show tariffs (price lists, settings, product contents).":
        "Visa tariffer (prislistor, inställningar, vad produkterna innehåller).",
    "Show the price list: monthly premium by age bracket and product.":
        "Visa prislistan: månadspremie per åldersintervall och produkt.",
    "Show the version in force on this date (YYYY-MM-DD), indexed by KPI [default: the "
    "newest version, as written in the file].":
        "Visa versionen som gäller detta datum (ÅÅÅÅ-MM-DD), indexerad med KPI [standard: den "
        "nyaste versionen, som den står i filen].",
    "Validate tariffs, rule books and KPI series; report every problem with file:line.":
        "Kontrollera tariffer, regelböcker och KPI-serier; rapportera varje problem med "
        "fil:rad.",
    "Exit 0 when clean, 1 when problems were found, 2 on a usage error.":
        "Slutkod 0 utan problem, 1 när problem hittades, 2 vid felaktig användning.",
    "Tariff, rule-book and KPI files, or directories of them [default: the data directory].":
        "Tariff-, regelboks- och KPI-filer, eller kataloger med dem [standard: "
        "datakatalogen].",
    "text: path:line: message; github: GitHub Actions annotations (json: use --json).":
        "text: sökväg:rad: meddelande; github: GitHub Actions-annoteringar (json: använd "
        "--json).",
    "Fail on warnings too (e.g. a premium that falls with age).":
        "Underkänn även vid varningar (t.ex. en premie som sjunker med åldern).",
    "Show what changes from OLD to NEW: premiums, settings, products and brackets.":
        "Visa vad som ändras från OLD till NEW: premier, inställningar, produkter och "
        "åldersintervall.",
    "The current tariff file.": "Den nuvarande tarifffilen.",
    "The proposed tariff file.": "Den föreslagna tarifffilen.",
    "Write a new tariff version with every table premium indexed by KPI and rounded.":
        "Skriv en ny tariffversion med varje tabellpremie indexerad med KPI och avrundad.",
    "The new file keeps the old one's comments and layout, with a comment naming the source "
    "version, the KPI figures and the factor.":
        "Den nya filen behåller den gamlas kommentarer och uppställning, med en kommentar som "
        "anger källversionen, KPI-talen och faktorn.",
    "The tariff version to index.": "Tariffversionen som ska indexeras.",
    "Where to write the new version (YAML).": "Vart den nya versionen skrivs (YAML).",
    "Index for this year: the new version is in force from 1 January (or --from).":
        "Indexera för detta år: den nya versionen gäller från 1 januari (eller --from).",
    "Date YYYY-MM-DD the new version is in force from (or --year).":
        "Datum ÅÅÅÅ-MM-DD som den nya versionen gäller från (eller --year).",
    "Version text of the new tariff [default: the old one plus the KPI month].":
        "Versionstext för den nya tariffen [standard: den gamla plus KPI-månaden].",
    "Replace OUTPUT if it exists.": "Ersätt OUTPUT om den finns.",
    "Print the JSON Schema of tariff (or rule-book) files, for editors to validate while "
    "typing.":
        "Skriv ut JSON Schema för tarifffiler (eller regelboksfiler), så att editorer kan "
        "kontrollera medan man skriver.",
    "Which kind of file.": "Vilket slags fil.",
    "What a proposed tariff does to a book, against the current one, before approval.":
        "Vad en föreslagen tariff gör med ett bestånd, jämfört med den nuvarande, före "
        "beslut.",
    "The renewal summary with \"before\" priced by OLD and \"after\" by NEW. (The options "
    "--book, --old and --new of 0.1 still work for a release.)":
        "Förnyelsesammanfattningen med \"före\" prissatt med OLD och \"efter\" med NEW. "
        "(Flaggorna --book, --old och --new från 0.1 fungerar en version till.)",
    "The book of policies (CSV or Parquet).": "Försäkringsbeståndet (CSV eller Parquet).",
    # quote apply
    "Apply for insurance: eligibility, health declaration, decision and priced offer.":
        "Ansök om försäkring: rätt att ansöka, hälsodeklaration, beslut och prissatt "
        "erbjudande.",
    "Exit 0 when a decision was made (whatever it is), 1 when the applicant may not apply, 2 "
    "for bad input, including an invalid or incomplete declaration.":
        "Slutkod 0 när ett beslut fattats (vilket det än är), 1 när den sökande inte får "
        "ansöka, 2 vid felaktig indata, också en ogiltig eller ofullständig deklaration.",
    "Date of the decision, YYYY-MM-DD [default: today]; also the received date when the "
    "declaration is asked in the terminal.":
        "Beslutsdatum, ÅÅÅÅ-MM-DD [standard: i dag]; också mottagningsdatum när "
        "deklarationen frågas i terminalen.",
    "Date cover and premium start, YYYY-MM-DD; the offer is priced on it (age, bracket, KPI) "
    "[default: the first of the month after the decision].":
        "Dagen då försäkringen och premien börjar, ÅÅÅÅ-MM-DD; erbjudandet prissätts på den "
        "(ålder, åldersintervall, KPI) [standard: den första i månaden efter beslutet].",
    "Självrisk in kronor per claim.": "Självrisk i kronor per skadetillfälle.",
    "With remisskrav.": "Med remisskrav.",
    "Payment frequency: month, quarter, half-year or year.":
        "Betalningsperiod: month, quarter, half-year eller year.",
    "Health declaration file (YAML or JSON) to run unattended [default: the declaration is "
    "asked in the terminal].":
        "Hälsodeklarationsfil (YAML eller JSON) för körning utan frågor [standard: "
        "deklarationen frågas i terminalen].",
    "Write the full application record (inputs, answers, decision, hashes) to this new file, "
    "readable by you only (0600); never replaces anything [default: none].":
        "Skriv hela ansökningsakten (indata, svar, beslut, kontrollsummor) till den här nya "
        "filen, läsbar bara för dig (0600); ersätter aldrig något [standard: ingen].",
    "Where an interrupted interview saves its draft (a new file, 0600) [default: the current "
    "directory].":
        "Var en avbruten intervju sparar sitt utkast (en ny fil, 0600) [standard: den "
        "aktuella katalogen].",
    "Continue the interview saved in this draft file [default: a new interview].":
        "Fortsätt intervjun som sparats i den här utkastfilen [standard: en ny intervju].",
    "Language of output, questions and reasons [default: QUOTE_LANG, the locale, then sv].":
        "Språk för utdata, frågor och skäl [standard: QUOTE_LANG, språkinställningen, sedan "
        "sv].",
    # quote renew (the rest of its options are shared)
    "Each row is priced by the same engine as `quote price`; a row that cannot be priced goes "
    "to the rejects file with its line number and reason. Rows in = rows out + rows rejected. "
    "Exit 0 done, 1 rows rejected with --strict, 2 bad input.":
        "Varje rad prissätts med samma motor som `quote price`; en rad som inte kan "
        "prissättas hamnar i filen med avvisade rader, med radnummer och skäl. Rader in = "
        "rader ut + avvisade rader. Slutkod 0 klart, 1 avvisade rader med --strict, 2 "
        "felaktig indata.",
    # quote kpi
    "Show, extend and fetch the KPI series used for indexation.":
        "Visa, fyll på och hämta KPI-serien som används för indexering.",
    "Show the KPI series, with the change from the same month a year before.":
        "Visa KPI-serien, med förändringen från samma månad året före.",
    "Warns (on stderr) when the series is older than what SCB will have published (a month's "
    "figure appears around the 15th of the next month) and when it lacks months.":
        "Varnar (på stderr) när serien är äldre än vad SCB har hunnit publicera (en månads tal "
        "kommer runt den 15:e månaden efter) och när månader saknas.",
    "First month to show, YYYY-MM [default: the last 13 months].":
        "Första månaden som visas, ÅÅÅÅ-MM [standard: de senaste 13 månaderna].",
    "Add one month's KPI figure to your series (atomically; never over a stored figure).":
        "Lägg till en månads KPI-tal i din serie (atomärt; aldrig över ett sparat tal).",
    "The month, YYYY-MM (at the end or in a gap).": "Månaden, ÅÅÅÅ-MM (sist eller i en lucka).",
    "SCB's KPI figure for that month, e.g. 417.96.": "SCB:s KPI-tal för månaden, t.ex. 417.96.",
    "The base the figure is published on: 1980 or 2020 (1980=100 or 2020=100) [default: the "
    "series' own base]. A figure on another base is converted with the series' link (# link "
    "2020=100: factor …).":
        "Basen talet är publicerat på: 1980 eller 2020 (1980=100 eller 2020=100) [standard: "
        "seriens egen bas]. Ett tal på en annan bas räknas om med seriens länk (# link "
        "2020=100: factor …).",
    "Fetch the series' missing months from SCB's open API and add them (atomically).":
        "Hämta seriens saknade månader från SCB:s öppna API och lägg till dem (atomärt).",
    "Months already stored are asked again and compared: a figure that disagrees is reported "
    "(exit 1) and never overwritten. No network: exit 2 and nothing is written.":
        "Månader som redan finns hämtas igen och jämförs: ett tal som avviker rapporteras "
        "(slutkod 1) och skrivs aldrig över. Inget nätverk: slutkod 2 och inget skrivs.",
    "Fetch up to this month, YYYY-MM [default: the latest month SCB will have published "
    "today].":
        "Hämta till och med den här månaden, ÅÅÅÅ-MM [standard: den senaste månad SCB har "
        "hunnit publicera i dag].",
    "PxWebApi 2.0 root (for tests and mirrors).": "PxWebApi 2.0-rot (för tester och speglar).",
    # quote rulebook
    "Rule books: test them with scenario files.": "Regelböcker: testa dem med scenariofiler.",
    "Run scenario files (an applicant, a declaration, the expected outcome, rules, loading, "
    "exclusions and premium) through the same decision and pricing as `quote apply`.":
        "Kör scenariofiler (en sökande, en deklaration, väntat utfall, regler, tillägg, "
        "förbehåll och premie) genom samma beslut och prissättning som `quote apply`.",
    "Premiums use the tariffs of --tariffs [default: the rule book's directory]. Exit 0 when "
    "every scenario passes, 1 when one fails, 2 for bad input.":
        "Premierna räknas med tarifferna i --tariffs [standard: regelbokens katalog]. "
        "Slutkod 0 när alla scenarier går igenom, 1 när något fallerar, 2 vid felaktig indata.",
    "The rule-book file.": "Regelboksfilen.",
    "Scenario files or directories [default: the RULEBOOK.scenarios/ directory beside the "
    "rule book, named after its file].":
        "Scenariofiler eller kataloger [standard: katalogen RULEBOOK.scenarios/ bredvid "
        "regelboken, uppkallad efter dess fil].",
    # quote data
    "Keep a data directory of your own (tariffs, rule book, KPI series).":
        "Håll en egen datakatalog (tariffer, regelbok, KPI-serie).",
    "Write the bundled tariffs, rule book and KPI series into DIR, ready to be a git "
    "repository; then use it with --tariffs DIR or QUOTE_TARIFFS=DIR.":
        "Skriv de medföljande tarifferna, regelboken och KPI-serien till DIR, redo att bli ett "
        "git-förråd; använd den sedan med --tariffs DIR eller QUOTE_TARIFFS=DIR.",
    "A new (or empty) directory to write the bundled data into.":
        "En ny (eller tom) katalog att skriva de medföljande filerna till.",
    # quote renew and tariff impact: the book
    "Each row is priced by the same engine as `quote price`; a row that cannot be priced goes "
    "to the rejects file with its line number and reason. Rows in = rows out + rows rejected. "
    "Exit 0 done, 1 rows rejected with --strict or no row priced, 2 bad input.":
        "Varje rad prissätts med samma motor som `quote price`; en rad som inte kan "
        "prissättas hamnar i filen med avvisade rader, med radnummer och skäl. Rader in = "
        "rader ut + avvisade rader. Slutkod 0 klart, 1 avvisade rader med --strict eller "
        "ingen rad prissatt, 2 felaktig indata.",
    "The book: CSV (',' or ';', UTF-8 or Windows-1252), Excel (.xlsx) or Parquet.":
        "Beståndet: CSV (',' eller ';', UTF-8 eller Windows-1252), Excel (.xlsx) eller "
        "Parquet.",
    "Where to write the priced rows: CSV, or .xlsx or .parquet by suffix.":
        "Vart de prissatta raderna skrivs: CSV, eller .xlsx eller .parquet efter ändelsen.",
    "CSV outputs for Swedish Excel: ';', decimal commas, a BOM, formulas escaped.":
        "CSV-utdata för svenskt Excel: ';', decimalkomma, BOM, formler oskadliggjorda.",
    "The sheet of an .xlsx book [default: the first].":
        "Bladet i en .xlsx-fil [standard: det första].",
    "The CSV book's encoding [default: detected: UTF-8 with or without BOM, else "
    "Windows-1252].":
        "CSV-beståndets teckenkodning [standard: avläses: UTF-8 med eller utan BOM, annars "
        "Windows-1252].",
    "SE, NO, DK or FI: the country of every identity number in the book (an id_country "
    "column says it per row) [default: numbers valid in Sweden are read as Swedish].":
        "SE, NO, DK eller FI: landet för alla identitetsnummer i beståndet (en kolumn "
        "id_country anger det per rad) [standard: nummer som är giltiga i Sverige läses som "
        "svenska].",
    "Also write a report for people: one self-contained HTML page with the summary and "
    "charts [default: none].":
        "Skriv också en rapport för människor: en fristående HTML-sida med sammanfattningen "
        "och diagram [standard: ingen].",
    "The book of policies (CSV, Excel or Parquet).":
        "Försäkringsbeståndet (CSV, Excel eller Parquet).",
}
