"""Benchmark `quote renew` on a synthetic book, beside the I/O floor and a pandas script.

    python benchmarks/renew_benchmark.py                  # 1,000,000 policies
    python benchmarks/renew_benchmark.py --rows 250000 1000000 4000000   # memory vs N
    python benchmarks/renew_benchmark.py --rows 1000000 --ids --xlsx-rows 100000

Prints first what a one-row book costs the floor and quote (start-up), then, for each
size: wall time, CPU time (user + system, every thread), rows per second and peak memory
(RSS) of
- `floor`: polars alone reading the book and writing it back (the I/O floor),
- `floor15`: the same, writing quote's output shape (the six added columns as constants),
- `quote`: `quote renew` on the book with birth dates, and its ratio to the floor (the
  two run in turn, ``--repeat`` times; medians, and the median of the pairs' ratios), and
  both beyond their start-up (what the rows themselves cost),
- `polars`: the same with the C kernel switched off (QUOTE_RENEW_KERNEL=off): every block
  the polars way, as before the kernel,
- `ids`: the same book with Swedish identity numbers instead of birth dates (--ids),
- `stray`: the same book with a stray quote in its first row (--stray),
- `pandas`: a plain pandas repricing script (needs the `bench` extra),
and with --xlsx-rows N: an .xlsx book of N rows in (CSV out), and N rows out as .xlsx.
Targets (README): 1,000,000 rows within 1.5× the floor, peak memory under 300 MB and
flat as N grows, the id path within 2× of the birth-date path. This prints figures; it
asserts nothing (speed is not a unit test).

The pandas baseline needs the `bench` extra: pip install -e '.[bench]'. quote's modules
are byte-compiled first, as `pip install .` does (an editable checkout run with
PYTHONDONTWRITEBYTECODE would otherwise compile them at every start: 60 ms).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARIFF = ROOT / "tariffs" / "dkv-vardforsakring-2024-06-01.yaml"
KPI = ROOT / "tariffs" / "kpi-1980.csv"
HEADER = ["policy_id", "product", "birth_date", "renewal_date", "deductible", "smoker",
          "loading_pct", "current_premium", "broker"]


def personnummer(born: str, serial: int) -> str:
    """A valid 10-digit personnummer (YYMMDD-NNNC) for a birth date YYYY-MM-DD."""
    body = born[2:4] + born[5:7] + born[8:10] + f"{serial % 1000:03d}"
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(body))
    return f"{body[:6]}-{body[6:]}{(10 - total % 10) % 10}"


def generate(path: Path, rows: int, seed: int = 20241, ids: bool = False,
             stray: bool = False) -> None:
    """A realistic mix, fixed seed; about 1 % of rows are bad in one of several ways.
    ``ids``: an ``id`` column (personnummer) instead of ``birth_date``; ``stray``: a stray
    quote inside an unquoted field of the first row."""
    rng = random.Random(seed)
    products = ["bas"] * 3 + ["plus"] * 5 + ["topp"] * 2
    deductibles = ["0"] * 5 + ["500"] * 3 + ["1000"] * 2
    loadings = [""] * 17 + ["25", "50", "75"]
    bad = [("product", "guld"), ("birth_date", "1980-02-30"), ("deductible", "750"),
           ("smoker", "kanske"), ("loading_pct", "-10"), ("renewal_date", "2024-01-01")]
    header = [("id" if ids and c == "birth_date" else c) for c in HEADER]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONE, escapechar=None, quotechar=None)
        writer.writerow(header)
        for i in range(rows):
            age = min(int(rng.expovariate(1 / 38)), 95)
            renewal = f"2025-{rng.randint(1, 12):02d}-01"
            row = {
                "policy_id": f"P{i:08d}", "product": rng.choice(products),
                "birth_date": f"{2025 - age - 1:04d}-{rng.randint(1, 12):02d}-"
                              f"{rng.randint(1, 28):02d}",
                "renewal_date": renewal, "deductible": rng.choice(deductibles),
                "smoker": "true" if rng.random() < 0.15 else "false",
                "loading_pct": rng.choice(loadings),
                "current_premium": str(rng.randint(500, 5000)),
                "broker": f"B{rng.randint(1, 400)}",
            }
            if rng.random() < 0.01:
                column, value = rng.choice(bad)
                row[column] = value
            if ids:
                born = row["birth_date"]
                row["birth_date"] = (personnummer(born, i) if born[5:] != "02-30"
                                     else "800230-1234")
            if stray and i == 0:
                row["broker"] = 'B"1'
            writer.writerow([row[c] for c in HEADER])


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, every thread
    peak: float  # MB, peak resident memory


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    """One child process, which must succeed (exit 0: a crash or a run that priced nothing
    would time nothing worth printing)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:3])} … failed with exit status "
                         f"{os.waitstatus_to_exitcode(status)}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median_run(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak for r in runs))


def side_by_side(first: list[str], second: list[str], repeat: int) -> tuple[Run, Run, float]:
    """Both commands ``repeat`` times in turn (A B A B …): their medians, and the median of
    the pairwise wall ratios (a machine whose speed drifts moves both of a pair alike)."""
    a, b = [], []
    for _ in range(repeat):
        a.append(measure(first))
        b.append(measure(second))
    ratio = statistics.median(y.wall / x.wall for x, y in zip(a, b, strict=True))
    return median_run(a), median_run(b), ratio


def floor(book: str, out: str) -> None:
    """The I/O floor: polars alone reads the book (as text) and writes it back."""
    import polars as pl

    pl.read_csv(book, infer_schema=False).write_csv(out)


def wide_floor(book: str, out: str) -> None:
    """The floor writing quote's output shape: the book and the six columns quote adds
    (constants of typical width: only the reading and writing are timed)."""
    import polars as pl

    added = {"age": "35", "bracket": "31-35", "index_factor": "1.025021",
             "new_premium": "1095.00", "change_pct": "2.53",
             "tariff_id": "dkv-vardforsakring"}
    pl.read_csv(book, infer_schema=False).with_columns(
        pl.lit(value).alias(name) for name, value in added.items()).write_csv(out)


def xlsx_book(csv_book: Path, xlsx: Path) -> None:
    """The same book as an .xlsx sheet (numbers as numbers, the rest as text)."""
    import xlsxwriter  # type: ignore[import-untyped]

    numeric = {"deductible", "loading_pct", "current_premium"}
    with csv_book.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        workbook = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True})
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, header)
        for i, row in enumerate(reader, 1):
            for j, (name, value) in enumerate(zip(header, row, strict=True)):
                if name in numeric and value.lstrip("-").isdigit():
                    sheet.write_number(i, j, int(value))
                elif value:
                    sheet.write_string(i, j, value)
        workbook.close()


def pandas_baseline(book: str, out: str) -> None:
    """The repricing a hand-written pandas script would do (floats, as such scripts do)."""
    import numpy as np
    import pandas as pd
    import yaml

    tariff = yaml.safe_load(TARIFF.read_text(encoding="utf-8"))
    kpi = pd.read_csv(KPI, comment="#", dtype={"month": str}).set_index("month")["kpi"]
    df = pd.read_csv(book, dtype=str, keep_default_na=False)
    birth = pd.to_datetime(df["birth_date"], format="%Y-%m-%d", errors="coerce")
    renewal = pd.to_datetime(df["renewal_date"], format="%Y-%m-%d", errors="coerce")
    before_birthday = (renewal.dt.month * 100 + renewal.dt.day) < (birth.dt.month * 100
                                                                    + birth.dt.day)
    age = renewal.dt.year - birth.dt.year - before_birthday.astype(int)
    labels = tariff["brackets"]
    lows = [int(label.split("-")[0]) for label in labels]
    bracket = pd.cut(age, bins=[*lows, 200], right=False, labels=labels)
    table = pd.DataFrame([(p, b, v) for p, spec in tariff["products"].items()
                          for b, v in spec["premiums"].items()],
                         columns=["product", "bracket", "table"])
    df["bracket"] = bracket.astype(str)
    df = df.merge(table, on=["product", "bracket"], how="left")
    ref = (renewal.dt.year - 1).astype("Int64").astype(str) + "-09"
    factor = ref.map(kpi) / kpi[str(tariff["indexation"]["base_month"])]
    indexed = np.floor(df["table"] * factor + 0.5)
    discounts = {str(d["amount"]): d["monthly_discount"] for d in tariff["deductibles"]}
    loading = pd.to_numeric(df["loading_pct"].replace("", "0"), errors="coerce")
    smoker = df["smoker"].str.lower().isin(["true", "1", "yes", "ja"]) * 25
    premium = indexed * (1 + (smoker + loading) / 100) - df["deductible"].map(discounts)
    df["new_premium"] = np.floor(premium.clip(lower=0) * 100 + 0.5) / 100
    ok = df["new_premium"].notna() & (loading >= 0) & renewal.ge("2024-06-01")
    df[ok].to_csv(out, index=False, float_format="%.2f")
    df[~ok].to_csv(out + ".rejects.csv", index=False)


def line(rows: int, tool: str, run: Run, note: str = "") -> None:
    print(f"{rows:>10,} {tool:>8} {run.wall:>8.2f} {run.cpu:>7.2f} {rows / run.wall:>12,.0f} "
          f"{run.peak:>8.0f}   {note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--seed", type=int, default=20241)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of the floor and quote, in turn (medians are printed)")
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    parser.add_argument("--ids", action="store_true", help="also time a book of id numbers")
    parser.add_argument("--stray", action="store_true",
                        help="also time the book with a stray quote in row 1")
    parser.add_argument("--xlsx-rows", type=int, default=0,
                        help="also time an .xlsx book in and .xlsx output of this many rows")
    parser.add_argument("--pandas-baseline", nargs=2, metavar=("BOOK", "OUT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--floor", nargs=2, metavar=("BOOK", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--wide-floor", nargs=2, metavar=("BOOK", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pandas_baseline:
        pandas_baseline(*args.pandas_baseline)
        return
    if args.floor:
        floor(*args.floor)
        return
    if args.wide_floor:
        wide_floor(*args.wide_floor)
        return
    quote = Path(sys.executable).with_name("quote")
    import quote as package

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(package.__file__).parent)],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"{'rows':>10} {'tool':>8} {'wall s':>8} {'cpu s':>7} {'rows/s':>12} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:

        def pair(book: Path) -> tuple[Run, Run, float]:
            return side_by_side(
                [sys.executable, __file__, "--floor", str(book), str(Path(tmp) / "f.csv")],
                [str(quote), "renew", str(book), "-o", str(Path(tmp) / "o.csv"), "--json"],
                args.repeat)

        one = Path(tmp) / "one.csv"
        generate(one, 1, args.seed)
        start_floor, start_quote, _ = pair(one)  # start-up: what a one-row book costs
        line(1, "floor", start_floor, "start-up: Python, polars, one row")
        line(1, "quote", start_quote, "start-up: Python, typer, pydantic, the tariff and KPI")
        for rows in args.rows:
            book = Path(tmp) / f"book-{rows}.csv"
            generate(book, rows, args.seed)
            floor_run, quote_run, ratio = pair(book)
            line(rows, "floor", floor_run, "polars read + write alone")
            line(rows, "quote", quote_run, f"{ratio:.2f}× the floor (median of "
                                           f"{args.repeat} pairs)")
            wide = measure([sys.executable, __file__, "--wide-floor", str(book),
                            str(Path(tmp) / "w.csv")])
            line(rows, "floor15", wide, f"the floor writing quote's 15 columns: quote is "
                                        f"{quote_run.wall / wide.wall:.2f}× it")
            run = measure([str(quote), "renew", str(book), "-o", str(Path(tmp) / "k.csv"),
                           "--json"], env={**os.environ, "QUOTE_RENEW_KERNEL": "off"})
            line(rows, "polars", run, f"the kernel off: {run.wall / floor_run.wall:.2f}× the "
                                      f"floor, the kernel {run.wall / quote_run.wall:.2f}× "
                                      "faster")
            rows_floor = floor_run.wall - start_floor.wall
            rows_quote = quote_run.wall - start_quote.wall
            if rows_floor > 0:
                print(f"{'':>10} {'':>8} beyond start-up: quote {rows_quote:.2f} s, the floor "
                      f"{rows_floor:.2f} s ({rows_quote / rows_floor:.2f}×); 1.5× the floor "
                      f"leaves {1.5 * floor_run.wall - start_quote.wall:.2f} s for the rows",
                      flush=True)
            if args.ids:
                ids = Path(tmp) / f"ids-{rows}.csv"
                generate(ids, rows, args.seed, ids=True)
                run = measure([str(quote), "renew", str(ids), "-o", str(Path(tmp) / "i.csv"),
                               "--json"])
                line(rows, "ids", run, f"{run.wall / quote_run.wall:.2f}× the birth-date path")
                ids.unlink()
            if args.stray:
                stray = Path(tmp) / f"stray-{rows}.csv"
                generate(stray, rows, args.seed, stray=True)
                run = measure([str(quote), "renew", str(stray), "-o",
                               str(Path(tmp) / "s.csv"), "--json"])
                line(rows, "stray", run, f"{run.wall / quote_run.wall:.2f}× the clean book")
                stray.unlink()
            if not args.no_pandas:
                run = measure([sys.executable, __file__, "--pandas-baseline", str(book),
                               str(Path(tmp) / "p.csv")])
                line(rows, "pandas", run,
                     f"quote is {run.wall / quote_run.wall:.2f}× pandas' speed")
            book.unlink()
        if args.xlsx_rows:
            rows = args.xlsx_rows
            book = Path(tmp) / "x.csv"
            generate(book, rows, args.seed)
            xlsx = Path(tmp) / "x.xlsx"
            xlsx_book(book, xlsx)
            run = measure([str(quote), "renew", str(xlsx), "-o", str(Path(tmp) / "xo.csv"),
                           "--json"])
            line(rows, "xlsx in", run, "an .xlsx book, CSV out")
            run = measure([str(quote), "renew", str(book), "-o", str(Path(tmp) / "xo.xlsx"),
                           "--json"])
            line(rows, "xlsx out", run, "a CSV book, .xlsx out")

if __name__ == "__main__":
    main()
