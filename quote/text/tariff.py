"""`quote tariff show/diff/index/impact`."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "tariff.heading": {"sv": "[bold]{name}[/] {version} ({tariff}), gäller från {start}",
                       "en": "[bold]{name}[/] {version} ({tariff}), in force from {start}"},
    "tariff.indexed": {
        "sv": "Indexerad {on}: × {ratio} (KPI {reference_month} {reference} / KPI "
              "{base_month} {base}), avrundat till hela kronor",
        "en": "Indexed {on}: × {ratio} (KPI {reference_month} {reference} / KPI "
              "{base_month} {base}), rounded to whole kronor"},
    "tariff.table_premiums": {
        "sv": "Tabellpremier per månad (KPI-bas {base_month}); --on DATUM visar dem indexerade",
        "en": "Monthly table premiums (KPI base {base_month}); --on DATE shows them indexed"},
    "tariff.column.age": {"sv": "Ålder", "en": "Age"},
    "tariff.column.moment": {"sv": "Moment", "en": "Benefit"},
    "tariff.contents": {"sv": "Det här ingår", "en": "What is covered"},
    "tariff.deductible": {"sv": "{amount} kr: -{discount} kr/mån",
                          "en": "{amount} kr: -{discount} kr/month"},
    "tariff.deductibles_smoker": {"sv": "Självrisk {discounts}. Rökartillägg {smoker}.",
                                  "en": "Självrisk {discounts}. Smoker loading {smoker}."},
    "tariff.payment": {"sv": "Betalning: {frequencies}", "en": "Payment: {frequencies}"},
    "tariff.frequency": {"sv": "{label} ({months} mån)", "en": "{label} ({months} months)"},
    "diff.heading": {
        "sv": "[bold]{old}[/] {old_version} (från {old_start}) → [bold]{new}[/] {new_version} "
              "(från {new_start})",
        "en": "[bold]{old}[/] {old_version} (from {old_start}) → [bold]{new}[/] {new_version} "
              "(from {new_start})"},
    "diff.unchanged": {"sv": "Inga skillnader.", "en": "No differences."},
    "diff.products_added": {"sv": "Nya produkter: {items}", "en": "New products: {items}"},
    "diff.products_removed": {"sv": "Borttagna produkter: {items}",
                              "en": "Removed products: {items}"},
    "diff.brackets_added": {"sv": "Nya åldersintervall: {items}",
                            "en": "New age brackets: {items}"},
    "diff.brackets_removed": {"sv": "Borttagna åldersintervall: {items}",
                              "en": "Removed age brackets: {items}"},
    "diff.premiums": {"sv": "Ändrade premier ({n})", "en": "Changed premiums ({n})"},
    "diff.settings": {"sv": "Ändrade inställningar ({n})", "en": "Changed settings ({n})"},
    "diff.column.product": {"sv": "Produkt", "en": "Product"},
    "diff.column.age": {"sv": "Ålder", "en": "Age"},
    "diff.column.old": {"sv": "Gammal", "en": "Old"},
    "diff.column.new": {"sv": "Ny", "en": "New"},
    "diff.column.change": {"sv": "Ändring", "en": "Change"},
    "diff.column.setting": {"sv": "Inställning", "en": "Setting"},
    "index.year_or_from": {"sv": "ange --year ÅÅÅÅ eller --from ÅÅÅÅ-MM-DD",
                           "en": "give --year YYYY or --from YYYY-MM-DD"},
    "index.not_a_year": {"sv": "--year: {year} är inget år", "en": "--year: {year} is not a year"},
    "index.exists": {
        "sv": "--output: {output} finns redan; välj en annan fil eller ange --force för att "
              "ersätta den",
        "en": "--output: {output} exists; choose another file or pass --force to replace it"},
    "index.wrote": {
        "sv": "Skrev {output}: version {version!r}, gäller från {start}; {n} premier × KPI "
              "{reference_month} {reference} / {base_month} {base} = {ratio} (ändringar {low} "
              "till {high} kr).",
        "en": "Wrote {output}: version {version!r}, in force from {start}; {n} premiums × KPI "
              "{reference_month} {reference} / {base_month} {base} = {ratio} (changes {low} to "
              "{high} kr)."},
    "index.review": {"sv": "Granska den med: quote tariff diff {old} {new}",
                     "en": "Review it with: quote tariff diff {old} {new}"},
    "impact.title": {"sv": "Effekt av {new} mot {old} på {book}",
                     "en": "Impact of {new} against {old} on {book}"},
    "impact.before": {"sv": "nu", "en": "now"},
    "impact.after": {"sv": "förslag", "en": "proposed"},
}
