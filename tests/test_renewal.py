"""`quote renew` and `quote tariff impact`: every row accounted for, priced as `quote price`."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quote.renewal.frames as frames
import quote.renewal.kernel as kernel_path
from quote.catalog import kpi_for
from quote.i18n import t
from quote.pricing import PriceRequest, price
from quote.renewal import Book, Pricer, open_book, run_impact, run_renewal
from quote.tariff import load_tariff

from .conftest import DKV_PATH, Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

HEADER = ["policy_id", "product", "birth_date", "renewal_date", "deductible", "smoker",
          "loading_pct", "current_premium", "broker"]
GOOD = [
    # Plus, 34 on 2025-03-01: 1068 × 414.57 / 408.05 = 1085.06… → 1085; no options
    ["P1", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "1068", "Anna"],
    # Bas, 57: 2137 → 2171.15 → 2171; + 25 % = 2713.75; current 2600 → +4.38 %
    ["P2", "bas", "1967-10-28", "2025-05-01", "0", "nej", "25", "2600,00", "Bo"],
    # Plus, 26: 995 → 1010.9 → 1011; + 50 % = 1516.50; − 210 = 1306.50
    ["P3", "Plus", "1998-04-04", "2025-01-01", "500", "0", "50", "", "Cia"],
    # Topp, smoker, turns 36 on the renewal date: moves from 31-35 to 36-40:
    # 1414 → 1436.59… → 1437; × 1.25 = 1796.25; − 340 = 1456.25
    ["P4", "topp", "1989-02-01", "2025-02-01", "1000", "JA", "0", "1400", "Dan"],
]
BAD = [
    (["B1", "gold", "1990-01-01", "2025-01-01", "0", "false", "", "", ""], "unknown_product"),
    (["B2", "plus", "1990-02-30", "2025-01-01", "0", "false", "", "", ""], "bad_date"),
    (["B3", "plus", "1990-01-01", "2024-05-01", "0", "false", "", "", ""], "before_tariff"),
    (["B4", "plus", "1990-01-01", "2025-01-01", "700", "false", "", "", ""],
     "deductible_not_offered"),
    (["B5", "plus", "1990-01-01", "2025-01-01", "0", "maybe", "", "", ""], "bad_boolean"),
    (["B6", "plus", "1990-01-01", "2025-01-01", "0", "false", "-5", "", ""], "negative_loading"),
    (["B7", "plus", "1990-01-01", "2025-01-01", "0", "false", "lots", "", ""], "bad_number"),
    (["B8", "plus", "1990-01-01", "2025-01-01", "0", "false", "", "dyr", ""], "bad_number"),
    (["B9", "plus", "2026-01-01", "2025-01-01", "0", "false", "", "", ""],
     "birth_after_renewal"),
    (["B10", "plus", "1990-01-01", "2027-01-01", "0", "false", "", "", ""], "kpi_missing"),
    (["B11", "plus", "1990-01-01", "2025-13-01", "0", "false", "", "", ""], "bad_date"),
    # the key separator (U+001F) inside a field would make two keys alike: refused
    (["B12", "pl\x1fus", "1990-01-01", "2025-01-01", "0", "false", "", "", ""], "bad_text"),
]


def write_book(path: Path, rows: list[list[str]], header: list[str] = HEADER,
               delimiter: str = ",", bom: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode())
    return path


def read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_good_rows_are_priced_as_quote_price(run: Invoke, tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.csv", GOOD)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    rows = read(tmp_path / "out.csv")
    assert [r["policy_id"] for r in rows] == ["P1", "P2", "P3", "P4"]
    assert [r["new_premium"] for r in rows] == ["1085.00", "2713.75", "1306.50", "1456.25"]
    assert [r["bracket"] for r in rows] == ["31-35", "56-60", "26-30", "36-40"]
    assert [r["age"] for r in rows] == ["34", "57", "26", "36"]
    assert {r["index_factor"] for r in rows} == {"1.015978"}
    assert {r["tariff_id"] for r in rows} == {"dkv-vardforsakring"}
    # (1085 − 1068) / 1068 = 1.59 %; (2713.75 − 2600) / 2600 = 4.375 → 4.38 %;
    # (1456.25 − 1400) / 1400 = 4.0178… → 4.02 %
    assert [r["change_pct"] for r in rows] == ["1.59", "4.38", "", "4.02"]
    assert [r["broker"] for r in rows] == ["Anna", "Bo", "Cia", "Dan"]  # passed through
    assert list(rows[0])[:len(HEADER)] == HEADER
    summary = json.loads(result.stdout)
    assert (summary["rows_in"], summary["rows_out"], summary["rows_rejected"]) == (4, 4, 0)
    assert summary["premium_before"] == "5068.00"  # 1068 + 2600 + 1400 (P3 has none)
    assert summary["premium_after"] == "5255.00"  # 1085 + 2713.75 + 1456.25
    assert summary["premium_after_all"] == "6561.50"
    assert summary["moved_bracket"] == 2  # P3 turned 26, P4 turned 36
    assert summary["change_bands"] == {"below 0 %": 0, "0-2 %": 1, "2-5 %": 2, "5-10 %": 0,
                                       "10-20 %": 0, "20 % and over": 0}
    # By product and självrisk: P3 (Plus, 500) has no current premium, so it counts in
    # after_all only.
    figures = ("rows", "with_current", "before", "after", "after_all")
    assert [(p["product"], p["deductible"], *(p[f] for f in figures))
            for p in summary["by_product"]] == [
        ("bas", "0", 1, 1, "2600.00", "2713.75", "2713.75"),
        ("plus", "0", 1, 1, "1068.00", "1085.00", "1085.00"),
        ("plus", "500", 1, 0, "0.00", "0.00", "1306.50"),
        ("topp", "1000", 1, 1, "1400.00", "1456.25", "1456.25")]


def test_every_reject_reason_and_the_accounting(run: Invoke, tmp_path: Path) -> None:
    rows = [GOOD[0], *(row for row, _ in BAD), GOOD[1]]
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--rejects",
                 str(tmp_path / "rej.csv"), "--json", env={"QUOTE_LANG": "en"})
    assert result.exit_code == 0, result.output
    out, rejected = read(tmp_path / "out.csv"), read(tmp_path / "rej.csv")
    assert [r["policy_id"] for r in out] == ["P1", "P2"]
    assert [(r["policy_id"], r["reason"]) for r in rejected] == [
        (row[0], reason) for row, reason in BAD]
    assert [r["line"] for r in rejected] == [str(i) for i in range(3, 3 + len(BAD))]
    assert all(r["message"] for r in rejected)
    kpi = next(r for r in rejected if r["reason"] == "kpi_missing")
    assert "no KPI figure for 2026-09" in kpi["message"]
    summary = json.loads(result.stdout)
    assert summary["rows_in"] == len(rows) == summary["rows_out"] + summary["rows_rejected"]
    assert summary["rejected_by_reason"]["bad_date"] == 2
    strict = run("renew", str(book), "-o", str(tmp_path / "out2.csv"), "--strict")
    assert strict.exit_code == 1


def test_semicolon_bom_and_on(run: Invoke, tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "renewal_date"]
    rows = [[v for i, v in enumerate(r) if HEADER[i] != "renewal_date"] for r in GOOD]
    book = write_book(tmp_path / "book.csv", rows, header, delimiter=";", bom=True)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--on", "2025-03-01")
    assert result.exit_code == 0, result.output
    out = read(tmp_path / "out.csv", delimiter=";")
    assert out[0]["policy_id"] == "P1" and out[0]["new_premium"] == "1085.00"
    assert "Rader in 4 · ut 4 · avvisade 0" in result.stdout


def test_same_input_gives_byte_identical_output(run: Invoke, tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.csv", [*GOOD, *(r for r, _ in BAD)])
    run("renew", str(book), "-o", str(tmp_path / "a.csv"))
    run("renew", str(book), "-o", str(tmp_path / "b.csv"))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.rejects.csv").read_bytes() == (tmp_path / "b.rejects.csv").read_bytes()


def test_empty_file_and_header_only(run: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("renew", str(empty), "-o", str(tmp_path / "o.csv"), "--on", "2025-01-01",
                 "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows_in"] == 0
    header_only = write_book(tmp_path / "h.csv", [])
    result = run("renew", str(header_only), "-o", str(tmp_path / "o2.csv"), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["rows_out"] == 0
    assert read(tmp_path / "o2.csv") == []


@pytest.mark.parametrize(("header", "message"), [
    ([h for h in HEADER if h != "smoker"], "missing column(s) smoker"),
    ([h for h in HEADER if h != "birth_date"], "missing column(s) birth_date (or id)"),
    ([h for h in HEADER if h != "renewal_date"], "renewal_date (or --on)"),
    ([*HEADER, "age"], "the column(s) age would be overwritten"),
])
def test_missing_or_clashing_columns_exit_2_before_any_work(run: Invoke, tmp_path: Path,
                                                             header: list[str],
                                                             message: str) -> None:
    book = write_book(tmp_path / "book.csv", [], header)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), env=EN)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_not_a_csv_file(run: Invoke, tmp_path: Path) -> None:
    binary = tmp_path / "book.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = run("renew", str(binary), "-o", str(tmp_path / "out.csv"), env=EN)
    assert result.exit_code == 2 and "not a CSV file" in result.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"policy_id,product\nP1,B\x81s\n")  # 0x81: not in Windows-1252 either
    result = run("renew", str(latin), "-o", str(tmp_path / "out.csv"), "--on", "2025-01-01", env=EN)
    assert result.exit_code == 2 and "neither UTF-8 nor Windows-1252" in result.stderr
    assert "--encoding" in result.stderr
    assert run("renew", str(tmp_path / "none.csv"), "-o", str(tmp_path / "o.csv")
               ).exit_code == 2
    good = write_book(tmp_path / "good.csv", GOOD)
    nowhere = run("renew", str(good), "-o", str(tmp_path / "none" / "out.csv"), env=EN)
    assert nowhere.exit_code == 2 and "cannot write here" in nowhere.stderr
    same = run("renew", str(latin), "-o", str(latin), env=EN)
    assert same.exit_code == 2 and "must be different files" in same.stderr


def test_ragged_rows_are_rejected_with_their_line(run: Invoke, tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(",".join(HEADER) + "\n" + ",".join(GOOD[0]) + ",extra,fields\n"
                    + ",".join(GOOD[3]) + "\n" + ",".join(GOOD[2][:4]) + "\n")
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    rejected = read(tmp_path / "out.rejects.csv")
    assert [(r["line"], r["reason"]) for r in rejected] == [("2", "too_many_fields"),
                                                             ("4", "too_few_fields")]
    assert rejected[1]["message"] == t("renew.reason.too_few_fields", columns=9)
    assert [r["policy_id"] for r in read(tmp_path / "out.csv")] == ["P4"]


def test_an_interrupted_run_leaves_no_half_written_file(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    book = write_book(tmp_path / "book.csv", GOOD * 50)
    out = tmp_path / "out.csv"
    out.write_text("the previous run's output\n")
    calls = {"n": 0}
    original = frames.price_rows

    def interrupted(*args: object) -> pl.DataFrame:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(frames, "price_rows", interrupted)
    tariff = load_tariff(DKV_PATH)
    with pytest.raises(KeyboardInterrupt):
        run_renewal(open_book(book, None, block_bytes=256), None,
                    Pricer([tariff], lambda t: kpi_for(t, None)), out, tmp_path / "rej.csv")
    assert out.read_text() == "the previous run's output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv", "out.csv"]


def test_a_run_interrupted_in_the_kernel_leaves_no_half_written_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same on the kernel's path: an interrupt while it waits for Python (a new tuple
    of a later block) goes up through its thread, and nothing is published."""
    rows = [["P1", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "1068", "Anna"]] * 300
    rows += [["P2", "bas", "1970-05-01", "2025-03-01", "500", "ja", "", "1500", "Bo"]] * 300
    book = write_book(tmp_path / "book.csv", rows)
    out = tmp_path / "out.csv"
    out.write_text("the previous run's output\n")
    original = kernel_path.KernelTables.add_missing
    calls = {"n": 0}

    def interrupted(self: kernel_path.KernelTables, *args: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(kernel_path.KernelTables, "add_missing", interrupted)
    monkeypatch.setattr(kernel_path, "LOOK_AHEAD_BLOCKS", 0)  # the kernels ask themselves
    tariff = load_tariff(DKV_PATH)
    with pytest.raises(KeyboardInterrupt):
        run_renewal(open_book(book, None, block_bytes=2000), None,
                    Pricer([tariff], lambda t: kpi_for(t, None)), out, tmp_path / "rej.csv")
    assert calls["n"] >= 2  # the other kernel may ask once more before the interrupt is seen
    assert out.read_text() == "the previous run's output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv", "out.csv"]


def test_blocks_cut_only_between_records(run: Invoke, tmp_path: Path) -> None:
    """A quoted field with a newline and a comma survives any block boundary."""
    rows = [[f"P{i}", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "",
             f'note {i},\nline two "quoted"'] for i in range(200)]
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json",
                 "--block-bytes", "97")
    assert result.exit_code == 0, result.output
    out = read(tmp_path / "out.csv")
    assert [r["policy_id"] for r in out] == [f"P{i}" for i in range(200)]
    assert out[7]["broker"] == 'note 7,\nline two "quoted"'
    assert {r["new_premium"] for r in out} == {"1085.00"}


def test_identity_numbers_instead_of_birth_dates(run: Invoke, tmp_path: Path) -> None:
    header = ["policy_id", "product", "id", "renewal_date", "deductible", "smoker"]
    rows = [["P1", "plus", "900501-1235", "2025-03-01", "0", "false"],
            ["P2", "plus", "900501-1234", "2025-03-01", "0", "false"]]
    book = write_book(tmp_path / "book.csv", rows, header)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert read(tmp_path / "out.csv")[0]["new_premium"] == "1085.00"
    rejected = read(tmp_path / "out.rejects.csv")
    assert rejected[0]["reason"] == "bad_id" and "900501" not in rejected[0]["message"]


def test_parquet_in_and_out(run: Invoke, tmp_path: Path) -> None:
    pl.DataFrame([dict(zip(HEADER, r, strict=True)) for r in GOOD]).write_parquet(
        tmp_path / "book.parquet")
    result = run("renew", str(tmp_path / "book.parquet"), "-o", str(tmp_path / "out.parquet"))
    assert result.exit_code == 0, result.output
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert out.get_column("new_premium").to_list() == ["1085.00", "2713.75", "1306.50",
                                                       "1456.25"]


def test_two_tariff_versions_by_renewal_date(run: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kpi-1980.csv").write_bytes((DKV_PATH.parent / "kpi-1980.csv").read_bytes())
    (data / DKV_PATH.name).write_bytes(DKV_PATH.read_bytes())
    index = run("tariff", "index", str(data / DKV_PATH.name), "--from", "2025-04-01", "-o",
                str(data / "dkv-2025-04-01.yaml"), "--version", "2025-04")
    assert index.exit_code == 0, index.output
    rows = [["A", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "", ""],
            ["B", "plus", "1990-05-01", "2025-04-01", "0", "false", "", "", ""]]
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--tariffs", str(data))
    assert result.exit_code == 0, result.output
    out = read(tmp_path / "out.csv")
    # Both 1085.00: the indexed version priced without indexation equals the old one indexed.
    assert [(r["new_premium"], r["index_factor"]) for r in out] == [
        ("1085.00", "1.015978"), ("1085.00", "1.000000")]


def test_tariff_impact(run: Invoke, tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.csv", [*GOOD, BAD[0][0]])
    (tmp_path / "kpi-1980.csv").write_bytes((DKV_PATH.parent / "kpi-1980.csv").read_bytes())
    new = tmp_path / "new.yaml"
    new.write_text(DKV_PATH.read_text(encoding="utf-8").replace(
        "      31-35: 1068\n", "      31-35: 1168\n"), encoding="utf-8")
    result = run("tariff", "impact", str(book), str(DKV_PATH), str(new), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["rows_in"], data["rows_out"], data["rows_rejected"]) == (5, 4, 1)
    # Only P1 (Plus 31-35) changes: 1168 × 414.57 / 408.05 = 1186.66 → 1187 vs 1085: +9.40 %
    assert data["change_bands"]["0-2 %"] == 3 and data["change_bands"]["5-10 %"] == 1
    assert Decimal(data["premium_after"]) - Decimal(data["premium_before"]) == Decimal(102)
    human = run("tariff", "impact", str(book), str(DKV_PATH), str(new))
    assert "Rader in 5 · ut 4 · avvisade 1" in human.stdout


def test_impact_in_the_core_reads_the_blocks_asked_for(tmp_path: Path) -> None:
    """run_impact without options takes the date given (here each row's own); its progress
    hears once per read block: ``block_bytes`` when given, else the book's own."""
    path = write_book(tmp_path / "book.csv", GOOD * 5)  # 20 rows of about 50 bytes
    pricer = Pricer([TARIFF], lambda t_: KPI)

    def blocks(book: Book, block_bytes: int | None = None) -> list[int]:
        heard: list[int] = []
        summary = run_impact(book, None, pricer, pricer, heard.append, block_bytes)
        assert (summary.rows_in, summary.rows_out) == (20, 20)
        return heard

    whole = open_book(path, None)
    assert blocks(whole) == [20]
    cut = blocks(whole, 200)
    assert len(cut) > 1 and sum(cut) == 20
    assert blocks(open_book(path, None, block_bytes=200)) == cut


# --- property: random books, every row accounted for and priced as `quote price` ---------

TARIFF = load_tariff(DKV_PATH)
KPI = kpi_for(TARIFF, None)

row = st.tuples(
    st.sampled_from(["bas", "plus", "topp", "Plus", "gold"]),
    st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31)),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)),
    st.sampled_from(["0", "500", "1000", "700"]),
    st.sampled_from(["true", "false", "ja", "x"]),
    st.sampled_from(["", "0", "25", "12.5", "-1"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, max_size=40))
def test_random_books(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    tmp = tmp_path_factory.mktemp("book")
    book_rows = [[f"P{i}", p, b.isoformat(), r.isoformat(), d, s, lo, "", ""]
                 for i, (p, b, r, d, s, lo) in enumerate(rows)]
    book = write_book(tmp / "book.csv", book_rows)
    summary = run_renewal(open_book(book, None), None, Pricer([TARIFF], lambda t: KPI),
                          tmp / "out.csv", tmp / "rej.csv")
    out, rejected = read(tmp / "out.csv"), read(tmp / "rej.csv")
    assert summary.rows_in == len(rows) == len(out) + len(rejected)
    assert sorted(r["policy_id"] for r in out + rejected) == sorted(r[0] for r in book_rows)
    for r in out:
        source = book_rows[int(r["policy_id"][1:])]
        renewal_date = date.fromisoformat(source[3])
        expected = price(TARIFF, KPI, PriceRequest(
            product=source[1].lower(), age=int(r["age"]), on=renewal_date,
            deductible=int(source[4]), smoker=source[5] in ("true", "ja"),
            loading_pct=Decimal(source[6] or "0")))
        assert r["new_premium"] == f"{expected.monthly_premium:.2f}"
        assert r["bracket"] == expected.bracket.label
    assert sorted(os.listdir(tmp)) == ["book.csv", "out.csv", "out.csv.manifest.json", "rej.csv"]


# --- Excel both ways, identity numbers, the report, publishing (issues 10 and 12) -----------

SWEDISH = [["P1", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "1 068,00", "Åsa"],
           ["P2", "bas", "1967-10-28", "2025-05-01", "0", "nej", "25", "2\u00a0600,00", "Bo"],
           ["P3", "Plus", "1998-04-04", "2025-01-01", "500", "0", "50", "", "=cmd|' /C calc'"],
           ["P4", "topp", "1989-02-01", "2025-02-01", "1 000", "JA", "0", "1400", "Dan"]]
PREMIUMS = ["1085.00", "2713.75", "1306.50", "1456.25"]  # as GOOD: the same policies


def windows_book(path: Path) -> Path:
    """Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, ';', CRLF, no BOM."""
    lines = [";".join(HEADER), *(";".join(r) for r in SWEDISH)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def excel_book(path: Path) -> Path:
    import datetime

    import xlsxwriter  # type: ignore[import-untyped]

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Bestånd")
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for i, r in enumerate(SWEDISH, 1):
        sheet.write_row(i, 0, r[:2])
        sheet.write_datetime(i, 2, datetime.datetime.fromisoformat(r[2]), day)
        sheet.write_string(i, 3, r[3])
        sheet.write_number(i, 4, int(r[4].replace(" ", "")))
        sheet.write_string(i, 5, r[5])
        if r[6]:
            sheet.write_number(i, 6, int(r[6]))
        if r[7]:
            sheet.write_number(i, 7, float(r[7].replace(" ", "").replace("\u00a0", "")
                                       .replace(",", ".")))
        sheet.write_string(i, 8, r[8])
    workbook.close()
    return path


def test_a_windows_1252_book_with_swedish_numbers(run: Invoke, tmp_path: Path) -> None:
    book = windows_book(tmp_path / "book.csv")
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    out = read(tmp_path / "out.csv", delimiter=";")
    assert [r["new_premium"] for r in out] == PREMIUMS
    assert out[0]["broker"] == "Åsa" and out[0]["current_premium"] == "1 068,00"
    assert json.loads(result.stdout)["premium_before"] == "5068.00"  # 1068 + 2600 + 1400
    forced = run("renew", str(book), "-o", str(tmp_path / "o2.csv"), "--encoding", "utf-8")
    assert (forced.exit_code == 2 and "header is not utf-8" not in forced.stderr) or \
        forced.exit_code == 0


def test_the_same_book_as_xlsx_and_outputs_for_excel(run: Invoke, tmp_path: Path) -> None:
    import openpyxl

    book = excel_book(tmp_path / "book.xlsx")
    result = run("renew", str(book), "-o", str(tmp_path / "out.xlsx"), "--sheet", "Bestånd",
                 "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows_rejected"] == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    names = list(rows[0])
    premiums = [r[names.index("new_premium")] for r in rows[1:]]
    assert premiums == [1085, 2713.75, 1306.5, 1456.25]  # numbers, not text
    assert rows[1][names.index("current_premium")] == 1068
    assert sheet.cell(row=4, column=names.index("broker") + 1).quotePrefix  # a formula: text
    assert (tmp_path / "out.rejects.xlsx").exists()
    sv = run("renew", str(book), "-o", str(tmp_path / "sv.csv"), "--excel-sv")
    assert sv.exit_code == 0, sv.output
    data = (tmp_path / "sv.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[-3:-1] == ["1085,00", "1,59"]
    assert "'=cmd|' /C calc'" in lines[3]
    assert run("renew", str(book), "-o", str(tmp_path / "plain.csv")).exit_code == 0
    assert "=cmd|' /C calc'" in (tmp_path / "plain.csv").read_text()  # programs: exact


def test_personnummer_born_2001_to_2026(run: Invoke, tmp_path: Path) -> None:
    from .test_renewal_columns import personnummer

    header = ["policy_id", "product", "id", "renewal_date", "deductible", "smoker"]
    rows = [[f"P{y}{m}", "plus", personnummer(date(y, m, 2), 17 * m), "2026-06-01", "0",
             "false"] for y in range(2001, 2027) for m in (1, 5)]
    book = write_book(tmp_path / "book.csv", rows, header)
    os.chmod(book, 0o600)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows_rejected"] == 0
    out = read(tmp_path / "out.csv")
    assert [int(r["age"]) for r in out[:2]] == [25, 25]  # born 2001, not 1901 (Danish)
    for name in ("out.csv", "out.rejects.csv", "out.csv.manifest.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600  # as the book


def test_id_country_option_and_column(run: Invoke, tmp_path: Path) -> None:
    header = ["policy_id", "product", "id", "renewal_date", "deductible", "smoker"]
    book = write_book(tmp_path / "book.csv",
                      [["D1", "plus", "010190-1234", "2025-03-01", "0", "false"]], header)
    se = run("renew", str(book), "-o", str(tmp_path / "a.csv"), "--json")
    assert json.loads(se.stdout)["rejected_by_reason"] == {"bad_id": 1}
    rejected = read(tmp_path / "a.rejects.csv")
    assert rejected[0]["id"] == "010190-****"
    assert "1234" not in se.output and "1234" not in rejected[0]["message"]
    dk = run("renew", str(book), "-o", str(tmp_path / "b.csv"), "--id-country", "dk")
    assert dk.exit_code == 0 and read(tmp_path / "b.csv")[0]["age"] == "35"
    bad = run("renew", str(book), "-o", str(tmp_path / "c.csv"), "--id-country", "XX")
    assert bad.exit_code == 2 and "--id-country" in bad.stderr
    mixed = write_book(tmp_path / "mixed.csv", [
        ["D1", "plus", "010190-1234", "2025-03-01", "0", "false", "DK"],
        ["S1", "plus", "900501-1235", "2025-03-01", "0", "false", ""]], [*header, "id_country"])
    both = run("renew", str(mixed), "-o", str(tmp_path / "d.csv"), "--json")
    assert json.loads(both.stdout)["rows_out"] == 2


def test_no_row_priced_exits_1_and_says_why(run: Invoke, tmp_path: Path) -> None:
    rows = [["P1", "plus", "1990-05-01", "2027-03-01", "0", "false", "", "", ""],
            ["P2", "bas", "1980-05-01", "2027-04-01", "0", "false", "", "", ""]]
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert "kpi_missing 2" in first and "2026-09" in first
    assert result.stdout.startswith("Förnyelse")  # the summary still follows


def test_manifest_pairs_the_two_files(run: Invoke, tmp_path: Path) -> None:
    import hashlib

    book = write_book(tmp_path / "book.csv", [GOOD[0], BAD[0][0]])
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    data = json.loads(result.stdout)
    text = (tmp_path / "out.csv.manifest.json").read_text()
    manifest = json.loads(text)
    assert text == json.dumps(manifest, indent=2) + "\n"  # two-space indent, a final newline
    assert manifest["run"] == data["run"]
    # the run id: the first 16 hex digits of sha256("<output sha256>:<rejects sha256>")
    shas = [hashlib.sha256((tmp_path / n).read_bytes()).hexdigest()
            for n in ("out.csv", "out.rejects.csv")]
    assert data["run"] == hashlib.sha256(":".join(shas).encode()).hexdigest()[:16]
    for key, name in (("output", "out.csv"), ("rejects", "out.rejects.csv")):
        assert manifest[key]["file"] == name
        assert manifest[key]["sha256"] == hashlib.sha256(
            (tmp_path / name).read_bytes()).hexdigest()
    assert (manifest["output"]["rows"], manifest["rejects"]["rows"]) == (1, 1)


def test_outputs_of_one_stem_keep_their_own_manifests(run: Invoke, tmp_path: Path) -> None:
    """out.csv and out.xlsx beside each other: the second run does not replace the first
    pair's manifest, and each names its own files."""
    book = write_book(tmp_path / "book.csv", [GOOD[0], BAD[0][0]])
    for name in ("out.csv", "out.xlsx"):
        assert run("renew", str(book), "-o", str(tmp_path / name)).exit_code == 0
    for name in ("out.csv", "out.xlsx"):
        manifest = json.loads((tmp_path / f"{name}.manifest.json").read_text())
        rejects = name.replace("out.", "out.rejects.")
        assert (manifest["output"]["file"], manifest["rejects"]["file"]) == (name, rejects)
    assert not (tmp_path / "out.manifest.json").exists()


def test_a_kill_between_the_renames_leaves_no_manifest(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import quote.files

    book = write_book(tmp_path / "book.csv", [GOOD[0], BAD[0][0]])
    tariff = load_tariff(DKV_PATH)
    pricer = Pricer([tariff], lambda t: kpi_for(t, None))
    run_renewal(open_book(book, None), None, pricer, tmp_path / "out.csv", tmp_path / "r.csv")
    assert (tmp_path / "out.csv.manifest.json").exists()
    real = os.replace
    calls = {"n": 0}

    def killed(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the rejects are renamed, the output not yet
            raise KeyboardInterrupt
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(quote.files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        run_renewal(open_book(book, None), None, pricer, tmp_path / "out.csv",
                    tmp_path / "r.csv")
    assert not (tmp_path / "out.csv.manifest.json").exists()  # the pair is not vouched for


def test_reports_of_renew_and_impact(run: Invoke, tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.csv", [*GOOD, BAD[0][0]])
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--report",
                 str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Förnyelse av bestånd" in html and "5 068,00 kr" in html
    new = tmp_path / "new.yaml"
    new.write_text(DKV_PATH.read_text(encoding="utf-8").replace(
        "      31-35: 1068\n", "      31-35: 1168\n"), encoding="utf-8")
    (tmp_path / "kpi-1980.csv").write_bytes((DKV_PATH.parent / "kpi-1980.csv").read_bytes())
    impact = run("tariff", "impact", str(book), str(DKV_PATH), str(new), "--report",
                 str(tmp_path / "i.html"), "--json")
    assert impact.exit_code == 0, impact.output
    page = (tmp_path / "i.html").read_text(encoding="utf-8")
    assert "Effekt av ny tariff" in page and "Förslag" in page
    same = run("renew", str(book), "-o", str(tmp_path / "o.csv"), "--report", str(book))
    assert same.exit_code == 2
    nowhere = run("renew", str(book), "-o", str(tmp_path / "o.csv"), "--report",
                  str(tmp_path / "none" / "r.html"), env=EN)
    assert nowhere.exit_code == 2 and "cannot write here" in nowhere.stderr
    assert not (tmp_path / "o.csv").exists()  # checked before any work


def test_hostile_numbers_reject_the_row_not_the_run(run: Invoke, tmp_path: Path) -> None:
    rows = [["H1", "plus", "1990-05-01", "2025-03-01", "0", "false", "1e30", "", ""],
            ["H2", "plus", "1990-05-01", "2025-03-01", "1e5000", "false", "", "", ""],
            ["H3", "plus", "1990-05-01", "2025-03-01", "0", "false", "9" * 5000, "", ""],
            ["H4", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "1e30", ""],
            ["H5", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "-1068", ""],
            GOOD[0]]
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rejected_by_reason"] == {"bad_number": 5}
    assert data["premium_before"] == "1068.00"  # the negative premium is not summed


def test_block_bytes_option_is_hidden_and_works(run: Invoke, tmp_path: Path) -> None:
    rows = [GOOD[0]] * 50
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--block-bytes", "64",
                 "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["rows_out"] == 50
    assert "--block-bytes" not in run("renew", "--help").stdout


def test_an_unterminated_quote_in_an_id_book_leaks_nothing(run: Invoke, tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,id,renewal_date,deductible,smoker\n"
                    'P1,plus,"900501-1235,2025-03-01,0,false\n'
                    "P2,plus,900501-1235,2025-03-01,0,false\n", encoding="utf-8")
    os.chmod(book, 0o640)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    assert "1235" not in result.output
    rejected = read(tmp_path / "out.rejects.csv")
    assert [(r["line"], r["reason"]) for r in rejected] == [("2", "bad_quoting")]
    assert "1235" not in (tmp_path / "out.rejects.csv").read_text()
    for name in ("out.csv", "out.rejects.csv"):  # never more readable than the book
        assert (tmp_path / name).stat().st_mode & 0o777 & ~0o640 == 0


def test_a_newborn_has_not_moved_up_a_bracket(run: Invoke, tmp_path: Path) -> None:
    """Born on the renewal day: age 0, the first bracket's lowest age, yet no move up from
    a younger bracket (there is none). Turning 26 is one (26-30 starts at 26)."""
    rows = [["N1", "plus", "2025-03-01", "2025-03-01", "0", "false", "", "", ""],
            ["N2", "plus", "1999-03-01", "2025-03-01", "0", "false", "", "", ""]]
    book = write_book(tmp_path / "book.csv", rows)
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 0, result.output
    assert [(r["age"], r["bracket"]) for r in read(tmp_path / "out.csv")] == [
        ("0", "0-15"), ("26", "26-30")]
    assert json.loads(result.stdout)["moved_bracket"] == 1


def test_a_book_of_rejects_sums_to_nothing(run: Invoke, tmp_path: Path) -> None:
    """Every row rejected (a finding: exit 1): nothing priced, every figure is zero."""
    book = write_book(tmp_path / "book.csv", [row for row, _ in BAD[:3]])
    result = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--json")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["rows_in"], summary["rows_out"], summary["rows_rejected"]) == (3, 0, 3)
    assert (summary["premium_before"], summary["premium_after"],
            summary["premium_after_all"]) == ("0.00", "0.00", "0.00")
    assert (summary["rows_with_current_premium"], summary["moved_bracket"]) == (0, 0)
    assert set(summary["change_bands"].values()) == {0} and summary["by_product"] == []


def test_a_writable_id_book_gives_outputs_the_umask_allows(run: Invoke, tmp_path: Path) -> None:
    """A book with identity numbers that anyone may write (0666): the outputs are no more
    open than the book and than the umask (022) allows, so 0644, never 0666."""
    header = ["policy_id", "product", "id", "renewal_date", "deductible", "smoker"]
    book = write_book(tmp_path / "book.csv",
                      [["P1", "plus", "900501-1235", "2025-03-01", "0", "false"]], header)
    os.chmod(book, 0o666)
    old = os.umask(0o022)
    try:
        result = run("renew", str(book), "-o", str(tmp_path / "out.csv"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for name in ("out.csv", "out.rejects.csv", "out.csv.manifest.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
