"""Text of decisions, the application result and the interview's answers."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "uw.yes": {"sv": "ja", "en": "yes"},
    "uw.no": {"sv": "nej", "en": "no"},
    "uw.smoker": {"sv": "Rökartillägg enligt tariffen",
                  "en": "The tariff's smoker loading applies"},
    "uw.unmatched": {"sv": "Inget regelfall täcker svaret; en riskbedömare ser på det",
                     "en": "No rule covers this answer; an underwriter looks"},
    "uw.not_covered": {
        "sv": "{product} omfattar inte detta ({moment}); inget förbehåll behövs",
        "en": "{product} does not cover this ({moment}); no exclusion is needed"},
    "uw.karens_mode": {
        "sv": "Försäkringen tecknas med karens, utan hälsodeklaration",
        "en": "The insurance is taken out with karens, without a health declaration"},
    "uw.karens_clear": {
        "sv": "karens skulle inte längre hindra ersättning från {day} (räknat från {dates})",
        "en": "karens would no longer bar a claim from {day} (counted from {dates})"},
    "uw.karens_ongoing": {
        "sv": "karens hindrar ersättning så länge behandling eller kontroll pågår",
        "en": "karens bars a claim while treatment or check-ups go on"},
    "uw.date.symptoms": {"sv": "symtom", "en": "symptoms"},
    "uw.date.check_up": {"sv": "kontroll", "en": "check-up"},
    "uw.date.medication": {"sv": "medicinering", "en": "medication"},
    "uw.date.treatment": {"sv": "behandling", "en": "treatment"},
}
