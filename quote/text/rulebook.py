"""`quote rulebook test`."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "rulebook.summary": {"sv": "{scenarios} i {files}: {passed} godkända, {failed} underkända",
                         "en": "{scenarios} in {files}: {passed} passed, {failed} failed"},
    "rulebook.scenarios.one": {"sv": "{n} scenario", "en": "{n} scenario"},
    "rulebook.scenarios.other": {"sv": "{n} scenarier", "en": "{n} scenarios"},
    "rulebook.no_scenarios": {
        "sv": "{rulebook}: inga scenariofiler angivna och ingen katalog {directory}/ bredvid",
        "en": "{rulebook}: no scenario files given and no {directory}/ directory beside it"},
    "rulebook.scenario_missing": {"sv": "{path}: scenariofilen finns inte",
                                  "en": "{path}: scenario file not found"},
}
