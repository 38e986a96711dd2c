"""Messages of the core modules about dates, identity numbers and data files
(quote.dates, quote.identity, quote.reindex, quote.check)."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "dates.bad_month_number": {"sv": "månaden ska vara 01 till 12, inte {month}",
                               "en": "month must be 01 to 12, got {month}"},
    "dates.not_month": {"sv": "{text!r} är ingen månad på formen ÅÅÅÅ-MM",
                        "en": "{text!r} is not a month in the form YYYY-MM"},
    "dates.not_date": {"sv": "{text!r} är inget datum på formen ÅÅÅÅ-MM-DD",
                       "en": "{text!r} is not a date in the form YYYY-MM-DD"},
    "dates.not_real": {"sv": "{text!r} är inget riktigt datum",
                       "en": "{text!r} is not a real calendar date"},
    "dates.born_after": {"sv": "födelsedatumet {born} är efter prisdatumet {on}",
                         "en": "birth date {born} is after the pricing date {on}"},
    "identity.country": {"sv": "ska vara en av {countries}",
                         "en": "must be one of {countries}"},
    "identity.invalid": {
        "sv": "inget giltigt identitetsnummer ({where}: personnummer, samordningsnummer, "
              "fødselsnummer/D-nummer, CPR eller HETU); kontrollera siffrorna",
        "en": "not a valid identity number ({where}: personnummer, samordningsnummer, "
              "fødselsnummer/D-nummer, CPR or HETU); check the digits"},
    "identity.any_country": {"sv": "SE, NO, DK eller FI", "en": "SE, NO, DK or FI"},
    "identity.ambiguous": {
        "sv": "numret är giltigt i mer än ett land ({countries}); ange vilket med --id-country",
        "en": "the number is valid in more than one country ({countries}); say which with "
              "--id-country"},
    "reindex.not_found": {"sv": "hittar inte {what} i tarifffilen",
                          "en": "cannot find {what} in the tariff file"},
    "reindex.not_in_place": {
        "sv": "kan inte skriva om {what} på rad {line}; skriv ett värde per rad (blockstil) i "
              "tarifffilen",
        "en": "cannot rewrite {what} on line {line} in place; write one value per line (block "
              "style) in the tariff file"},
    "reindex.not_after": {"sv": "{start} måste vara efter källversionens effective_from {old}",
                          "en": "{start} must be after the source version's effective_from "
                                "{old}"},
    "reindex.not_verified": {
        "sv": "den omskrivna tariffen har inte de indexerade premierna; inget skrevs",
        "en": "the rewritten tariff does not hold the indexed premiums; nothing was written"},
    "check.summary": {"sv": "kontrollerade {files}: {errors}, {warnings}",
                      "en": "checked {files}: {errors}, {warnings}"},
    "check.files.one": {"sv": "{n} fil", "en": "{n} file"},
    "check.files.other": {"sv": "{n} filer", "en": "{n} files"},
    "check.errors.one": {"sv": "{n} fel", "en": "{n} error"},
    "check.errors.other": {"sv": "{n} fel", "en": "{n} errors"},
    "check.warnings.one": {"sv": "{n} varning", "en": "{n} warning"},
    "check.warnings.other": {"sv": "{n} varningar", "en": "{n} warnings"},
    "check.no_such_path": {"sv": "{path}: ingen sådan fil eller katalog",
                           "en": "{path}: no such file or directory"},
}
