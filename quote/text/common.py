"""Text shared by every command."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "common.error": {"sv": "Fel: {message}", "en": "Error: {message}"},
}
