"""Usage errors and notes from the command-line framework (quote.cli.usage)."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "usage.lang": {"sv": "välj sv eller en, inte {value!r}",
                   "en": "choose sv or en, not {value!r}"},
    "usage.no_such_option": {"sv": "{name}: ingen sådan flagga",
                             "en": "{name}: no such option"},
    "usage.no_such_command": {"sv": "{name}: inget sådant kommando",
                              "en": "{name}: no such command"},
    "usage.did_you_mean": {"sv": " (menade du {names}?)", "en": " (did you mean {names}?)"},
    "usage.missing": {"sv": "{name}: saknas (måste anges)",
                      "en": "{name}: missing (required)"},
    "usage.missing_command": {"sv": "ange ett kommando (se --help)",
                              "en": "give a command (see --help)"},
    "usage.needs_value": {"sv": "{name}: saknar värde", "en": "{name}: needs a value"},
    "usage.bad_value": {"sv": "{name}: ogiltigt värde ({detail})",
                        "en": "{name}: invalid value ({detail})"},
    "usage.choice": {"sv": "{name}: välj ett av {choices}",
                     "en": "{name}: choose one of {choices}"},
    "usage.not_whole_number": {"sv": "{name}: {value!r} är inte ett heltal",
                               "en": "{name}: {value!r} is not a whole number"},
    "usage.not_number": {"sv": "{name}: {value!r} är inte ett tal",
                         "en": "{name}: {value!r} is not a number"},
    "usage.extra_arguments": {"sv": "oväntade argument: {args}",
                              "en": "unexpected arguments: {args}"},
    "usage.path.missing": {"sv": "{name}: {path} finns inte",
                           "en": "{name}: {path} does not exist"},
    "usage.path.is_dir": {"sv": "{name}: {path} är en katalog, inte en fil",
                          "en": "{name}: {path} is a directory, not a file"},
    "usage.path.is_file": {"sv": "{name}: {path} är en fil, inte en katalog",
                           "en": "{name}: {path} is a file, not a directory"},
    "usage.path.unreadable": {"sv": "{name}: {path} går inte att läsa (behörighet)",
                              "en": "{name}: {path} cannot be read (permissions)"},
    "usage.path.unwritable": {"sv": "{name}: {path} går inte att skriva till (behörighet)",
                              "en": "{name}: {path} cannot be written to (permissions)"},
    "usage.renamed": {"sv": "Obs: {old} heter nu {new}; det gamla namnet tas bort i nästa "
                            "version.",
                      "en": "Note: {old} is now {new}; the old name goes away in the next "
                            "release."},
    "usage.aborted": {"sv": "Avbrutet.", "en": "Aborted."},
}
