"""`quote eligibility`: who may apply, and why not."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "eligibility.yes": {"sv": "[bold]Kan ansöka[/] ({who}{age} år, {on}).",
                        "en": "[bold]May apply[/] ({who}{age} years, {on})."},
    "eligibility.no": {"sv": "[bold]Kan inte ansöka[/] ({who}{age} år, {on}):",
                       "en": "[bold]May not apply[/] ({who}{age} years, {on}):"},
    "eligibility.collective_too_young": {
        "sv": "Gruppavtal tecknas från {min} år; den sökande är {age} år.",
        "en": "A collective agreement takes ages from {min}; the applicant is {age}."},
    "eligibility.collective_too_old": {
        "sv": "Gruppavtal tecknas till och med {max} år; den sökande är {age} år.",
        "en": "A collective agreement takes ages up to {max}; the applicant is {age}."},
    "eligibility.too_old": {
        "sv": "Ansökan ska ha kommit in senast dagen före {turns}-årsdagen ({deadline}); "
              "den kom in {received}.",
        "en": "The application must arrive no later than the day before the {turns}th "
              "birthday ({deadline}); it arrived {received}."},
    "eligibility.not_in_norden": {
        "sv": "Bosatt i {residence}: den försäkrade ska vara bosatt i Norden ({norden}; inte "
              "Island, Grönland, Färöarna eller Svalbard).",
        "en": "Resident in {residence}: the insured must live in Norden ({norden}; not "
              "Iceland, Greenland, the Faroe Islands or Svalbard)."},
    "eligibility.no_social_insurance": {
        "sv": "Den försäkrade ska vara ansluten till och ha rätt till ersättning från en "
              "försäkringskassa i Norden.",
        "en": "The insured must belong to, and be entitled to benefits from, a Nordic social "
              "insurance office (försäkringskassa)."},
    "eligibility.not_fit_for_work": {
        "sv": "Den försäkrade ska vara fullt arbetsför (för barn: fullt frisk utan pågående "
              "behandling).",
        "en": "The insured must be fully fit for work (for a child: fully healthy, with no "
              "ongoing treatment)."},
    "eligibility.bad_residence": {
        "sv": "{value!r} är ingen landskod enligt ISO 3166 (t.ex. SE, NO, DK, FI, AX)",
        "en": "{value!r} is not an ISO 3166 country code (e.g. SE, NO, DK, FI, AX)"},
    "eligibility.born_after": {
        "sv": "{born} är efter ansökningsdagen {received}",
        "en": "{born} is after the application date {received}"},
}
