"""KPI series: the bundled SCB figures, broken series, and the factor for a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from quote.dates import Month
from quote.errors import InputError, KpiError, KpiMissingError
from quote.indexation import (
    Link,
    index_factor,
    latest_published,
    load_kpi,
    parse_kpi,
    parse_kpi_value,
    reference_month,
)

from .conftest import FIXTURES, KPI_PATH


def test_bundled_series_is_scb_1980(kpi) -> None:  # type: ignore[no-untyped-def]
    assert kpi.base == "1980=100"
    assert kpi.first == Month(2006, 1)
    assert kpi.last == Month(2025, 12)
    # 2006-01 .. 2025-12 is 240 months; 2024-12 is not in our sources.
    assert len(kpi.values) == 239
    assert kpi.gaps() == [Month(2024, 12)]
    assert kpi.values[Month(2023, 9)] == Decimal("408.05")
    assert kpi.values[Month(2024, 9)] == Decimal("414.57")
    assert kpi.values[Month(2025, 9)] == Decimal("418.26")
    link = kpi.links["2020=100"]
    assert (link.factor, link.places, link.mode) == (Decimal("3.3592"), 2, "half_up")


def test_2025_figures_average_scbs_annual_figure(kpi) -> None:  # type: ignore[no-untyped-def]
    """DOMAIN.md: the twelve 2025 figures average 417.98, SCB's published 2025 figure."""
    months = [kpi.values[Month(2025, m)] for m in range(1, 13)]
    assert (sum(months) / 12).quantize(Decimal("0.01")) == Decimal("417.98")


def test_bundled_series_equals_the_shared_copies() -> None:
    shared = KPI_PATH.parents[2] / "shared"
    assert shared.is_dir(), "../shared must be beside this checkout (as in CI)"
    ours = [line for line in KPI_PATH.read_text().splitlines()
            if not line.startswith("#") and line != "month,kpi,note"]
    theirs = [line for name in ("kpi-1980.csv", "kpi-1980-2025.csv")
              for line in (shared / name).read_text().splitlines() if line != "month,kpi"]
    assert ours == theirs


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("bad-header", 2, "the header must be 'month,kpi' (or 'month,kpi,note')"),
        ("bad-month", 8, "the first column must be a month YYYY-MM"),
        ("duplicate-month", 8, "2024-01: duplicate month (first on line 7)"),
        ("non-positive", 11, "2024-05: KPI must be a number from 1 to 10 000 with at most 4 "
                             "decimals"),
        ("not-a-number", 10, "2024-04: KPI must be a number from 1 to 10 000 with at most 4 "
                             "decimals"),
    ],
)
def test_broken_series_reported_at_its_line(name: str, line: int, message: str) -> None:
    path = FIXTURES / "kpi" / f"{name}.csv"
    with pytest.raises(KpiError) as info:
        load_kpi(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:{line}: {message}"]


def test_a_file_that_is_no_series_is_never_quoted(tmp_path: Path) -> None:
    """--kpi pointed at the wrong file: its first line is not repeated in the message."""
    path = tmp_path / "shadow"
    path.write_text("root:$6$secret:19000:0:99999:7:::\n2024-01,410.0\n")
    with pytest.raises(KpiError) as info:
        load_kpi(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:1: the header must be 'month,kpi' (or 'month,kpi,note')"]


def test_no_line_of_a_file_that_is_no_series_is_quoted(tmp_path: Path) -> None:
    """Every problem of such a file names its line and what was expected, never a value:
    `quote tariff check` lists them all, and --kpi may name any file."""
    path = tmp_path / "shadow"
    path.write_text("month,kpi\n2024-01,s3cr3t-a\n2024-02,0\n# base: s3cr3t-b\n"
                    "# link s3cr3t-c: factor 2\n2024-03,s3cr3t-d-is-long-enough-to-cut\n")
    with pytest.raises(KpiError) as info:
        load_kpi(path)
    shown = [str(p) for p in info.value.problems]
    assert [s.split(": ", 1)[0] for s in shown] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert not any("s3cr3t" in s for s in shown), shown


def test_empty_and_missing_series(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(KpiError, match="empty KPI file"):
        load_kpi(empty)
    with pytest.raises(KpiError, match="KPI file not found"):
        load_kpi(tmp_path / "none.csv")


def test_reference_month_is_september_of_the_year_before() -> None:
    assert reference_month(date(2025, 3, 1), 9, -1) == Month(2024, 9)
    assert reference_month(date(2025, 12, 31), 9, -1) == Month(2024, 9)
    assert reference_month(date(2024, 9, 1), 9, -1) == Month(2023, 9)


def test_factor_2025(kpi) -> None:  # type: ignore[no-untyped-def]
    """DOMAIN.md: on 2025-03-01 the factor is KPI 2024-09 / KPI 2023-09 = 414.57 / 408.05."""
    factor = index_factor(kpi, Month(2023, 9), date(2025, 3, 1), 9, -1)
    assert (factor.reference, factor.base) == (Decimal("414.57"), Decimal("408.05"))
    assert f"{factor.ratio:.6f}" == "1.015978"


def test_missing_month_names_month_file_and_fix(kpi) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KpiMissingError) as info:
        index_factor(kpi, Month(2023, 9), date(2027, 11, 23), 9, -1)
    text = str(info.value)
    assert "no KPI figure for 2026-09" in text
    assert "kpi-1980.csv" in text
    assert "the series ends at 2025-12" in text
    assert "'quote kpi add 2026-09 VALUE'" in text and "'quote kpi fetch'" in text
    assert "--on" in text
    assert "quote data init" not in text  # a checkout's tariffs/ is the user's to edit


def test_a_gap_is_a_warning_and_an_error_only_for_its_month(tmp_path: Path) -> None:
    gap = FIXTURES / "kpi" / "gap.csv"
    _, problems = parse_kpi(gap, gap.read_bytes())
    assert [(p.line, p.severity) for p in problems] == [(9, "warning")]
    assert problems[0].message.startswith("2024-03 missing (between 2024-02 and 2024-04); a "
                                          "quote that needs such a month fails")
    series = load_kpi(gap)  # loads: only a quote needing 2024-03 fails
    assert series.gaps() == [Month(2024, 3)]
    assert index_factor(series, Month(2023, 9), date(2024, 6, 1), 9, -1).reference_month == \
        Month(2023, 9)
    with pytest.raises(KpiMissingError, match="the series lacks that month"):
        index_factor(series, Month(2024, 3), date(2024, 6, 1), 9, -1)


def test_2024_12_is_missing_and_named(kpi) -> None:  # type: ignore[no-untyped-def]
    """A tariff based on December 2024 cannot be priced: the error names 2024-12."""
    with pytest.raises(KpiMissingError, match="no KPI figure for 2024-12"):
        index_factor(kpi, Month(2024, 12), date(2025, 6, 1), 9, -1)


@pytest.mark.parametrize("text", ["1e30", "0", "-3", "10000.01", "417.123456", "NaN", "Infinity",
                                  "9" * 5000, "abc", ""])
def test_typed_kpi_outside_the_sane_range_is_refused(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_kpi_value(text)
    assert info.value.field == "value"
    assert len(str(info.value)) < 200  # never the 5 000 digits back


def test_a_kpi_of_1e30_in_a_file_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("# base: 1980=100\nmonth,kpi\n2024-01,400\n2024-02,1e30\n")
    with pytest.raises(KpiError) as info:
        load_kpi(path)
    assert [p.line for p in info.value.problems] == [4]


def test_link_converts_2020_figures_half_up() -> None:
    """DOMAIN.md: August 2026 = 124.85 (2020 = 100) → 124.85 × 3.3592 = 419.3961… → 419.40."""
    link = Link("2020=100", Decimal("3.3592"), 2, "half_up")
    assert link.convert(Decimal("124.85")) == Decimal("419.40")
    assert link.convert(Decimal("124.5")) == Decimal("418.22")  # 418.2204 → 418.22
    # A tie at half an öre: 0.01 × 0.5 = 0.005.
    assert Link("2020=100", Decimal("0.5"), 2, "half_up").convert(Decimal("0.01")) == \
        Decimal("0.01")  # 0.005 → 0.01 (half-even would give 0.00)
    assert Link("2020=100", Decimal("0.5"), 2, "half_even").convert(Decimal("0.01")) == \
        Decimal("0.00")
    assert "124.85 (2020=100) × 3.3592 = 419.396120 -> 419.40" in link.describe(Decimal("124.85"))


def test_a_malformed_link_or_base_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("# base: 1980 = hundred\n# link 2020=100: times 3\nmonth,kpi\n2024-01,400\n")
    with pytest.raises(KpiError) as info:
        load_kpi(path)
    assert [p.line for p in info.value.problems] == [1, 2]


def test_latest_published_is_around_the_15th_of_the_next_month() -> None:
    assert latest_published(date(2026, 11, 25)) == Month(2026, 10)
    assert latest_published(date(2026, 11, 15)) == Month(2026, 10)
    assert latest_published(date(2026, 11, 14)) == Month(2026, 9)
    assert latest_published(date(2026, 1, 3)) == Month(2025, 11)


# --- figures: range and decimals, and every problem of a file reported (mutation survivors) --

@pytest.mark.parametrize(("text", "sane"), [
    ("416.1234", True),  # four decimals: the most SCB-derived figures need
    ("416.12345", False),  # five: refused
    ("1", True), ("10000", True), ("0.99", False), ("10000.01", False),
])
def test_kpi_figures_have_at_most_four_decimals(text: str, sane: bool) -> None:
    from quote.indexation import sane_kpi

    assert sane_kpi(Decimal(text)) is sane


@pytest.mark.parametrize(("text", "stored"), [
    ("416.7", "416.70"), ("416", "416.00"), ("416.125", "416.125"), ("416.1234", "416.1234"),
])
def test_kpi_figures_are_stored_with_at_least_two_decimals(text: str, stored: str) -> None:
    from quote.indexation import kpi_figure

    assert str(kpi_figure(Decimal(text))) == stored


def test_every_problem_of_a_series_is_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    """A blank line, a bad value, a line without a value and a duplicate each skip only their
    own line: the figures after them are read and later problems reported too."""
    raw = (b"# base: 1980=100\nmonth,kpi\n2023-08,407.00\n\n2023-09,abc\n2023-10\n"
           b"2023-10,409.00\n2023-10,409.50\n2023-11,410.00\n2023-12,oops\n")
    series, problems = parse_kpi(tmp_path / "k.csv", raw)
    assert [p.line for p in problems] == [5, 6, 8, 10]
    assert series.values == {Month(2023, 8): Decimal("407.00"), Month(2023, 10): Decimal("409.00"),
                             Month(2023, 11): Decimal("410.00")}


def test_a_month_added_goes_right_after_the_last_figure_not_after_blank_lines(
        tmp_path: Path) -> None:
    from quote.indexation import Addition, with_months

    raw = b"month,kpi\n2023-09,408.05\n\n\n"
    text = with_months(tmp_path / "k.csv", raw, [Addition(Month(2023, 10), Decimal("409.00"))])
    assert text == "month,kpi\n2023-09,408.05\n2023-10,409.00\n\n\n"
    # into a gap, the blank line before the next figure stays where it was
    raw = b"month,kpi\n2023-09,408.05\n\n2023-11,410.00\n"
    text = with_months(tmp_path / "k.csv", raw, [Addition(Month(2023, 10), Decimal("409.00"))])
    assert text == "month,kpi\n2023-09,408.05\n\n2023-10,409.00\n2023-11,410.00\n"


def test_a_bad_month_or_figure_corrected_on_the_next_line(tmp_path: Path) -> None:
    """A line with an impossible month or a bad figure is reported alone: the corrected line
    below it is read with no gap or order warning, and reading goes on after it."""
    raw = (b"month,kpi\n2023-08,407.00\n2023-13,1\n2023-09,abc\n2023-09,408.05\n"
           b"2023-10,409.00\n")
    series, problems = parse_kpi(tmp_path / "k.csv", raw)
    assert [p.line for p in problems] == [3, 4]
    assert sorted(series.values) == [Month(2023, 8), Month(2023, 9), Month(2023, 10)]


def test_typed_figures_up_to_twenty_characters() -> None:
    assert parse_kpi_value("416.1200000000000000") == Decimal("416.12")  # 20 characters
    with pytest.raises(InputError):
        parse_kpi_value("416.12000000000000000")  # 21


def test_a_note_turns_the_header_into_month_kpi_note(tmp_path: Path) -> None:
    from quote.indexation import Addition, with_months

    raw = b"# base: 1980=100\nmonth,kpi\n2025-12,417.50\n"
    text = with_months(tmp_path / "k.csv", raw, [
        Addition(Month(2026, 1), Decimal("418.40"), "from 124.55 (2020=100)")])
    assert text == ("# base: 1980=100\nmonth,kpi,note\n2025-12,417.50\n"
                    "2026-01,418.40,from 124.55 (2020=100)\n")


def test_a_month_before_the_first_figure_goes_first(tmp_path: Path) -> None:
    from quote.indexation import Addition, with_months

    raw = b"month,kpi\n2023-10,409.00\n"
    text = with_months(tmp_path / "k.csv", raw, [Addition(Month(2023, 9), Decimal("408.05"))])
    assert text == "month,kpi\n2023-09,408.05\n2023-10,409.00\n"


def test_notes_keep_their_commas_and_figures_are_at_most_twenty_characters(
        tmp_path: Path) -> None:
    raw = (b"month,kpi,note\n2025-12,417.50,from 124.29 (2020=100), SCB, 2026-01-14\n"
           b"2026-01,418.4000000000000000\n2026-02,418.40000000000000000\n")
    series, problems = parse_kpi(tmp_path / "k.csv", raw)
    assert series.notes[Month(2025, 12)] == "from 124.29 (2020=100), SCB, 2026-01-14"
    assert series.values[Month(2026, 1)] == Decimal("418.4")  # 20 characters: read
    assert [p.line for p in problems] == [4]  # 21 characters: refused


def test_after_an_impossible_month_gaps_are_still_seen(tmp_path: Path) -> None:
    """A bad month counts as the month after the previous one: no cascade, but a real gap
    after it is still reported (and a bad first month is just reported)."""
    raw = b"month,kpi\n2023-13,1\n2023-08,407.00\n2023-14,1\n2023-11,410.00\n"
    _series, problems = parse_kpi(tmp_path / "k.csv", raw)
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (4, "error"),
                                                        (5, "warning")]
    assert "2023-10" in problems[-1].message


def test_the_first_figure_goes_right_under_the_header(tmp_path: Path) -> None:
    from quote.indexation import Addition, with_months

    raw = b"# base: 1980=100\nmonth,kpi\n\n\n"
    text = with_months(tmp_path / "k.csv", raw, [Addition(Month(2023, 9), Decimal("408.05"))])
    assert text == "# base: 1980=100\nmonth,kpi\n2023-09,408.05\n\n\n"


def test_messages_quote_at_most_the_start_of_a_long_bad_input(tmp_path: Path) -> None:
    """A bad value is shown cut to 20 characters (a bad line to 40), never whole."""
    for text in ("x" * 30, "9" * 30):
        with pytest.raises(InputError) as info:
            parse_kpi_value(text)
        assert text[:20] in info.value.message and text[:21] not in info.value.message
    with pytest.raises(InputError) as info:  # not a number once stripped: still cut to 20
        parse_kpi_value(" " * 5 + "x" * 18)
    assert "x" * 15 in info.value.message and "x" * 16 not in info.value.message
    raw = b"month,kpi\n2023-09," + b"y" * 30 + b"\n" + b"z" * 50 + b"\n"
    _series, problems = parse_kpi(tmp_path / "k.csv", raw)
    assert "y" * 21 not in problems[0].message  # a file's line is never repeated whole
    assert "z" * 41 not in problems[1].message


def test_an_empty_series_is_reported_on_line_1(tmp_path: Path) -> None:
    _series, problems = parse_kpi(tmp_path / "k.csv", b"")
    assert [p.line for p in problems] == [1]


def test_a_month_added_after_one_trailing_blank_line(tmp_path: Path) -> None:
    from quote.indexation import Addition, with_months

    raw = b"month,kpi\n2023-09,408.05\n\n"
    text = with_months(tmp_path / "k.csv", raw, [Addition(Month(2023, 10), Decimal("409.00"))])
    assert text == "month,kpi\n2023-09,408.05\n2023-10,409.00\n\n"


def test_a_decimal_comma_under_a_note_header_is_no_note(tmp_path: Path) -> None:
    """Under month,kpi,note, 407,00 would read as the figure 407 with the note "00": a note
    of digits only is a decimal comma, and the line is refused, never read as 407."""
    path = tmp_path / "kpi.csv"
    path.write_text("month,kpi,note\n2024-03,406.00,prel.\n2024-04,407,00\n"
                    "2024-05,408.00,from SCB, 2024-06-14\n", encoding="utf-8")
    series, problems = parse_kpi(path, path.read_bytes())
    assert [(p.line, p.severity) for p in problems] == [(3, "error"), (4, "warning")]
    assert problems[0].message.startswith("expected 'YYYY-MM,value' with a decimal point")
    assert Month(2024, 4) not in series.values  # never stored as 407


def test_a_decimal_comma_is_named_as_such(tmp_path: Path) -> None:
    """407,00 under the header month,kpi is a decimal comma, not a figure and a note: the
    line is refused for its shape (not as a bad number), and the month counts as missing."""
    path = tmp_path / "kpi.csv"
    path.write_text("month,kpi\n2024-03,406.00\n2024-04,407,00\n2024-05,408.00\n",
                    encoding="utf-8")
    _, problems = parse_kpi(path, path.read_bytes())
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (3, "error", "expected 'YYYY-MM,value' with a decimal point (and a note only under "
                     "the header month,kpi,note)"),
        (4, "warning", "2024-04 missing (between 2024-03 and 2024-05); a quote that needs "
                       "such a month fails (fill it with quote kpi fetch or quote kpi add)")]
