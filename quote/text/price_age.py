"""Text `quote price` adds for ages past the last day new applications are taken."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "price.renewal_only": {
        "sv": "Obs: nya ansökningar tas emot senast dagen före {turns}-årsdagen; priset för "
              "{age} år gäller förnyelse av en befintlig försäkring.",
        "en": "Note: new applications are taken up to the day before the {turns}th birthday; "
              "the price at {age} is for renewing an existing policy."},
}
