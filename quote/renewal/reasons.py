"""Every reason a row is rejected, in one registry: its code, its message and its check.

A row is rejected for the first reason in :data:`REASONS` whose check holds (the reader's
flags first, then the row checks, then the pricing engine's answer). Each check names
only its own fault (a missing renewal date is not also "before the tariff"). Rows carry
the reason's ``id`` (a string, never a position), so reordering the registry changes
which reason wins for a row with two faults but can never relabel one reason as another.

Codes are stable English words for scripts (several entries may share one, e.g.
``bad_number`` for three fields); messages come from :mod:`quote.text.renew` in the
current language and name the field, never the value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.dates import MAX_AGE
from quote.i18n import t

CURRENT_PREMIUM_MAX = Decimal(1_000_000)  # kronor a month: more is a typo or a unit error
DEDUCTIBLE_MAX = 100_000  # kronor
LOADING_MAX = Decimal(1_000)  # per cent


@dataclass(frozen=True)
class Context:
    """What the checks and messages of one run depend on."""

    columns: tuple[str, ...]
    first_tariff: str
    first_start: date
    encoding: str = "utf-8"
    id_country: str | None = None  # --id-country (else the default), for messages

    def has(self, column: str) -> bool:
        return column in self.columns

    @property
    def id_path(self) -> bool:
        """Birth dates come from identity numbers (the book has ``id``, no ``birth_date``)."""
        return not self.has("birth_date") and self.has("id")


Check = Callable[[Context], "pl.Expr | None"]


@dataclass(frozen=True)
class Reason:
    """One reason: ``id`` unique in the registry, ``code`` written to the rejects file,
    ``text`` the catalog key of its message, ``check`` (row checks only) the condition
    that rejects a row, or None where the check does not apply to this book."""

    id: str
    code: str
    text: str
    check: Check | None = field(default=None, compare=False)

    def message(self, context: Context, **detail: str) -> str:
        values: dict[str, object] = {
            "columns": len(context.columns), "encoding": _encoding_name(context),
            "tariff": context.first_tariff, "start": context.first_start.isoformat(),
            "country": context.id_country or "SE", "limit": _LIMITS.get(self.id, 0),
            "field": "id" if context.id_path else "birth_date",
            **detail}
        return t(self.text, None, **values)


_LIMITS: dict[str, int | Decimal] = {"current_premium": CURRENT_PREMIUM_MAX,
                                     "deductible": DEDUCTIBLE_MAX, "loading_pct": LOADING_MAX,
                                     "age": MAX_AGE}


def _encoding_name(context: Context) -> str:
    return {"utf-8": "UTF-8", "ascii": "UTF-8", "cp1252": "Windows-1252"}.get(context.encoding,
                                                             context.encoding)


def _flag(reason_id: str) -> Check:
    """A reading reason: the reader flagged the record with this id."""
    return lambda _c: pl.col("__read") == reason_id


def _when(column: str, condition: Callable[[], pl.Expr]) -> Check:
    return lambda c: condition() if c.has(column) else None


_ALL = [
    # read by quote.renewal.reading: the record itself is malformed
    Reason("bad_encoding", "bad_encoding", "renew.reason.bad_encoding", _flag("bad_encoding")),
    Reason("bad_quoting", "bad_quoting", "renew.reason.bad_quoting", _flag("bad_quoting")),
    Reason("too_few_fields", "too_few_fields", "renew.reason.too_few_fields",
           _flag("too_few_fields")),
    Reason("too_many_fields", "too_many_fields", "renew.reason.too_many_fields",
           _flag("too_many_fields")),
    Reason("nul", "bad_text", "renew.reason.nul", _flag("nul")),
    # row checks, column-wise (quote.renewal.columns derives the __ columns)
    Reason("renewal_date", "bad_date", "renew.reason.renewal_date",
           lambda _c: pl.col("__renewal").is_null()),
    Reason("birth_date", "bad_date", "renew.reason.birth_date",
           _when("birth_date", lambda: pl.col("__birth").is_null())),
    Reason("id_country", "bad_id_country", "renew.reason.id_country",
           lambda c: pl.col("__id_country_bad") if c.id_path else None),
    Reason("id", "bad_id", "renew.reason.id",
           lambda c: (pl.col("__birth").is_null() & pl.col("__renewal").is_not_null()
                      & ~pl.col("__id_country_bad")) if c.id_path else None),
    Reason("birth_after_renewal", "birth_after_renewal", "renew.reason.birth_after_renewal",
           lambda _c: pl.col("__birth") > pl.col("__renewal")),
    Reason("age", "bad_age", "renew.reason.age", lambda _c: pl.col("age") > MAX_AGE),
    Reason("before_tariff", "before_tariff", "renew.reason.before_tariff",
           lambda _c: pl.col("__idx").is_null() & pl.col("__renewal").is_not_null()),
    Reason("current_premium", "bad_number", "renew.reason.current_premium",
           _when("current_premium", lambda: pl.col("__current_bad"))),
    # a pricing text holding U+001F (quote.renewal.columns.tuple_fields)
    Reason("separator", "bad_text", "renew.reason.separator", lambda _c: pl.col("__sep")),
    # the pricing step (quote.renewal.lookup), once per distinct key
    Reason("deductible", "bad_number", "renew.reason.deductible"),
    Reason("smoker", "bad_boolean", "renew.reason.smoker"),
    Reason("loading_pct", "bad_number", "renew.reason.loading_pct"),
    # the engine's own InputError, by its field (quote.pricing.price)
    Reason("engine.product", "unknown_product", "renew.reason.engine"),
    Reason("engine.deductible", "deductible_not_offered", "renew.reason.engine"),
    Reason("engine.loading_pct", "negative_loading", "renew.reason.engine"),
    Reason("engine.on", "before_tariff", "renew.reason.engine"),
    Reason("engine.age", "bad_age", "renew.reason.engine"),
    Reason("engine.referral", "referral", "renew.reason.engine"),
    Reason("engine.frequency", "frequency", "renew.reason.engine"),
    Reason("engine", "not_priced", "renew.reason.engine"),
    Reason("kpi_missing", "kpi_missing", "renew.reason.kpi_missing"),
]

REASONS: dict[str, Reason] = {reason.id: reason for reason in _ALL}
assert len(REASONS) == len(_ALL), "two reasons share an id"


def engine_reason(engine_field: str) -> Reason:
    """The registry entry for the engine's InputError on ``engine_field``."""
    return REASONS.get(f"engine.{engine_field}", REASONS["engine"])


def row_check(context: Context) -> pl.Expr:
    """The id of the first reason (reading or row check) that rejects the row, or null."""
    expr: pl.Expr | None = None
    for reason in reversed(_ALL):
        condition = reason.check(context) if reason.check is not None else None
        if condition is None:
            continue
        then = pl.lit(reason.id, dtype=pl.String)
        expr = (pl.when(condition).then(then) if expr is None
                else pl.when(condition).then(then).otherwise(expr))
    return expr if expr is not None else pl.lit(None, dtype=pl.String)


def codes() -> dict[str, str]:
    """Reason id -> code, for turning a column of ids into codes."""
    return {reason.id: reason.code for reason in _ALL}


def messages(context: Context) -> dict[str, str]:
    """Reason id -> message, for the reasons whose message is the same for every row."""
    return {reason.id: reason.message(context) for reason in _ALL
            if reason.check is not None}
