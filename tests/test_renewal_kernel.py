"""The renewal kernel (quote/renewal/_kernel.c, quote.renewal.kernel) against the polars
path: the same book gives the same bytes in the output and the rejects file and the same
summary, whichever path reads it, block for block.

The books here are made to hold what either reader could take differently: every reason,
Swedish numbers with blanks of every kind, dates with blanks around them, identity
numbers of every form, Windows-1252, a book of ASCII whose encoding settles late, quotes,
carriage returns, NUL bytes, ragged and blank lines, formulas for Swedish Excel, texts
beyond ASCII in the pricing columns, and blocks small enough that a book crosses dozens
of them (a block with anything the kernel does not read goes the polars way).
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quote.catalog import kpi_for
from quote.errors import InputError
from quote.i18n import t
from quote.identity import parse_identity
from quote.indexation import load_kpi
from quote.renewal import Options, Pricer, _kernel, open_book, run_renewal
from quote.renewal import kernel as kernel_path
from quote.renewal.columns import (
    civil_day_numbers,
    current_columns,
    day_number,
    iso_date,
    swedish_birth,
)
from quote.renewal.reasons import REASONS
from quote.renewal.writing import mask_id
from quote.spreadsheet import TableWriter, csv_line
from quote.tariff import load_tariff

from .conftest import DKV_PATH, MINI_KPI_PATH, ROOT, mini_tariff_variant


def test_the_kernel_is_built_and_used() -> None:
    """The test environment builds the kernel (pip install -e '.[test]'); without it
    these tests would compare the polars path with itself."""
    assert kernel_path.load() is _kernel
    assert _kernel.CHECKS[0] == "too_few_fields"


# --- one reading at a time: the C functions against the polars expressions -----------------

WHITE = [" ", "\t", "\u00a0", "\u2009", "\u202f", "\u3000", "\x0b", "\x0c", "\u0085", "\u1680",
         "\u2028", "\u205f", "\x1c", "\x1f", "\u200b", "\ufeff"]
DIGITS = "0123456789"


def _texts(alphabet: str, size: int = 14) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(list(alphabet) + WHITE), max_size=size)


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    _texts(DIGITS + "-+ab١", 12),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    st.tuples(st.sampled_from([*WHITE, ""]), st.dates().map(date.isoformat),
              st.sampled_from([*WHITE, ""])).map("".join),
    st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)).map(
        lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}")))
def test_a_date_reads_as_polars_reads_it(text: str) -> None:
    expected = pl.select(day_number(iso_date(pl.lit(text)))).item()  # YYYYMMDD (year 0 too)
    got = _kernel.parse_iso_date(text.encode())
    assert got == (-1 if expected is None else expected)


def _polars_current(text: str) -> tuple[int | None, bool]:
    found = current_columns(pl.Series("current_premium", [text or None], dtype=pl.String))
    return found.item(0, "__current_ore"), bool(found.item(0, "__current_bad"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    _texts(DIGITS + ",.-+ e", 16),
    st.integers(-10**20, 10**20).map(str),
    st.decimals(0, 10**7, places=3).map(str),
    st.tuples(st.integers(0, 999), st.sampled_from(WHITE), st.integers(0, 999),
              st.sampled_from([",", ".", ""]), st.integers(0, 99)).map(
        lambda p: f"{p[0]}{p[1]}{p[2]:03d}{p[3]}{p[4] if p[3] else ''}")))
def test_a_current_premium_reads_as_polars_reads_it(text: str) -> None:
    ore, bad = _kernel.parse_current(text.encode())
    assert (None if ore < 0 else ore, bad) == _polars_current(text)


def personnummer(born: date, serial: int, *, plus: bool = False, century: bool = False,
                 coordination: bool = False) -> str:
    day = born.day + (60 if coordination else 0)
    body = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial % 1000:03d}"
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(body))
    digits = f"{body}{(10 - total % 10) % 10}"
    head = f"{born.year // 100:02d}" if century else ""
    return f"{head}{digits[:6]}{'+' if plus else '-'}{digits[6:]}"


def _polars_birth(text: str, on: date) -> int | None:
    """The birth date the polars path finds for a Swedish id: column-wise, else
    quote.identity row by row (quote.renewal.columns.birth_from_ids)."""
    frame = pl.DataFrame({"id": [text], "on": [on]})
    days = swedish_birth(frame, "id", "on").cast(pl.Int64)
    if days[0] is not None:
        found: int = civil_day_numbers(days)[0]  # YYYYMMDD (year 0 too)
        return found
    try:
        born = parse_identity(text, on, "SE", prefer="SE").birth_date
    except InputError:
        return None
    return born.year * 10000 + born.month * 100 + born.day


IDS = st.one_of(
    st.builds(personnummer, st.dates(date(1900, 1, 1), date(2026, 12, 31)),
              st.integers(0, 999), plus=st.booleans(), century=st.booleans(),
              coordination=st.booleans()),
    _texts(DIGITS + "-+", 14),
    st.text(st.sampled_from(list(DIGITS + "-+ ")), min_size=10, max_size=13))


@settings(max_examples=500, deadline=None)
@given(IDS, st.dates(date(1950, 1, 1), date(2030, 12, 31)))
def test_a_swedish_number_reads_as_the_polars_path_reads_it(text: str, on: date) -> None:
    got = _kernel.parse_swedish_id(text.encode(), on.year * 10000 + on.month * 100 + on.day)
    if got is None:  # a character the two readings may take differently: polars reads it
        assert any(c not in DIGITS + "-+ \t\x0b\x0c" for c in text)
        return
    expected = _polars_birth(text, on)
    assert (None if got < 0 else got) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_a_number_is_masked_as_polars_masks_it(text: str) -> None:
    expected = pl.select(mask_id(pl.lit(text))).item()
    assert _kernel.mask(text.encode()).decode() == expected


def _sv_cell(text: str, numeric: bool) -> str:
    """A one-cell row as TableWriter writes it for Swedish Excel (the polars way)."""
    with tempfile.TemporaryDirectory() as folder:
        writer = TableWriter(Path(folder) / "t.csv", "excel-sv", ["c"],
                             {"c": "0"} if numeric else {})
        try:
            frame = pl.DataFrame({"c": [text or None]}, schema={"c": pl.String})
            return writer.csv_bytes(frame).decode()
        finally:
            writer.abort()


@settings(max_examples=400, deadline=None)
@given(st.one_of(_texts(DIGITS + ",.-+=@;\"' ab\r\n", 12),
                 st.decimals(-10**6, 10**6, places=2).map(str)),
       st.booleans())
def test_a_swedish_excel_cell_is_written_as_polars_writes_it(text: str, numeric: bool) -> None:
    expected = _sv_cell(text, numeric).removesuffix("\n")
    got = _kernel.excel_sv(text.encode(), numeric).decode()
    assert got == (expected if text else "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=4),
       st.sampled_from([",", ";"]))
def test_a_header_is_written_as_polars_writes_it(columns: list[str], separator: str) -> None:
    frame = pl.DataFrame(schema={f"c{i}": pl.String for i in range(len(columns))})
    frame.columns = columns if len(set(columns)) == len(columns) else \
        [f"{c}{i}" for i, c in enumerate(columns)]
    expected = frame.write_csv(separator=separator)
    assert csv_line(frame.columns, separator) == expected


# --- the registry and the kernel in step ------------------------------------------------------

def test_the_kernels_checks_are_the_registrys_in_its_order() -> None:
    assert kernel_path.checks_in_order(_kernel) == _kernel.CHECKS
    assert all(check in REASONS for check in _kernel.CHECKS)


def test_a_registry_in_another_order_stops_the_kernel_before_any_row(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reordered = dict(reversed(list(REASONS.items())))
    monkeypatch.setattr(kernel_path, "REASONS", reordered)
    with pytest.raises(RuntimeError, match="registry orders"):
        kernel_path.checks_in_order(_kernel)


def test_a_kernel_reads_one_block_at_a_time(tmp_path: Path) -> None:
    """Its tables change only between blocks or from its own callback: a second run from
    inside the first is refused."""
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,birth_date,renewal_date,deductible,smoker\n"
                    "P1,plus,1990-05-01,2025-03-01,0,false\n", encoding="utf-8")
    opened = open_book(book, None)
    pricer = Pricer([load_tariff(DKV_PATH)], lambda tariff: kpi_for(tariff, None))
    from quote.renewal.engine import context_of

    options = Options()
    context = context_of(opened, pricer, options)
    shared = kernel_path.Shared(opened, pricer, options, context, _kernel, False)
    tables = kernel_path.KernelTables(shared, opened, False)
    block = b"P1,plus,1990-05-01,2025-03-01,0,false\n"
    refused: list[str] = []

    def again(keys: list[bytes], groups: list[tuple[bytes, int, int]]) -> None:
        try:
            tables.kernel.run(block, 2, again)
        except RuntimeError as exc:
            refused.append(str(exc))
        tables.add_missing(keys, groups)

    result = tables.kernel.run(block, 2, again)
    assert refused and set(refused) == {"a kernel runs one block at a time"}
    assert result[0] == _kernel.DONE and result[3]["rows_out"] == 1


# --- whole books, both ways --------------------------------------------------------------------

PRODUCTS = ["bas", "plus", "topp", "Plus", " BAS ", "guld", "", "plus\u00a0", "pl\u00f6s",
            "pl\x1fus"]
DEDUCTIBLES = ["0", "500", "1000", "750", "1 000", "1\u00a0000", "1000,0", "abc", "", "-500",
               " 500 ", "0500"]
SMOKERS = ["true", "false", "ja", "nej", "JA", "kanske", "", " yes", "1", "0", "Nej\u00a0"]
LOADINGS = ["", "", "", "0", "25", "50,5", "-10", "1 000", "abc", "2000", "10.125", "7,5 "]
RENEWALS = ["2025-01-01", "2025-06-15", "2025-12-31", "2024-05-31", "2024-06-01", "",
            "2025-02-30", " 2025-03-01", "2025-03-01\u00a0", "2026-01-01", "2027-01-01",
            "0050-01-01", "2025-3-1"]
BIRTHS = ["1980-01-01", "2000-02-29", "1900-02-29", "1990-5-1", " 1985-06-15 ",
          "1985-06-15\u00a0", "0001-01-01", "2030-01-01", "", "abcd", "1980-13-01",
          "\uff11980-01-01", "2024-12-31", "1905-01-01", "1904-03-02", "1989-02-01"]
CURRENTS = ["", "1068", "1 213,00", "1\u00a0213,50", "1213.5", "1213.555", "-5", "+5",
            "-0", "0", "abc", "99999999999", "00001", "1,2,3", " ", "1e3", "2600,00",
            "1000001", "1000000"]
TEXTS = ["P1", "=SUM(A1)", "+46 8", "@x", "-x", "a;b", "åäö", "\tx", "é", "", "x y",
         "Brokers AB"]
COUNTRIES = ["", "SE", "se", " SE ", "DK", "XX", "FI", "S E"]


@st.composite
def identity_numbers(draw: st.DrawFn) -> str:
    return draw(st.one_of(
        st.builds(personnummer, st.dates(date(1901, 1, 1), date(2026, 12, 31)),
                  st.integers(0, 999), plus=st.booleans(), century=st.booleans(),
                  coordination=st.booleans()),
        st.sampled_from(["", "abc", "19811115-0002 ", "811115 0002", "8111150002",
                         "800230-1234", "050101-1233", "150101-1230", "811115-0003",
                         "\u0661\u0662" * 5, "19811115+0002", "811115\u00a0-0002"])))


@dataclass(frozen=True)
class BookCase:
    text: str
    separator: str
    encoding: str
    on: date | None
    ids: bool
    id_country: str | None
    excel_sv: bool
    block_bytes: int
    bom: bool


@st.composite
def books(draw: st.DrawFn) -> BookCase:
    ids = draw(st.booleans())
    on = draw(st.sampled_from([None, None, date(2025, 6, 1), date(2024, 1, 1)]))
    separator = draw(st.sampled_from([",", ";"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "cp1252", "ascii-late"]))
    columns = ["policy_id", "product", "id" if ids else "birth_date", "deductible", "smoker"]
    optional = ["loading_pct", "current_premium", "broker"] + (["id_country"] if ids else
                                                               ["id"])
    columns += [c for c in optional if draw(st.booleans())]
    if on is None or draw(st.booleans()):
        columns.append("renewal_date")
    columns = draw(st.permutations(columns))
    pools = {"policy_id": TEXTS, "product": PRODUCTS, "birth_date": BIRTHS,
             "deductible": DEDUCTIBLES, "smoker": SMOKERS, "loading_pct": LOADINGS,
             "current_premium": CURRENTS, "broker": TEXTS, "renewal_date": RENEWALS,
             "id_country": COUNTRIES}
    lines = [separator.join(columns)]
    for _ in range(draw(st.integers(1, 60))):
        if "id" in columns:
            pools["id"] = [draw(identity_numbers())]
        # mostly the common, clean values, so that most blocks are the kernel's
        row = [draw(st.sampled_from(pools[c][:3] if draw(st.integers(0, 4)) else pools[c]))
               for c in columns]
        shape = draw(st.integers(0, 40))
        line = separator.join(row)
        if shape == 0:
            line = line + separator + "extra"
        elif shape == 1:
            line = separator.join(row[:-2])
        elif shape == 2:
            line = ""
        elif shape == 3:
            line = line + "\r"
        elif shape == 4:
            line = separator.join(f'"{v}"' for v in row)
        elif shape == 5:
            line = line.replace(separator, '"', 1) if separator in line else '"' + line
        elif shape == 6:
            line = line + "\x00"
        elif shape == 7:
            line = line[:3] + "\r" + line[3:]
        lines.append(line)
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "\n\n"]))
    if encoding == "ascii-late":  # 64 KB of ASCII first: the encoding settles at a block
        filler = separator.join(["P0", "plus", "811115-0002" if ids else "1981-11-15",
                                 *["0", "false"], *([""] * (len(columns) - 5))])
        head, _, rest = text.partition("\n")
        text = head + "\n" + (filler + "\n") * 1500 + rest
    return BookCase(text, separator, encoding, on, ids,
                    draw(st.sampled_from([None, None, "SE", "DK"])) if ids else None,
                    draw(st.booleans()), draw(st.sampled_from([100, 300, 1000, 4096, 3 << 20])),
                    draw(st.booleans()) and encoding == "utf-8")


def _encoded(case: BookCase) -> bytes:
    if case.encoding == "cp1252":
        data = case.text.encode("cp1252", errors="replace")
        return data
    data = case.text.encode("utf-8")
    if case.encoding == "ascii-late":
        data = data.replace("\u00a0".encode(), b"\xa0")  # Windows-1252 after the ASCII
    return (b"\xef\xbb\xbf" if case.bom else b"") + data


def _renew(book: Path, out: Path, case: BookCase, kernel: bool) -> tuple[bytes, bytes, str]:
    pricer = Pricer([load_tariff(DKV_PATH)], lambda tariff: kpi_for(tariff, None))
    opened = open_book(book, case.on)
    summary = run_renewal(opened, case.on, pricer, out, out.with_suffix(".rejects.csv"),
                          options=Options(on=case.on, id_country=case.id_country),
                          excel_sv=case.excel_sv, block_bytes=case.block_bytes,
                          kernel=kernel)
    return (out.read_bytes(), out.with_suffix(".rejects.csv").read_bytes(),
            json.dumps(summary.as_dict(), sort_keys=True))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=books())
def test_a_book_gives_the_same_bytes_and_figures_both_ways(case: BookCase,
                                                           tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_bytes(_encoded(case))
    try:
        open_book(book, case.on)
    except Exception:  # a header either path refuses alike (tested elsewhere)
        return
    fast = _renew(book, tmp_path / "fast.csv", case, kernel=True)
    slow = _renew(book, tmp_path / "slow.csv", case, kernel=False)
    assert fast[2] == slow[2]
    assert fast[1] == slow[1]
    assert fast[0] == slow[0]


def test_every_row_check_is_met_by_the_kernel(tmp_path: Path) -> None:
    """One record for each reason the kernel itself gives (not a block left to polars),
    and each priced record, byte for byte as the polars path writes them."""
    header = "policy_id,product,birth_date,renewal_date,deductible,smoker,loading_pct," \
             "current_premium,broker"
    rows = ["P1,plus,1990-05-01,2025-03-01,0,false,,1068,Anna",
            "R1,plus,1990-05-01,2025-03-01,0,false",  # too_few_fields
            "R2,plus,1990-05-01,2025-03-01,0,false,,1068,Anna,more",  # too_many_fields
            "R3,plus,1990-05-01,2025-02-30,0,false,,,",  # renewal_date
            "R4,plus,1990-02-30,2025-03-01,0,false,,,",  # birth_date
            "R5,plus,2026-01-01,2025-03-01,0,false,,,",  # birth_after_renewal
            "R6,plus,1890-01-01,2025-03-01,0,false,,,",  # age
            "R7,plus,1990-05-01,2024-03-01,0,false,,,",  # before_tariff
            "R8,plus,1990-05-01,2025-03-01,0,false,,dyr,",  # current_premium
            "R9,guld,1990-05-01,2025-03-01,0,false,,,",  # the engine: unknown_product
            "R10,plus,1990-05-01,2025-03-01,0,kanske,,,",  # smoker
            ""]  # a blank line: too_few_fields
    book = tmp_path / "book.csv"
    book.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    case = BookCase("", ",", "utf-8", None, False, None, False, 3 << 20, False)
    fast = _renew(book, tmp_path / "fast.csv", case, kernel=True)
    slow = _renew(book, tmp_path / "slow.csv", case, kernel=False)
    assert fast == slow
    reasons = [row["reason"] for row in csv.DictReader(io.StringIO(fast[1].decode()))]
    assert reasons == ["too_few_fields", "too_many_fields", "bad_date", "bad_date",
                       "birth_after_renewal", "bad_age", "before_tariff", "bad_number",
                       "unknown_product", "bad_boolean", "too_few_fields"]
    assert json.loads(fast[2])["rows_out"] == 1


def test_the_kernels_message_is_the_registrys(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,birth_date,renewal_date,deductible,smoker\n"
                    "R1,plus,1990-05-01,2025-03-01,0\n", encoding="utf-8")
    case = BookCase("", ",", "utf-8", None, False, None, False, 3 << 20, False)
    _out, rejects, _ = _renew(book, tmp_path / "out.csv", case, kernel=True)
    assert t("renew.reason.too_few_fields", columns=6) in rejects.decode()


def test_quote_renew_never_loads_polars_for_a_plain_csv_book(tmp_path: Path) -> None:
    """polars costs 0.15 s to load: a plain book renewed with the kernel never needs it;
    one with a quoted field does, for that block."""
    plain = tmp_path / "plain.csv"
    plain.write_text("policy_id,product,birth_date,renewal_date,deductible,smoker\n"
                     "P1,plus,1990-05-01,2025-03-01,0,false\n", encoding="utf-8")
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(plain.read_text(encoding="utf-8").replace("P1", '"P,1"'),
                      encoding="utf-8")
    code = ("import sys; from quote.cli import main\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print('polars' in sys.modules)")
    loaded = []
    for book in (plain, quoted):
        result = subprocess.run(
            [sys.executable, "-c", code, "renew", str(book), "-o", str(tmp_path / "o.csv"),
             "--json"], capture_output=True, text=True, check=False, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        loaded.append(result.stdout.strip().splitlines()[-1])
    assert loaded == ["False", "True"]


def test_the_switch_reads_every_book_the_polars_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kernel_path.SWITCH, "off")
    assert kernel_path.load() is None
    monkeypatch.setenv(kernel_path.SWITCH, "on")
    assert kernel_path.load() is _kernel


# --- the kernel's own guards (found by review; each was a crash, a hang or a leak) --------------

KERNEL_ARGS = {"width": 3, "separator": ord(","), "cp1252": None, "tuple_columns": [0],
               "birth_column": 1, "id_column": -1, "mask_column": -1, "current_column": -1,
               "renewal_column": 2, "on": -1, "numeric_columns": [], "out_sv": False,
               "rejects_sv": False, "stride": 1, "n_positions": 1, "positions": [0],
               "lows": [0], "starts": [20240101], "max_age": 120}


def _ready_kernel() -> _kernel.Kernel:
    kernel = _kernel.Kernel(**KERNEL_ARGS)  # type: ignore[arg-type]
    slot = kernel.add_slot(b"r,m")
    kernel.set_checks([slot] * len(_kernel.CHECKS))
    return kernel


def test_a_kernel_whose_set_up_failed_is_refused_not_run() -> None:
    kernel = _kernel.Kernel.__new__(_kernel.Kernel)
    with pytest.raises(ValueError, match="bad tuple column"):
        kernel.__init__(**{**KERNEL_ARGS, "tuple_columns": [0, 7]})  # type: ignore[misc,arg-type]
    with pytest.raises(RuntimeError, match="not set up"):
        kernel.add_slot(b"r,m")
    with pytest.raises(RuntimeError, match="not set up"):
        kernel.run(b"a,1990-01-01,2025-01-01\n", 2, lambda keys, groups: None)


def test_a_callback_that_adds_nothing_stops_the_run_not_loops() -> None:
    with pytest.raises(RuntimeError, match="did not add every tuple"):
        _ready_kernel().run(b"plus,1990-01-01,2025-01-01\n", 2, lambda keys, groups: None)


def test_an_id_column_is_masked_in_the_rejects_of_a_book_with_birth_dates_too(
        tmp_path: Path) -> None:
    """The birth date comes from `birth_date`; the `id` beside it is still personal data."""
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,birth_date,id,renewal_date,deductible,smoker\n"
                    "R1,plus,1990-02-30,199005012384,2025-03-01,0,false\n"
                    "P1,plus,1990-05-01,199005012384,2025-03-01,0,false\n", encoding="utf-8")
    for sv in (False, True):
        case = BookCase("", ",", "utf-8", None, False, None, sv, 3 << 20, False)
        fast = _renew(book, tmp_path / "fast.csv", case, kernel=True)
        assert fast == _renew(book, tmp_path / "slow.csv", case, kernel=False)
        assert b"199005012384" not in fast[1] and b"19900501****" in fast[1]


@pytest.mark.parametrize("encoding", ["latin-1", "cp850", "utf-7"])
def test_a_book_in_another_encoding_is_read_the_polars_way(tmp_path: Path,
                                                           encoding: str) -> None:
    """The kernel knows UTF-8 and Windows-1252; `--encoding latin-1` and the like go the
    polars way, which decodes them (the kernel would have copied their bytes)."""
    text = ("policy_id,product,birth_date,renewal_date,deductible,smoker,broker\n"
            "P1,plus,1990-05-01,2025-03-01,0,false,\u00c3\u00a5sa\n"
            "P2,bas,1970-05-01,2025-03-01,0,false,\u00f6sa\n")
    book = tmp_path / "book.csv"
    book.write_bytes(text.encode(encoding))
    pricer = Pricer([load_tariff(DKV_PATH)], lambda tariff: kpi_for(tariff, None))
    opened = open_book(book, None, encoding=encoding)
    run_renewal(opened, None, pricer, tmp_path / "out.csv", tmp_path / "rej.csv")
    assert "\u00f6sa" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "\u00c3\u00a5sa" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_a_kernel_works_again_after_running_out_of_memory() -> None:
    """A run that ran out of memory raises MemoryError and leaves the kernel usable."""
    code = """
import resource
from tests.test_renewal_kernel import _ready_kernel
kernel = _ready_kernel()
block = b"a,b\\n" * (40 << 20)  # too short records: the rejects grow past the limit
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
in_use = int(open("/proc/self/statm").read().split()[0]) * 4096
resource.setrlimit(resource.RLIMIT_AS, (in_use + (400 << 20), hard))
try:
    kernel.run(block, 2, lambda keys, groups: None)
    print("no error")
except MemoryError:
    print("MemoryError")
resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
del block
print(kernel.run(b"a,b\\n", 2, lambda keys, groups: None)[3]["records"])
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["MemoryError", "1"]


def test_two_tariff_versions_with_other_brackets_both_ways(tmp_path: Path) -> None:
    """The version in force on each row's renewal date, its own brackets (the later one has
    an age-0 bracket), renewals on either side of its first day: the same both ways."""
    later = mini_tariff_variant(tmp_path / "later.yaml", one_year_first_bracket=True,
                                effective_from="2025-07-01")  # its KPI series: to 2024-09
    rng = random.Random(5)
    rows = ["policy_id;product;birth_date;renewal_date;deductible;smoker;current_premium"]
    for i in range(800):
        rows.append(";".join([
            f"P{i}", rng.choice(["plus", "bas", "topp", "basic", "standard", "premium"]),
            f"{rng.randint(1900, 2031)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(["2025-03-01", "2025-06-30", "2025-07-01", "2025-10-01", "2024-01-01",
                        "2026-01-01"]),
            rng.choice(["0", "500", "1000", "1500"]), rng.choice(["ja", "nej"]),
            rng.choice(["", "1068", "0", "250,5"])]))
    book = tmp_path / "book.csv"
    book.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = []
    for kernel in (True, False):
        pricer = Pricer([load_tariff(DKV_PATH), load_tariff(later)],
                        lambda t: kpi_for(t, None) if t.id.startswith("dkv")
                        else load_kpi(MINI_KPI_PATH))
        out, rejects = tmp_path / f"out-{kernel}.csv", tmp_path / f"rej-{kernel}.csv"
        summary = run_renewal(open_book(book, None), None, pricer, out, rejects,
                              kernel=kernel, block_bytes=4096)
        results.append((out.read_bytes(), rejects.read_bytes(), summary.as_dict()))
    assert results[0] == results[1]
    figures = results[0][2]
    assert figures["rows_out"] > 40
    assert {"before_tariff", "unknown_product", "kpi_missing"} <= set(
        figures["rejected_by_reason"])
    priced = list(csv.DictReader(io.StringIO(results[0][0].decode()), delimiter=";"))
    assert {row["tariff_id"] for row in priced} == {"dkv-vardforsakring",
                                                    load_tariff(later).id}


def test_looking_ahead_finds_what_a_block_needs_so_its_run_asks_nothing() -> None:
    kernel = _ready_kernel()
    block = b"plus,1990-01-01,2025-01-01\nbas,1990-01-01,2025-06-01\nplus,1980-01-01,2025-09-01\n"
    keys, groups = kernel.unknown(block)  # type: ignore[misc]
    assert keys == [b"plus\x00", b"bas\x00"]  # each new tuple once, in the block's order
    assert groups == [(b"plus\x00", 0, 2025), (b"bas\x00", 0, 2025)]
    assert kernel.unknown(b'plus,"1990-01-01",2025-01-01\n') is None  # a quote: polars'

    def add(keys: list[bytes], groups: list[tuple[bytes, int, int]]) -> None:
        for key in keys:
            kernel.add_tuple(key, 0)
        entry = kernel.add_priced(100000, b"0-,1.000000,1000.00", b"t")
        for key, version, year in groups:
            group = kernel.add_group([b"plus\x00", b"bas\x00"].index(key), version, year)
            kernel.add_price(group, 0, entry)

    add(keys, groups)
    asked: list[object] = []
    result = kernel.run(block, 2, lambda *missing: asked.append(missing))
    assert asked == [] and result[3]["rows_out"] == 3


def test_a_book_quoted_throughout_goes_the_polars_way_whole(tmp_path: Path) -> None:
    """The kernel reads no quoted record: a book whose fields are quoted on every line
    (a broker's name with a comma) is read the polars way from the start, a block at a
    time, not cut into small blocks each read apart."""
    lines = ["policy_id,product,birth_date,renewal_date,deductible,smoker,broker"]
    lines += [f'P{i},plus,1990-05-01,2025-03-01,0,false,"Broker {i}, AB"' for i in range(3000)]
    book = tmp_path / "book.csv"
    book.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert kernel_path.quoted_throughout(book.read_bytes())
    case = BookCase("", ",", "utf-8", None, False, None, False, 4096, False)
    fast = _renew(book, tmp_path / "fast.csv", case, kernel=True)
    assert fast == _renew(book, tmp_path / "slow.csv", case, kernel=False)
    assert b'"Broker 7, AB"' in fast[0]
    from quote.renewal.writing import output_pair

    with output_pair(open_book(book, None), tmp_path / "o.csv", tmp_path / "r.csv") as pair:
        assert not kernel_path.suits(open_book(book, None), pair)
        plain = tmp_path / "plain.csv"
        plain.write_text(book.read_text(encoding="utf-8").replace('"', ""), encoding="utf-8")
        assert not kernel_path.quoted_throughout(plain.read_bytes())
