"""Text shared by every command."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "common.error": {"sv": "Fel: {message}", "en": "Error: {message}"},
    "common.more_problems": {
        "sv": " (och {n} fel till; quote tariff check {path} visar alla)",
        "en": " (and {n} more; quote tariff check {path} lists them all)"},
    "common.not_percentage": {
        "sv": "{option}: {value!r} är inte ett tal (en procentsats som 25 eller 12,5)",
        "en": "{option}: {value!r} is not a number (a percentage such as 25 or 12.5)"},
    "common.negative": {"sv": "{option}: måste vara 0 eller mer, inte {value}",
                        "en": "{option}: must be 0 or more, got {value}"},
    "common.birth_date_or_id": {"sv": "ange antingen --birth-date eller --id (en av dem)",
                                "en": "give either --birth-date or --id (one of them)"},
    "common.born_after": {"sv": "{option}: {born} är efter {on}",
                          "en": "{option}: {born} is after {on}"},
    "common.wrong_kind": {
        "sv": "{path}: det här är {found}, inte {expected}",
        "en": "{path}: this is {found}, not {expected}"},
    "kind.tariff": {"sv": "en tariff (YAML)", "en": "a tariff (YAML)"},
    "kind.rulebook": {"sv": "en regelbok (YAML)", "en": "a rule book (YAML)"},
    "kind.declaration": {"sv": "en hälsodeklaration (YAML)",
                         "en": "a health declaration (YAML)"},
    "kind.kpi": {"sv": "en KPI-serie (CSV)", "en": "a KPI series (CSV)"},
    "kind.book": {"sv": "ett försäkringsbestånd (CSV)", "en": "a book of policies (CSV)"},
    "kind.yaml": {"sv": "en YAML-fil", "en": "a YAML file"},
    "kind.data": {"sv": "en datafil", "en": "a data file"},
}
