"""Pricing: each distinct key (tariff version, year, age bracket, product, självrisk,
smoker, loading) priced once by :func:`quote.pricing.price`, the engine behind `quote
price`, and joined back onto the rows. A million rows cost a few hundred engine calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.dates import MAX_AGE
from quote.errors import InputError, KpiMissingError
from quote.indexation import KpiSeries
from quote.money import plain
from quote.pricing import PriceRequest, price
from quote.renewal.columns import Tuples
from quote.renewal.reasons import (
    DEDUCTIBLE_MAX,
    LOADING_MAX,
    REASONS,
    Context,
    Reason,
    engine_reason,
)
from quote.tariff import Tariff

TRUE = {"true", "1", "yes", "ja", "y", "j", "t"}
FALSE = {"false", "0", "no", "nej", "n", "f"}

Key = tuple[int, int, int, str, str, str, str]

# Reasons a key is refused that never depend on its age (quote.pricing.check_request reads
# the product, date, självrisk, loading, referral and frequency, none with the age; the
# texts here are parsed before the engine is asked).
AGE_BLIND = frozenset({"deductible", "smoker", "loading_pct", "engine.product",
                       "engine.deductible", "engine.loading_pct", "engine.on",
                       "engine.referral", "engine.frequency", "kpi_missing"})


@dataclass(frozen=True)
class Priced:
    """One distinct key priced: the engine's figures, or the reason it cannot be."""

    reason: Reason | None
    message: str | None
    bracket: str | None = None
    index_factor: str | None = None
    new_premium: str | None = None
    new_ore: int | None = None
    tariff_id: str | None = None


def parse_bool(text: str) -> bool | None:
    value = text.strip().lower()
    return True if value in TRUE else False if value in FALSE else None


def number(text: str, limit: Decimal) -> Decimal | None:
    """A plain decimal number with at most ``limit`` in size (None if not one)."""
    stripped = text.strip()
    if len(stripped) > 40:  # 5 000 digits are not a loading
        return None
    try:
        value = Decimal(stripped)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) <= limit else None


class Pricer:
    """Prices distinct keys with one set of tariff versions, caching each result."""

    def __init__(self, versions: list[Tariff], kpi_of: Callable[[Tariff], KpiSeries]) -> None:
        self.versions = sorted(versions, key=lambda t: t.effective_from)
        self.kpis = [kpi_of(t) for t in self.versions]
        self.cache: dict[Key, Priced] = {}
        self._brackets: tuple[int, pl.Series, pl.Series] | None = None

    @property
    def first(self) -> Tariff:
        return self.versions[0]

    def version_index(self, renewal: pl.Expr) -> pl.Expr:
        """Index of the version in force on each date, a YYYYMMDD integer (null before
        the first)."""
        expr: pl.Expr = pl.lit(None, dtype=pl.Int16)
        for i, tariff in enumerate(self.versions):
            start = tariff.effective_from
            expr = pl.when(renewal >= start.year * 10000 + start.month * 100 + start.day).then(
                pl.lit(i, dtype=pl.Int16)).otherwise(expr)
        return expr

    def bracket_columns(self, idx: pl.Expr, age: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        """(position of the bracket in its version's list, the bracket's lowest age) of
        each row's age under version ``idx``, column-wise: two lookups in flat arrays with
        one entry per version and age (every age past the last bracket's start is in it,
        as the last bracket is open)."""
        if self._brackets is None:
            stride, positions, lows = self.bracket_table()
            self._brackets = (stride, pl.Series(positions, dtype=pl.Int16),
                              pl.Series(lows, dtype=pl.Int64))
        stride, position, low = self._brackets
        at = idx.cast(pl.Int64) * stride + age.clip(0, stride - 1)
        return pl.lit(position).gather(at), pl.lit(low).gather(at)

    def bracket_table(self) -> tuple[int, list[int], list[int]]:
        """(stride, positions, lows): the bracket of every age under every version, as its
        position in the version's list and its lowest age, at ``version * stride + age``
        (``stride``: the last bracket's start + 1; every older age is in that bracket)."""
        stride = max(v.brackets[-1].low for v in self.versions) + 1
        positions: list[int] = []
        lows: list[int] = []
        for tariff in self.versions:
            brackets = tariff.brackets
            for a in range(stride):
                bracket = tariff.bracket_for(a)
                positions.append(brackets.index(bracket))
                lows.append(bracket.low)
        return stride, positions, lows

    def price_bracket(self, key: Key, context: Context) -> Priced:
        """A key (version, year, the bracket's lowest age, product, självrisk, smoker,
        loading) priced. The premium depends on the age only through its bracket: the
        engine is called once per bracket, its lowest age standing for every age in it."""
        result = self.cache.get(key)
        if result is None:
            result = self._price(context, *key)
            self.cache[key] = result
        return result

    def price_brackets(self, idx: int, year: int, texts: tuple[str, str, str, str],
                       context: Context) -> list[Priced]:
        """Every bracket of version ``idx`` priced for one set of pricing texts (product,
        självrisk, smoker, loading), in the version's order.

        When the lowest bracket cannot be priced for a reason that is not the age (an
        unknown product, a självrisk not offered, a smoker or loading that is no answer,
        a date before the tariff, a missing KPI figure), no other bracket can, for the same
        reason and message: those checks come before any amount and read no age. The other
        brackets (of ages the engine takes) then get that answer without asking the engine
        again. tests/test_renewal_lookup.py holds this to pricing each bracket."""
        brackets = self.versions[idx].brackets
        first = self.price_bracket((idx, year, brackets[0].low, *texts), context)
        if first.reason is None or first.reason.id not in AGE_BLIND:
            return [first, *(self.price_bracket((idx, year, b.low, *texts), context)
                             for b in brackets[1:])]
        answers = [first]
        for bracket in brackets[1:]:
            key = (idx, year, bracket.low, *texts)
            if 0 <= bracket.low <= MAX_AGE:  # an age the engine's own checks let through
                self.cache.setdefault(key, first)
                answers.append(self.cache[key])
            else:
                answers.append(self.price_bracket(key, context))
        return answers

    def _price(self, context: Context, idx: int, year: int, age: int, product: str,
               deductible: str, smoker: str, loading: str) -> Priced:
        """One request priced by the engine, or the reason it cannot be."""
        tariff, kpi = self.versions[idx], self.kpis[idx]

        def rejected(reason: Reason, **detail: str) -> Priced:
            return Priced(reason, reason.message(context, **detail))

        ded = number(deductible, Decimal(DEDUCTIBLE_MAX))
        if ded is None or ded < 0 or ded != ded.to_integral_value():
            return rejected(REASONS["deductible"])
        is_smoker = parse_bool(smoker)
        if is_smoker is None:
            return rejected(REASONS["smoker"])
        load = number(loading, LOADING_MAX) if loading.strip() else Decimal(0)
        if load is None:
            return rejected(REASONS["loading_pct"])
        on = max(date(year, 1, 1), tariff.effective_from)  # same version, same KPI year
        request = PriceRequest(product=product.strip().lower(), age=age, on=on,
                               deductible=int(ded), smoker=is_smoker, loading_pct=load)
        try:
            b = price(tariff, kpi, request)
        except InputError as exc:
            return rejected(engine_reason(exc.field), field=exc.field, detail=exc.message)
        except KpiMissingError as exc:
            return rejected(REASONS["kpi_missing"], detail=str(exc))
        return Priced(None, None, bracket=b.bracket.label,
                      index_factor=f"{b.index_factor:.6f}", new_premium=plain(b.monthly_premium),
                      new_ore=int(b.monthly_premium * 100), tariff_id=tariff.id)


def lookup_frame(pricer: Pricer, keys: pl.DataFrame, tag: str, context: Context,
                 tuples: Tuples) -> pl.DataFrame:
    """Each distinct key (a tuple ``__t`` and a bracket ``{tag}b``) priced once by the
    engine, as a frame to join on those two columns."""
    rows = []
    for t, position in keys.select("__t", f"{tag}b").iter_rows():
        idx, year, *texts = tuples.pricing(t)
        assert idx is not None and year is not None  # keys come from rows that passed checks
        low = pricer.versions[idx].brackets[position].low
        rows.append(pricer.price_bracket((idx, year, low, *texts), context))
    return keys.select("__t", f"{tag}b").with_columns(
        pl.Series(f"{tag}reason", [p.reason.id if p.reason else None for p in rows],
                  dtype=pl.String),
        pl.Series(f"{tag}message", [p.message for p in rows], dtype=pl.String),
        pl.Series(f"{tag}bracket", [p.bracket for p in rows], dtype=pl.String),
        pl.Series(f"{tag}factor", [p.index_factor for p in rows], dtype=pl.String),
        pl.Series(f"{tag}premium", [p.new_premium for p in rows], dtype=pl.String),
        pl.Series(f"{tag}ore", [p.new_ore for p in rows], dtype=pl.Int64),
        pl.Series(f"{tag}tariff", [p.tariff_id for p in rows], dtype=pl.String),
    )


class Lookup:
    """The priced keys seen so far, grown chunk by chunk: only new keys reach Python."""

    def __init__(self, pricer: Pricer, tag: str, context: Context, tuples: Tuples) -> None:
        self.pricer, self.tag, self.context, self.tuples = pricer, tag, context, tuples
        self.table: pl.DataFrame | None = None
        self.lock = threading.Lock()

    def covering(self, keys: pl.DataFrame) -> pl.DataFrame:
        """The table, grown by the ``keys`` (distinct ``__t`` and bracket) not yet in it."""
        with self.lock:
            if self.table is None:  # the first chunk: even no keys give the table columns
                self.table = lookup_frame(self.pricer, keys, self.tag, self.context,
                                          self.tuples)
            else:
                new = keys.join(self.table, on=["__t", f"{self.tag}b"], how="anti")
                if new.height:
                    self.table = pl.concat([self.table, lookup_frame(
                        self.pricer, new, self.tag, self.context, self.tuples)])
            return self.table

    def bracket(self) -> list[pl.Expr]:
        """``{tag}b`` (the row's bracket, by its position in the version's list) and
        ``{tag}moved`` (the row's age is the first of its bracket: a move up this year)."""
        position, low = self.pricer.bracket_columns(pl.col("__idx"), pl.col("age"))
        return [position.alias(f"{self.tag}b"),
                ((pl.col("age") > 0) & (pl.col("age") == low)).alias(f"{self.tag}moved")]


def price_rows(df: pl.DataFrame, lookups: list[Lookup]) -> pl.DataFrame:
    """Join each pricer's results onto derived rows; ``__ok`` marks the priced ones."""
    df = df.with_columns(e for lookup in lookups for e in lookup.bracket())
    ok = pl.col("__check").is_null()
    checked = df.select("__t", *(f"{lookup.tag}b" for lookup in lookups), "__check").filter(ok)
    for lookup in lookups:
        b = f"{lookup.tag}b"
        keys = checked.select("__t", b).unique()
        df = df.join(lookup.covering(keys), on=["__t", b], how="left", maintain_order="left")
        ok = ok & pl.col(f"{lookup.tag}reason").is_null()
    return df.with_columns(ok.alias("__ok"))
