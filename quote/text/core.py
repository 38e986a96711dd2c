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
    "check.unknown_kind": {"sv": "okänd kind {kind!r} (väntade {known})",
                           "en": "unknown kind {kind!r} (expected {known})"},
    "check.no_kind": {"sv": "fältet 'kind' saknas (väntade {known})",
                      "en": "missing field 'kind' (expected {known})"},
    "check.duplicate_version": {
        "sv": "effective_from: tariff {tariff} har redan en version som gäller från {start} "
              "({where})",
        "en": "effective_from: tariff {tariff} already has a version in force from {start} "
              "({where})"},
    "check.series_missing": {"sv": "indexation.series: KPI-filen {path} finns inte",
                             "en": "indexation.series: KPI file {path} not found"},
    "check.base_month": {"sv": "{field}: basmånaden {month} finns inte i {series} ({span})",
                         "en": "{field}: the base month {month} is not in {series} ({span})"},
    "check.reference_month": {
        "sv": "{field}: referensmånaden {month} (för prissättning från {start}) finns inte i "
              "{series} ({span})",
        "en": "{field}: the reference month {month} (for pricing from {start}) is not in "
              "{series} ({span})"},
    "check.empty": {"sv": "tom", "en": "empty"},
    "check.no_such_path": {"sv": "{path}: ingen sådan fil eller katalog",
                           "en": "{path}: no such file or directory"},
    "noun.tariff": {"sv": "tariff", "en": "tariff"},
    "noun.tariffs": {"sv": "tariffer", "en": "tariffs"},
    "noun.rulebook": {"sv": "regelbok", "en": "rule book"},
    "noun.rulebooks": {"sv": "regelböcker", "en": "rule books"},
    "catalog.no_bundled": {
        "sv": "{package}: de medföljande tarifferna saknas i den här installationen; "
              "installera om quote eller ange --tariffs KATALOG",
        "en": "{package}: the bundled tariffs are missing from this installation; reinstall "
              "quote or pass --tariffs DIR"},
    "catalog.no_directory": {"sv": "{directory}: datakatalogen finns inte",
                             "en": "{directory}: data directory not found"},
    "catalog.none": {"sv": "{directory}: ingen {what} i den här katalogen; ange {option} FIL",
                     "en": "{directory}: no {what} in this directory; pass {option} FILE"},
    "catalog.before_any": {
        "sv": "{on} är före första {what} i {directory} (den första, {first}, gäller från "
              "{start})",
        "en": "{on} is before any {what} in {directory} is in force (the first, {first}, "
              "starts {start})"},
    "catalog.several_in_force": {
        "sv": "flera {what} gäller den {on} i {directory} ({ids}); välj en med {option}",
        "en": "several {what} are in force on {on} in {directory} ({ids}); choose one with "
              "{option}"},
    "catalog.no_such_tariff": {"sv": "ingen tariff {tariff} i {directory}",
                               "en": "no tariff {tariff} in {directory}"},
    "catalog.several_tariffs": {
        "sv": "{directory} har flera tariffer ({ids}); välj en med --tariff",
        "en": "{directory} holds several tariffs ({ids}); choose one with --tariff"},
    "catalog.no_kind": {"sv": "fältet 'kind' saknas (tariff eller rulebook)",
                        "en": "missing field 'kind' (tariff or rulebook)"},
    "catalog.no_tariffs": {
        "sv": "{directory}: inga tarifffiler (kind: tariff) i den här katalogen",
        "en": "{directory}: no tariff files (kind: tariff) in this directory"},
    "catalog.several_series": {
        "sv": "{directory}: väntade en KPI-serie (*.csv), hittade {names}; välj en med --kpi",
        "en": "{directory}: expected one KPI series (*.csv), found {names}; choose one with "
              "--kpi"},
}
