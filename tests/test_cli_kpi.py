"""`quote kpi show`, `quote kpi add` (both bases) and `quote kpi fetch` through the CLI."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from quote.dates import Month
from quote.indexation import latest_published

from .conftest import FIXTURES, KPI_PATH, Invoke
from .scb_server import fake_scb

# SCB's figures for the months the bundled series lacks or ends with (1980 = 100). 2024-12
# is NOT in our sources: 416.70 stands in for it here (between 416.61 and 416.73, where SCB's
# 2024 average puts it). The 2026 figures on 2020 = 100 are test values except August
# (124.85, DOMAIN.md's example).
TAB5737 = {"2024M12": "416.70", "2025M10": "419.35", "2025M11": "417.83", "2025M12": "417.96"}
TAB6596 = {"2026M01": "124.10", "2026M02": "124.50", "2026M08": "124.85"}


@pytest.fixture
def series(tmp_path: Path) -> Path:
    path = tmp_path / "kpi-1980.csv"
    shutil.copy(KPI_PATH, path)
    return path


def test_show_last_months(run: Invoke) -> None:
    result = run("kpi", "show")
    assert result.exit_code == 0, result.output
    assert "2025-12 │ 417,96" in result.stdout
    assert "2025-09 │ 418,26 │  0,9 %" in result.stdout  # 418.26 / 414.57 − 1 = 0.89 %
    assert "2024-12" not in result.stdout  # not in our sources
    assert "2024-12" in result.stderr  # … and said so


def test_show_warns_when_stale(run: Invoke) -> None:
    """valid.csv ends 2024-09; SCB has published later months since mid-October 2024."""
    result = run("kpi", "show", "--kpi", str(FIXTURES / "kpi" / "valid.csv"),
                 env={"QUOTE_LANG": "en"})
    assert result.exit_code == 0
    published = latest_published(date.today())
    assert (f"the series' latest KPI is 2024-09, but SCB will have published up to "
            f"{published}") in result.stderr
    assert "run quote kpi fetch" in result.stderr
    data = json.loads(run("kpi", "show", "--kpi", str(FIXTURES / "kpi" / "valid.csv"),
                          "--json").stdout)
    assert data["stale"] == {"latest_published": str(published)}


def test_show_is_quiet_when_current(run: Invoke, tmp_path: Path) -> None:
    published = latest_published(date.today())
    path = tmp_path / "k.csv"
    path.write_text(f"# base: 1980=100\nmonth,kpi\n{published.previous()},400\n{published},401\n")
    result = run("kpi", "show", "--kpi", str(path))
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(run("kpi", "show", "--kpi", str(path), "--json").stdout)["stale"] is None


def test_show_from_json(run: Invoke) -> None:
    data = json.loads(run("kpi", "show", "--from", "2025-10", "--json").stdout)
    assert [m["month"] for m in data["months"]] == ["2025-10", "2025-11", "2025-12"]
    assert data["base"] == "1980=100" and data["last"] == "2025-12"
    assert data["gaps"] == ["2024-12"]
    assert data["links"] == {"2020=100": {"factor": "3.3592", "places": 2, "mode": "half_up"}}
    assert run("kpi", "show", "--from", "2024-9").exit_code == 2


def test_show_header_only_file(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("# base: 1980=100\nmonth,kpi\n")
    result = run("kpi", "show", "--kpi", str(path))
    assert result.exit_code == 2
    assert "None" not in result.output and "inga månader än" in result.stderr


def test_add_next_month(run: Invoke, series: Path) -> None:
    before = series.read_text()
    result = run("kpi", "add", "2026-01", "419.10", "--kpi", str(series))
    assert result.exit_code == 0, result.output
    assert series.read_text() == before + "2026-01,419.10\n"
    assert run("kpi", "show", "--kpi", str(series), "--json").exit_code == 0


def test_add_fills_the_gap_in_place(run: Invoke, series: Path) -> None:
    result = run("kpi", "add", "2024-12", "416.70", "--kpi", str(series), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gaps"] == []
    assert "2024-11,416.75\n2024-12,416.70\n2025-01,416.57\n" in series.read_text()
    assert run("tariff", "check", "--strict", str(series)).exit_code == 0


def test_add_a_2020_figure_converts_it(run: Invoke, series: Path) -> None:
    """DOMAIN.md: August 2026 = 124.85 (2020 = 100) → 124.85 × 3.3592 = 419.3961… → 419.40."""
    result = run("kpi", "add", "2026-08", "124.85", "--base", "2020", "--kpi", str(series),
                 env={"QUOTE_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "Added 2026-08,419.40 (1980=100)" in result.stdout
    assert "124.85 (2020=100) × 3.3592 = 419.396120 -> 419.40" in result.stdout
    assert "lacks 2024-12, 2026-01..2026-07" in result.stderr  # still missing before it
    last = series.read_text().splitlines()[-1]
    assert last == ("2026-08,419.40,from 124.85 (2020=100) × 3.3592 = 419.396120 -> 419.40 "
                    "(half_up to 2 decimals)")
    data = json.loads(run("kpi", "show", "--kpi", str(series), "--json").stdout)
    assert data["months"][-1]["note"].startswith("from 124.85 (2020=100)")


def test_add_a_1980_figure_with_base_1980_is_stored_as_given(run: Invoke, series: Path) -> None:
    assert run("kpi", "add", "2026-01", "419,1", "--base", "1980=100",
               "--kpi", str(series)).exit_code == 0
    assert series.read_text().endswith("2026-01,419.10\n")  # stored with two decimals


def test_a_2026_price_names_the_converted_figure(run: Invoke, tmp_path: Path) -> None:
    """A 2027 price uses September 2026; stored from a 2020 figure, the breakdown shows it.
    Plus 35: 1068 × 419.40 / 408.05 = 1097.71… → 1098 kr."""
    data = tmp_path / "data"
    assert run("data", "init", str(data)).exit_code == 0
    assert run("kpi", "add", "2026-09", "124.85", "--base", "2020",
               "--tariffs", str(data)).exit_code == 0
    result = run("price", "--product", "plus", "--age", "35", "--on", "2027-02-01",
                 "--tariffs", str(data), "--json")
    assert result.exit_code == 0, result.output
    kpi = json.loads(result.stdout)["kpi"]
    assert kpi["reference"] == "419.40" and kpi["series_base"] == "1980=100"
    assert kpi["reference_conversion"].startswith("from 124.85 (2020=100) × 3.3592")
    assert json.loads(result.stdout)["monthly_premium"] == "1098.00"
    text = run("price", "--product", "plus", "--age", "35", "--on", "2027-02-01",
               "--tariffs", str(data)).stdout
    assert "KPI (1980=100) 2026-09/2023-09: 419,40 [from 124.85 (2020=100)" in text


def test_add_via_data_directory(run: Invoke, series: Path) -> None:
    result = run("kpi", "add", "2026-01", "419,10", env={"QUOTE_TARIFFS": str(series.parent)})
    assert result.exit_code == 0, result.output
    assert series.read_text().endswith("2025-12,417.96\n2026-01,419.10\n")


@pytest.mark.parametrize(
    ("month", "value", "extra", "message"),
    [
        ("2025-11", "417.83", [], "MONTH: 2025-11 is already in"),
        ("2024-13", "417", [], "MONTH: month must be 01 to 12"),
        ("2026-01", "abc", [], "VALUE: 'abc' is not a number"),
        ("2026-01", "0", [], "VALUE: KPI must be a number from 1 to 10 000"),
        ("2026-01", "1e30", [], "VALUE: KPI must be a number from 1 to 10 000"),
        ("2026-01", "124.1", ["--base", "1995"], "--base: "),
        ("2026-01", "124.1", ["--base", "twenty"], "--base: the base must read YYYY=100"),
    ],
)
def test_add_refuses_and_changes_nothing(run: Invoke, series: Path, month: str, value: str,
                                         extra: list[str], message: str) -> None:
    before = series.read_bytes()
    result = run("kpi", "add", month, value, *extra, "--kpi", str(series),
                 env={"QUOTE_LANG": "en"})
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert series.read_bytes() == before
    assert [p.name for p in series.parent.iterdir()] == [series.name]  # no temp file left


def test_add_to_a_broken_series_is_refused(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("month,kpi\n2024-01,1\n2024-01,2\n")
    result = run("kpi", "add", "2024-04", "3", "--kpi", str(path))
    assert result.exit_code == 2 and "k.csv:3: 2024-01: månaden finns redan" in result.stderr


def test_add_to_empty_series(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("# base: 1980=100\nmonth,kpi\n")
    assert run("kpi", "add", "2024-01", "400.5", "--kpi", str(path)).exit_code == 0
    assert path.read_text().endswith("month,kpi\n2024-01,400.50\n")


# quote kpi fetch -------------------------------------------------------------------------


def test_fetch_fills_the_gap_and_the_new_months(run: Invoke, series: Path) -> None:
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:
        result = run("kpi", "fetch", "--until", "2026-02", "--kpi", str(series), "--json",
                     env={"QUOTE_SCB_API": scb.url})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    statuses = {m["month"]: m["status"] for m in data["months"]}
    assert statuses == {"2024-12": "added", "2025-10": "agreed", "2025-11": "agreed",
                        "2025-12": "agreed", "2026-01": "added", "2026-02": "added"}
    assert data["tables"] == ["TAB5737", "TAB6596"]
    text = series.read_text()
    assert "2024-11,416.75\n2024-12,416.70\n2025-01,416.57\n" in text
    # 124.10 × 3.3592 = 416.87672 → 416.88; 124.50 × 3.3592 = 418.2204 → 418.22
    assert text.endswith(
        "2026-01,416.88,from 124.10 (2020=100) × 3.3592 = 416.876720 -> 416.88 (half_up to 2 "
        "decimals)\n2026-02,418.22,from 124.50 (2020=100) × 3.3592 = 418.220400 -> 418.22 "
        "(half_up to 2 decimals)\n")
    # One request per table, in PxWebApi 2.0's form.
    paths = [path for path, _ in scb.requests]
    assert paths == ["/api/v2/tables/TAB5737/data?lang=sv&outputFormat=json-stat2",
                     "/api/v2/tables/TAB6596/data?lang=sv&outputFormat=json-stat2"]
    assert scb.requests[0][1]["selection"][0]["valueCodes"] == [
        "2024M12", "2025M10", "2025M11", "2025M12"]
    assert run("tariff", "check", "--strict", str(series)).exit_code == 0


def test_fetch_text_output_and_unpublished_months(run: Invoke, series: Path) -> None:
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:
        result = run("kpi", "fetch", "--until", "2026-03", "--kpi", str(series),
                     env={"QUOTE_SCB_API": scb.url, "QUOTE_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "2026-03 │" in result.stdout and "not published yet" in result.stdout
    assert "3 added, 3 agreed, 0 disagree, 1 not published" in result.stdout
    assert "2026-03" not in series.read_text()


def test_fetch_never_overwrites_a_figure_that_disagrees(run: Invoke, series: Path) -> None:
    text = series.read_text().replace("2025-11,417.83", "2025-11,417.38")  # a typo
    series.write_text(text)
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:
        result = run("kpi", "fetch", "--until", "2025-12", "--kpi", str(series),
                     env={"QUOTE_SCB_API": scb.url, "QUOTE_LANG": "en"})
    assert result.exit_code == 1, result.output
    assert ("2025-11: the series has 417.38 but SCB says 417.83; it was not overwritten"
            in result.stderr)
    after = series.read_text()
    assert "2025-11,417.38" in after  # kept
    assert "2024-12,416.70" in after  # the missing month was still added


def test_fetch_up_to_date(run: Invoke, series: Path) -> None:
    with fake_scb({"TAB5737": TAB5737}) as scb:
        series.write_text(series.read_text().replace("2024-11,416.75\n",
                                                     "2024-11,416.75\n2024-12,416.70\n"))
        before = series.read_bytes()
        result = run("kpi", "fetch", "--until", "2025-12", "--kpi", str(series),
                     env={"QUOTE_SCB_API": scb.url, "QUOTE_LANG": "en"})
    assert result.exit_code == 0
    assert "0 added, 3 agreed" in result.stdout
    assert series.read_bytes() == before


def test_fetch_offline_exits_2_and_writes_nothing(run: Invoke, series: Path) -> None:
    before = series.read_bytes()
    result = run("kpi", "fetch", "--until", "2026-02", "--kpi", str(series),
                 env={"QUOTE_SCB_API": "http://127.0.0.1:9/api/v2", "QUOTE_LANG": "en"})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach SCB's API" in lines[0]
    assert "quote kpi add MONTH VALUE [--base 2020]" in lines[0]
    assert series.read_bytes() == before
    assert [p.name for p in series.parent.iterdir()] == [series.name]


def test_fetch_refuses_the_installed_copy_and_a_garbled_answer(run: Invoke, series: Path,
                                                              tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Garbled(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html>maintenance</html>")

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Garbled)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        before = series.read_bytes()
        result = run("kpi", "fetch", "--until", "2026-02", "--kpi", str(series),
                     env={"QUOTE_SCB_API": f"http://127.0.0.1:{server.server_address[1]}",
                          "QUOTE_LANG": "en"})
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 2 and "not the expected JSON-stat 2.0" in result.stderr
    assert series.read_bytes() == before


def test_kpi_months_helpers() -> None:
    assert Month(2026, 1).previous() == Month(2025, 12)


@pytest.mark.parametrize("value", ["1e30", "1e5000", "0.001", "414.1234567", "9" * 5000])
def test_add_refuses_a_figure_out_of_range(run: Invoke, series: Path, value: str) -> None:
    before = series.read_bytes()
    result = run("kpi", "add", "2026-01", value, "--kpi", str(series))
    assert result.exit_code == 2
    assert result.stderr.startswith("Fel: VALUE: ")
    assert series.read_bytes() == before


def test_add_through_a_symlink_updates_the_real_series(run: Invoke, series: Path,
                                                       tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(series)
    result = run("kpi", "add", "2026-01", "419.10", "--kpi", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert series.read_text().endswith("2025-12,417.96\n2026-01,419.10\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpi-1980.csv", "link.csv"]
