"""Parsing a frame of text column-wise: dates, ages, identity numbers, numbers written the
Swedish way, the tariff version in force, the pricing key and the row check.

Everything here is a polars expression over a whole frame; the only per-row Python is
for identity numbers that are not Swedish (or not valid): a Swedish personnummer or
samordningsnummer is read column-wise, with exactly the rules of
:func:`quote.identity.parse_identity` (a property test holds the two together).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from quote.errors import InputError
from quote.identity import COUNTRIES, parse_identity
from quote.renewal.reasons import CURRENT_PREMIUM_MAX, Context, row_check
from quote.spreadsheet import plain_number

KEY = ("__idx", "__year", "age", "__product", "__deductible", "__smoker", "__loading")
DEFAULT_ID_COUNTRY = "SE"  # a book's identity numbers are read as Swedish when they fit


def text(context: Context, column: str) -> pl.Expr:
    return pl.col(column).fill_null("") if context.has(column) else pl.lit("")


def number_text(expr: pl.Expr) -> pl.Expr:
    """A number as written in a Swedish book (``1 213,00``, ``1213,00``, a non-breaking
    space between thousands) -> the plain form ``1213.00``; other text is left to fail.
    (The same as :func:`quote.spreadsheet.plain_number`, skipped where there is nothing
    to change: most books have plain numbers.)"""
    return pl.when(expr.str.contains(r"[\s,]")).then(plain_number(expr)).otherwise(expr)


def iso_date(expr: pl.Expr) -> pl.Expr:
    return expr.str.strip_chars().str.strptime(pl.Date, "%Y-%m-%d", strict=False)


def day_number(day: pl.Expr) -> pl.Expr:
    """A date as the integer YYYYMMDD (how dates travel through a frame here: compared,
    subtracted and divided without calendar work)."""
    return (day.dt.year().cast(pl.Int32) * 10000 + day.dt.month().cast(pl.Int32) * 100
            + day.dt.day().cast(pl.Int32))


def iso_day_numbers(values: pl.Series) -> pl.Series:
    """A column of YYYY-MM-DD text as YYYYMMDD integers (null where not a date). Each
    distinct text is parsed once: a book has few renewal dates and birthdays repeat."""
    distinct = values.unique()
    parsed = pl.select(day_number(iso_date(pl.lit(distinct))).alias("d")).get_column("d")
    return values.replace_strict(distinct, parsed, default=None, return_dtype=pl.Int32)


def age(birth: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Whole years from ``birth`` to ``on``, both YYYYMMDD integers: (on − birth) // 10000
    is the years less one before the birthday (a 29 February birthday falls on 1 March)."""
    return (on - birth) // 10000


def as_date(day: pl.Expr) -> pl.Expr:
    """A YYYYMMDD integer back as a date."""
    return pl.date(day // 10000, day // 100 % 100, day % 100)


# --- identity numbers ---------------------------------------------------------------------

_SWEDISH = r"^([0-9]{2})?([0-9]{6})([-+]?)([0-9]{4})$"


def swedish_birth(frame: pl.DataFrame, number: str, on: str) -> pl.Series:
    """The birth dates of Swedish personnummer or samordningsnummer in column ``number``
    on the dates in column ``on``, column-wise; null where a number is not one (then
    :func:`parse_identity` has the last word). In steps: each intermediate column is
    computed once (an eager frame does not share subexpressions)."""
    parts = frame.select(pl.col(number).str.replace_all(r"\s", "").str.extract_groups(
        _SWEDISH).alias("p"), pl.col(on).alias("on")).unnest("p")
    parts.columns = ["century", "body", "sign", "serial", "on"]
    parts = parts.with_columns((pl.col("body") + pl.col("serial")).alias("digits"))
    parts = parts.with_columns(
        pl.col("digits").str.slice(i, 1).cast(pl.Int32).alias(f"d{i}") for i in range(10))
    luhn = pl.sum_horizontal(
        *((pl.col(f"d{i}") * 2) // 10 + (pl.col(f"d{i}") * 2) % 10 if i % 2 == 0
          else pl.col(f"d{i}") for i in range(10)))
    century, sign = pl.col("century"), pl.col("sign")
    yy = pl.col("d0") * 10 + pl.col("d1")
    mm = pl.col("d2") * 10 + pl.col("d3")
    dd = pl.col("d4") * 10 + pl.col("d5")
    day = pl.when(dd > 60).then(dd - 60).otherwise(dd)
    on_year = pl.col("on").dt.year().cast(pl.Int32)
    year = (pl.when(century.is_not_null()).then(century.cast(pl.Int32) * 100 + yy)
            .otherwise(on_year - (on_year - yy) % 100
                       - pl.when(sign == "+").then(100).otherwise(0)))
    parts = parts.with_columns(
        pl.concat_str([year.cast(pl.String).str.zfill(4), mm.cast(pl.String).str.zfill(2),
                       day.cast(pl.String).str.zfill(2)]).str.to_date("%Y%m%d", strict=False)
        .alias("born"), (luhn % 10 == 0).alias("luhn"))
    ok = (pl.col("luhn") & ~(century.is_not_null() & (sign == "+"))
          & (pl.col("born") <= pl.col("on")))
    return parts.select(pl.when(ok).then(pl.col("born")).alias("__birth")).get_column("__birth")


def country_column(context: Context, id_country: str | None, default: str) -> pl.Expr:
    """Each row's id country: its ``id_country`` field, else ``--id-country``, else the
    default country (a setting, Swedish): a Swedish book reads Swedish numbers."""
    given = pl.lit((id_country or default).upper(), dtype=pl.String)
    if not context.has("id_country"):
        return given
    own = pl.col("id_country").str.strip_chars().str.to_uppercase()
    return pl.when(own.is_not_null() & (own != "")).then(own).otherwise(given)


def birth_from_ids(frame: pl.DataFrame, prefer: str) -> pl.Series:
    """``__birth`` for an id book, each number read as its row's country says, exactly as
    :func:`parse_identity` reads it (``prefer``: as `quote eligibility` passes the
    residence). Swedish numbers column-wise; the rest (another country, or not a valid
    Swedish number, to be sure) row by row."""
    country, number, on = pl.col("__id_country"), pl.col("id"), pl.col("__renewal_date")
    swedish = swedish_birth(frame, "id", "__renewal_date")
    fast = frame.select(pl.when(country == "SE").then(pl.lit(swedish)).alias("__birth")
                        ).get_column("__birth")
    slow = frame.with_columns(fast).with_row_index("__i").filter(
        pl.col("__birth").is_null() & number.is_not_null() & on.is_not_null()
        & country.is_in(list(COUNTRIES)))
    if not slow.height:
        return fast
    found: list[date | None] = []
    for text, when, given in slow.select("id", "__renewal_date", "__id_country").iter_rows():
        try:
            found.append(parse_identity(text, when, given, prefer=prefer).birth_date)
        except InputError:
            found.append(None)
    return fast.scatter(slow["__i"], pl.Series(found, dtype=pl.Date))


# --- the whole frame ------------------------------------------------------------------------

def derive(frame: pl.DataFrame, context: Context, on: date | None, version: pl.Expr,
           id_country: str | None = None, prefer: str = DEFAULT_ID_COUNTRY) -> pl.DataFrame:
    """Rows with dates (``__renewal``, ``__birth`` as YYYYMMDD), age, tariff version
    (``version``: an expression over ``__renewal``), the pricing key (``__k``) and
    ``__check`` (the id of the first reason that rejects the row, null when none does)."""
    if on is not None:
        renewal = pl.lit(on.year * 10000 + on.month * 100 + on.day, dtype=pl.Int32)
    else:
        renewal = pl.lit(iso_day_numbers(frame.get_column("renewal_date")))
    frame = frame.with_columns(renewal.alias("__renewal"))
    if context.id_path:
        frame = frame.with_columns(
            country_column(context, id_country, prefer).alias("__id_country"),
            as_date(pl.col("__renewal")).alias("__renewal_date"))
        frame = frame.with_columns(
            (~pl.col("__id_country").is_in(list(COUNTRIES))).alias("__id_country_bad"))
        frame = frame.with_columns(day_number(pl.lit(birth_from_ids(frame, prefer)))
                                   .alias("__birth"))
    else:
        frame = frame.with_columns(
            pl.lit(iso_day_numbers(frame.get_column("birth_date"))).alias("__birth"))
    r = pl.col("__renewal")
    columns = [
        age(pl.col("__birth"), r).alias("age"),
        version.alias("__idx"),
        (r // 10000).alias("__year"),
        text(context, "product").alias("__product"),
        number_text(text(context, "deductible")).alias("__deductible"),
        text(context, "smoker").alias("__smoker"),
        number_text(text(context, "loading_pct")).alias("__loading"),
    ]
    if context.has("current_premium"):
        current = number_text(pl.col("current_premium").fill_null(""))
        # Whole öre only: a third decimal (1068.005) is a bad number, never cut off.
        ore: pl.Expr = pl.when(current.str.contains(r"^-?\d{1,15}(\.\d{1,2})?$")).then(
            (current.cast(pl.Decimal(20, 2), strict=False) * 100).cast(pl.Int64, strict=False)
        ).otherwise(None)
        columns += [ore.alias("__current_ore"), (current != "").alias("__current_given")]
    else:
        columns.append(pl.lit(None, dtype=pl.Int64).alias("__current_ore"))
    frame = frame.with_columns(columns)
    if context.has("current_premium"):  # in whole öre: integer comparisons are cheap
        ore = pl.col("__current_ore")
        in_range = (ore >= 0) & (ore <= int(CURRENT_PREMIUM_MAX) * 100)
        frame = frame.with_columns(pl.when(in_range).then(ore).alias("__current_ore"),
                                   (pl.col("__current_given") & ~in_range.fill_null(False))
                                   .alias("__current_bad"))
    # the pricing key as one 64-bit hash of its parts (quote.renewal.lookup checks that
    # no two different keys ever share one)
    key = pl.struct(KEY).hash(seed=0)
    return frame.with_columns(row_check(context).alias("__check"), key.alias("__k"))
