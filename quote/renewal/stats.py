"""The summary of a run: rows in, out and rejected by reason, premium sums before and after,
change bands, and the figures of the report (by age, by product and självrisk).

Each chunk gives its figures as small frames (:func:`chunk_stats`); :class:`Summary`
adds them up in whole öre, so the totals are exact however the book is cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl
else:
    from quote._polars import polars as pl

from quote.money import plain
from quote.renewal.columns import Tuples

BANDS = ("below 0 %", "0-2 %", "2-5 %", "5-10 %", "10-20 %", "20 % and over")
BAND_EDGES = (0, 200, 500, 1000, 2000)  # in hundredths of a per cent

# The figures kept per age and per (product, självrisk): rows priced, rows with a premium
# before, the sums before and after over those, and the sum after over every priced row.
GROUP_FIGURES = ("rows", "with_current", "before", "after", "after_all")


def change_hundredths(new: pl.Expr, old: pl.Expr) -> pl.Expr:
    """(new - old) / old in hundredths of a per cent, rounded half-up (away from zero)."""
    diff = new - old
    magnitude = (diff.abs() * 20000 + old) // (old * 2)
    return pl.when(old > 0).then(pl.when(diff < 0).then(-magnitude).otherwise(magnitude))


def _bands(change: pl.Expr) -> list[pl.Expr]:
    """One count per band of the change (hundredths of a per cent)."""
    bounds = [None, *BAND_EDGES, None]
    counts = []
    for name, low, high in zip(BANDS, bounds[:-1], bounds[1:], strict=True):
        condition = change.is_not_null()
        if low is not None:
            condition = condition & (change >= low)
        if high is not None:
            condition = condition & (change < high)
        counts.append(condition.sum().alias(name))
    return counts


def _group_figures(before: pl.Expr, after: pl.Expr) -> list[pl.Expr]:
    ok = pl.col("__ok")
    both = ok & before.is_not_null()
    return [ok.sum().alias("rows"), both.sum().alias("with_current"),
            pl.when(both).then(before).sum().alias("before"),
            pl.when(both).then(after).sum().alias("after"),
            pl.when(ok).then(after).sum().alias("after_all")]


def chunk_stats(lf: pl.LazyFrame, before: pl.Expr, after: pl.Expr, moved: pl.Expr
                ) -> list[pl.LazyFrame]:
    """One chunk's contribution: the totals (one row), by age, by product and självrisk."""
    ok = pl.col("__ok")
    both = ok & before.is_not_null()
    change = pl.when(both).then(change_hundredths(after, before))
    totals = lf.with_columns(change.alias("__change")).select(
        pl.len().alias("rows_in"), ok.sum().alias("rows_out"),
        pl.when(both).then(before).sum().alias("before"),
        pl.when(both).then(after).sum().alias("after"),
        pl.when(ok).then(after).sum().alias("after_all"),
        both.sum().alias("with_current"),
        (ok & moved).sum().alias("moved"),
        *_bands(pl.col("__change")),
    )
    priced = lf.filter(ok)
    by_age = priced.group_by("age").agg(_group_figures(before, after))
    by_tuple = priced.group_by("__t").agg(_group_figures(before, after))
    return [totals, by_age, by_tuple]


def by_product(by_tuple: pl.DataFrame, tuples: Tuples) -> pl.DataFrame:
    """The figures by tuple (``__t``) summed by product and självrisk, as the engine reads
    them (a handful of tuples per chunk: their fields come from ``tuples``)."""
    fields = [tuples.pricing(t) for t in by_tuple.get_column("__t")]
    return by_tuple.with_columns(
        pl.Series("product", [f[2].strip().lower() for f in fields], dtype=pl.String),
        pl.Series("deductible", [f[3] for f in fields], dtype=pl.String),
    ).group_by("product", "deductible").agg(pl.col(GROUP_FIGURES).sum())


def _add(into: dict[Any, list[int]], frame: pl.DataFrame, key: list[str]) -> None:
    for row in frame.iter_rows(named=True):
        k = tuple(row[c] for c in key) if len(key) > 1 else row[key[0]]
        figures = into.setdefault(k, [0] * len(GROUP_FIGURES))
        for i, name in enumerate(GROUP_FIGURES):
            figures[i] += int(row[name] or 0)


def _add_figures(into: dict[Any, list[int]], key: Any, figures: Sequence[int]) -> None:
    total = into.setdefault(key, [0] * len(GROUP_FIGURES))
    for i, value in enumerate(figures):
        total[i] += value


def kr(ore: int) -> Decimal:
    return Decimal(ore) / 100


@dataclass
class Summary:
    """What a run did, for people and for scripts (amounts in whole öre)."""

    rows_in: int = 0
    rows_out: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    before_ore: int = 0  # current premiums of the priced rows that have one
    after_ore: int = 0  # new premiums of those same rows
    after_all_ore: int = 0  # new premiums of every priced row
    with_current: int = 0
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    moved_bracket: int = 0
    by_age: dict[int, list[int]] = field(default_factory=dict)  # GROUP_FIGURES
    by_product: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    first_reject: str | None = None  # the message of the first rejected row

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    def add(self, stats: list[pl.DataFrame], rejected: pl.DataFrame) -> None:
        totals, by_age, by_product = stats
        row = totals.row(0, named=True)
        self.rows_in += int(row["rows_in"])
        self.rows_out += int(row["rows_out"] or 0)
        for reason, count in rejected.get_column("reason").value_counts().iter_rows():
            self.rejected[str(reason)] = self.rejected.get(str(reason), 0) + int(count)
        if self.first_reject is None and rejected.height:
            self.first_reject = str(rejected.get_column("message")[0])
        self.before_ore += int(row["before"] or 0)
        self.after_ore += int(row["after"] or 0)
        self.after_all_ore += int(row["after_all"] or 0)
        self.with_current += int(row["with_current"] or 0)
        self.moved_bracket += int(row["moved"] or 0)
        for band in BANDS:
            self.bands[band] = self.bands.get(band, 0) + int(row[band] or 0)
        _add(self.by_age, by_age, ["age"])
        _add(self.by_product, by_product, ["product", "deductible"])

    def add_figures(self, figures: Mapping[str, Any], reasons: Sequence[tuple[str, str]],
                    groups: Sequence[tuple[str, str]]) -> None:
        """One block as the C kernel counted it (:mod:`quote.renewal.kernel`): the same
        figures as :meth:`add` takes from frames. ``reasons[slot]`` is a reject slot's
        (code, message), ``groups[tuple]`` a tuple's (product, självrisk)."""
        self.rows_in += figures["records"]
        self.rows_out += figures["rows_out"]
        for slot, count in figures["slots"]:
            code = reasons[slot][0]
            self.rejected[code] = self.rejected.get(code, 0) + count
        if self.first_reject is None and figures["first_reject"] >= 0:
            self.first_reject = reasons[figures["first_reject"]][1]
        self.before_ore += figures["before"]
        self.after_ore += figures["after"]
        self.after_all_ore += figures["after_all"]
        self.with_current += figures["with_current"]
        self.moved_bracket += figures["moved"]
        for band, count in zip(BANDS, figures["bands"], strict=True):
            self.bands[band] = self.bands.get(band, 0) + count
        for age, *by_age in figures["by_age"]:
            _add_figures(self.by_age, age, by_age)
        for t, *by_tuple in figures["by_tuple"]:
            _add_figures(self.by_product, groups[t], by_tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows_in": self.rows_in, "rows_out": self.rows_out,
            "rows_rejected": self.rows_rejected,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "premium_before": plain(kr(self.before_ore)),
            "premium_after": plain(kr(self.after_ore)),
            "premium_after_all": plain(kr(self.after_all_ore)),
            "rows_with_current_premium": self.with_current,
            "change_bands": {band: self.bands.get(band, 0) for band in BANDS},
            "moved_bracket": self.moved_bracket,
            "by_product": [
                {"product": product, "deductible": deductible,
                 **{name: (plain(kr(v)) if name in ("before", "after", "after_all") else v)
                    for name, v in zip(GROUP_FIGURES, figures, strict=True)}}
                for (product, deductible), figures in sorted(self.by_product.items())],
        }
