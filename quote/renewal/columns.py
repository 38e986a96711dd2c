"""Parsing a frame of text column-wise: dates, ages, identity numbers, numbers written the
Swedish way, the tariff version in force, the pricing key and the row check.

Everything here is a polars expression over a whole frame; the only per-row Python is
for identity numbers that are not Swedish (or not valid): a Swedish personnummer or
samordningsnummer is read column-wise, with exactly the rules of
:func:`quote.identity.parse_identity` (a property test holds the two together).
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.errors import InputError
from quote.identity import COUNTRIES, parse_identity
from quote.renewal.reasons import CURRENT_PREMIUM_MAX, Context, row_check
from quote.spreadsheet import plain_number

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
    """A YYYY-MM-DD date (spaces around it allowed), null for anything else: the same
    rule as :func:`quote.dates.parse_date` for `quote price` (polars alone would also take
    ``1990-5-1``, ``+1990-05-01`` and five-digit years)."""
    return _stripped_iso_date(expr.str.strip_chars())


def _stripped_iso_date(text: pl.Expr) -> pl.Expr:
    return pl.when(text.str.contains(r"^\d{4}-\d{2}-\d{2}$")).then(
        text.str.to_date("%Y-%m-%d", strict=False))


def day_number(day: pl.Expr) -> pl.Expr:
    """A date as the integer YYYYMMDD (how dates travel through a frame here: compared,
    subtracted and divided without calendar work)."""
    return (day.dt.year().cast(pl.Int32) * 10000 + day.dt.month().cast(pl.Int32) * 100
            + day.dt.day().cast(pl.Int32))


def iso_day_numbers(values: pl.Series) -> pl.Series:
    """A column of YYYY-MM-DD text as YYYYMMDD integers (null where not a date)."""
    stripped = values.str.strip_chars()  # once: an eager select would strip it twice
    days = pl.select(_stripped_iso_date(pl.lit(stripped)).cast(pl.Int64)).to_series()
    return civil_day_numbers(days)


def civil_day_numbers(days: pl.Series) -> pl.Series:
    """Days since 1970-01-01 as YYYYMMDD integers, by integer arithmetic alone (H. Hinnant's
    ``civil_from_days``: the proleptic Gregorian calendar in 400-year eras, the year counted
    from March so that 29 February is the year's last day); three times quicker than
    asking a date column for its year, month and day."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097  # day of the era, 0..146096
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365  # year of the era
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)  # day of the year from 1 March
    mp = (5 * doy + 2) // 153  # month from March, 0..11
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 - 12 * (mp >= 10).cast(pl.Int64)
    year = yoe + era * 400 + (month <= 2).cast(pl.Int64)
    return (year * 10000 + month * 100 + day).cast(pl.Int32).rename(days.name)


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
#
# Most of a row's pricing fields come from a handful of columns with few distinct values in
# a book (the renewal date, product, självrisk, smoker, loading, id country): the row's
# *tuple*. Each distinct tuple is parsed once (see :class:`Tuples`) and joined back onto
# its rows by a 64-bit hash; per row remain only the birth date, the age, the current
# premium and the row check.

def tuple_columns(context: Context, on: date | None) -> list[str]:
    """The columns of a row's tuple (``renewal_date`` unless ``--on`` sets every row's)."""
    names = [c for c in ("renewal_date", "product", "deductible", "smoker", "loading_pct",
                         "id_country") if context.has(c)]
    return [c for c in names if not (c == "renewal_date" and on is not None)]


def tuple_fields(reps: pl.DataFrame, context: Context, on: date | None, version: pl.Expr,
                 id_country: str | None, prefer: str) -> pl.DataFrame:
    """Each distinct tuple (one representative row each) parsed: ``__renewal`` (YYYYMMDD),
    ``__idx`` (the tariff version in force), ``__year``, the pricing texts as the engine
    reads them (``__product``, ``__deductible``, ``__smoker``, ``__loading``), ``__sep``
    (a key text holds U+001F) and, for an id book, the id country and the renewal date."""
    if on is not None:
        renewal = pl.lit(on.year * 10000 + on.month * 100 + on.day, dtype=pl.Int32)
    else:
        renewal = day_number(iso_date(pl.col("renewal_date"))).cast(pl.Int32)
    fields = reps.with_columns(renewal.alias("__renewal"))
    r = pl.col("__renewal")
    fields = fields.with_columns(
        version.alias("__idx"), (r // 10000).alias("__year"),
        text(context, "product").alias("__product"),
        number_text(text(context, "deductible")).alias("__deductible"),
        text(context, "smoker").alias("__smoker"),
        number_text(text(context, "loading_pct")).alias("__loading"))
    # (U+001F once joined the pricing key's parts; it is still no text for a book)
    fields = fields.with_columns(pl.any_horizontal(
        pl.col(k).str.contains("\x1f", literal=True) for k in KEY_TEXT).alias("__sep"))
    if context.id_path:
        fields = fields.with_columns(
            country_column(context, id_country, prefer).alias("__id_country"),
            as_date(r).alias("__renewal_date"))
        fields = fields.with_columns(
            (~pl.col("__id_country").is_in(list(COUNTRIES))).alias("__id_country_bad"))
    return fields


KEY_TEXT = ("__product", "__deductible", "__smoker", "__loading")
PRICING = ("__idx", "__year", *KEY_TEXT)  # what a tuple gives the pricing of a key
# (version, year, product, självrisk, smoker, loading); the version and year are None for
# a tuple whose renewal date is unreadable or before the first version (its rows rejected)
Pricing = tuple[int | None, int | None, str, str, str, str]


class Tuples:
    """The distinct tuples of a run, grown frame by frame: each parsed once, the first time
    it is seen, and kept as (second hash, pricing fields) under its hash. Two different
    tuples with one hash (odds about 1 in 10^13 for a thousand tuples) would price a row
    by another's fields: a second, independent hash is compared on every row, so it is
    checked, never assumed."""

    def __init__(self) -> None:
        self.seen: dict[int, tuple[int, Pricing]] = {}
        self.lock = threading.Lock()

    def pricing(self, t: int) -> Pricing:
        """(version, year, product, självrisk, smoker, loading) of the tuple ``t``."""
        return self.seen[t][1]

    def record(self, fields: pl.DataFrame) -> None:
        with self.lock:
            for t, t2, idx, year, *texts in fields.select("__t", "__t2", *PRICING).iter_rows():
                known = self.seen.get(t)
                if known is None:
                    product, deductible, smoker, loading = texts
                    self.seen[t] = (t2, (idx, year, product, deductible, smoker, loading))
                elif known[0] != t2:
                    raise RuntimeError("two pricing keys share a hash; nothing was written")


def one_tuple_per_hash(frame: pl.DataFrame) -> None:
    """Every row's second hash is its tuple representative's (``__t2_seen``): else two
    different tuples share the first hash, and the run stops before writing anything."""
    if not frame.select((pl.col("__t2") == pl.col("__t2_seen")).all()).item():
        raise RuntimeError("two pricing keys share a hash; nothing was written")


def current_ore(values: pl.Series) -> pl.DataFrame:
    """``current_premium`` texts -> ``__current_ore`` (whole öre, null when absent, not a
    number or out of range) and ``__current_bad`` (given but unusable). Whole öre only: a
    third decimal (1068.005) is a bad number, never cut off."""
    current = number_text(pl.col("current_premium").fill_null(""))
    ore = pl.when(current.str.contains(r"^-?\d{1,15}(\.\d{1,2})?$")).then(
        (current.cast(pl.Decimal(20, 2), strict=False) * 100).cast(pl.Int64, strict=False))
    in_range = (ore >= 0) & (ore <= int(CURRENT_PREMIUM_MAX) * 100)
    return pl.DataFrame({"current_premium": values}).select(
        pl.when(in_range).then(ore).alias("__current_ore"),
        ((current != "") & ~in_range.fill_null(False)).alias("__current_bad"))


def current_columns(values: pl.Series) -> pl.DataFrame:
    """:func:`current_ore` of a whole column. Whole kronor written plainly (``1068``, the
    common case) are read at once; any other text (``1 068,50``, ``1068.5``, ``+5``) is
    read by :func:`current_ore`, each distinct text once."""
    whole = values.cast(pl.Int64, strict=False)
    plain = whole.is_not_null() & ~values.str.starts_with("+")  # (False & null is False)
    in_range = plain & (whole >= 0) & (whole <= int(CURRENT_PREMIUM_MAX))
    result = pl.DataFrame({"w": whole, "ok": in_range, "plain": plain}).select(
        pl.when(pl.col("ok")).then(pl.col("w") * 100).alias("__current_ore"),
        (pl.col("plain") & ~pl.col("ok")).alias("__current_bad"), "plain")
    other = (~result.get_column("plain") & values.is_not_null()).arg_true()
    if other.len():
        texts = values.gather(other)
        distinct = texts.unique()
        read = current_ore(distinct).with_columns(distinct.alias("current_premium"))
        found = pl.DataFrame({"current_premium": texts}).join(
            read, on="current_premium", how="left", maintain_order="left")
        result = result.with_columns(
            result.get_column(c).scatter(other, found.get_column(c))
            for c in ("__current_ore", "__current_bad"))
    return result.drop("plain")


def derive(frame: pl.DataFrame, context: Context, on: date | None, version: pl.Expr,
           tuples: Tuples, id_country: str | None = None,
           prefer: str = DEFAULT_ID_COUNTRY) -> pl.DataFrame:
    """Rows with their tuple's hash (``__t``) and fields (``__renewal``, ``__idx``, ``__sep``
    …), ``__birth`` (YYYYMMDD), ``age``, ``__current_ore`` and ``__check`` (the id of the
    first reason that rejects the row, null when none does); ``version`` is an expression
    over ``__renewal``. The tuples are recorded in ``tuples`` for the pricing."""
    small = tuple_columns(context, on)
    frame = frame.with_columns(pl.struct(small).hash(seed=0).alias("__t"),
                               pl.struct(small).hash(seed=1).alias("__t2"))
    reps = frame.unique(subset="__t", keep="first").select("__t", "__t2", *small)
    fields = tuple_fields(reps, context, on, version, id_country, prefer)
    tuples.record(fields)
    joined = ["__renewal", "__idx", "__sep"]
    if context.id_path:
        joined += ["__id_country", "__id_country_bad", "__renewal_date"]
    frame = frame.join(fields.select("__t", pl.col("__t2").alias("__t2_seen"), *joined),
                       on="__t", how="left", maintain_order="left")
    one_tuple_per_hash(frame)
    if context.id_path:
        born = birth_from_ids(frame, prefer).cast(pl.Int64)  # days since 1970-01-01
        frame = frame.with_columns(pl.lit(civil_day_numbers(born)).alias("__birth"))
    else:
        frame = frame.with_columns(
            pl.lit(iso_day_numbers(frame.get_column("birth_date"))).alias("__birth"))
    if context.has("current_premium"):
        frame = frame.with_columns(current_columns(frame.get_column("current_premium")))
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("__current_ore"))
    frame = frame.with_columns(age(pl.col("__birth"), pl.col("__renewal")).alias("age"))
    return frame.with_columns(row_check(context).alias("__check"))
