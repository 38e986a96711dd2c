"""Text of the KPI series, `quote kpi ...` and `quote data init`."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # Problems in a series file (prefixed by file:line).
    "kpi.not_utf8": {"sv": "inte UTF-8-text (byte {byte})", "en": "not UTF-8 text (byte {byte})"},
    # (what the line holds is never quoted: --kpi may name a file that is no KPI series)
    "kpi.bad_header": {"sv": "rubrikraden ska vara '{header}' (eller '{header},note')",
                       "en": "the header must be '{header}' (or '{header},note')"},
    "kpi.bad_line": {"sv": "väntade 'ÅÅÅÅ-MM,värde' med decimalpunkt (och en anmärkning bara "
                           "under rubriken month,kpi,note)",
                     "en": "expected 'YYYY-MM,value' with a decimal point (and a note only "
                           "under the header month,kpi,note)"},
    "kpi.bad_month": {"sv": "den första kolumnen ska vara en månad ÅÅÅÅ-MM",
                      "en": "the first column must be a month YYYY-MM"},
    # a line of a file is never quoted: --kpi may name any file (/etc/shadow)
    "kpi.bad_value": {"sv": "{month}: KPI ska vara ett tal från 1 till 10 000 med högst 4 "
                            "decimaler",
                      "en": "{month}: KPI must be a number from 1 to 10 000 with at most 4 "
                            "decimals"},
    "kpi.duplicate": {"sv": "{month}: månaden finns redan (första gången på rad {first})",
                      "en": "{month}: duplicate month (first on line {first})"},
    "kpi.out_of_order": {"sv": "{month}: i fel ordning (efter {previous}); håll filen sorterad",
                         "en": "{month}: out of order (after {previous}); keep the file sorted"},
    "kpi.gap": {"sv": "{missing} saknas (mellan {previous} och {month}); en premie som behöver "
                      "den månaden avvisas (fyll i med quote kpi fetch eller quote kpi add)",
                "en": "{missing} missing (between {previous} and {month}); a quote that needs "
                      "such a month fails (fill it with quote kpi fetch or quote kpi add)"},
    "kpi.empty": {"sv": "tom KPI-fil: rubrikraden '{header}' saknas",
                  "en": "empty KPI file: expected the header '{header}'"},
    "kpi.bad_link": {"sv": "länken ska skrivas '# link ÅÅÅÅ=100: factor F, round half_up to 2 "
                           "decimals'",
                     "en": "a link must read '# link YYYY=100: factor F, round half_up to 2 "
                           "decimals'"},
    "kpi.file.bad_base": {"sv": "basen ska skrivas '# base: ÅÅÅÅ=100' (t.ex. 1980=100)",
                          "en": "the base must read '# base: YYYY=100' (e.g. 1980=100)"},
    "kpi.bad_base": {"sv": "basen ska skrivas ÅÅÅÅ=100 (t.ex. 1980=100), inte {got!r}",
                     "en": "the base must read YYYY=100 (e.g. 1980=100), got {got!r}"},
    # A figure a quote needs.
    "kpi.needed.base_month": {"sv": "tariffens basmånad för KPI",
                              "en": "the tariff's KPI base month"},
    "kpi.needed.reference": {"sv": "KPI-referensmånaden för prissättning den {on}",
                             "en": "the KPI reference month for pricing on {on}"},
    "kpi.missing": {
        "sv": "{path}: KPI för {month} saknas ({needed_for}); {where}. Hämta talet med "
              "'quote kpi fetch' eller lägg till det med 'quote kpi add {month} VÄRDE'{own}, "
              "eller prissätt på ett tidigare datum med --on.",
        "en": "{path}: no KPI figure for {month} ({needed_for}); {where}. Fetch it with "
              "'quote kpi fetch' or add it with 'quote kpi add {month} VALUE'{own}, or price "
              "on an earlier date with --on."},
    "kpi.missing.ends": {"sv": "serien slutar {last}", "en": "the series ends at {last}"},
    "kpi.missing.gap": {"sv": "serien saknar den månaden (den slutar {last})",
                        "en": "the series lacks that month (it ends at {last})"},
    "kpi.missing.empty": {"sv": "serien är tom", "en": "the series is empty"},
    "kpi.missing.own": {
        "sv": " i en egen datakatalog (skapa den med 'quote data init KATALOG' och ange "
              "--tariffs KATALOG)",
        "en": " in a data directory of your own (make one with 'quote data init DIR', then "
              "pass --tariffs DIR)"},
    # quote kpi add
    "kpi.value.not_number": {"sv": "{got!r} är inte ett tal", "en": "{got!r} is not a number"},
    "kpi.value.range": {"sv": "KPI ska vara ett tal från 1 till 10 000 med högst 4 decimaler, "
                              "inte {got}",
                        "en": "KPI must be a number from 1 to 10 000 with at most 4 decimals, "
                              "got {got}"},
    "kpi.add.exists": {"sv": "{month} finns redan i {path} ({value}); inget ändrades",
                       "en": "{month} is already in {path} ({value}); nothing was changed"},
    "kpi.add.no_link": {
        "sv": "{path} (bas {base}) har ingen länk från {source}; lägg till raden '# link "
              "{source}: factor F, round half_up to 2 decimals' i filens huvud",
        "en": "{path} (base {base}) has no link from {source}; add the line '# link {source}: "
              "factor F, round half_up to 2 decimals' to the file's head"},
    "kpi.add.no_base": {"sv": "{path} anger ingen bas ('# base: 1980=100'); lägg till den först",
                        "en": "{path} states no base ('# base: 1980=100'); add it first"},
    "kpi.add.installed": {
        "sv": "{path} är serien som följer med den installerade quote och kan inte ändras; "
              "skapa en egen datakatalog med 'quote data init KATALOG' och ange --tariffs "
              "KATALOG (eller QUOTE_TARIFFS=KATALOG)",
        "en": "{path} is the series bundled inside the installed quote and cannot be changed; "
              "make a data directory of your own with 'quote data init DIR' and pass "
              "--tariffs DIR (or QUOTE_TARIFFS=DIR)"},
    "kpi.add.done": {"sv": "Lade till {month},{value} ({base}) i {path}.",
                     "en": "Added {month},{value} ({base}) to {path}."},
    "kpi.add.converted": {"sv": "Omräknat: {conversion}.", "en": "Converted: {conversion}."},
    "kpi.add.gap_left": {"sv": "Obs: serien saknar fortfarande {months}.",
                         "en": "Note: the series still lacks {months}."},
    # quote kpi show
    "kpi.show.title": {"sv": "{path} (KPI {base}), {first}–{last}",
                       "en": "{path} (KPI {base}), {first}–{last}"},
    "kpi.show.base_unknown": {"sv": "bas okänd", "en": "base unknown"},
    "kpi.show.empty": {"sv": "{path}: serien har inga månader än; lägg till med quote kpi add "
                             "eller quote kpi fetch",
                       "en": "{path}: the series has no months yet; add them with quote kpi "
                             "add or quote kpi fetch"},
    "kpi.show.month": {"sv": "Månad", "en": "Month"},
    "kpi.show.change": {"sv": "12 mån", "en": "12 mon"},
    "kpi.show.note": {"sv": "Anmärkning", "en": "Note"},
    "kpi.stale": {
        "sv": "Varning: senaste KPI i serien är {last}, men SCB har publicerat till och med "
              "{published} (ett månadstal kommer runt den 15:e månaden därpå); kör quote kpi "
              "fetch",
        "en": "Warning: the series' latest KPI is {last}, but SCB will have published up to "
              "{published} (a month's figure appears around the 15th of the next month); run "
              "quote kpi fetch"},
    "kpi.gaps": {"sv": "Varning: serien saknar {months}",
                 "en": "Warning: the series lacks {months}"},
    # quote kpi fetch
    "kpi.fetch.offline": {
        "sv": "kan inte nå SCB:s API ({url}: {reason}); inget skrevs. Lägg till talen för hand "
              "med quote kpi add MÅNAD VÄRDE [--base 2020] (SCB:s KPI, fastställda tal)",
        "en": "cannot reach SCB's API ({url}: {reason}); nothing was written. Add the figures by "
              "hand with quote kpi add MONTH VALUE [--base 2020] (SCB's KPI, fixed figures)"},
    "kpi.fetch.bad_answer": {
        "sv": "SCB:s svar från {url} är inte JSON-stat 2.0 som väntat ({reason}); inget skrevs",
        "en": "SCB's answer from {url} is not the expected JSON-stat 2.0 ({reason}); nothing "
              "was written"},
    "kpi.fetch.bad_figure": {
        "sv": "SCB:s tal för {month} ({got}) ligger utanför 1–10 000; inget skrevs",
        "en": "SCB's figure for {month} ({got}) is outside 1–10 000; nothing was written"},
    "kpi.fetch.nothing": {"sv": "Inga månader att hämta: {path} är komplett till och med {until}.",
                          "en": "No months to fetch: {path} is complete up to {until}."},
    "kpi.fetch.added": {"sv": "tillagd", "en": "added"},
    "kpi.fetch.agreed": {"sv": "fanns, stämmer", "en": "already there, agrees"},
    "kpi.fetch.disagrees": {"sv": "fanns, SCB säger {scb}: inte ändrad",
                            "en": "already there, SCB says {scb}: not changed"},
    "kpi.fetch.unpublished": {"sv": "inte publicerad än", "en": "not published yet"},
    "kpi.fetch.summary": {"sv": "{added} tillagda, {agreed} stämde, {disagreed} avviker, "
                                "{unpublished} inte publicerade; {path}",
                          "en": "{added} added, {agreed} agreed, {disagreed} disagree, "
                                "{unpublished} not published; {path}"},
    "kpi.fetch.disagreement": {
        "sv": "{month}: serien har {stored} men SCB säger {scb}; talet skrevs inte över, "
              "kontrollera det",
        "en": "{month}: the series has {stored} but SCB says {scb}; it was not overwritten, "
              "check it"},
    "kpi.fetch.title": {"sv": "KPI från SCB ({tables})", "en": "KPI from SCB ({tables})"},
    "kpi.fetch.status": {"sv": "Status", "en": "Status"},
    # quote data init
    "data.exists": {"sv": "{path} finns redan och är inte tom; välj en ny katalog",
                    "en": "{path} exists and is not empty; choose a new directory"},
    "data.done": {"sv": "Skrev {n} filer till {path}:", "en": "Wrote {n} files to {path}:"},
    "data.next": {
        "sv": "Använd katalogen med --tariffs {path} eller export QUOTE_TARIFFS={path}.\n"
              "Gör den till ett git-förråd: git -C {path} init && git -C {path} add . && "
              "git -C {path} commit -m 'Tariffer och KPI'\n"
              "Håll KPI aktuellt: quote kpi fetch --tariffs {path}",
        "en": "Use it with --tariffs {path} or export QUOTE_TARIFFS={path}.\n"
              "Make it a git repository: git -C {path} init && git -C {path} add . && "
              "git -C {path} commit -m 'Tariffs and KPI'\n"
              "Keep KPI current: quote kpi fetch --tariffs {path}"},
    "data.cannot": {"sv": "{path}: kan inte skriva här ({reason})",
                    "en": "{path}: cannot write here ({reason})"},
}
