"""Text of the renewal engine (`quote renew`, `quote tariff impact`): reject reasons and
the line saying why no row could be priced.

Reject messages name the field and what was expected, never the value (a book may hold
identity numbers)."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # --- reject reasons (see quote.renewal.reasons: one entry per key below) -------------
    "renew.reason.too_few_fields": {
        "sv": "raden har för få fält (huvudet har {columns})",
        "en": "the row has too few fields (the header has {columns})"},
    "renew.reason.too_many_fields": {
        "sv": "raden har för många fält (huvudet har {columns})",
        "en": "the row has too many fields (the header has {columns})"},
    "renew.reason.bad_quoting": {
        "sv": "ett fält inom citattecken avslutas inte eller följs av text; raden läses som "
              "en rad",
        "en": "a quoted field is not closed or is followed by text; the line is read alone"},
    "renew.reason.bad_encoding": {
        "sv": "raden är inte giltig {encoding}",
        "en": "the line is not valid {encoding}"},
    "renew.reason.nul": {
        "sv": "ett fält innehåller en NUL-byte",
        "en": "a field holds a NUL byte"},
    "renew.reason.separator": {
        "sv": "ett fält innehåller styrtecknet U+001F",
        "en": "a field holds the control character U+001F"},
    "renew.reason.renewal_date": {
        "sv": "renewal_date: inte ett giltigt datum ÅÅÅÅ-MM-DD",
        "en": "renewal_date: not a valid date YYYY-MM-DD"},
    "renew.reason.birth_date": {
        "sv": "birth_date: inte ett giltigt datum ÅÅÅÅ-MM-DD",
        "en": "birth_date: not a valid date YYYY-MM-DD"},
    "renew.reason.id_country": {
        "sv": "id_country: ska vara SE, NO, DK eller FI",
        "en": "id_country: must be SE, NO, DK or FI"},
    "renew.reason.id": {
        "sv": "id: inte ett giltigt identitetsnummer för radens land (id_country, annars "
              "{country}) på förnyelsedagen; kontrollera siffrorna",
        "en": "id: not a valid identity number of the row's country (id_country, else "
              "{country}) on the renewal date; check the digits"},
    "renew.reason.birth_after_renewal": {
        "sv": "birth_date: efter förnyelsedagen",
        "en": "birth_date: after the renewal date"},
    "renew.reason.age": {
        "sv": "{field}: ger en ålder över {limit} år på förnyelsedagen; kontrollera årtalet",
        "en": "{field}: gives an age over {limit} years on the renewal date; check the year"},
    "renew.reason.before_tariff": {
        "sv": "renewal_date: före första tariffen ({tariff}, från {start})",
        "en": "renewal_date: before any tariff is in force (the first, {tariff}, starts "
              "{start})"},
    "renew.reason.current_premium": {
        "sv": "current_premium: inte ett belopp mellan 0 och {limit} kr",
        "en": "current_premium: not an amount from 0 to {limit} kronor"},
    "renew.reason.deductible": {
        "sv": "deductible: inte ett helt antal kronor mellan 0 och {limit}",
        "en": "deductible: not a whole number of kronor from 0 to {limit}"},
    "renew.reason.smoker": {
        "sv": "smoker: inte true/false, 1/0, yes/no eller ja/nej",
        "en": "smoker: not true/false, 1/0, yes/no or ja/nej"},
    "renew.reason.loading_pct": {
        "sv": "loading_pct: inte ett tal mellan 0 och {limit}",
        "en": "loading_pct: not a number from 0 to {limit}"},
    "renew.reason.engine": {"sv": "{field}: {detail}", "en": "{field}: {detail}"},
    "renew.reason.kpi_missing": {"sv": "{detail}", "en": "{detail}"},
    # --- the command -------------------------------------------------------------------
    "renew.none_priced": {
        "sv": "Ingen rad kunde prissättas: alla {rows} rader avvisades ({reasons}); {first}",
        "en": "No row could be priced: all {rows} rows were rejected ({reasons}); {first}"},
}
