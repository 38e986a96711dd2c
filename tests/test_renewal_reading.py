"""Reading books: encodings, Excel, blocks cut linearly, malformed records as rejects."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quote.renewal.reading as reading
from quote.renewal.reading import (
    BookError,
    csv_blocks,
    detect_encoding,
    last_record_end,
    open_book,
)

HEADER = "policy_id;product;birth_date;renewal_date;deductible;smoker;current_premium"
ROW = "P{i};plus;1990-05-01;2025-03-01;0;false;1 068,00"


def book_of(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8",
            bom: bool = False) -> Path:
    text = "\r\n".join([header, *rows]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def frame(path: Path, **kwargs: object) -> pl.DataFrame:
    book = open_book(path, None, **kwargs)  # type: ignore[arg-type]
    frames = list(book.frames())
    return pl.concat(frames) if frames else pl.DataFrame(schema={"__line": pl.Int64})


def test_encodings_detected_and_overridden(tmp_path: Path) -> None:
    rows = [ROW.format(i=1).replace("P1", "Åsa")]
    utf8 = book_of(tmp_path / "u.csv", rows, bom=True)
    ansi = book_of(tmp_path / "a.csv", rows, encoding="cp1252")
    assert open_book(utf8, None).encoding == "utf-8"
    assert open_book(ansi, None).encoding == "cp1252"
    assert frame(utf8)["policy_id"].to_list() == frame(ansi)["policy_id"].to_list() == ["Åsa"]
    # forced: the same bytes read as Latin-1 (a codec that keeps ; and " as they are)
    assert frame(ansi, encoding="latin-1")["policy_id"].to_list() == ["Åsa"]
    with pytest.raises(BookError, match="unknown encoding"):
        open_book(ansi, None, encoding="klingon")
    with pytest.raises(BookError, match="not supported"):
        open_book(ansi, None, encoding="utf-16")
    assert detect_encoding("å".encode()[:1], complete=False) == "utf-8"  # cut at the end


@pytest.mark.parametrize(("tail", "codec"), [
    ("😀".encode()[:3], "utf-8"),  # a 4-byte character cut after 3 bytes: read on
    ("å".encode()[:1], "utf-8"),  # a 2-byte character cut after its first
    ("é".encode("cp1252") + b"abc", "cp1252"),  # 3 whole bytes after it: no UTF-8 cut
])
def test_only_a_character_cut_by_the_head_is_forgiven(tail: bytes, codec: str) -> None:
    """A head that ends inside a UTF-8 character (at most 3 of its 4 bytes) is still
    UTF-8; a byte no UTF-8 character can start with 3 bytes after it is not."""
    assert detect_encoding(b"a" * 100 + tail, complete=False) == codec


def test_a_line_not_in_the_encoding_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    good = ROW.format(i=1).encode()
    path.write_bytes(HEADER.encode() + b"\n" + good + b"\n" + b"P2;pl\xffus;x\n" + good + b"\n")
    read = frame(path, encoding="utf-8")
    assert read["__read"].to_list() == [None, "bad_encoding", None]
    assert read["__line"].to_list() == [2, 3, 4]


def test_last_record_end_is_linear_with_a_stray_quote() -> None:
    data = b'P1;x"y;3\n' + b"P2;a;b\n" * 200_000
    start = time.perf_counter()
    assert last_record_end(data) == -1  # no newline with an even count of quotes before it
    assert time.perf_counter() - start < 1.0
    assert last_record_end(b'a;"b\nc";d\ne\n') == 11
    assert last_record_end(b'a;"b\nc\n') == -1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["a;b", '"a;\nb";c', 'x"y;z', '"q""q";r', "", '"open']),
                max_size=30), st.integers(1, 64))
def test_blocks_cover_the_file_exactly(tmp_path_factory: pytest.TempPathFactory,
                                       lines: list[str], size: int) -> None:
    path = tmp_path_factory.mktemp("b") / "b.csv"
    body = "".join(line + "\n" for line in lines).encode()
    path.write_bytes(b"h;i\n" + body)
    blocks = list(csv_blocks(path, size))
    joined = b"".join(block for block, _sure in blocks)
    assert body.startswith(joined) and not body[len(joined):].strip(b"\r\n")


def test_a_stray_quote_does_not_stop_the_book(tmp_path: Path) -> None:
    rows = [ROW.format(i=i) for i in range(30_000)]
    rows[0] = rows[0].replace("plus", 'pl"us')
    path = book_of(tmp_path / "s.csv", rows)
    start = time.perf_counter()
    read = frame(path, block_bytes=4096)
    assert time.perf_counter() - start < 10
    assert read.height == 30_000 and read["__read"].null_count() == 30_000
    assert read["product"][0] == 'pl"us' and read["__line"][-1] == 30_001


def test_an_unterminated_quote_rejects_its_line_only(tmp_path: Path) -> None:
    rows = [ROW.format(i=1), 'P2;"plus;1990-05-01;2025-03-01;0;false;', ROW.format(i=3),
            ROW.format(i=4)]
    read = frame(book_of(tmp_path / "q.csv", rows))
    assert read["__read"].to_list() == [None, "bad_quoting", None, None]
    assert read["policy_id"].to_list() == ["P1", "P2", "P3", "P4"]
    assert read["__line"].to_list() == [2, 3, 4, 5]


def test_multi_line_records_count_as_one(tmp_path: Path) -> None:
    rows = [ROW.format(i=1), 'P2;"two\nlines";1990-05-01;2025-03-01;0;false;', ROW.format(i=3)]
    read = frame(book_of(tmp_path / "m.csv", rows))
    assert read["__line"].to_list() == [2, 3, 4]  # records, as a spreadsheet numbers them
    assert read["product"][1] == "two\r\nlines" or read["product"][1] == "two\nlines"


def test_blank_and_short_lines_and_a_late_nul(tmp_path: Path) -> None:
    rows = [ROW.format(i=i) for i in range(2000)]  # more than 64 KB before the NUL
    rows[1000] = ""
    rows[1001] = "P;plus;1990-05-01"
    rows[1999] = rows[1999].replace("plus", "pl\x00us")
    read = frame(book_of(tmp_path / "n.csv", rows))
    flags = dict(zip(read["__line"].to_list(), read["__read"].to_list(), strict=True))
    assert (flags[1002], flags[1003], flags[2001]) == ("too_few_fields", "too_few_fields",
                                                       "nul")  # a blank line is too short
    assert not read["product"].str.contains("\x00", literal=True).any()
    assert read.height == 2000


@pytest.mark.parametrize("rows", [
    [ROW.format(i=1), ROW.format(i=2), ""],  # a blank last line
    [ROW.format(i=1), "", ""],
    [ROW.format(i=1), "", 'P2;"two\nlines";1990-05-01;2025-03-01;0;false;1', ""],
    ["", 'P3;"open', ROW.format(i=4), ""],  # a quote never closed
])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_lines_read_alike_whatever_the_block_size(tmp_path: Path, rows: list[str],
                                                        newline: str) -> None:
    """A blank line is a too_few_fields record of its own, the last one too, however the
    book is cut into blocks (a block may be that one empty line)."""
    path = tmp_path / "b.csv"
    path.write_text(newline.join([HEADER, *rows]) + newline, encoding="utf-8", newline="")
    whole = frame(path)
    assert whole["__read"].to_list()[-1] == "too_few_fields"
    assert whole["__line"].to_list()[-1] == len(rows) + 1  # the header is line 1
    for size in (1, 2, 3, 7, 40):
        assert frame(path, block_bytes=size).drop("__row").equals(whole.drop("__row")), size


@pytest.mark.parametrize(("kib", "whole"), [(100, True), (140, False)])
def test_a_record_may_run_over_two_blocks_at_most(tmp_path: Path, kib: int,
                                                  whole: bool) -> None:
    """A quoted field of many lines at the start of a block is read on while the data
    held is under twice the block (128 KiB at least); a record not closed by then is taken
    for a stray quote: its first line is bad_quoting and reading goes on line by line."""
    note = ("x" * 99 + "\n") * (kib * 10)  # kib × 1000 bytes, 100-byte lines
    path = tmp_path / "long.csv"
    path.write_text(HEADER + '\nP2;"' + note + '";1990-05-01;2025-03-01;0;false;1\n'
                    + ROW.format(i=3) + "\n", encoding="utf-8")
    read = frame(path, block_bytes=65536)
    if whole:
        assert read["__read"].to_list() == [None, None]
        assert read["product"][0] == note and read["__line"].to_list() == [2, 3]
    else:
        assert read["__read"][0] == "bad_quoting" and read.height == kib * 10 + 2
        assert read["policy_id"][-1] == "P3" and read["__read"][-1] is None


def test_a_short_row_in_a_block_without_quotes_is_short(tmp_path: Path) -> None:
    """No quote anywhere: polars pads the short row with nulls, and the separators (one
    row two short) send the block to be read line by line, where the row is flagged."""
    rows = [ROW.format(i=1), ROW.format(i=2).rsplit(";", 2)[0], ROW.format(i=3)]
    read = frame(book_of(tmp_path / "s.csv", rows))
    assert read["__read"].to_list() == [None, "too_few_fields", None]
    assert read["__line"].to_list() == [2, 3, 4]


@pytest.mark.parametrize("rows", [
    [ROW.format(i=i).rsplit(";", 1)[0] for i in range(3)],  # every row one field short
    ["P1;plus", "P2;plus;1990-05-01"],  # 3 separators in 2 lines: as many as 6 / 2
])
def test_rows_short_alike_are_each_short(tmp_path: Path, rows: list[str]) -> None:
    """However the separators of a block add up, a row with fewer fields than the header
    is too_few_fields, never read with nulls for the missing fields."""
    read = frame(book_of(tmp_path / "s.csv", rows))
    assert read["__read"].to_list() == ["too_few_fields"] * len(rows)


def test_an_empty_last_field_is_not_a_short_row(tmp_path: Path) -> None:
    rows = [ROW.format(i=1).rsplit(";", 1)[0] + ";"]
    read = frame(book_of(tmp_path / "e.csv", rows))
    assert read["__read"].to_list() == [None] and read["current_premium"].to_list() == [None]


def test_excel_books(tmp_path: Path) -> None:
    import datetime

    import xlsxwriter  # type: ignore[import-untyped]

    path = tmp_path / "b.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Tom")
    sheet = workbook.add_worksheet("Bestånd")
    sheet.write_row(0, 0, HEADER.split(";"))
    sheet.write_row(1, 0, ["P1", "plus"])
    sheet.write_datetime(1, 2, datetime.datetime(1990, 5, 1),
                         workbook.add_format({"num_format": "yyyy-mm-dd"}))
    sheet.write_row(1, 3, ["2025-03-01", 500, False, 1213.5])
    workbook.close()
    with pytest.raises(BookError, match="no sheet named 'X'; the sheets are Tom, Bestånd"):
        open_book(path, None, sheet="X")
    read = frame(path, sheet="Bestånd")
    assert read.select(HEADER.split(";")).row(0) == (
        "P1", "plus", "1990-05-01", "2025-03-01", "500", "false", "1213.5")
    assert read["__line"].to_list() == [2]
    with pytest.raises(BookError, match="not a readable Excel file"):
        (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not really")
        open_book(tmp_path / "x.xlsx", None)
    with pytest.raises(BookError, match="--sheet is for Excel"):
        open_book(book_of(tmp_path / "c.csv", []), None, sheet="A")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=';"\n\r ab1\x00\xe5', max_size=30), max_size=20))
def test_any_text_reads_without_an_exception(tmp_path_factory: pytest.TempPathFactory,
                                             lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("h") / "h.csv"
    path.write_bytes((HEADER + "\n" + "\n".join(lines)).encode("utf-8"))
    try:
        read = frame(path, block_bytes=16)
    except BookError as exc:  # many NUL bytes: not a CSV file at all
        assert "binary content" in str(exc)
        return
    lines_read = read["__line"].to_list()
    assert lines_read == sorted(set(lines_read))


def test_an_ascii_head_then_windows_1252(tmp_path: Path) -> None:
    rows = [ROW.format(i=i) for i in range(3000)]  # about 120 KB of ASCII first
    rows.append(ROW.format(i=3000).replace("plus", "Östergård"))
    path = book_of(tmp_path / "late.csv", rows, encoding="cp1252")
    assert open_book(path, None).encoding == "ascii"  # not settled by the head
    read = frame(path, block_bytes=8192)
    assert read["__read"].null_count() == read.height == 3001
    assert read["product"][-1] == "Östergård"
    utf8 = book_of(tmp_path / "late8.csv", rows)
    assert frame(utf8, block_bytes=8192)["product"][-1] == "Östergård"


def test_block_bytes_reaches_the_block_reader(tmp_path: Path) -> None:
    from quote.catalog import kpi_for
    from quote.renewal import Pricer, run_renewal
    from quote.tariff import load_tariff

    from .conftest import DKV_PATH

    rows = [ROW.format(i=i) for i in range(200)]
    book = open_book(book_of(tmp_path / "b.csv", rows), None)
    pricer = Pricer([load_tariff(DKV_PATH)], lambda t: kpi_for(t, None))
    summary = run_renewal(book, None, pricer, tmp_path / "o.csv", tmp_path / "r.csv",
                          block_bytes=100)
    assert summary.rows_in == summary.rows_out == 200
    assert len(list(csv_blocks(book.path, 100))) > 50


def test_a_nul_in_a_parquet_book_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "b.parquet"
    pl.DataFrame({c: [v, v.replace("plus", "pl\x00us")] for c, v in zip(
        HEADER.split(";"), ROW.format(i=1).split(";"), strict=True)}).write_parquet(path)
    read = frame(path)
    assert read["__read"].to_list() == [None, "nul"]
    assert not read["product"].str.contains("\x00", literal=True).any()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.builds(lambda i: ROW.format(i=i), st.integers(0, 99)),
    st.text(alphabet=';"\n\r ab1,\x00\xe5-', max_size=40)), max_size=25),
    st.sampled_from([16, 200, 1 << 20]))
def test_any_book_is_accounted_for(tmp_path_factory: pytest.TempPathFactory,
                                   lines: list[str], block: int) -> None:
    """Hostile text through the whole run: no exception, every record priced or rejected."""
    from quote.catalog import kpi_for
    from quote.renewal import Pricer, run_renewal
    from quote.tariff import load_tariff

    from .conftest import DKV_PATH

    tmp = tmp_path_factory.mktemp("any")
    path = tmp / "b.csv"
    path.write_bytes((HEADER + "\n" + "\n".join(lines)).encode("utf-8"))
    try:
        book = open_book(path, None, block_bytes=block)
    except BookError:
        return  # not a CSV file at all (mostly NUL bytes): refused whole, exit 2
    pricer = Pricer([load_tariff(DKV_PATH)], lambda t: kpi_for(t, None))
    summary = run_renewal(book, None, pricer, tmp / "o.csv", tmp / "r.csv")
    out = pl.read_csv(tmp / "o.csv", separator=";", infer_schema=False)
    rejected = pl.read_csv(tmp / "r.csv", separator=";", infer_schema=False)
    assert summary.rows_in == out.height + rejected.height
    assert summary.rows_rejected == rejected.height
    assert b"\x00" not in (tmp / "o.csv").read_bytes() + (tmp / "r.csv").read_bytes()


def test_a_quoted_field_may_span_200_lines_not_201(tmp_path: Path) -> None:
    """In the line-by-line reader (here a NUL in the block sends it there) a record may
    span up to 200 lines; one more is taken as a quote never closed."""
    def spanning(i: int, lines: int) -> str:
        note = "\n".join(["rad"] * lines)
        return f'P{i};"{note}";1990-05-01;2025-03-01;0;false;'

    rows = [ROW.format(i=0).replace("plus", "pl\x00us"), spanning(1, 200), ROW.format(i=2),
            spanning(3, 201)]
    read = frame(book_of(tmp_path / "long.csv", rows))
    flags = dict(zip(read["policy_id"].to_list(), read["__read"].to_list(), strict=False))
    assert flags["P0"] == "nul" and flags["P1"] is None and flags["P2"] is None
    assert flags["P3"] == "bad_quoting"
    assert read.filter(pl.col("policy_id") == "P1")["product"][0].count("rad") == 200


def naive_record_end(data: bytes) -> int:
    """The last newline with an even number of quotes before it, counted from the start."""
    ends = [i for i, byte in enumerate(data) if byte == ord("\n")
            and data[:i].count(b'"') % 2 == 0]
    return ends[-1] if ends else -1


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40).map(lambda b: bytes(b'a"\n;'[x % 4] for x in b)))
def test_the_last_record_end_is_the_naive_one(data: bytes) -> None:
    assert last_record_end(data) == naive_record_end(data)


def test_a_nul_in_the_header_line_is_no_csv(tmp_path: Path) -> None:
    """One NUL in the header line (however few in the file) and the file is refused."""
    book = book_of(tmp_path / "h.csv", [ROW.format(i=i) for i in range(50)],
                   header=HEADER.replace("product", "pro\x00duct"))
    with pytest.raises(BookError, match="binary"):
        open_book(book, None)


def test_a_windows_1252_book_is_read_in_whole_blocks(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A sound Windows-1252 book goes through polars block by block, re-encoded; the
    line-by-line reader (slow on a big book) is never needed."""
    def refuse(*_args: object) -> pl.DataFrame:
        raise AssertionError("read line by line")

    monkeypatch.setattr(reading, "_careful_block", refuse)
    rows = [ROW.format(i=i).replace("P", "Å", 1) for i in range(3)]
    book = book_of(tmp_path / "w.csv", rows, encoding="cp1252")
    read = frame(book)
    assert read["policy_id"].to_list() == ["Å0", "Å1", "Å2"]


def test_a_header_with_as_many_semicolons_as_commas_is_comma_separated(tmp_path: Path
                                                                       ) -> None:
    path = tmp_path / "tie.csv"
    path.write_text("policy_id;product,birth_date,renewal_date;deductible,smoker;x\n",
                    encoding="utf-8")
    with pytest.raises(BookError):  # its columns do not fit; what matters is the reading
        open_book(path, None)
    assert reading._open_csv(path, None, 1 << 20).separator == ","


def test_a_short_row_beside_a_quoted_separator_is_still_short(tmp_path: Path) -> None:
    """A quoted ';' in one row and a row one field short in the same block: the separators
    add up to the right count, but the short row is still found (read line by line)."""
    rows = [ROW.format(i=1).replace("plus", '"pl;us"'), ROW.format(i=2).rsplit(";", 1)[0],
            ROW.format(i=3)]
    read = frame(book_of(tmp_path / "s.csv", rows))
    assert read["__read"].to_list() == [None, "too_few_fields", None]
    assert read["product"][0] == "pl;us"


@pytest.mark.parametrize(("nuls", "binary"), [(100, False), (101, True)])
def test_one_nul_in_a_hundred_bytes_is_still_text(tmp_path: Path, nuls: int,
                                                   binary: bool) -> None:
    """A 10,000-byte book: 100 NUL bytes (1 %) are rows to reject; 101 make it binary."""
    head = (HEADER + "\n").encode()
    body = ("\x00" * nuls).encode()
    path = tmp_path / "n.csv"
    path.write_bytes(head + body + b"x" * (10_000 - len(head) - len(body) - 1) + b"\n")
    assert path.stat().st_size == 10_000
    if binary:
        with pytest.raises(BookError, match="binary"):
            open_book(path, None)
    else:
        assert open_book(path, None).columns[0] == "policy_id"


def test_rows_full_of_nul_bytes_are_no_csv(tmp_path: Path) -> None:
    """More than one byte in a hundred a NUL in the first 64 KiB: binary, even with a clean
    header line."""
    rows = [ROW.format(i=i).replace("plus", "p\x00\x00\x00") for i in range(20)]
    with pytest.raises(BookError, match="binary"):
        open_book(book_of(tmp_path / "z.csv", rows), None)
