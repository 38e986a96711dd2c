"""`quote renew` and the summary shared with `quote tariff impact`."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "renew.title": {"sv": "Förnyelse: {book} → {output} (avvisade: {rejects})",
                    "en": "Renewal: {book} → {output} (rejected: {rejects})"},
    "renew.before": {"sv": "före", "en": "before"},
    "renew.after": {"sv": "efter", "en": "after"},
    "renew.pricing": {"sv": "Prissätter", "en": "Pricing"},
    "renew.rows_done": {"sv": "{n} rader", "en": "{n} rows"},
    "renew.rows": {"sv": "Rader in {rows_in} · ut {rows_out} · avvisade {rejected}",
                   "en": "Rows in {rows_in} · out {rows_out} · rejected {rejected}"},
    "renew.rejected_by_reason": {"sv": "Avvisade per orsak: {reasons}",
                                 "en": "Rejected by reason: {reasons}"},
    "renew.total": {
        "sv": "Premiesumma per månad ({rows}): {before_label} {before} → {after_label} "
              "{after} ({change})",
        "en": "Monthly premium total ({rows}): {before_label} {before} → {after_label} "
              "{after} ({change})"},
    "renew.n_rows.one": {"sv": "{n} rad", "en": "{n} row"},
    "renew.n_rows.other": {"sv": "{n} rader", "en": "{n} rows"},
    "renew.bands": {"sv": "Förändring per försäkring", "en": "Change per policy"},
    "renew.column.change": {"sv": "Förändring", "en": "Change"},
    "renew.column.count": {"sv": "Antal", "en": "Policies"},
    "renew.band.below 0 %": {"sv": "under 0 %", "en": "below 0 %"},
    "renew.band.0-2 %": {"sv": "0–2 %", "en": "0–2 %"},
    "renew.band.2-5 %": {"sv": "2–5 %", "en": "2–5 %"},
    "renew.band.5-10 %": {"sv": "5–10 %", "en": "5–10 %"},
    "renew.band.10-20 %": {"sv": "10–20 %", "en": "10–20 %"},
    "renew.band.20 % and over": {"sv": "20 % och mer", "en": "20 % and over"},
    "renew.total_all": {"sv": "Ny premiesumma per månad, alla prissatta rader: {amount}",
                        "en": "New monthly premium total, all priced rows: {amount}"},
    "renew.moved": {"sv": "Bytt åldersintervall: {n}", "en": "Moved to another age bracket: {n}"},
}
