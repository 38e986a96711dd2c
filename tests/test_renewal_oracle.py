"""`quote renew` and `quote tariff impact`, through the core and the CLI, against
tests/oracle.py: generated books that look like real ones (many read blocks, keys first
seen late, identity numbers, quoted fields with line breaks, `,` or `;`, with or without
BOM or trailing newline, Parquet in and out), every row priced or refused as the oracle
says. (Split from tests/test_oracle.py so that the renewal package's mutation run uses
only the tests about renewal.)
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from quote.catalog import kpi_for
from quote.indexation import load_kpi
from quote.renewal import Pricer, open_book, run_renewal
from quote.tariff import load_tariff

from . import oracle
from .conftest import DKV_PATH, KPI_PATH, MINI_KPI_PATH, Invoke, mini_tariff_variant
from .test_oracle import BIRTHS, DKV, slow

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

# --- quote renew: books that look like real ones, against the oracle ---------------------------

HEADER = ["policy_id", "product", "birth_date", "renewal_date", "deductible", "smoker",
          "loading_pct", "current_premium", "note"]
NOTES = ["", "ring efter 17", 'säger "nej tack"; vill ha brev', "rad ett\nrad två; tre",
         "a,b;c", "x" * 700]  # the last is longer than the small read blocks


def luhn(digits: str) -> str:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return str((10 - total % 10) % 10)


def personnummer(birth: date, serial: int, coordination: bool) -> str:
    """A 12-digit Swedish personnummer (samordningsnummer: day + 60) with its check digit."""
    day = birth.day + (60 if coordination else 0)
    body = f"{birth:%y%m}{day:02d}{serial:03d}"
    return f"{birth:%Y%m}{day:02d}-{serial:03d}{luhn(body)}"


row_strategy = st.fixed_dictionaries({
    "product": st.sampled_from(["bas", "plus", "topp", "Plus", " topp ", "gold"]),
    "birth": BIRTHS,
    "renewal": st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    "deductible": st.sampled_from(["0", "500", "1000", "700", "500.0", "5x"]),
    "smoker": st.sampled_from(["true", "false", "ja", "NEJ", "1", "0", "x"]),
    "loading": st.sampled_from(["", "0", "25", "12,5", "150", "-1", "lots"]),
    "current": st.sampled_from(["", "1068", "2600,00", "999.99", "dyr"]),
    "note": st.sampled_from(NOTES),
    "serial": st.integers(min_value=0, max_value=999),
    "coordination": st.booleans(),
})


def book_rows(rows: list[dict[str, Any]], with_id: bool) -> tuple[list[str], list[list[str]]]:
    header = [("id" if h == "birth_date" else h) for h in HEADER] if with_id else HEADER
    body = []
    for i, r in enumerate(rows):
        born = personnummer(r["birth"], r["serial"], r["coordination"]) if with_id \
            else r["birth"].isoformat()
        body.append([f"P{i}", r["product"], born, r["renewal"].isoformat(), r["deductible"],
                     r["smoker"], r["loading"], r["current"], r["note"]])
    return header, body


def write_csv(path: Path, header: list[str], body: list[list[str]], *, separator: str = ",",
              bom: bool = False, trailing_newline: bool = True) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
    text = buffer.getvalue()
    if not trailing_newline:
        text = text.removesuffix("\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return path


def read_csv(path: Path, separator: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=separator))


def oracle_row(r: dict[str, Any]) -> dict[str, str]:
    return {"product": r["product"], "birth_date": r["birth"].isoformat(),
            "renewal_date": r["renewal"].isoformat(), "deductible": r["deductible"],
            "smoker": r["smoker"], "loading_pct": r["loading"]}


def change_pct(new: Fraction, current: str) -> str:
    """README: (new − current) ÷ current × 100, half-up to two decimals; empty without one."""
    if not current:
        return ""
    old = Fraction(current.replace(",", "."))
    value = oracle.round_fraction((new - old) / old * 100, Fraction(1, 100), "half_up")
    return oracle.money(value)


def check_renewal(rows: list[dict[str, Any]], out: list[dict[str, str]],
                  rejected: list[dict[str, str]], s: oracle.Settings = DKV) -> None:
    """Every row accounted for, each priced or refused as the oracle says."""
    assert len(out) + len(rejected) == len(rows)
    by_id = {r["policy_id"]: r for r in out}
    refused = {r["policy_id"]: r for r in rejected}
    total = Fraction(0)
    for i, r in enumerate(rows):
        expected = oracle.renewal(s, oracle_row(r))
        if r["current"] == "dyr":  # an unreadable current premium is a reject of its own
            expected = oracle.Quote(invalid=expected.invalid | {"bad_number"})
        pid = f"P{i}"
        if expected.invalid:
            assert pid in refused, (r, expected.invalid)
            assert refused[pid]["reason"] in expected.invalid, (r, refused[pid])
            assert refused[pid]["line"] == str(i + 2)  # header is line 1; records, not lines
            assert refused[pid]["note"] == r["note"]
            continue
        assert pid in by_id, (r, refused.get(pid))
        got = by_id[pid]
        assert expected.monthly is not None and expected.factor is not None
        assert got["age"] == str(oracle.completed_years(r["birth"], r["renewal"]))
        assert (got["bracket"], got["new_premium"]) == (expected.bracket, expected.monthly_text)
        assert abs(Fraction(got["index_factor"]) - expected.factor) <= Fraction(5, 10**7)
        assert got["change_pct"] == change_pct(expected.monthly, r["current"])
        assert got["note"] == r["note"]
        total += expected.monthly
    assert [r["policy_id"] for r in out] == sorted(by_id, key=lambda p: int(p[1:]))
    if out:
        assert sum(Fraction(r["new_premium"]) for r in out) == total


TARIFF = load_tariff(DKV_PATH)
KPI = kpi_for(TARIFF, None)


def band_of(change: Fraction) -> str:
    """README: below 0 %, 0-2 %, 2-5 %, 5-10 %, 10-20 %, 20 % and over; lower bound in."""
    for name, low in (("20 % and over", 20), ("10-20 %", 10), ("5-10 %", 5), ("2-5 %", 2),
                      ("0-2 %", 0)):
        if change >= low:
            return name
    return "below 0 %"


@slow(40)
@given(rows=st.lists(row_strategy, max_size=60), block=st.sampled_from([64, 300, 2048, None]),
       separator=st.sampled_from([",", ";"]), bom=st.booleans(), trailing=st.booleans())
def test_core_renewal_is_the_oracles(tmp_path_factory: pytest.TempPathFactory,
                                     rows: list[dict[str, Any]], block: int | None,
                                     separator: str, bom: bool, trailing: bool) -> None:
    tmp = tmp_path_factory.mktemp("book")
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp / "book.csv", header, body, separator=separator, bom=bom,
                     trailing_newline=trailing)
    summary = run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                          tmp / "out.csv", tmp / "rej.csv", block_bytes=block)
    out, rejected = read_csv(tmp / "out.csv", separator), read_csv(tmp / "rej.csv", separator)
    assert (summary.rows_in, summary.rows_out, summary.rows_rejected) == (
        len(rows), len(out), len(rejected))
    check_renewal(rows, out, rejected)
    with_current = [r for r in out if r["current_premium"]]
    data = summary.as_dict()
    assert data["rows_with_current_premium"] == len(with_current)
    assert Fraction(data["premium_before"]) == sum(
        (Fraction(r["current_premium"].replace(",", ".")) for r in with_current), Fraction(0))
    assert Fraction(data["premium_after"]) == sum(
        (Fraction(r["new_premium"]) for r in with_current), Fraction(0))
    bands = dict.fromkeys(data["change_bands"], 0)
    for r in with_current:
        if r["change_pct"]:
            bands[band_of(Fraction(r["change_pct"]))] += 1
    assert data["change_bands"] == bands


@slow(15)
@given(rows=st.lists(row_strategy, min_size=1, max_size=40),
       block=st.sampled_from([64, 500]))
def test_cli_renewal_with_identity_numbers_is_the_oracles(
        run: Invoke, tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]],
        block: int) -> None:
    """An ``id`` column instead of birth dates: the birth date comes from the number."""
    rows = [{**r, "birth": min(r["birth"], date(2023, 12, 31))} for r in rows]
    tmp = tmp_path_factory.mktemp("book")
    header, body = book_rows(rows, with_id=True)
    book = write_csv(tmp / "book.csv", header, body, trailing_newline=False)
    result = run("renew", str(book), "-o", str(tmp / "out.csv"), "--block-bytes", str(block),
                 "--json")
    out, rejected = read_csv(tmp / "out.csv"), read_csv(tmp / "out.rejects.csv")
    assert result.exit_code == (0 if out else 1), result.output  # 1: no row priced
    assert json.loads(result.stdout)["rows_in"] == len(rows)
    check_renewal(rows, out, rejected)


def late_key_rows() -> list[dict[str, Any]]:
    """300 rows of one key, then every product × självrisk × smoker × several ages: keys
    first seen many blocks into the book."""
    first = {"product": "plus", "birth": date(1990, 5, 1), "renewal": date(2025, 3, 1),
             "deductible": "0", "smoker": "false", "loading": "", "current": "",
             "note": "", "serial": 0, "coordination": False}
    late = [{**first, "product": p, "deductible": d, "smoker": sm, "birth": date(y, 6, 30),
             "note": NOTES[(y + len(p)) % len(NOTES)]}
            for p, d, sm, y in itertools.product(["bas", "plus", "topp"], ["0", "500", "1000"],
                                                 ["false", "ja"], [1950, 1975, 2000, 2015])]
    return [first] * 300 + late


def test_keys_first_seen_in_a_later_block_are_priced(tmp_path: Path) -> None:
    """Kills the mutant Lookup that prices only the keys of the first block."""
    rows = late_key_rows()
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body)
    run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                tmp_path / "out.csv", tmp_path / "rej.csv", block_bytes=512)
    out, rejected = read_csv(tmp_path / "out.csv"), read_csv(tmp_path / "rej.csv")
    assert not rejected
    assert all(r["new_premium"] for r in out)
    check_renewal(rows, out, rejected)


def test_cli_late_keys_and_tariff_impact_across_blocks(run: Invoke, tmp_path: Path) -> None:
    rows = late_key_rows()
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body, separator=";", bom=True,
                     trailing_newline=False)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--block-bytes", "700")
    assert result.exit_code == 0, result.output
    check_renewal(rows, read_csv(tmp_path / "out.csv", ";"),
                  read_csv(tmp_path / "out.rejects.csv", ";"))
    impact = run("tariff", "impact", "--book", str(book), "--old", str(DKV_PATH), "--new",
                 str(DKV_PATH), "--block-bytes", "700", "--json")
    assert impact.exit_code == 0, impact.output
    data = json.loads(impact.stdout)
    assert (data["rows_in"], data["rows_out"]) == (len(rows), len(rows))
    expected = sum(oracle.renewal(DKV, oracle_row(r)).monthly or 0 for r in rows)
    assert Fraction(data["premium_after_all"]) == expected


def test_a_record_longer_than_a_block_and_no_trailing_newline(tmp_path: Path) -> None:
    rows = [{"product": "topp", "birth": date(1980, 2, 29), "renewal": date(2025, 2, 28),
             "deductible": "1000", "smoker": "ja", "loading": "25", "current": "1400",
             "note": "lång anteckning;\n" * 200, "serial": 1, "coordination": False},
            {"product": "bas", "birth": date(2010, 1, 1), "renewal": date(2025, 1, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "",
             "note": "sist", "serial": 2, "coordination": False}]
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body, trailing_newline=False)
    assert len(body[0][-1]) > 3000
    run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                tmp_path / "out.csv", tmp_path / "rej.csv", block_bytes=256)
    out = read_csv(tmp_path / "out.csv")
    # Topp, 44 on 2025-02-28 (born 29 Feb 1980): 1546 × 414.57 / 408.05 = 1570.70… → 1571;
    # + 25 % + 25 % = 1571 × 1.5 = 2356.50; − 340 = 2016.50.
    # Bas, 15 on 2025-01-01: 550 × 414.57 / 408.05 = 558.78… → 559.00.
    assert [(r["age"], r["new_premium"]) for r in out] == [("44", "2016.50"), ("15", "559.00")]
    check_renewal(rows, out, read_csv(tmp_path / "rej.csv"))


# --- Parquet in and out ------------------------------------------------------------------------

@slow(10)
@given(rows=st.lists(row_strategy, min_size=1, max_size=40))
def test_parquet_in_and_out_with_rejects(run: Invoke, tmp_path_factory: pytest.TempPathFactory,
                                         rows: list[dict[str, Any]]) -> None:
    tmp = tmp_path_factory.mktemp("pq")
    header, body = book_rows(rows, with_id=False)
    pl.DataFrame([dict(zip(header, r, strict=True)) for r in body],
                 schema={h: pl.String for h in header}).write_parquet(tmp / "book.parquet")
    result = run("renew", str(tmp / "book.parquet"), "-o", str(tmp / "out.parquet"), "--json")
    out = pl.read_parquet(tmp / "out.parquet").to_dicts()
    assert result.exit_code == (0 if out else 1), result.output  # 1: no row priced
    rejected = pl.read_parquet(tmp / "out.rejects.parquet").to_dicts()
    text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in out]
    rej = [{k: "" if v is None else str(v) for k, v in r.items()} for r in rejected]
    check_renewal(rows, text, rej)


def test_a_broken_parquet_file_is_refused(run: Invoke, tmp_path: Path) -> None:
    header, body = book_rows(late_key_rows()[:5], with_id=False)
    good = tmp_path / "good.parquet"
    pl.DataFrame([dict(zip(header, r, strict=True)) for r in body]).write_parquet(good)
    for name, data in [("garbage.parquet", b"PAR1 not really parquet"),
                       ("truncated.parquet", good.read_bytes()[:-20])]:
        (tmp_path / name).write_bytes(data)
        result = run("renew", str(tmp_path / name), "-o", str(tmp_path / "out.parquet"), env=EN)
        assert result.exit_code == 2, result.output
        assert "not a readable Parquet file" in result.stderr
        assert "Traceback" not in result.output
        assert not (tmp_path / "out.parquet").exists()
        assert not (tmp_path / "out.rejects.parquet").exists()


def test_change_bands_include_their_lower_bound(tmp_path: Path) -> None:
    """Plus, 34 on 2025-03-01: 1085.00 (as above). Current premiums chosen so the change,
    rounded half-up to hundredths, lands exactly on each band's lower bound:
    (1085 − 1063.73) / 1063.73 = 1.99958 % → 2.00; / 1033.33 → 5.00003 % → 5.00;
    / 986.36 → 10.0004 % → 10.00; / 904.17 → 19.9996 % → 20.00; 1085 → 0.00; 1100 → −1.36."""
    currents = ["1085", "1063.73", "1033.33", "986.36", "904.17", "1100"]
    rows = [{"product": "plus", "birth": date(1990, 5, 1), "renewal": date(2025, 3, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": c, "note": "",
             "serial": 0, "coordination": False} for c in currents]
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body)
    summary = run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                          tmp_path / "out.csv", tmp_path / "rej.csv")
    out = read_csv(tmp_path / "out.csv")
    assert [r["change_pct"] for r in out] == ["0.00", "2.00", "5.00", "10.00", "20.00", "-1.36"]
    assert summary.as_dict()["rows_with_current_premium"] == 6
    assert summary.as_dict()["change_bands"] == {
        "below 0 %": 1, "0-2 %": 1, "2-5 %": 1, "5-10 %": 1, "10-20 %": 1, "20 % and over": 1}
    check_renewal(rows, out, read_csv(tmp_path / "rej.csv"))



def test_a_policy_renewed_on_the_day_of_birth_is_age_0(tmp_path: Path) -> None:
    """Born on the renewal date: 0 whole years, bracket 0-15, priced (not 'born after').
    Bas 0-15 on 2025-01-01: 550 × 414.57 / 408.05 = 558.78… → 559.00."""
    rows = [{"product": "bas", "birth": date(2025, 1, 1), "renewal": date(2025, 1, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "", "note": "",
             "serial": 0, "coordination": False},
            {"product": "bas", "birth": date(2025, 1, 2), "renewal": date(2025, 1, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "", "note": "",
             "serial": 0, "coordination": False}]
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body)
    run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                tmp_path / "out.csv", tmp_path / "rej.csv")
    out, rejected = read_csv(tmp_path / "out.csv"), read_csv(tmp_path / "rej.csv")
    assert [(r["age"], r["bracket"], r["new_premium"]) for r in out] == [("0", "0-15", "559.00")]
    assert [r["reason"] for r in rejected] == ["birth_after_renewal"]
    check_renewal(rows, out, rejected)



def test_moving_out_of_a_one_year_first_bracket_counts(tmp_path: Path) -> None:
    """A tariff whose first bracket is age 0 alone: a child turning 1 moves bracket."""
    path = mini_tariff_variant(tmp_path / "infant.yaml", one_year_first_bracket=True)
    tariff, kpi = load_tariff(path), load_kpi(MINI_KPI_PATH)
    rows = [{"product": "bas", "birth": date(2024, 1, 1), "renewal": date(2025, 1, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "", "note": "",
             "serial": 0, "coordination": False}]
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body)
    summary = run_renewal(open_book(book, None), None, Pricer([tariff], lambda t: kpi),
                          tmp_path / "out.csv", tmp_path / "rej.csv")
    # Bas 1-15 on 2025-01-01: 500 × 410 / 400 = 512.5 → 513 (half-up)
    assert [(r["age"], r["bracket"], r["new_premium"]) for r in read_csv(tmp_path / "out.csv")
            ] == [("1", "1-15", "513.00")]
    assert summary.moved_bracket == 1


def test_text_passes_through_as_written(tmp_path: Path) -> None:
    """Every column is read as text: policy numbers with leading zeros stay as they are, and
    a UTF-8 character cut by the 64 KiB header sniff is no encoding error."""
    rows = [{"product": "plus", "birth": date(1990, 5, 1), "renewal": date(2025, 3, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "", "note": "å",
             "serial": 0, "coordination": False}] * 2
    header, body = book_rows(rows, with_id=False)
    body[0][0], body[1][0] = "000123", "000124"
    prefix = ",".join(header) + "\n" + ",".join(body[0]) + "\n" + ",".join(body[1])
    # the second row's note 'å' (last field) must start at byte 65535: pad the first note
    pad = 65535 - (len(prefix.encode()) - len("å".encode()))
    body[0][-1] = "x" * pad + "å"
    text = ",".join(header) + "\n" + ",".join(body[0]) + "\n" + ",".join(body[1]) + "\n"
    raw = text.encode()
    assert raw[65535:65537] == "å".encode()
    (tmp_path / "book.csv").write_bytes(raw)
    summary = run_renewal(open_book(tmp_path / "book.csv", None), None,
                          Pricer([TARIFF], lambda t: KPI), tmp_path / "out.csv",
                          tmp_path / "rej.csv")
    out = read_csv(tmp_path / "out.csv")
    assert summary.rows_out == 2
    assert [r["policy_id"] for r in out] == ["000123", "000124"]
    assert out[1]["note"] == "å"


def test_reject_messages_name_the_field(tmp_path: Path) -> None:
    header = ["policy_id", "product", "birth_date", "renewal_date", "deductible", "smoker"]
    book = write_csv(tmp_path / "b.csv", header,
                     [["P1", "plus", "1990-02-30", "2025-01-01", "0", "nej"]])
    run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                tmp_path / "o.csv", tmp_path / "r.csv")
    assert read_csv(tmp_path / "r.csv")[0]["message"] == \
        "birth_date: not a valid date YYYY-MM-DD"
    header[2] = "id"
    book = write_csv(tmp_path / "i.csv", header,
                     [["P1", "plus", "19900501-1234", "2025-01-01", "0", "nej"]])
    run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                tmp_path / "o2.csv", tmp_path / "r2.csv")
    assert read_csv(tmp_path / "r2.csv")[0]["message"].startswith(
        "id: not a valid identity number")


def test_change_against_the_smallest_current_premium(tmp_path: Path) -> None:
    """current 0.01 kr: (1085.00 − 0.01) / 0.01 × 100 = 10849900.00 %; current 0: no change."""
    rows = [{"product": "plus", "birth": date(1990, 5, 1), "renewal": date(2025, 3, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": c, "note": "",
             "serial": 0, "coordination": False} for c in ("0,01", "0")]
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body)
    run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                tmp_path / "out.csv", tmp_path / "rej.csv")
    assert [r["change_pct"] for r in read_csv(tmp_path / "out.csv")] == ["10849900.00", ""]


def test_parquet_across_many_batches_keeps_the_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quote.renewal.reading

    monkeypatch.setattr(quote.renewal.reading, "CHUNK_ROWS", 7)
    rows = late_key_rows()[290:]
    header, body = book_rows(rows, with_id=False)
    pl.DataFrame([dict(zip(header, r, strict=True)) for r in body]).write_parquet(
        tmp_path / "book.parquet", row_group_size=5)
    run_renewal(open_book(tmp_path / "book.parquet", None), None,
                Pricer([TARIFF], lambda t: KPI), tmp_path / "out.parquet",
                tmp_path / "rej.parquet")
    out = pl.read_parquet(tmp_path / "out.parquet").to_dicts()
    assert [r["policy_id"] for r in out] == [f"P{i}" for i in range(len(rows))]
    text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in out]
    check_renewal(rows, text, [])


def test_identity_numbers_with_a_bad_renewal_date(run: Invoke, tmp_path: Path) -> None:
    rows = [{"product": "plus", "birth": date(1990, 5, 1), "renewal": date(2025, 3, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "", "note": "",
             "serial": 123, "coordination": False}] * 2
    header, body = book_rows(rows, with_id=True)
    body[1][3] = "2025-13-01"
    book = write_csv(tmp_path / "book.csv", header, body)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert [r["new_premium"] for r in read_csv(tmp_path / "out.csv")] == ["1085.00"]
    assert [r["reason"] for r in read_csv(tmp_path / "out.rejects.csv")] == ["bad_date"]


def test_tariff_impact_with_new_brackets_is_the_oracles(run: Invoke, tmp_path: Path) -> None:
    """The new version regroups ages (31-35 and 36-40 become 31-37 and 38-40): each row
    is priced in its own bracket under each tariff, and bracket moves are the new
    tariff's (38 and 41 start a bracket there)."""
    data = yaml.safe_load(DKV_PATH.read_text(encoding="utf-8"))
    data["brackets"] = [{"31-35": "31-37", "36-40": "38-40"}.get(b, b) for b in data["brackets"]]
    for product in data["products"].values():
        premiums = product["premiums"]
        product["premiums"] = {{"31-35": "31-37", "36-40": "38-40"}.get(k, k): v
                               for k, v in premiums.items()}
    data["indexation"]["series"] = str(KPI_PATH)
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    old_s, new_s = DKV, oracle.yaml_settings(new)
    rows = [{"product": p, "birth": date(2025 - age, 1, 1), "renewal": date(2025, 3, 1),
             "deductible": "0", "smoker": "nej", "loading": "", "current": "", "note": "",
             "serial": 0, "coordination": False}
            for p in ("bas", "topp") for age in (34, 36, 38, 40, 41)]
    header, body = book_rows(rows, with_id=False)
    book = write_csv(tmp_path / "book.csv", header, body)
    result = run("tariff", "impact", str(book), str(DKV_PATH), str(new), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    before = [oracle.renewal(old_s, oracle_row(r)).monthly or 0 for r in rows]
    after = [oracle.renewal(new_s, oracle_row(r)).monthly or 0 for r in rows]
    assert before != after  # the regrouping changes some premiums
    assert Fraction(figures["premium_before"]) == sum(before)
    assert Fraction(figures["premium_after"]) == sum(after)
    # moved: the age starts a bracket of the new tariff (38 now does; 36 no longer)
    starts = {low for _label, low, _high in new_s.brackets if low > 0}
    ages = [oracle.completed_years(r["birth"], r["renewal"]) for r in rows]
    assert figures["moved_bracket"] == sum(age in starts for age in ages) == 4
