"""Message catalogs: one module per area, each defining ``MESSAGES = {key: {"sv": ..., "en":
...}}``. :mod:`quote.i18n` loads them all; keys are dotted, starting with the area
(``price.title``, ``renew.summary.rows``) so two areas never clash."""
